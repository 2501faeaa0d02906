#!/usr/bin/env bash
# Runs every test of Personal Assistant TDAH and ends with one line: "N passed, M failed".
#
# On a fresh machine it installs what it needs (as root: postgresql, redis-server, chromium, shellcheck from
# Debian; npm packages; dotnet tools), starts a private PostgreSQL cluster and a Redis on loopback, on free ports,
# in a temp folder, and stops them afterwards, even on failure or Ctrl+C.
#
# Suites: dotnet format; the .NET build; the .NET tests on SQLite, then every integration test again on
# PostgreSQL with Redis; the language engine against the NLU corpus (fails below 97%); the conversation scenarios
# against the real host on SQLite (a ratchet gate: conv_gate and conv_max_harm below), then our own variations of them
# on the same host (var_gate, var_max_harm); the web app's lint, type check, unit tests and API-client check; browser
# end-to-end tests in headless chromium against the real host (SQLite and PostgreSQL); the production files' linters
# (scripts/lint-deploy.sh), the backups restored (scripts/test-backups.sh) and two replicas behind nginx
# (scripts/test-replicas.sh); shellcheck of the scripts.
#
# Options: --skip-e2e (no browser), --keep (leave the temp folder for inspection).
set -uo pipefail

repo="$(cd "$(dirname "$0")" && pwd)"
cd "$repo" || exit 2

skip_e2e=false
keep=false
# The public scenarios again through the model path (the host configured for an OpenAI-compatible model, which is
# the scripted fake tests/conversations/fake_model.py; see tests/conversations/MODEL.md): gate and most harmful.
model_gate=95
model_max_harm=0
# The conversation gate: the share of public scenarios that must pass and the most harmful ones allowed. Raise
# them as the assistant improves (issue 15 aims at 95 and 0); never lower them to make a run pass.
conv_gate=95
conv_max_harm=0
# The same for our own variations of every public scenario (tests/conversations/variations.jsonl), which stand for
# the unseen set phrased differently (issue 15: 90% and zero harmful).
var_gate=90
var_max_harm=0
for arg in "$@"; do
  case "$arg" in
    --skip-e2e) skip_e2e=true ;;
    --keep) keep=true ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

work="$(mktemp -d -t pa-test-XXXXXX)"
results="$work/results"
mkdir -p "$results"
chmod 755 "$work"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# ---------------------------------------------------------------------------------------------------------------
# Results: every suite adds its passed and failed counts; checks that are not test runners count as one each.
summary="$work/summary.tsv"
failures="$work/failures.txt"
: > "$summary"
: > "$failures"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$summary"; }
check() { # check <name> <command...>: a pass/fail step counted as one
  local name="$1"; shift
  if "$@"; then record "$name" 1 0; else record "$name" 0 1; echo "FAILED: $name" >&2; echo "$name: the check failed (its output is above)" >> "$failures"; fi
}
# Counts from TRX (dotnet test) and JUnit XML (vitest, playwright) files; a missing file means the suite crashed.
count_results() { # count_results <name> <file...>
  local name="$1"; shift
  local counts
  counts="$(python3 - "$failures" "$name" "$@" <<'PY'
import sys, xml.etree.ElementTree as ET
passed = failed = 0
failures_file, suite_name = sys.argv[1], sys.argv[2]
names = []
for path in sys.argv[3:]:
    try:
        root = ET.parse(path).getroot()
    except Exception:
        failed += 1
        names.append((f'{path}: unreadable, the suite crashed', ''))
        continue
    if root.tag.endswith('TestRun'):
        c = root.find('.//{*}Counters')
        passed += int(c.get('passed', 0))
        failed += int(c.get('failed', 0)) + int(c.get('error', 0)) + int(c.get('timeout', 0)) + int(c.get('aborted', 0))
        for r in root.iterfind('.//{*}UnitTestResult'):
            if r.get('outcome') not in ('Passed', 'NotExecuted'):
                message = r.find('.//{*}ErrorInfo/{*}Message')
                names.append((r.get('testName', '?'), message.text if message is not None and message.text else ''))
    else:
        suites = [root] if root.tag == 'testsuite' else root.findall('testsuite')
        for s in suites:
            t = int(s.get('tests', 0)); f = int(s.get('failures', 0)) + int(s.get('errors', 0)); sk = int(s.get('skipped', 0))
            passed += t - f - sk
            failed += f
            for case in s.iter('testcase'):
                problem = case.find('failure')
                if problem is None:
                    problem = case.find('error')
                if problem is not None:
                    names.append((f"{case.get('classname', '')} {case.get('name', '?')}".strip(), problem.get('message') or problem.text or ''))
with open(failures_file, 'a') as out:
    for test, message in names:
        first_lines = ' | '.join(line.strip() for line in message.strip().splitlines()[:3])[:400]
        out.write(f'{suite_name}: {test}\n    {first_lines}\n')
print(passed, failed)
PY
)"
  if [ -z "$counts" ]; then counts="0 1"; fi
  record "$name" "${counts% *}" "${counts#* }"
}

# ---------------------------------------------------------------------------------------------------------------
# Prerequisites
# shellcheck source=scripts/lib/machine.sh
source scripts/lib/machine.sh

install_packages() {
  install_missing postgres=postgresql redis-server=redis-server chromium=chromium shellcheck=shellcheck || return 1
  if ! command -v node >/dev/null || ! command -v npm >/dev/null; then echo "Node.js and npm are required." >&2; return 1; fi
  command -v python3 >/dev/null || { echo "python3 is required." >&2; return 1; }
  dotnet tool restore >/dev/null
}


# ---------------------------------------------------------------------------------------------------------------
# Private PostgreSQL and Redis, stopped by the trap whatever happens.
pg_data="$work/postgres"
host_pids=()

start_postgres() {
  local bin; bin="$(postgres_bin)"
  pg_port="$(free_port)"
  mkdir -p "$pg_data"
  [ "$(id -u)" -eq 0 ] && chown postgres "$pg_data"
  as_postgres "$bin/initdb" -D "$pg_data/data" -U postgres -A trust --no-sync -E UTF8 >"$work/initdb.log" 2>&1 || { cat "$work/initdb.log"; return 1; }
  as_postgres "$bin/pg_ctl" -D "$pg_data/data" -l "$pg_data/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $pg_port -k $pg_data -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" \
    >/dev/null || { cat "$pg_data/server.log"; return 1; }
  export PA_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres;Pooling=false"
}

start_redis() {
  redis_port="$(free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --daemonize yes --pidfile "$work/redis.pid" \
    --dir "$work" --logfile "$work/redis.log" --save "" --appendonly no || return 1
  for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done
  export PA_TEST_REDIS="127.0.0.1:$redis_port"
}

cleanup() {
  for pid in "${host_pids[@]}"; do kill "$pid" 2>/dev/null; done
  if [ -f "$pg_data/data/postmaster.pid" ]; then
    as_postgres "$(postgres_bin)/pg_ctl" -D "$pg_data/data" -m immediate stop >/dev/null 2>&1
  fi
  if [ -f "$work/redis.pid" ]; then kill "$(cat "$work/redis.pid")" 2>/dev/null; fi
  if $keep; then echo "Kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ---------------------------------------------------------------------------------------------------------------
# The host as a real process, for the browser tests.
start_host() { # start_host <name> <extra args...>; sets host_url
  local name="$1"; shift
  local port; port="$(free_port)"
  host_url="http://127.0.0.1:$port"
  ASPNETCORE_ENVIRONMENT=Production dotnet "$server_dll" serve --urls "$host_url" \
    --Storage:DataDirectory="$work/data-$name" --WebApp:RootPath="$repo/web/dist" "$@" >"$work/host-$name.log" 2>&1 &
  host_pids+=("$!")
  wait_ready "$host_url" "$work/host-$name.log"
}

run_e2e() { # run_e2e <provider>
  (cd tests/e2e && E2E_BASE_URL="$host_url" E2E_EXPECT_PROVIDER="$1" CHROMIUM_PATH="$(command -v chromium)" \
    E2E_JUNIT_FILE="$results/e2e-$1.xml" node_modules/.bin/playwright test)
  count_results "e2e ($1)" "$results/e2e-$1.xml"
}

# ---------------------------------------------------------------------------------------------------------------
started=$(date +%s)
log "Prerequisites"
if ! install_packages; then record "prerequisites" 0 1; fi

log "Starting PostgreSQL and Redis on loopback"
services_ok=true
start_postgres || { services_ok=false; echo "PostgreSQL did not start." >&2; }
start_redis || { services_ok=false; echo "Redis did not start." >&2; }
$services_ok && echo "PostgreSQL on 127.0.0.1:$pg_port, Redis on 127.0.0.1:$redis_port"
$services_ok || record "test services" 0 1

log "dotnet format --verify-no-changes"
check "dotnet format" dotnet format PersonalAssistant.slnx --verify-no-changes --verbosity quiet

log "Build (the .NET build also builds the web app)"
build_ok=true
dotnet build PersonalAssistant.slnx --verbosity quiet -nologo || build_ok=false
record "build" "$($build_ok && echo 1 || echo 0)" "$($build_ok && echo 0 || echo 1)"
server_dll="$repo/src/PersonalAssistant.Server/bin/Debug/net10.0/PersonalAssistant.Server.dll"

if $build_ok; then
  log ".NET tests on SQLite"
  PA_TEST_DATABASE=Sqlite PA_TEST_REDIS="" dotnet test PersonalAssistant.slnx --no-build --verbosity quiet \
    --logger "trx" --results-directory "$results/sqlite"
  count_results ".NET tests (SQLite)" "$results"/sqlite/*.trx

  if $services_ok; then
    log ".NET integration tests on PostgreSQL with Redis"
    PA_TEST_DATABASE=Postgres dotnet test PersonalAssistant.slnx --no-build --verbosity quiet \
      --filter "Category=Integration" --logger "trx" --results-directory "$results/postgres"
    count_results ".NET integration tests (PostgreSQL + Redis)" "$results"/postgres/*.trx
  fi
fi

if $build_ok; then
  # The offline language engine against the shared corpus (../shared/nlu when present, else the copy in
  # tests/nlu-corpus): every case must be answered and at least 97% must pass, or the run fails.
  log "Language corpus: nlu parse --jsonl (gate: 97% of the public cases)"
  corpus="$repo/../shared/nlu"
  [ -f "$corpus/public.jsonl" ] && [ -f "$corpus/evaluate.py" ] || corpus="$repo/tests/nlu-corpus"
  if dotnet "$server_dll" nlu parse --jsonl < "$corpus/public.jsonl" > "$work/nlu-answers.jsonl" 2> "$work/nlu-errors.log" \
    && python3 "$corpus/evaluate.py" "$corpus/public.jsonl" "$work/nlu-answers.jsonl" > "$work/nlu-score.txt"; then
    grep '^FAIL' "$work/nlu-score.txt" || true
    score="$(tail -n 1 "$work/nlu-score.txt")"
    echo "$corpus/public.jsonl: $score"
    nlu_passed="${score%% passed*}"
    nlu_failed="${score#*, }"; nlu_failed="${nlu_failed%% failed*}"
    if [[ "$nlu_passed" =~ ^[0-9]+$ && "$nlu_failed" =~ ^[0-9]+$ ]] && (( nlu_passed * 100 >= (nlu_passed + nlu_failed) * 97 )); then
      record "language corpus ($nlu_passed of $((nlu_passed + nlu_failed)) cases; gate 97%)" 1 0
    else
      record "language corpus (${score}; gate 97%)" 0 1
    fi
  else
    cat "$work/nlu-errors.log" >&2
    record "language corpus (the command or the scorer failed)" 0 1
  fi
fi

# score_scenarios <label> <runner output> <gate %> <max harmful>: prints the failures and the table, then records the
# set as one pass/fail step from the runner's last lines ("harmful: H", "N passed, M failed").
score_scenarios() {
  local label="$1" out="$2" gate="$3" max_harm="$4" score harm passed failed
  grep '^FAIL' "$out" | cut -c1-400 || true
  sed -n '/^category/,$p' "$out"
  score="$(tail -n 1 "$out")"
  harm="$(grep -E '^harmful: ' "$out" | tail -n 1)"; harm="${harm#harmful: }"
  passed="${score%% passed*}"
  failed="${score#*, }"; failed="${failed%% failed*}"
  if [[ "$passed" =~ ^[0-9]+$ && "$failed" =~ ^[0-9]+$ && "$harm" =~ ^[0-9]+$ ]] \
    && (( passed * 100 >= (passed + failed) * gate && harm <= max_harm )); then
    record "$label ($passed of $((passed + failed)), $harm harmful; gate $gate%, ≤ $max_harm harmful)" 1 0
  else
    record "$label (${score}, ${harm:-?} harmful; gate $gate%, ≤ $max_harm harmful)" 0 1
  fi
}

if $build_ok; then
  # The conversation scenarios (../shared/conversations when present, else the copy in tests/conversations): each
  # registers a fresh person on a real host on SQLite, sends its messages and checks what really changed through
  # the REST API. Gate: at least $conv_gate% of the scenarios pass and at most $conv_max_harm did harm (a ratchet
  # at the level reached so far; issue 15's target is 95% and zero harmful). Then, on the same host, our own
  # variations of every public scenario (tests/conversations/variations.jsonl: other wording, names, items, typos,
  # both languages), gated by $var_gate% and $var_max_harm harmful: a rule that only fits the public wording fails there.
  log "Conversation scenarios on SQLite (gate: $conv_gate% passed, at most $conv_max_harm harmful)"
  scenarios="$repo/../shared/conversations"
  [ -f "$scenarios/public.jsonl" ] && [ -f "$scenarios/run.py" ] || scenarios="$repo/tests/conversations"
  if start_host conversations --RateLimits:AuthPerIp:PermitLimit=1000000 \
    && python3 "$scenarios/run.py" --base "$host_url" "$scenarios/public.jsonl" --auth-limit 0 > "$work/conversations.txt" 2>&1; then
    score_scenarios "conversation scenarios" "$work/conversations.txt" "$conv_gate" "$conv_max_harm"
    log "Conversation variations on SQLite (gate: $var_gate% passed, at most $var_max_harm harmful)"
    if python3 "$scenarios/run.py" --base "$host_url" "$repo/tests/conversations/variations.jsonl" --auth-limit 0 > "$work/variations.txt" 2>&1; then
      score_scenarios "conversation variations" "$work/variations.txt" "$var_gate" "$var_max_harm"
    else
      tail -n 20 "$work/variations.txt" >&2 || true
      record "conversation variations (the runner failed)" 0 1
    fi
  else
    tail -n 20 "$work/conversations.txt" >&2 || true
    record "conversation scenarios (the host or the runner failed)" 0 1
  fi
fi

if $build_ok; then
  # The public scenarios again through the model path: a host configured for an OpenAI-compatible model whose
  # base URL is the scripted fake (tests/conversations/fake_model.py playing model-script.jsonl: the tool calls a
  # careful model would make; the tools and the language engine resolve the times). See tests/conversations/README.md.
  log "Conversation scenarios through a model (scripted; gate: $model_gate% passed, at most $model_max_harm harmful)"
  scenarios="$repo/../shared/conversations"
  [ -f "$scenarios/public.jsonl" ] && [ -f "$scenarios/run.py" ] || scenarios="$repo/tests/conversations"
  fake_port="$(free_port)"
  python3 "$repo/tests/conversations/fake_model.py" --port "$fake_port" --log "$work/fake-model.jsonl" > "$work/fake-model.log" 2>&1 &
  fake_pid=$!
  host_pids+=("$fake_pid")
  for _ in $(seq 1 40); do
    curl -fsS -o /dev/null -X POST "http://127.0.0.1:$fake_port/v1/chat/completions" -d '{}' 2>/dev/null && break
    sleep 0.25
  done
  if start_host model --RateLimits:AuthPerIp:PermitLimit=1000000 --Assistant:Provider=OpenAI --Assistant:Model=scripted \
      --Assistant:BaseUrl="http://127.0.0.1:$fake_port/v1" --Assistant:ApiKey=not-needed \
    && python3 "$scenarios/run.py" --base "$host_url" "$scenarios/public.jsonl" --auth-limit 0 > "$work/conversations-model.txt" 2>&1; then
    score_scenarios "conversation scenarios through a model" "$work/conversations-model.txt" "$model_gate" "$model_max_harm"
  else
    tail -n 20 "$work/conversations-model.txt" "$work/fake-model.log" >&2 || true
    record "conversation scenarios through a model (the fake model, the host or the runner failed)" 0 1
  fi
  kill "$fake_pid" 2>/dev/null
fi

log "Web app: lint, type check, unit tests, API client"
if (cd web && { [ -f node_modules/.package-lock.json ] || npm ci --no-audit --no-fund --loglevel=error; }); then
  check "web lint" bash -c 'cd web && npm run --silent lint'
  check "web type check" bash -c 'cd web && npm run --silent typecheck'
  (cd web && npm run --silent test:ci)
  count_results "web unit tests" web/test-results/junit.xml
  check "web API client is current" bash -c 'cd web && npm run --silent api:check'
else
  record "web npm ci" 0 1
fi

if ! $skip_e2e && $build_ok; then
  log "Browser end-to-end tests (headless chromium)"
  # Every spec signs up or in from 127.0.0.1: the per-address sign-in limit (20 a minute) would refuse the suite.
  e2e_limits=(--RateLimits:AuthPerIp:PermitLimit=1000)
  if (cd tests/e2e && { [ -f node_modules/.package-lock.json ] || PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error; }); then
    if start_host sqlite "${e2e_limits[@]}"; then run_e2e Sqlite; else record "e2e host (SQLite)" 0 1; fi
    if $services_ok; then
      # The production path: an explicit migrate, then serve, on PostgreSQL with Redis.
      pg_e2e="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=pa_e2e"
      as_postgres "$(postgres_bin)/createdb" -h 127.0.0.1 -p "$pg_port" -U postgres pa_e2e
      check "migrate command (PostgreSQL)" dotnet "$server_dll" migrate --Database:Provider=Postgres \
        --ConnectionStrings:Postgres="$pg_e2e" --Storage:DataDirectory="$work/data-migrate"
      if start_host postgres "${e2e_limits[@]}" --Database:Provider=Postgres --ConnectionStrings:Postgres="$pg_e2e" \
        --ConnectionStrings:Redis="127.0.0.1:$redis_port"; then
        run_e2e Postgres
      else
        record "e2e host (PostgreSQL)" 0 1
      fi
    fi
  else
    record "e2e npm ci" 0 1
  fi
fi

if $build_ok; then
  # The backups restored and used: a PostgreSQL dump into a fresh cluster, an SQLite copy taken while the host
  # serves; a host on each signs the administrator in. About a minute (four host starts).
  log "Backups: deploy/postgres/backup.sh + restore.sh, scripts/sqlite-backup.sh"
  check "backups restored (PostgreSQL into a fresh cluster, SQLite copied online)" scripts/test-backups.sh "$server_dll"
fi

if $build_ok; then
  # Two replicas behind the real nginx on loopback (issue 19): TLS versions, HTTP/2, headers, the hub over WebSocket,
  # sessions revoked across replicas, the Redis backplane, a reminder delivered once, the per-address sign-in limit,
  # Prometheus scraping both. Its own PostgreSQL and Redis; installs nginx and prometheus when missing. About 90 s.
  log "Two replicas behind nginx: scripts/test-replicas.sh"
  scripts/test-replicas.sh "$server_dll" | tee "$work/replicas.txt"
  replicas_score="$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$work/replicas.txt" | tail -n 1)"
  if [ -n "$replicas_score" ]; then
    replicas_failed="${replicas_score#*, }"; replicas_failed="${replicas_failed%% *}"
    record "two replicas behind nginx (scripts/test-replicas.sh)" "${replicas_score%% *}" "$replicas_failed"
    grep -E '^FAIL ' "$work/replicas.txt" | sed 's/^/two replicas behind nginx: /' >> "$failures"
  else
    record "two replicas behind nginx (the script stopped early)" 0 1
  fi
fi

# The production files (Dockerfile, compose, nginx, Prometheus, Grafana, workflows), each with its own linter; the
# script installs what it lacks. About 10 s once they are there.
log "Production files: scripts/lint-deploy.sh"
check "deploy lint (scripts/lint-deploy.sh)" scripts/lint-deploy.sh

log "shellcheck"
check "shellcheck" shellcheck -x test.sh .ci/run scripts/*.sh deploy/*.sh deploy/postgres/*.sh

# ---------------------------------------------------------------------------------------------------------------
if [ -s "$failures" ]; then
  log "Failed tests (name, then the first lines of the error)"
  cat "$failures"
fi
log "Summary ($(( $(date +%s) - started )) s)"
python3 - "$summary" <<'PY'
import sys
rows = [line.rstrip('\n').split('\t') for line in open(sys.argv[1]) if line.strip()]
width = max([len(r[0]) for r in rows] + [5])
total_passed = total_failed = 0
for name, passed, failed in rows:
    total_passed += int(passed); total_failed += int(failed)
    print(f"  {name:<{width}}  {int(passed):>5} passed  {int(failed):>3} failed")
print()
print(f"{total_passed} passed, {total_failed} failed")
sys.exit(1 if total_failed else 0)
PY
