#!/usr/bin/env bash
# shellcheck disable=SC2029 # the remote commands' values are expanded here on purpose, quoted for the remote shell
# Used by .github/workflows/deploy.yml: copies deploy/ (compose files, nginx, monitoring, deploy.sh; never .env or
# tls/, which live on the server only) to DEPLOY_PATH on DEPLOY_HOST and runs deploy.sh there with IMAGE.
#   IMAGE=... DEPLOY_HOST=... DEPLOY_USER=... DEPLOY_PATH=... DEPLOY_SSH_KEY=... DEPLOY_KNOWN_HOSTS=... scripts/ci-deploy.sh prod|stage
set -euo pipefail

environment="${1:?usage: ci-deploy.sh prod|stage}"
: "${IMAGE:?}" "${DEPLOY_HOST:?}" "${DEPLOY_USER:?}" "${DEPLOY_PATH:?}" "${DEPLOY_SSH_KEY:?}" "${DEPLOY_KNOWN_HOSTS:?}"
repo="$(cd "$(dirname "$0")/.." && pwd)"

ssh_dir="$(mktemp -d)"
trap 'rm -rf "$ssh_dir"' EXIT
printf '%s\n' "$DEPLOY_SSH_KEY" > "$ssh_dir/key"
printf '%s\n' "$DEPLOY_KNOWN_HOSTS" > "$ssh_dir/known_hosts"
chmod 600 "$ssh_dir/key"
ssh_options=(-i "$ssh_dir/key" -o UserKnownHostsFile="$ssh_dir/known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes)
target="$DEPLOY_USER@$DEPLOY_HOST"

tar -C "$repo/deploy" --exclude=.env --exclude=tls --exclude=acme --exclude=lint -czf - . \
  | ssh "${ssh_options[@]}" "$target" "mkdir -p '$DEPLOY_PATH' && tar -C '$DEPLOY_PATH' -xzf -"
ssh "${ssh_options[@]}" "$target" "cd '$DEPLOY_PATH' && ./deploy.sh '$IMAGE' '$environment'"
