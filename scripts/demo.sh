#!/usr/bin/env bash
# npm run demo [-- --port N] [-- --once]: the n8n editor with this package, a seeded fake MVMNT and a ready credential.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh
bash scripts/install-n8n.sh
exec node scripts/demo.js "$@"
