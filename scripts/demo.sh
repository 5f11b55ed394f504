#!/usr/bin/env bash
# npm run demo [-- --port N] [-- --once]: the n8n editor with this package, a seeded fake MVMNT and a ready credential.
# Ctrl-C or SIGTERM stops the demo (it stops n8n and the fake itself); dev/reap.js then stops anything left.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
bash scripts/install-n8n.sh
MVMNT_DEV_RUN=$(mktemp -d "${TMPDIR:-/tmp}/mvmnt-demo-run-XXXXXX")
export MVMNT_DEV_RUN
DEMO_PID=
finish() {
  trap - EXIT INT TERM HUP
  if [ -n "$DEMO_PID" ]; then kill -TERM "$DEMO_PID" 2>/dev/null || true; wait "$DEMO_PID" 2>/dev/null || true; fi
  node dev/reap.js "$MVMNT_DEV_RUN" || true
  rm -rf "$MVMNT_DEV_RUN"
}
trap finish EXIT
trap 'finish; exit 130' INT
trap 'finish; exit 143' TERM
trap 'finish; exit 129' HUP
# in the background, so that a signal reaches this script at once; the demo gets it from finish()
node scripts/demo.js "$@" &
DEMO_PID=$!
rc=0
wait "$DEMO_PID" || rc=$?
DEMO_PID=
exit "$rc"
