#!/usr/bin/env bash
# Two replicas behind the real nginx, tested through it on loopback (issue 19, "Verified here"; the setup is
# scripts/replicas-setup.sh: private PostgreSQL and Redis, migrate, two host processes, nginx from deploy/nginx with a
# self-signed certificate, Prometheus from deploy/prometheus/prometheus.loopback.yml). Checks, each printing
# PASS or FAIL with its reason:
#   TLS 1.3 and 1.2 accepted, 1.1 refused; HTTP/2 by ALPN; HSTS and the host's security headers; HTTP redirected to
#   HTTPS; /metrics not served at the edge (curl, openssl);
#   HTTP/2 from a .NET client; the hub over WebSocket through nginx; a session revoked on replica 1 refused by replica 2
#   (directly, then through nginx); a hub event caused on replica 1 reaching a client of replica 2 (Redis backplane);
#   a reminder due during the run delivered once although both replicas dispatch (the LoadTest tool's replicas-check);
#   the sign-in rate limit answering 429 to one client address and not to another (127.0.0.2);
#   Prometheus scraping both replicas (up = 1 for each).
# Waits poll with a 60 s deadline and fail only then. Ends with "N passed, M failed"; exits 1 on any failure.
#   scripts/test-replicas.sh [path/to/PersonalAssistant.Server.dll]   (default: the Debug build, as test.sh leaves it)
# Needs root (or sudo) only to install what is missing: postgresql, redis-server, nginx, prometheus.
set -uo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=scripts/replicas-setup.sh
source "$here/replicas-setup.sh"
dll="${1:-$repo/src/PersonalAssistant.Server/bin/Debug/net10.0/PersonalAssistant.Server.dll}"
checks="$repo/benchmarks/PersonalAssistant.LoadTest/bin/Debug/net10.0/PersonalAssistant.LoadTest.dll"
started=$(date +%s)

passed=0
failed=0
pass() { echo "PASS $1: $2"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
finish() { echo "replicas: $(( $(date +%s) - started )) s"; echo "$passed passed, $failed failed"; [ "$failed" -eq 0 ]; exit $?; }

[ -f "$dll" ] || { fail "setup" "no host build at $dll (dotnet build first)"; finish; }
if [ ! -f "$checks" ]; then
  dotnet build "$repo/benchmarks/PersonalAssistant.LoadTest" --verbosity quiet -nologo >"$work/build.log" 2>&1 || { cat "$work/build.log"; fail "setup" "the LoadTest tool did not build"; finish; }
fi
replicas_start "$dll" || { fail "setup" "PostgreSQL, Redis, the replicas or nginx did not start (above)"; finish; }
start_prometheus
ca=(--cacert "$nginx_dir/tls/fullchain.pem")

# TLS versions: curl pinned to one version each; 1.1 offered by openssl with its own floor lowered (OpenSSL 3 refuses
# to offer 1.1 at security level 2), so a refusal is nginx's, not the client's.
for version in 1.3 1.2; do
  code="$(curl -sS -o /dev/null -w '%{http_code} %{ssl_verify_result}' "${ca[@]}" --tlsv"$version" --tls-max "$version" "$edge/health/live" 2>&1)"
  if [ "$code" = "200 0" ]; then pass "TLS $version accepted" "GET /health/live over TLS $version: 200, certificate verified"; else fail "TLS $version accepted" "curl: $code"; fi
done
tls11="$(openssl s_client -connect "127.0.0.1:$https_port" -tls1_1 -cipher 'DEFAULT:@SECLEVEL=0' </dev/null 2>&1)"
if grep -aq 'Protocol *: TLSv1.1' <<<"$tls11" && ! grep -aq 'Cipher is (NONE)' <<<"$tls11"; then
  fail "TLS 1.1 refused" "a TLS 1.1 session was established"
elif grep -aqi 'no protocols available' <<<"$tls11"; then
  fail "TLS 1.1 refused" "the client could not offer TLS 1.1 (nothing was tested)"
else
  pass "TLS 1.1 refused" "handshake failed: $(grep -a -m1 -oiE 'alert [a-z ]+|wrong version number|unsupported protocol' <<<"$tls11" | head -n 1 || echo 'no session')"
fi

alpn="$(openssl s_client -connect "127.0.0.1:$https_port" -alpn h2,http/1.1 </dev/null 2>/dev/null | grep -a -m1 'ALPN protocol')"
version="$(curl -sS -o /dev/null -w '%{http_version}' "${ca[@]}" --http2 "$edge/health/live" 2>&1)"
if [ "$alpn" = "ALPN protocol: h2" ] && [ "$version" = 2 ]; then pass "HTTP/2 negotiated" "ALPN h2; curl spoke HTTP/$version"; else fail "HTTP/2 negotiated" "openssl: '${alpn:-no ALPN}', curl: HTTP/$version"; fi

headers="$(curl -sS -D - -o /dev/null "${ca[@]}" "$edge/api/v1/meta" 2>&1 | tr -d '\r')"
missing=()
for header in "strict-transport-security: max-age=63072000; includeSubDomains" "x-content-type-options: nosniff" "x-frame-options: DENY" \
  "referrer-policy: no-referrer" "content-security-policy: default-src 'self'" "permissions-policy: camera=()" "cross-origin-opener-policy: same-origin"; do
  grep -qiF "$header" <<<"$headers" || missing+=("${header%%:*}")
done
hsts="$(grep -ci '^strict-transport-security:' <<<"$headers")"
if [ "${#missing[@]}" -eq 0 ] && [ "$hsts" = 1 ]; then
  pass "security headers" "HSTS (once, from nginx), nosniff, X-Frame-Options, Referrer-Policy, CSP, Permissions-Policy, COOP on $(head -n 1 <<<"$headers")"
else
  fail "security headers" "missing: ${missing[*]:-none}; HSTS headers: $hsts"
fi

redirect="$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' "http://127.0.0.1:$http_port/health/live" 2>&1)"
if [[ "$redirect" == "301 https://"* ]]; then pass "HTTP redirected to HTTPS" "$redirect"; else fail "HTTP redirected to HTTPS" "$redirect"; fi
metrics="$(curl -sS -o /dev/null -w '%{http_code}' "${ca[@]}" "$edge/metrics" 2>&1)"
if [ "$metrics" = 404 ]; then pass "/metrics not served at the edge" "404"; else fail "/metrics not served at the edge" "answered $metrics"; fi

# The checks that need a client library: .NET HTTP/2, the SignalR client, sessions, the backplane, the reminder.
dotnet "$checks" replicas-check --edge "$edge" --replica1 "$replica1" --replica2 "$replica2" --cert "$nginx_dir/tls/fullchain.pem" \
  --deadline 60 --reminder-in 20 >"$work/checks.txt" 2>&1
grep -vE '^(PASS|FAIL) |^replica checks: ' "$work/checks.txt" | tail -n 20
while read -r outcome rest; do
  if [ "$outcome" = PASS ]; then pass "${rest%%: *}" "${rest#*: }"; else fail "${rest%%: *}" "${rest#*: }"; fi
done < <(grep -E '^(PASS|FAIL) ' "$work/checks.txt")
grep -q '^replica checks: ' "$work/checks.txt" || fail "replicas-check" "the tool stopped early (its output is above)"

# The sign-in limit per client address: wrong passwords for unknown addresses from 127.0.0.1 until a 429 (the host's
# AuthPerIp, 20 a minute, shared by the replicas through Redis, answers before nginx's zone, 30/min with a burst of
# 20); then 127.0.0.2, a different client address, is not limited.
limited=""
for attempt in $(seq 1 40); do
  code="$(curl -sS -o "$work/limited.json" -w '%{http_code}' "${ca[@]}" --interface 127.0.0.1 -X POST "$edge/api/v1/auth/login" \
    -H 'content-type: application/json' -d "{\"email\":\"nobody-$attempt@example.test\",\"password\":\"wrong password $attempt\"}" 2>&1)"
  if [ "$code" = 429 ]; then limited="$attempt"; break; fi
done
other="$(curl -sS -o /dev/null -w '%{http_code}' "${ca[@]}" --interface 127.0.0.2 -X POST "$edge/api/v1/auth/login" \
  -H 'content-type: application/json' -d '{"email":"nobody-else@example.test","password":"wrong password"}' 2>&1)"
if [ -n "$limited" ] && [ "$other" != 429 ] && [[ "$other" =~ ^4 ]]; then
  by="nginx's zone"
  grep -q '"title":"Too many requests."' "$work/limited.json" || by="the host (its problem body)"
  pass "sign-in rate limit per client address" "127.0.0.1 refused with 429 at attempt $limited (by $by); 127.0.0.2 then answered $other"
else
  fail "sign-in rate limit per client address" "127.0.0.1: ${limited:+429 at attempt $limited}${limited:-no 429 in 40 attempts (last $code)}; 127.0.0.2: $other"
fi

# Prometheus: up{job="assistant"} = 1 for both replicas (scraped every 5 s).
targets=""
for _ in $(seq 1 120); do
  targets="$(curl -fsS "http://127.0.0.1:$prometheus_port/api/v1/query" --data-urlencode 'query=up{job="assistant"}' 2>/dev/null \
    | python3 -c 'import json,sys; r=json.load(sys.stdin)["data"]["result"]; print(" ".join(sorted(x["metric"]["instance"] + "=" + x["value"][1] for x in r)))' 2>/dev/null)"
  [ "$targets" = "$(printf '%s=1 %s=1' "${replica1#http://}" "${replica2#http://}" | tr ' ' '\n' | sort | tr '\n' ' ' | sed 's/ $//')" ] && break
  sleep 0.5
done
if [[ "$targets" == *"${replica1#http://}=1"* && "$targets" == *"${replica2#http://}=1"* ]]; then
  pass "Prometheus scrapes both replicas" "up{job=\"assistant\"}: $targets"
else
  fail "Prometheus scrapes both replicas" "up{job=\"assistant\"}: ${targets:-no answer}; $(tail -n 3 "$work/prometheus.log")"
fi

if [ "$failed" -gt 0 ]; then
  for n in 1 2; do echo "--- replica $n log (last lines)"; tail -n 15 "$work/replica$n.log"; done
  echo "--- nginx"; tail -n 10 "$work/nginx.log"
fi
finish
