#!/usr/bin/env bash
# npm run crash: the crash suites (test/crash/*.crash.test.js) with the full kill count — real n8n
# in single-process and queue mode (PostgreSQL + Redis), processes killed with SIGKILL at seeded
# random moments; every suite prints CRASH lines with what MVMNT was told against what ran.
#   npm run crash                          # 20 kills per pattern
#   CRASH_KILLS=5 CRASH_SEED=7 npm run crash -- --testPathPatterns polling   # replay / narrow
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
bash scripts/install-n8n.sh
bash scripts/queue-services.sh
OUT=$(mktemp -d)
export MVMNT_DEV_RUN="$OUT"
STOP_LABEL=crash
# shellcheck source=scripts/stop-on-signal.sh
source scripts/stop-on-signal.sh
export CRASH_KILLS="${CRASH_KILLS:-20}"
run npx jest --config test/jest.config.js --selectProjects crash --runInBand --forceExit "$@"
