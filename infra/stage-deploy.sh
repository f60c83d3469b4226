#!/usr/bin/env bash
# Stages what App Service runs into dist/deploy: the API compiled to JavaScript (api/dist), the
# built tab and production dependencies only, in the repository's layout (the start command and
# the API's default tab folder rely on it). Run after `npm ci` and `npm run build`; teamsapp.yml's
# deploy step zips the result with azureAppService/zipDeploy.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f tab/dist/index.html ]; then
  echo "stage-deploy: tab/dist/index.html is missing; run npm run build first" >&2
  exit 1
fi
# Compiles the API unless api/dist already matches the sources.
node api/scripts/build.mjs

out=dist/deploy
rm -rf "$out"
mkdir -p "$out/api" "$out/tab"
cp package.json package-lock.json "$out/"
# The compiled API only: without api/src beside it, the bin runs api/dist as it is.
cp -r api/package.json api/bin api/dist "$out/api/"
cp tab/package.json "$out/tab/"
cp -r tab/dist "$out/tab/dist"

# The tab is already built: only the API workspace needs its dependencies at run time.
(cd "$out" && npm ci --omit=dev --workspace api --no-audit --no-fund --ignore-scripts)
echo "stage-deploy: staged $(du -sh "$out" | cut -f1) in $out"
