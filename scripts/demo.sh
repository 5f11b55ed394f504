#!/usr/bin/env bash
# npm run demo [-- --port N] [-- --once]: the n8n editor with this package, a seeded fake MVMNT and a ready credential.
# Ctrl-C or SIGTERM stops the demo (it stops n8n and the fake itself); dev/reap.js then stops anything left.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
bash scripts/install-n8n.sh
MVMNT_DEV_RUN=$(mktemp -d "${TMPDIR:-/tmp}/mvmnt-demo-run-XXXXXX")
export MVMNT_DEV_RUN
STOP_LABEL=demo
# shellcheck source=scripts/stop-on-signal.sh
source scripts/stop-on-signal.sh
# the demo gets the signal from stop_all, then stops n8n and the fake itself
run node scripts/demo.js "$@"
