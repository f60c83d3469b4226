#!/usr/bin/env bash
# Validates the Teams app manifest twice, offline: our own package check (the official JSON
# schema from @microsoft/app-manifest plus the rules a schema cannot state), then the
# Microsoft 365 Agents Toolkit CLI's `validate`, as Teams developers run it.
#
# The toolkit is run through npx at a pinned version rather than installed as a dependency:
# it brings about 450 MB and 550 packages, one of which (keytar) compiles a native module
# against libsecret at install. Its manifest validation needs neither that module nor a network
# or a Microsoft 365 sign-in, so its install scripts are skipped. (`validate --package-file`
# would sign in to the Teams Developer Portal, so the manifest is checked, not the zip.)
set -euo pipefail
cd "$(dirname "$0")/.."

ATK_VERSION=1.1.17

npm run --silent package -- --env local

npm_config_ignore_scripts=true npx --yes "@microsoft/m365agentstoolkit-cli@${ATK_VERSION}" \
  validate --manifest-file ./appPackage/manifest.json --env local \
  --telemetry false --interactive false
