#!/usr/bin/env bash
# Stages what App Service runs into dist/deploy: the API sources, the built tab and production
# dependencies only, in the repository's layout (the start command and the API's default tab
# folder rely on it). Run after `npm ci` and `npm run build:tab`; teamsapp.yml's deploy step
# zips the result with azureAppService/zipDeploy.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -f tab/dist/index.html ]; then
  echo "stage-deploy: tab/dist/index.html is missing; run npm run build:tab first" >&2
  exit 1
fi

out=dist/deploy
rm -rf "$out"
mkdir -p "$out/api" "$out/tab"
cp package.json package-lock.json "$out/"
cp -r api/package.json api/bin api/src "$out/api/"
cp tab/package.json "$out/tab/"
cp -r tab/dist "$out/tab/dist"
# Tests and benchmarks are not needed at run time.
find "$out/api/src" -name '*.test.ts' -delete

# The tab is already built: only the API workspace needs its dependencies at run time.
(cd "$out" && npm ci --omit=dev --workspace api --no-audit --no-fund --ignore-scripts)
echo "stage-deploy: staged $(du -sh "$out" | cut -f1) in $out"
