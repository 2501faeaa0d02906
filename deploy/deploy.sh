#!/usr/bin/env bash
# Deploys an image on a compose server: pull, migrate first, replace the API replicas, wait for them to be healthy
# and for /health/ready through nginx; on failure, put the previous image back. Run in the server's deploy folder
# (compose files and .env), by hand or by .github/workflows/deploy.yml:
#   ./deploy.sh ghcr.io/OWNER/personal-assistant:sha-1234abc [prod|stage]
# The image deployed last is kept in .deployed-image (the one a rollback returns to), the one before it in
# .deployed-image.previous. Migrations must keep working
# with the previous image (add columns and tables; drop them one release later): a rollback does not undo them.
set -euo pipefail

image="${1:?usage: deploy.sh IMAGE [prod|stage]}"
environment="${2:-prod}"
cd "$(dirname "$0")"
compose=(docker compose -f compose.yaml -f "compose.$environment.yaml" --env-file .env)
previous="$(cat .deployed-image 2>/dev/null || true)"
health_timeout="${HEALTH_TIMEOUT_SECONDS:-180}"

say() { printf '%s deploy: %s\n' "$(date -u +%H:%M:%S)" "$*"; }

replicas_healthy() {
  local ids id state
  ids="$("${compose[@]}" ps -q api)"
  [ -n "$ids" ] || return 1
  for id in $ids; do
    state="$(docker inspect --format '{{if .State.Health}}{{.State.Health.Status}}{{else}}none{{end}}' "$id")"
    [ "$state" = healthy ] || return 1
  done
}

ready_through_nginx() {
  curl -fsS --max-time 5 -k --resolve "localhost:443:127.0.0.1" https://localhost/health/ready >/dev/null
}

wait_healthy() {
  local deadline=$((SECONDS + health_timeout))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if replicas_healthy && ready_through_nginx; then return 0; fi
    sleep 5
  done
  return 1
}

run_with() { # run_with <image> <compose args...>
  local with="$1"; shift
  PA_IMAGE="$with" "${compose[@]}" "$@"
}

say "pulling $image"
run_with "$image" pull migrate api

say "migrating the database (before any replica runs the new code)"
if ! run_with "$image" run --rm migrate; then
  say "migrate failed: nothing else changed, $previous keeps running"
  exit 1
fi

say "replacing the API replicas"
run_with "$image" up -d --no-deps api
# nginx resolves the replicas' addresses when it loads its configuration.
"${compose[@]}" exec -T nginx nginx -s reload

if wait_healthy; then
  if [ -n "$previous" ] && [ "$previous" != "$image" ]; then echo "$previous" > .deployed-image.previous; fi
  echo "$image" > .deployed-image
  say "$image is healthy"
  exit 0
fi

say "$image did not become healthy within ${health_timeout}s"
"${compose[@]}" logs --tail 50 api >&2 || true
if [ -n "$previous" ]; then
  say "rolling back to $previous"
  run_with "$previous" up -d --no-deps api
  "${compose[@]}" exec -T nginx nginx -s reload
  if wait_healthy; then say "rolled back to $previous"; else say "the rollback is not healthy either: look now"; fi
else
  say "no previous image recorded: nothing to roll back to"
fi
exit 1
