#!/usr/bin/env bash
# Runs all tests: installs what they need when missing, then the whole suite (SQLite and PostgreSQL).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
exec dotnet test "$@"
