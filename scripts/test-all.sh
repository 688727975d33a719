#!/usr/bin/env bash
# The project's single test command (`npm test`): lint, build, typecheck, compile the tests, then the
# tiers: unit (mocha in Node), conformance (when the runner and cases exist), oracle (Spark's real
# classes beside the simulator), history-server (a real Spark History Server serving corpus logs), in-host (mocha inside
# a real VS Code extension host), in-web-host (the same in its web worker extension host) and UI (Playwright against the packaged VSIX). Every step runs even
# when an earlier one failed; a summary and `total: N passed, N failed` close the output, and the
# exit code is non-zero when anything failed.
#
# Env: SPARK_MEMORY_VSCODE_HOST (VS Code host dir, default .vscode-test; installed when missing),
#      SPARK_MEMORY_E2E_PORT (port for the e2e tiers, default a free one), SPARK_MEMORY_SKIP_E2E=1
#      (skip the host install, in-host and UI tiers, reported as skipped).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$(pwd)
LOGS="$REPO/test-results/logs"
mkdir -p "$LOGS"
export PATH="$REPO/node_modules/.bin:$PATH"
export npm_config_update_notifier=false

T_ALL=$(date +%s)
declare -a NAMES=() STATUS=() SECS=() COUNTS=()
TOTAL_PASSED=0
TOTAL_FAILED=0
ANY_FAILED=0
HOST_OK=1

# step <name> <timeout-seconds> <counted: yes|no> <command...>
# Runs the command with a time limit, tees its output to test-results/logs/<name>.log, and records
# the result. For counted steps, the last `N passed, N failed` line of the output gives the counts.
step() {
  local name=$1 limit=$2 counted=$3; shift 3
  local log="$LOGS/$name.log" t0 rc status counts=""
  echo
  echo "=== $name: $*"
  t0=$(date +%s)
  timeout --kill-after=15 "$limit" "$@" 2>&1 | tee "$log"
  rc=${PIPESTATUS[0]}
  if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then echo "$name: ERROR: timed out after ${limit}s" | tee -a "$log"; fi
  if [ "$counted" = yes ]; then
    local line p f
    line=$(grep -E '^([A-Za-z-]+: )?[0-9]+ passed, [0-9]+ failed' "$log" | tail -1 || true)
    if [ -n "$line" ]; then
      p=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\2/')
      f=$(echo "$line" | sed -E 's/^([A-Za-z-]+: )?([0-9]+) passed, ([0-9]+) failed.*/\3/')
      # A runner that died after printing its counts still failed.
      [ "$rc" != 0 ] && [ "$f" = 0 ] && f=1
      counts="$p passed, $f failed"
      TOTAL_PASSED=$((TOTAL_PASSED + p)); TOTAL_FAILED=$((TOTAL_FAILED + f))
    else
      counts="no result line"
      TOTAL_FAILED=$((TOTAL_FAILED + 1)); [ "$rc" = 0 ] && rc=1
    fi
  elif [ "$rc" != 0 ]; then
    TOTAL_FAILED=$((TOTAL_FAILED + 1))
  fi
  if [ "$rc" = 0 ]; then status=ok; else status="FAILED (exit $rc)"; ANY_FAILED=1; fi
  NAMES+=("$name"); STATUS+=("$status"); SECS+=("$(( $(date +%s) - t0 ))"); COUNTS+=("$counts")
  return "$rc"
}

skip() {
  NAMES+=("$1"); STATUS+=(skipped); SECS+=(0); COUNTS+=("($2)")
  echo; echo "=== $1: skipped ($2)"
}

# Lint first (ESLint with types, Prettier's check, the core's forbidden imports): a finding fails the run.
step lint 600 no npm run -s lint
step build 300 no node scripts/build.mjs
step typecheck 600 no npm run -s typecheck
step compile-tests 600 no bash -c 'rm -rf out && npm run -s compile-tests'  # no stale tests from deleted files

step unit 900 yes mocha --config .mocharc.json 'out/test/unit/**/*.test.js'
# The fuzz campaign for a fixed number of inputs and seed (npm run fuzz -- --inputs N --seed S for longer).
step fuzz 300 yes node scripts/fuzz.mjs --inputs 400 --seed 15

if node -e 'process.exit(require("./package.json").scripts?.conformance ? 0 : 1)' && compgen -G 'test/conformance/*.json' >/dev/null; then
  # Spark's suites as data, plus the shared examples when the repository sits beside shared/ (as in CI).
  CONFORMANCE_FILES=(test/conformance/*.json)
  [ -f ../shared/spec/conformance-examples.json ] && CONFORMANCE_FILES+=(../shared/spec/conformance-examples.json)
  step conformance 900 yes npm run -s conformance -- "${CONFORMANCE_FILES[@]}"
else
  skip conformance 'no "conformance" script or no test/conformance/*.json'
fi

# Spark's own classes as the judge (scripts/oracle/README.md): the cases and a seeded fuzz stream per
# line. Fails with one line naming what to install when Java, Maven or the jars are missing.
# SPARK_MEMORY_ORACLE_SEQUENCES sets the fuzz count per line (default 20,000, as `npm run oracle`; the
# CI budget for this tier is 4 minutes).
if [ -x scripts/oracle/fetch-spark.sh ]; then
  step oracle 1500 yes bash -c 'bash scripts/oracle/fetch-spark.sh all >/dev/null && node dist/oracle.js --sequences "${SPARK_MEMORY_ORACLE_SEQUENCES:-20000}"'
fi

# A real Spark History Server (the oracle's Spark 3.5 jars, or the corpus' pyspark when it is there)
# serves six corpus logs on 127.0.0.1, and `cli log <url>` must read from each what `cli log <file>`
# reads (scripts/eventlog-corpus/history-server.mjs; about 20 s).
if [ -x scripts/oracle/fetch-spark.sh ]; then
  step history-server 180 yes bash -c 'bash scripts/oracle/fetch-spark.sh 3.5 >/dev/null && node scripts/eventlog-corpus/history-server.mjs'
fi

if [ "${SPARK_MEMORY_SKIP_E2E:-}" = 1 ]; then
  skip in-host 'SPARK_MEMORY_SKIP_E2E=1'
  skip in-web-host 'SPARK_MEMORY_SKIP_E2E=1'
  skip ui 'SPARK_MEMORY_SKIP_E2E=1'
else
  step vscode-host 2400 no bash scripts/e2e/install-host.sh || HOST_OK=0
  step in-host 600 yes node scripts/e2e/run-in-host.js
  # The same suites (but the Node-only ones) and test/web in the browser's web worker extension host,
  # from the `browser` entry, as on vscode.dev and github.dev.
  step in-web-host 900 yes node scripts/e2e/run-in-host.js --web
  step package 300 no npm run -s package
  step ui 1200 yes node scripts/e2e/run-ui.js
fi

echo
echo "=== summary ($(( $(date +%s) - T_ALL ))s; logs in test-results/logs/)"
for i in "${!NAMES[@]}"; do
  printf '  %-14s %-22s %5ss  %s\n' "${NAMES[$i]}" "${STATUS[$i]}" "${SECS[$i]}" "${COUNTS[$i]}"
done
[ "$HOST_OK" = 1 ] || echo "  (the VS Code host did not install, so in-host and ui could not run: see test-results/logs/vscode-host.log)"
echo "total: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
exit "$ANY_FAILED"
