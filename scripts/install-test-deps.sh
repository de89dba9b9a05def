#!/usr/bin/env bash
# Installs what the tests need from Debian's packages, when missing: the PostgreSQL server
# binaries (the tests start a throwaway cluster of their own on a free loopback port), Chromium
# (the browser tests drive it headless through Playwright) and aiosmtpd (the mail tests start a
# real SMTP server with it), and a Chinese font, so that the screenshots of pages in Chinese show
# characters rather than boxes, systemd-analyze (the packaging test checks the unit with it),
# PgBouncer (a test runs Arbiter behind it in transaction mode), and Patroni and etcd (a test kills
# the primary of a Patroni-managed pair under load).
# Then the project's own tools: Kiota (a .NET tool, which generates the API client the tests
# drive) and, from npm, the OpenAPI linters (Redocly and Spectral) and the Standard Webhooks library.
set -euo pipefail

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
/usr/bin/python3 -c "import aiosmtpd" >/dev/null 2>&1 || missing+=(python3-aiosmtpd)
[ -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
command -v systemd-analyze >/dev/null 2>&1 || missing+=(systemd)
[ -x /usr/sbin/pgbouncer ] || missing+=(pgbouncer)
[ -x /usr/bin/patroni ] || missing+=(patroni)
[ -x /usr/bin/etcd ] || missing+=(etcd-server)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "Installing from Debian's packages: ${missing[*]}..."
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${missing[@]}"
fi

cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
if ! [ -x tests/npm/node_modules/.bin/redocly ] || ! [ -x tests/npm/node_modules/.bin/spectral ] || ! [ -d tests/npm/node_modules/standardwebhooks ]; then
  echo "Installing the OpenAPI linters and the Standard Webhooks library from npm..."
  (cd tests/npm && npm ci --no-audit --no-fund)
fi
