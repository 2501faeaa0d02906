# What test.sh and the scripts that start their own services share (sourced, not run): Debian packages installed only
# when their command is missing (as root, or with sudo), PostgreSQL's binaries (Debian keeps them off PATH), running a
# command as the postgres user when root, a free loopback port, and waiting for a started host to be ready.
# shellcheck shell=bash

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else return 1; fi; }

# PostgreSQL refuses to run as root: as root, run its commands as the postgres user the Debian package creates.
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

# The newest installed PostgreSQL's bin directory (/usr/lib/postgresql/<major>/bin), or nothing.
postgres_bin() { find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -type d -name bin 2>/dev/null | sort -V | tail -n 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# wait_ready <base url> <log> [seconds, default 60]: until the host there answers /health/ready; otherwise the end of
# its log on stderr and a failure.
wait_ready() {
  local _
  for _ in $(seq 1 $(( ${3:-60} * 5 ))); do curl -fsS -o /dev/null "$1/health/ready" 2>/dev/null && return 0; sleep 0.2; done
  echo "The host at $1 did not become ready; the end of its log:" >&2
  tail -n 30 "$2" >&2
  return 1
}

# install_missing <command>=<package>...: installs the packages whose command is not on PATH, in one apt-get run.
# The command "postgres" means PostgreSQL's server binaries in postgres_bin.
install_missing() {
  local missing=() pair command bin
  for pair in "$@"; do
    command="${pair%%=*}"
    if [ "$command" = postgres ]; then
      bin="$(postgres_bin)"
      if [ -n "$bin" ] && [ -x "$bin/initdb" ] && [ -x "$bin/postgres" ]; then continue; fi
    elif command -v "$command" >/dev/null; then
      continue
    fi
    missing+=("${pair#*=}")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  echo "Installing ${missing[*]}"
  if ! { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; }; then
    echo "Could not install ${missing[*]}: run as root (or with sudo), or install them." >&2
    return 1
  fi
}
