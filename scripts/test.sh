#!/usr/bin/env bash
# npm test: catalog checks, fast tests (fake MVMNT server + n8n-core), then end-to-end tests in the real n8n.
#   SKIP_E2E=1 npm test   # without the real-n8n tests
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh

# ---- the contract holds no prose, the catalog matches it and covers it, and the README table is current
node scripts/contract.js --check
node scripts/gen-catalog.js --check
node scripts/coverage.js
node scripts/docs.js --check

# ---- Node 24 + n8n for the e2e tests (idempotent; ~5 min the first time)
[ "${SKIP_E2E:-0}" = 1 ] || bash scripts/install-n8n.sh

OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
fast=0; e2e=0
# --forceExit: n8n-core keeps HTTP agents and timers alive after the last test
npx jest --config test/jest.config.js --selectProjects fast --forceExit --json --outputFile "$OUT/fast.json" || fast=$?
if [ "${SKIP_E2E:-0}" != 1 ]; then
  npx jest --config test/jest.config.js --selectProjects e2e --runInBand --forceExit --json --outputFile "$OUT/e2e.json" || e2e=$?
fi
# one plain closing line over both runs
node -e '
  const fs = require("fs"); let p = 0, f = 0;
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) continue;
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    p += r.numPassedTests; f += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`test: ${p} passed, ${f} failed`);' "$OUT/fast.json" "$OUT/e2e.json"
[ "$fast" = 0 ] && [ "$e2e" = 0 ]
