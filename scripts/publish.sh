#!/usr/bin/env bash
# A self-contained Linux build of Arbiter (no .NET needed on the server): out/arbiter/Arbiter.
# Usage: bash scripts/publish.sh [OUTPUT_DIR] [RUNTIME]   (defaults: out/arbiter, linux-x64)
set -euo pipefail
cd "$(dirname "$0")/.."
output=${1:-out/arbiter}
runtime=${2:-linux-x64}
dotnet publish src/Arbiter -c Release -r "$runtime" --self-contained -p:DebugType=none -o "$output"
echo "Published $runtime to $output; run $output/Arbiter serve, or install packaging/arbiter.service."
