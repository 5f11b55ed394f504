#!/usr/bin/env bash
# npm test: catalog checks, fast tests (fake MVMNT server + n8n-core), then end-to-end tests in the real n8n.
#   SKIP_E2E=1 npm test   # without the real-n8n tests
#   N8N1=1 npm test       # also the e2e tests on the newest n8n 1.x (Node 22; on when CI=true)
#   QUEUE_E2E=1 npm test  # also n8n in queue mode with PostgreSQL and Redis (apt packages; on when CI=true)
#   npm run crash         # the crash suites (test/crash) with 20 kills per pattern; the queue leg runs 1
#   TEST_LEGS="fast e2e" npm test   # only these legs (of: fast e2e n8n1 queue stop-check)
# With CI=true it ends with scripts/stop-check.js: SIGTERM to `npm test` during the queue-mode suite
# leaves no process behind. Ctrl-C or SIGTERM stops every process a leg started (dev/reap.js).
set -euo pipefail
cd "$(dirname "$0")/.."
# CI runs every leg: the same `npm test`, with the 1.x and queue-mode legs switched on by CI=true
if [ "${CI:-}" = true ]; then N8N1=${N8N1:-1}; QUEUE_E2E=${QUEUE_E2E:-1}; STOP_CHECK=${STOP_CHECK:-1}; fi
LEGS=" ${TEST_LEGS:-fast e2e n8n1 queue stop-check} "
has() { [[ "$LEGS" == *" $1 "* ]]; }
bash scripts/prepare.sh

# ---- the contract holds no prose, the catalog matches it and covers it, and the README table is current
node scripts/contract.js --check
node scripts/gen-catalog.js --check
node scripts/coverage.js
node scripts/docs.js --check

# ---- Node 24 + n8n for the e2e tests (idempotent; ~5 min the first time)
[ "${SKIP_E2E:-0}" = 1 ] || bash scripts/install-n8n.sh

OUT=$(mktemp -d)
# Everything a leg starts carries MVMNT_DEV_RUN (its environment, or its process group listed in
# $OUT/groups by dev/processes.js): on exit, Ctrl-C or SIGTERM, dev/reap.js stops what is left.
export MVMNT_DEV_RUN="$OUT"
STOP_LABEL=test
# shellcheck source=scripts/stop-on-signal.sh
source scripts/stop-on-signal.sh
fast=0; e2e=0; n8n1=0; queue=0
leg() { echo "TIMING $1 $(( $(date +%s) - $2 )) s"; }
# --forceExit: n8n-core keeps HTTP agents and timers alive after the last test
if has fast; then run npx jest --config test/jest.config.js --selectProjects fast --forceExit --json --outputFile "$OUT/fast.json" || fast=$?; fi
if [ "${SKIP_E2E:-0}" != 1 ] && has e2e; then
  t=$(date +%s)
  run npx jest --config test/jest.config.js --selectProjects e2e --runInBand --forceExit --json --outputFile "$OUT/e2e.json" || e2e=$?
  leg e2e-n8n2 "$t"
fi
# ---- the same e2e tests (but the demo's) on the newest installable n8n 1.x, on Node 22
if [ "${N8N1:-0}" = 1 ] && [ "${SKIP_E2E:-0}" != 1 ] && has n8n1; then
  t=$(date +%s)
  bash scripts/install-n8n.sh --n8n1
  run env N8N_RUNTIME="$PWD/.n8n1-runtime" npx jest --config test/jest.config.js --selectProjects e2e --runInBand --forceExit \
    --testPathPatterns 'test/e2e/(quickstart|trigger|polling|package|examples|templates|exact-values|dispatcher-quote)\.test\.js' --json --outputFile "$OUT/e2e-n8n1.json" || n8n1=$?
  leg e2e-n8n1 "$t"
fi
# ---- queue mode: PostgreSQL + Redis + n8n main, workers and webhook processors
if [ "${QUEUE_E2E:-0}" = 1 ] && [ "${SKIP_E2E:-0}" != 1 ] && has queue; then
  t=$(date +%s)
  bash scripts/queue-services.sh
  run npx jest --config test/jest.config.js --selectProjects queue --runInBand --forceExit --json --outputFile "$OUT/queue.json" || queue=$?
  leg queue-mode "$t"
  # the crash suites with a short kill count (npm run crash: the full count)
  t=$(date +%s)
  run env CRASH_KILLS="${CRASH_KILLS:-1}" npx jest --config test/jest.config.js --selectProjects crash --runInBand --forceExit --json --outputFile "$OUT/crash.json" || queue=$?
  leg crash "$t"
fi
# ---- SIGTERM to `npm test` during the queue-mode suite leaves no process behind (~2 min)
stop=0
if [ "${STOP_CHECK:-0}" = 1 ] && [ "${SKIP_E2E:-0}" != 1 ] && has stop-check; then
  t=$(date +%s)
  bash scripts/queue-services.sh
  run node scripts/stop-check.js || stop=$?
  leg stop-check "$t"
fi
# one plain closing line over both runs
node -e '
  const fs = require("fs"); let p = 0, f = 0;
  for (const file of process.argv.slice(1)) {
    if (!fs.existsSync(file)) continue;
    const r = JSON.parse(fs.readFileSync(file, "utf8"));
    p += r.numPassedTests; f += r.numFailedTests + r.numRuntimeErrorTestSuites;
  }
  console.log(`test: ${p} passed, ${f} failed`);' "$OUT/fast.json" "$OUT/e2e.json" "$OUT/e2e-n8n1.json" "$OUT/queue.json" "$OUT/crash.json"
[ "$fast" = 0 ] && [ "$e2e" = 0 ] && [ "$n8n1" = 0 ] && [ "$queue" = 0 ] && [ "$stop" = 0 ]
