#!/usr/bin/env bash
# npm run demo: the README quickstart workflow, run by the real n8n against the fake MVMNT server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
bash scripts/install-n8n.sh
exec node scripts/demo.js
