#!/usr/bin/env bash
# make stop: stop the server started by `make run`, then the private
# PostgreSQL cluster (a server given by PGHOST/PGPORT/PGUSER is left alone).
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PIDFILE="$LOCAL_DIR/odoo.pid"
if pid="$(cat "$PIDFILE" 2>/dev/null)" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q odoo; then
    log "stopping Odoo (pid $pid)"
    kill "$pid"
    for _ in $(seq 1 20); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
else
    log "Odoo server not running"
fi
rm -f "$PIDFILE"

"$REPO_ROOT/tools/pg.sh" stop
