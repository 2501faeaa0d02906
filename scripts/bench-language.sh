#!/usr/bin/env bash
# Language engine benchmark (docs/benchmarks.md): managed memory of a loaded engine, the parse of a typical message
# with BenchmarkDotNet pinned to one core, and `nlu parse --jsonl` over the public corpus, wall clock including the
# process start. Usage: scripts/bench-language.sh [--quick]   (--quick skips BenchmarkDotNet)
set -euo pipefail
cd "$(dirname "$0")/.."
quick=false
[ "${1:-}" = "--quick" ] && quick=true

corpus="../shared/nlu/public.jsonl"
[ -f "$corpus" ] || corpus="tests/nlu-corpus/public.jsonl"

dotnet build benchmarks/PersonalAssistant.Language.Benchmarks -c Release --verbosity quiet -nologo
dotnet build src/PersonalAssistant.Server -c Release -p:SkipWebAppBuild=true --verbosity quiet -nologo
bench="benchmarks/PersonalAssistant.Language.Benchmarks/bin/Release/net10.0/PersonalAssistant.Language.Benchmarks"
server="src/PersonalAssistant.Server/bin/Release/net10.0/PersonalAssistant.Server.dll"

echo "== Memory"
"$bench" --memory

if ! $quick; then
  echo "== Parse speed (BenchmarkDotNet, one core)"
  "$bench" --filter '*' --exporters markdown | grep -E "^\|" || true
fi

echo "== nlu parse --jsonl over $(wc -l < "$corpus") cases (wall clock, including process start; target: under 2 s)"
for run in 1 2 3; do
  start=$(date +%s%N)
  dotnet "$server" nlu parse --jsonl < "$corpus" > /dev/null
  end=$(date +%s%N)
  echo "run $run: $(( (end - start) / 1000000 )) ms"
done
