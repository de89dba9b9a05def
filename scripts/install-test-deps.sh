#!/usr/bin/env bash
# Installs what the tests need from Debian's packages, when missing: the PostgreSQL server
# binaries (the tests start a throwaway cluster of their own on a free loopback port).
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "Installing PostgreSQL from Debian's packages..."
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q postgresql
fi
