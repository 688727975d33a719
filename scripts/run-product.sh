#!/usr/bin/env bash
# `npm start`: install the VS Code host if it is missing, build the extension, and serve VS Code on
# http://127.0.0.1:${SPARK_MEMORY_E2E_PORT:-8080} with the extension loaded (development mode) and
# samples/ opened. Prints the URL to open; runs until Ctrl-C.
# Env: SPARK_MEMORY_E2E_PORT, SPARK_MEMORY_VSCODE_HOST, SPARK_MEMORY_WORKSPACE (see scripts/e2e/serve-dev.js).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
[ -d node_modules/esbuild ] || { echo "run-product: ERROR: dependencies missing: run npm ci first" >&2; exit 1; }
bash scripts/e2e/install-host.sh >/dev/null || { echo "run-product: ERROR: installing the VS Code host failed (run bash scripts/e2e/install-host.sh to see why)" >&2; exit 1; }
node scripts/build.mjs
exec node scripts/e2e/serve-dev.js
