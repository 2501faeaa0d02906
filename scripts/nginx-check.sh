#!/usr/bin/env bash
# Checks deploy/nginx with the real nginx (`nginx -t`), against a self-signed certificate, for both upstream files:
# upstream.loopback.conf (replicas on this machine) and upstream.compose.conf (its service names pointed at
# loopback, since `api` and `grafana` only resolve inside compose).
#
#   scripts/nginx-check.sh                  check the configuration (exit 1 on any error)
#   scripts/nginx-check.sh --make-cert DIR  write a self-signed fullchain.pem and privkey.pem for localhost into DIR
#   scripts/nginx-check.sh --prepare DIR UPSTREAM
#                                           lay out a runnable copy in DIR (nginx.conf and its includes, tls/, temp
#                                           folders) using the UPSTREAM file; then: nginx -e stderr -p DIR -c DIR/nginx.conf
#                                           -g "pid DIR/nginx.pid;" (ports 80 and 443 unless LISTEN_HTTP/LISTEN_HTTPS are set)
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
conf_dir="$repo/deploy/nginx"

make_cert() { # make_cert <dir>
  mkdir -p "$1"
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$1/privkey.pem" -out "$1/fullchain.pem" >/dev/null 2>&1
  chmod 600 "$1/privkey.pem"
}

prepare() { # prepare <dir> <upstream file>
  local dir="$1" upstream="$2"
  mkdir -p "$dir/temp"
  cp "$conf_dir/nginx.conf" "$conf_dir/assistant.conf" "$conf_dir/proxy.conf" "$dir/"
  cp "$upstream" "$dir/upstream.conf"
  [ -f "$dir/tls/fullchain.pem" ] || make_cert "$dir/tls"
  # Temp folders inside the copy (the container's are its tmpfs); ports from the environment when given.
  sed -i "s|^http {|http {\n    client_body_temp_path $dir/temp/body;\n    proxy_temp_path $dir/temp/proxy;\n    fastcgi_temp_path $dir/temp/fastcgi;\n    uwsgi_temp_path $dir/temp/uwsgi;\n    scgi_temp_path $dir/temp/scgi;|" "$dir/nginx.conf"
  if [ -n "${LISTEN_HTTP:-}" ]; then sed -i -E "s/listen (\[::\]:)?80 /listen \1${LISTEN_HTTP} /" "$dir/assistant.conf"; fi
  if [ -n "${LISTEN_HTTPS:-}" ]; then sed -i -E "s/listen (\[::\]:)?443 /listen \1${LISTEN_HTTPS} /" "$dir/assistant.conf"; fi
}

check() { # check <label> <upstream file>
  local dir
  dir="$(mktemp -d -t pa-nginx-XXXXXX)"
  prepare "$dir" "$2"
  if nginx -e stderr -t -q -p "$dir" -c "$dir/nginx.conf" -g "pid $dir/nginx.pid;"; then
    echo "nginx -t: $1 ok"
    rm -rf "$dir"
  else
    echo "nginx -t: $1 FAILED (copy kept in $dir)" >&2
    return 1
  fi
}

case "${1:-}" in
  --make-cert) make_cert "${2:?a folder}"; exit 0 ;;
  --prepare) prepare "${2:?a folder}" "${3:?an upstream file}"; exit 0 ;;
  "") ;;
  *) sed -n '2,13p' "$0"; exit 2 ;;
esac

command -v nginx >/dev/null || { echo "nginx is not installed (apt-get install nginx)" >&2; exit 1; }
command -v openssl >/dev/null || { echo "openssl is not installed" >&2; exit 1; }

status=0
check "loopback upstreams" "$conf_dir/upstream.loopback.conf" || status=1
compose_upstream="$(mktemp -t pa-upstream-XXXXXX.conf)"
sed -E 's/server (api|grafana):/server 127.0.0.1:/' "$conf_dir/upstream.compose.conf" > "$compose_upstream"
check "compose upstreams" "$compose_upstream" || status=1
rm -f "$compose_upstream"
exit "$status"
