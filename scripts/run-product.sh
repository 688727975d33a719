#!/usr/bin/env bash
# `npm start`: the product in a real VS Code. Installs the VS Code host if needed, builds the
# extension, starts VS Code's server on 127.0.0.1 with the extension loaded as a development
# extension and samples/ opened, prints the URL to open in a browser, and runs until Ctrl-C.
#
# Env: SPARK_MEMORY_PORT (default 8080; another free port is chosen when it is taken),
#      SPARK_MEMORY_VSCODE_HOST (where the host is installed, default .vscode-test/),
#      SPARK_MEMORY_WORKSPACE (folder to open, default samples/).
set -euo pipefail
cd "$(dirname "$0")/.."
lib=scripts/e2e/lib.js
if ! node -e "require('./$lib').serverMain()" 2>/dev/null; then
  bash scripts/e2e/install-host.sh
fi
[ -d node_modules ] || npm ci
node scripts/build.mjs
exec node scripts/e2e/serve.js
