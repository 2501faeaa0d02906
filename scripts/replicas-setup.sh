# Two replicas of the host behind the real nginx, on loopback only (sourced by scripts/test-replicas.sh and
# scripts/load-replicas.sh, not run). Everything is private to this run, on free high ports of 127.0.0.1, in one temp
# folder, and stopped by the EXIT trap whatever happens:
#   - a PostgreSQL cluster (Debian's postgresql, initdb as the postgres user) and a Redis (redis-server). Our own, even
#     when test.sh has started its pair: the replicas' Hangfire servers, key ring and backplane then see nothing but
#     this run, and the script runs the same alone, from test.sh or on a bare machine;
#   - `migrate` once, then replica 1 and replica 2: the same database, the same Redis, the same Security:MasterKey and
#     data directory, Proxy:TrustedNetworks = 127.0.0.1/32 (nginx connects from there), Reminders:Dispatch and the job
#     workers on in both (docs/deployment.md, "More than one server");
#   - nginx with deploy/nginx as it ships (scripts/nginx-check.sh --prepare), upstream.loopback.conf pointed at the
#     two replicas' ports, a self-signed certificate for localhost/127.0.0.1;
#   - with start_prometheus, Prometheus with deploy/prometheus/prometheus.loopback.yml (and its rules) scraping both.
# Functions: replicas_start <server dll> [host args...], start_prometheus, nginx_upstream <port...> (rewrites the
# upstreams and reloads nginx). Sets work, edge (https://127.0.0.1:PORT), replica1, replica2, replica_pids,
# nginx_dir, https_port, http_port, prometheus_port.
# shellcheck shell=bash disable=SC2034 # the variables are for the scripts that source this one

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d -t pa-replicas-XXXXXX)"
chmod 755 "$work"
replica_pids=()
prometheus_pid=""
# shellcheck source=scripts/lib/machine.sh
source "$repo/scripts/lib/machine.sh"
pg_bin="$(postgres_bin)"

replicas_cleanup() {
  # Every step runs whatever the previous one did (a replica already stopped must not end the cleanup under set -e).
  set +e
  local pid
  for pid in "${replica_pids[@]}"; do kill "$pid" 2>/dev/null; done
  [ -n "$prometheus_pid" ] && kill "$prometheus_pid" 2>/dev/null
  [ -f "$work/nginx/nginx.pid" ] && kill "$(cat "$work/nginx/nginx.pid")" 2>/dev/null
  [ -f "$work/redis.pid" ] && kill "$(cat "$work/redis.pid")" 2>/dev/null
  [ -f "$work/pg/postmaster.pid" ] && as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -m immediate stop >/dev/null 2>&1
  if [ "${KEEP_WORK:-}" = 1 ]; then echo "Kept $work"; else rm -rf "$work"; fi
}
trap replicas_cleanup EXIT
trap 'exit 130' INT TERM

# Debian packages, as test.sh installs its own: only what is missing, and only as root (or with sudo).
replicas_install() {
  install_missing postgres=postgresql redis-server=redis-server nginx=nginx prometheus=prometheus openssl=openssl curl=curl || return 1
  pg_bin="$(postgres_bin)"
}

# replicas_start <server dll> [host args...]: PostgreSQL, Redis, migrate, two replicas, nginx.
replicas_start() {
  local dll="$1"; shift
  replicas_install || return 1
  local pg_port redis_port port1 port2
  pg_port="$(free_port)"
  mkdir -p "$work/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$work/pg"
  as_postgres "$pg_bin/initdb" -D "$work/pg" -U postgres -A trust --no-sync -E UTF8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; return 1; }
  as_postgres "$pg_bin/pg_ctl" -D "$work/pg" -l "$work/pg/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $work/pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    >/dev/null || { cat "$work/pg/server.log"; return 1; }
  "$pg_bin/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres assistant || return 1

  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --pidfile "$work/redis.pid" \
    --dir "$work" --logfile "$work/redis.log" --save "" --appendonly no || return 1
  for _ in $(seq 1 50); do [ -f "$work/redis.pid" ] && break; sleep 0.1; done

  local master_key
  master_key="$(openssl rand -base64 32)"
  host_args=(--Database:Provider=Postgres
    "--ConnectionStrings:Postgres=Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=assistant;Maximum Pool Size=40"
    "--ConnectionStrings:Redis=127.0.0.1:$redis_port" "--Security:MasterKey=$master_key" "--Storage:DataDirectory=$work/data"
    --Proxy:TrustedNetworks=127.0.0.1/32 "$@")
  ASPNETCORE_ENVIRONMENT=Production dotnet "$dll" migrate "${host_args[@]}" >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; return 1; }

  port1="$(free_port)"
  port2="$(free_port)"
  while [ "$port2" = "$port1" ]; do port2="$(free_port)"; done
  replica1="http://127.0.0.1:$port1"
  replica2="http://127.0.0.1:$port2"
  local n=1 url
  for url in "$replica1" "$replica2"; do
    # shellcheck disable=SC2086 # REPLICA_ENV is a list of NAME=value words (experiments: DOTNET_gcServer=0 ...)
    env ${REPLICA_ENV:-} ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning dotnet "$dll" serve --urls "$url" "${host_args[@]}" \
      >"$work/replica$n.log" 2>&1 &
    replica_pids+=("$!")
    n=$((n + 1))
  done
  wait_ready "$replica1" "$work/replica1.log" || return 1
  wait_ready "$replica2" "$work/replica2.log" || return 1

  https_port="$(free_port)"
  http_port="$(free_port)"
  nginx_dir="$work/nginx"
  sed -e "s/127.0.0.1:5081/127.0.0.1:$port1/" -e "s/127.0.0.1:5082/127.0.0.1:$port2/" \
    "$repo/deploy/nginx/upstream.loopback.conf" >"$work/upstream.conf"
  LISTEN_HTTP="$http_port" LISTEN_HTTPS="$https_port" "$repo/scripts/nginx-check.sh" --prepare "$nginx_dir" "$work/upstream.conf" || return 1
  # Loopback only: the IPv4 listeners bound to 127.0.0.1, the IPv6 ones (every interface) dropped. The access log (one
  # JSON line per request) to a file here rather than this script's output.
  sed -i -E -e '/listen \[::\]:/d' -e "s/listen ($http_port|$https_port) /listen 127.0.0.1:\1 /" "$nginx_dir/assistant.conf"
  sed -i "s|access_log /dev/stdout json;|access_log $work/nginx-access.log json;|" "$nginx_dir/nginx.conf"
  nginx -e stderr -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -g "pid $nginx_dir/nginx.pid;" 2>"$work/nginx.log" || { cat "$work/nginx.log"; return 1; }
  edge="https://127.0.0.1:$https_port"
  for _ in $(seq 1 50); do curl -fsS -o /dev/null --cacert "$nginx_dir/tls/fullchain.pem" "$edge/health/live" 2>/dev/null && break; sleep 0.2; done
  echo "PostgreSQL 127.0.0.1:$pg_port, Redis 127.0.0.1:$redis_port, replica 1 $replica1, replica 2 $replica2, nginx $edge (http :$http_port)"
}

# nginx_upstream <port...>: the upstreams list these replicas only; nginx reloads (and its old workers finish).
nginx_upstream() {
  local port servers=""
  for port in "$@"; do servers+="    server 127.0.0.1:$port max_fails=3 fail_timeout=10s;\n"; done
  printf 'upstream assistant_api {\n    least_conn;\n%b    keepalive 64;\n}\n\nupstream assistant_hubs {\n    ip_hash;\n%b}\n\nupstream grafana {\n    server 127.0.0.1:3000;\n}\n' \
    "$servers" "$servers" >"$nginx_dir/upstream.conf"
  nginx -e stderr -p "$nginx_dir" -c "$nginx_dir/nginx.conf" -g "pid $nginx_dir/nginx.pid;" -s reload 2>>"$work/nginx.log"
}

# start_prometheus: deploy/prometheus/prometheus.loopback.yml with the replicas' ports, and its rules.
start_prometheus() {
  prometheus_port="$(free_port)"
  mkdir -p "$work/prometheus"
  cp -r "$repo/deploy/prometheus/rules" "$work/prometheus/"
  sed -e "s/127.0.0.1:5081/${replica1#http://}/" -e "s/127.0.0.1:5082/${replica2#http://}/" \
    "$repo/deploy/prometheus/prometheus.loopback.yml" >"$work/prometheus/prometheus.yml"
  prometheus --config.file="$work/prometheus/prometheus.yml" --storage.tsdb.path="$work/prometheus/data" \
    --web.listen-address="127.0.0.1:$prometheus_port" >"$work/prometheus.log" 2>&1 &
  prometheus_pid=$!
}
