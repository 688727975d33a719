#!/usr/bin/env bash
# The one test command (`npm test`): every tier, each printing its own `<tier>: N passed, N failed`
# line. A tier that fails does not stop the others; the run fails if any tier failed.
#   1 build + typecheck   2 unit (mocha on the core, in Node)   3 conformance (Spark's suites as data)
#   4 in-host (mocha inside a real VS Code extension host)     5 ui (Playwright on the packaged VSIX)
# SPARK_MEMORY_TIERS=unit,conformance runs a subset.
set -uo pipefail
cd "$(dirname "$0")/.."

TIERS=${SPARK_MEMORY_TIERS:-build,unit,conformance,in-host,ui}
declare -a SUMMARY=()
failed=0
t_all=$(date +%s)

want() { [[ ",$TIERS," == *",$1,"* ]]; }

tier() {
  local name=$1; shift
  local t0; t0=$(date +%s)
  echo
  echo "=== tier: $name"
  if "$@"; then
    SUMMARY+=("$name: ok ($(( $(date +%s) - t0 ))s)")
  else
    SUMMARY+=("$name: FAILED ($(( $(date +%s) - t0 ))s)")
    failed=1
  fi
}

build() {
  node scripts/build.mjs && npm run -s typecheck && npm run -s compile-tests
}

unit() {
  npx mocha --config .mocharc.json
}

conformance() {
  local files=(test/conformance/*.json)
  # The shared examples sit beside the repository when it is checked out as CI does.
  [ -f ../shared/spec/conformance-examples.json ] && files+=(../shared/spec/conformance-examples.json)
  node dist/conformance.js "${files[@]}"
}

in_host() {
  node scripts/e2e/run-in-host.js
}

ui() {
  npm run -s package >/dev/null && node scripts/e2e/run-ui.js
}

want build && tier build build
want unit && tier unit unit
want conformance && tier conformance conformance
want in-host && tier in-host in_host
want ui && tier ui ui

echo
echo "=== summary ($(( $(date +%s) - t_all ))s)"
for s in "${SUMMARY[@]}"; do echo "  $s"; done
exit $failed
