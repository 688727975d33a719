#!/usr/bin/env bash
# Installs the VS Code host the end-to-end tiers run in: code-server's bundled VS Code server
# (code-server 4.100.3 = VS Code 1.100.3, which runs on the machine's Node 20), plus the Debian
# packages the install and the UI tests need (headless chromium, ripgrep, a C toolchain for the
# native modules). Works offline except for the npm registry and Debian apt.
#
#   bash scripts/e2e/install-host.sh
#
# Env:
#   SPARK_MEMORY_VSCODE_HOST   install dir (default: <repo>/.vscode-test). Several worktrees can
#                              share one, e.g. /work/.vscode-host; a lock serialises installs.
#   SPARK_MEMORY_CODE_SERVER_VERSION   default 4.100.3 (later versions need another Node major).
#
# Idempotent: when <dir>/.installed-<version> exists and server-main.js is there, it only checks
# the apt packages and exits. Prints the host dir on its last line.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
HOST=${SPARK_MEMORY_VSCODE_HOST:-$REPO/.vscode-test}
VERSION=${SPARK_MEMORY_CODE_SERVER_VERSION:-4.100.3}
APT_PACKAGES=(chromium libkrb5-dev ripgrep build-essential python3 pkg-config)

say() { echo "[install-host $(date +%T)] $*"; }
die() { echo "install-host: ERROR: $*" >&2; exit 1; }

# ---- apt packages -------------------------------------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || die "apt packages missing (${missing[*]}) and not root and no sudo: install them by hand"
    SUDO="sudo -n"
  fi
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq || die "apt-get update failed"
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null \
    || die "apt-get install ${missing[*]} failed"
fi
command -v chromium >/dev/null || die "chromium is not on PATH after the apt install"

# ---- code-server ----------------------------------------------------------------------------------
mkdir -p "$HOST"
HOST=$(cd "$HOST" && pwd)
CS="$HOST/cs/node_modules/code-server"
MARKER="$HOST/.installed-$VERSION"
installed() { [ -f "$MARKER" ] && [ -f "$CS/lib/vscode/out/server-main.js" ]; }

exec 9>"$HOST/.install.lock"
if ! flock -n 9; then
  say "another install into $HOST is running; waiting for it (at most 20 min)"
  flock -w 1200 9 || die "timed out waiting for the lock $HOST/.install.lock"
fi

if installed; then
  say "code-server $VERSION already installed in $HOST"
  echo "$HOST"
  exit 0
fi

# code-server's postinstall refuses any Node major other than its engines.node.
HAVE=$(node -p 'process.versions.node.split(".")[0]')
case "$VERSION" in
  4.99.*|4.100.*) WANT=20 ;;
  *) WANT=$(npm view "code-server@$VERSION" engines.node 2>/dev/null | grep -o '[0-9][0-9]*' | head -1 || true) ;;
esac
[ -z "$WANT" ] || [ "$WANT" = "$HAVE" ] || die "code-server $VERSION needs Node $WANT, this machine has Node $HAVE"

T0=$(date +%s)
rm -f "$HOST"/.installed-*
mkdir -p "$HOST/cs" "$HOST/tmp"
cd "$HOST/cs"
[ -f package.json ] || echo '{"name":"spark-memory-vscode-host","private":true}' > package.json

say "npm install code-server@$VERSION (scripts off) into $HOST/cs"
npm install --no-audit --no-fund --no-save --ignore-scripts "code-server@$VERSION" > "$HOST/cs/install.log" 2>&1 \
  || { tail -30 "$HOST/cs/install.log"; die "npm install code-server@$VERSION failed (log: $HOST/cs/install.log)"; }

# The postinstall downloads nothing from outside npm except @vscode/ripgrep's rg binary (GitHub).
# That package first looks in $TMPDIR/vscode-ripgrep-cache-<pkg version>/<asset>: seed it with Debian's rg.
export TMPDIR="$HOST/tmp"
RGVER=$(node -e '
  const s = require(process.argv[1]).packages["node_modules/@vscode/ripgrep"];
  process.stdout.write(s ? s.version : "");' "$CS/lib/vscode/npm-shrinkwrap.json")
if [ -n "$RGVER" ]; then
  say "seeding the @vscode/ripgrep@$RGVER download cache with /usr/bin/rg"
  rm -rf "$TMPDIR/rgpack" && mkdir -p "$TMPDIR/rgpack"
  (cd "$TMPDIR/rgpack" && npm pack -q "@vscode/ripgrep@$RGVER" >/dev/null 2>&1 && tar xzf vscode-ripgrep-*.tgz package/lib/postinstall.js) \
    || die "could not fetch @vscode/ripgrep@$RGVER from npm to read its rg version"
  RGTAG=$(grep -o "^const VERSION = '[^']*'" "$TMPDIR/rgpack/package/lib/postinstall.js" | cut -d"'" -f2)
  [ -n "$RGTAG" ] || die "could not read the rg version from @vscode/ripgrep@$RGVER"
  case "$(uname -m)" in
    x86_64) RGARCH=x86_64-unknown-linux-musl ;;
    aarch64) RGARCH=aarch64-unknown-linux-musl ;;
    *) die "no ripgrep seeding rule for $(uname -m)" ;;
  esac
  mkdir -p "$TMPDIR/vscode-ripgrep-cache-$RGVER"
  tar czf "$TMPDIR/vscode-ripgrep-cache-$RGVER/ripgrep-$RGTAG-$RGARCH.tar.gz" -C "$(dirname "$(command -v rg)")" rg
fi

# Runs code-server's postinstall (npm install in lib/vscode, native modules built from source).
#  npm_config_unsafe_perm: as root, code-server <= 4.100 exits without it (npm 11 has no flag for it);
#  npm_config_yes: node-pty runs `npx node-gyp`, which a `yes=false` in ~/.npmrc would cancel.
#  npm_config_nodedir: node-gyp would download Node's headers; use the ones installed with node.
NODEDIR=${npm_config_nodedir:-$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")}
[ -f "$NODEDIR/include/node/node_api.h" ] || die "no Node headers in $NODEDIR/include/node (node-gyp would try to download them)"
say "npm rebuild (code-server postinstall, native modules; 1-2 min)"
env npm_config_unsafe_perm=true npm_config_yes=true npm_config_nodedir="$NODEDIR" \
  npm rebuild --foreground-scripts > "$HOST/cs/rebuild.log" 2>&1 \
  || { tail -40 "$HOST/cs/rebuild.log"; die "code-server postinstall failed (log: $HOST/cs/rebuild.log)"; }
[ -f "$CS/lib/vscode/out/server-main.js" ] || die "server-main.js missing after install"
[ -d "$CS/lib/vscode/node_modules/@vscode/ripgrep/bin" ] || [ -z "$RGVER" ] || die "ripgrep not installed inside code-server"

GOT=$(node -p "require('$CS/package.json').version")
[ "$GOT" = "$VERSION" ] || die "installed code-server $GOT, wanted $VERSION"
VSV=$(node -p "require('$CS/lib/vscode/product.json').version" 2>/dev/null || node -p "require('$CS/lib/vscode/package.json').version")
rm -rf "$TMPDIR/rgpack"
touch "$MARKER"
say "installed code-server $GOT (VS Code $VSV) in $(( $(date +%s) - T0 ))s: $(du -sh "$HOST/cs" | cut -f1)"
echo "$HOST"
