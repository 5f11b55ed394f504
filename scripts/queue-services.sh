#!/usr/bin/env bash
# PostgreSQL and Redis programs for the queue-mode suite (test/queue), from Debian's packages when
# missing. The suite starts its own throwaway instances on 127.0.0.1; nothing here starts a service.
#   bash scripts/queue-services.sh      # as root (CI), or with sudo
set -euo pipefail
have() { ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 && command -v redis-server >/dev/null 2>&1 && command -v runuser >/dev/null 2>&1; }
if have; then
  echo "queue-services: PostgreSQL $(ls /usr/lib/postgresql | sort -n | tail -n1) and $(redis-server --version | cut -d' ' -f1-3) present"
  exit 0
fi
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
t0=$(date +%s)
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postgresql redis-server >/dev/null
have || { echo "queue-services: postgresql/redis-server not usable after apt-get install" >&2; exit 1; }
echo "queue-services: installed PostgreSQL and Redis in $(( $(date +%s) - t0 )) s"
