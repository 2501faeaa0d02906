#!/usr/bin/env bash
# Adds an EF Core migration to both providers' sets, so SQLite and PostgreSQL never drift apart.
# Usage: scripts/add-migration.sh AddReminders
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: scripts/add-migration.sh <MigrationName>}"

dotnet tool restore >/dev/null
dotnet build src/PersonalAssistant.Server -p:SkipWebAppBuild=true --verbosity quiet
for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build \
    --project src/PersonalAssistant.Server \
    --context "${provider}AppDbContext" \
    --output-dir "Persistence/Migrations/${provider}" \
    --namespace "PersonalAssistant.Server.Persistence.Migrations.${provider}"
done
# EF writes the model snapshot into a folder named after the namespace; keep it beside its migrations.
for provider in Sqlite Postgres; do
  stray="src/PersonalAssistant.Server/PersonalAssistant/Server/Persistence/Migrations/${provider}"
  if [ -d "$stray" ]; then
    mv "$stray"/*.cs "src/PersonalAssistant.Server/Persistence/Migrations/${provider}/"
  fi
done
rm -rf src/PersonalAssistant.Server/PersonalAssistant
echo "Added migration '$name' for SQLite and PostgreSQL."
