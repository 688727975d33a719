#!/usr/bin/env bash
# `npm start`: install the VS Code host if it is missing, build the extension, and serve VS Code on
# http://127.0.0.1:${SPARK_MEMORY_E2E_PORT:-8080}/ with the extension and a scratch copy of samples/
# opened. A line per step (the first install takes a minute or two); prints the URL; runs until Ctrl-C.
# Env: SPARK_MEMORY_E2E_PORT, SPARK_MEMORY_VSCODE_HOST, SPARK_MEMORY_WORKSPACE (see scripts/e2e/serve-dev.js).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules/esbuild ] || { echo "run-product: ERROR: dependencies missing: run npm ci first" >&2; exit 1; }
echo "[spark-memory] step 1/3: the VS Code host (installed once into .vscode-test/)"
# install-host.sh says each of its steps on a "[install-host …]" line and prints the host's path last.
set +o pipefail
bash scripts/e2e/install-host.sh | while IFS= read -r line; do
  case "$line" in "[install-host"*) echo "  $line" ;; esac
done
status=${PIPESTATUS[0]}
set -o pipefail
[ "$status" -eq 0 ] || { echo "run-product: ERROR: installing the VS Code host failed (run bash scripts/e2e/install-host.sh to see why)" >&2; exit 1; }
echo "[spark-memory] step 2/3: building the extension"
node scripts/build.mjs
echo "[spark-memory] step 3/3: starting the VS Code server"
exec node scripts/e2e/serve-dev.js
