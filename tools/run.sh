#!/usr/bin/env bash
# make run: a development server with demo data on DEV_DB (default ial_dev).
#
# First run: create DEV_DB with every addon of the repository and the apps
# they extend, with demo data (login admin / admin). Later runs reuse it
# (installing addons added since; UPDATE=1 also updates ours) and only start
# the server in the background: pid in .local/odoo.pid, log in .local/odoo.log.
# WORKERS=N (N > 0): prefork mode as in production, N HTTP workers, one cron
# worker, websockets on HTTP_PORT+1.
#
# tools/run.sh stop (make stop): stop that server, then the private
# PostgreSQL (a server given by PGHOST/PGPORT/PGUSER is left alone).
# tools/run.sh clean (make clean): stop, then delete .local/ (databases
# included) and the Python and tool caches.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

DEV_DB="${DEV_DB:-ial_dev}"
HTTP_PORT="${HTTP_PORT:-8069}"
PIDFILE="$LOCAL_DIR/odoo.pid"
SERVER_LOG="$LOCAL_DIR/odoo.log"
INSTALL_LOG="$LOCAL_DIR/run-install.log"
URL="http://localhost:$HTTP_PORT"
WORKERS="${WORKERS:-0}"
[[ "$WORKERS" =~ ^[0-9]+$ ]] || die "WORKERS must be a number of workers (0: threaded server)"
server_args=()
[ "$WORKERS" -eq 0 ] ||
    server_args=(--workers="$WORKERS" --max-cron-threads=1 --gevent-port="$((HTTP_PORT + 1))")

server_pid() {
    local pid
    pid="$(cat "$PIDFILE" 2>/dev/null)" || return 1
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null &&
        tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q odoo &&
        printf '%s\n' "$pid"
}

if [ "${1:-}" = stop ] || [ "${1:-}" = clean ]; then
    if pid="$(server_pid)"; then
        log "stopping Odoo (pid $pid)"
        kill "$pid"
        timeout 20 tail --pid="$pid" -f /dev/null || kill -9 "$pid"
    fi
    rm -f "$PIDFILE"
    "$REPO_ROOT/tools/pg.sh" "${1/clean/destroy}"
    [ "$1" = stop ] && exit 0
    rm -rf "$LOCAL_DIR"
    find "$REPO_ROOT" -path "$REPO_ROOT/.git" -prune -o -type d \( -name __pycache__ \
        -o -name .pytest_cache -o -name .ruff_cache \) -print0 | xargs -0 rm -rf
    log "cleaned"
    exit 0
fi
if pid="$(server_pid)"; then
    log "Odoo already running (pid $pid): see .local/odoo.log; 'make stop' stops it"
    exit 0
fi

"$REPO_ROOT/tools/setup.sh" postgresql wkhtmltopdf
odoo_ensure
# Say so now rather than after a minute of installing: the port is taken.
"$PYTHON" - "$HTTP_PORT" <<'PY' || die "port $HTTP_PORT is in use (another Odoo?): stop it, or choose another with HTTP_PORT=8070"
import socket, sys
with socket.socket() as s:
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind(("", int(sys.argv[1])))
PY
"$REPO_ROOT/tools/pg.sh" start
export HTTP_PORT
write_odoo_conf

odoo_install() {
    local rc=0
    : >"$INSTALL_LOG"
    log "odoo $* (log: ${INSTALL_LOG#"$REPO_ROOT"/})"
    odoo_cli -c "$ODOO_CONF" -d "$DEV_DB" "$@" --stop-after-init --no-http \
        --logfile "$INSTALL_LOG" || rc=$?
    if [ "$rc" -ne 0 ]; then
        tail -n 40 "$INSTALL_LOG" >&2
        die "Odoo install failed (exit $rc)"
    fi
    load_failures "$INSTALL_LOG" ||
        die "Odoo skipped the files above and went on (log: ${INSTALL_LOG#"$REPO_ROOT"/})"
}

mapfile -t addons < <(all_addons)
[ "${#addons[@]}" -gt 0 ] || die "no addons found (no top-level directory with a __manifest__.py)"
core="interaction_autolog"
grep -qx "$core" < <(printf '%s\n' "${addons[@]}") || core="${addons[0]}"

states="$(module_states "$DEV_DB" "${addons[@]}" || true)"
if ! grep -qx "$core installed" <<<"$states"; then
    # Missing, or left half-built by an interrupted install: start over.
    log "creating database $DEV_DB with demo data (takes a few minutes)"
    drop_db "$DEV_DB"
    t0=$(date +%s)
    apps_database "$DEV_DB" demo "$INSTALL_LOG"
    odoo_install -i "$(join_by , "${addons[@]}")"
    log "install took $(($(date +%s) - t0)) s"
else
    args=()
    mapfile -t missing < <(awk '$2 != "installed" {print $1}' <<<"$states")
    [ "${#missing[@]}" -eq 0 ] || args+=(-i "$(join_by , "${missing[@]}")")
    [ "${UPDATE:-0}" = 0 ] || args+=(-u "$(join_by , "${addons[@]}")")
    [ "${#args[@]}" -eq 0 ] || odoo_install "${args[@]}"
fi

log "starting Odoo on $URL${server_args[*]:+ (${WORKERS} workers)}"
: >"$SERVER_LOG"
# setsid + nohup: the server outlives make and ignores the terminal closing.
# A simple command, so that no intermediate shell keeps make's output open.
cd "$REPO_ROOT"
setsid nohup env TZ=UTC "$PYTHON" -m odoo -c "$ODOO_CONF" \
    -d "$DEV_DB" --db-filter="^$DEV_DB\$" --http-port="$HTTP_PORT" "${server_args[@]}" \
    --pidfile="$PIDFILE" --logfile="$SERVER_LOG" </dev/null >>"$SERVER_LOG" 2>&1 &
server=$!

deadline=$(($(date +%s) + ${RUN_TIMEOUT:-120}))
until "$PYTHON" - "$URL/web/login" <<'PY' 2>/dev/null; do
import sys, urllib.request
sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=5).status == 200 else 1)
PY
    if ! kill -0 "$server" 2>/dev/null; then
        echo "----- last lines of .local/odoo.log -----" >&2
        tail -n 30 "$SERVER_LOG" >&2
        die "Odoo exited before answering on $URL/web/login (port $HTTP_PORT in use? set HTTP_PORT)"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
        echo "----- last lines of .local/odoo.log -----" >&2
        tail -n 30 "$SERVER_LOG" >&2
        kill "$server"
        die "Odoo did not answer on $URL/web/login within ${RUN_TIMEOUT:-120} s"
    fi
    sleep 1
done

echo "Odoo is running: $URL  (login: admin  password: admin, database $DEV_DB)"
echo "Log: .local/odoo.log   Stop: make stop"
