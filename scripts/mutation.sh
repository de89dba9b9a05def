#!/usr/bin/env bash
# Mutation testing of the domain (Stryker.NET) with the domain tests: how many of the changes a
# mutant makes to the rules some test notices. Message strings are not mutated. Not part of CI's
# run (it takes several minutes); the README's testing section gives the latest score.
# The report is written under tests/Arbiter.Domain.Tests/StrykerOutput/.
set -euo pipefail
cd "$(dirname "$0")/../tests/Arbiter.Domain.Tests"
dotnet tool restore
exec dotnet stryker --config-file stryker-config.json "$@"
