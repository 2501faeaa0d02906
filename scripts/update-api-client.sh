#!/usr/bin/env bash
# Regenerates the web app's typed API client from the OpenAPI document the host really serves:
# 1. the API reference test writes the served document to web/src/api/openapi.json (PA_UPDATE_OPENAPI=1);
# 2. openapi-typescript turns it into web/src/api/schema.d.ts.
# Run it after changing an endpoint, then commit both files. ./test.sh fails while they are stale.
set -euo pipefail
cd "$(dirname "$0")/.."

PA_UPDATE_OPENAPI=1 dotnet test tests/PersonalAssistant.Server.Tests -p:SkipWebAppBuild=true \
  --filter "FullyQualifiedName~ApiReferenceTests.OpenApiDocument_MatchesTheWebAppsCheckedInCopy" --verbosity quiet
(cd web && { [ -d node_modules ] || npm ci --no-audit --no-fund; } && npm run --silent api:generate)
echo "Updated web/src/api/openapi.json and web/src/api/schema.d.ts"
