#!/usr/bin/env bash
# The whole test suite, from a fresh clone: installs what is missing, checks types and style,
# runs every test on embedded PGlite, then the store-backed tests again on a real PostgreSQL.
set -euo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=0
apt_install() {
  if [ "$apt_updated" -eq 0 ]; then as_root apt-get update -qq; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

[ -d node_modules ] || npm ci

if [ -d tests/e2e ] && ! command -v chromium >/dev/null 2>&1; then
  echo "test: installing Chromium (Debian package chromium) for the browser tests" >&2
  apt_install chromium fonts-dejavu-core
fi

step() { printf '\n== %s\n' "$*"; }

step "typecheck"
npx tsc -b
step "lint"
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }

step "Teams manifest: our package check and the Microsoft 365 Agents Toolkit's"
bash scripts/validate-manifest.sh

step "build (the tab, and the API's JavaScript that the command line and tests spawn)"
npm run build --silent

mkdir -p tests/artifacts
report_pglite=tests/artifacts/vitest-pglite.json
report_pg=tests/artifacts/vitest-postgres.json

step "all tests on PGlite"
env -u DATABASE_URL npx vitest run --reporter=default --reporter=json --outputFile.json="$report_pglite"

step "store-backed tests on PostgreSQL"
bash scripts/with-postgres.sh npx vitest run --project unit --project integration \
  --reporter=default --reporter=json --outputFile.json="$report_pg"

node scripts/summarise-tests.mjs "$report_pglite" "$report_pg"
