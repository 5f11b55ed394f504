#!/usr/bin/env bash
# Shared by npm test and npm run demo: npm dependencies and the build, each only when needed.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x node_modules/.bin/jest ] || [ ! -x node_modules/.bin/tsc ]; then
  echo "prepare: installing npm dependencies (npm ci --ignore-scripts)"
  npm ci --ignore-scripts --no-audit --no-fund
fi
MARKER=dist/nodes/Mvmnt/Mvmnt.node.js
if [ ! -f "$MARKER" ] || [ -n "$(find nodes credentials package.json tsconfig.json gulpfile.js -newer "$MARKER" -print -quit 2>/dev/null)" ]; then
  echo "prepare: building (npm run build)"
  npm run build
fi
