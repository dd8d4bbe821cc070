#!/usr/bin/env bash
# make run: Odoo in the background on DEV_DB (ial_dev: every addon, the apps
# they extend, demo data, admin/admin), .local/odoo.{pid,log}; UPDATE=1 updates
# ours; WORKERS=N: prefork; REPLICA=1: reads on a replica (tools/pg.sh). stop|clean:
# it and the private PostgreSQL; clean also deletes .local/ (databases included)
# and the Python caches of the tree.
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh"
DEV_DB="${DEV_DB:-ial_dev}" HTTP_PORT="${HTTP_PORT:-8069}" WORKERS="${WORKERS:-0}" PIDFILE="$LOCAL_DIR/odoo.pid"
INSTALL_LOG="$LOCAL_DIR/run-install.log" URL="http://localhost:$HTTP_PORT/web/login"
pid="$(cat "$PIDFILE" 2>/dev/null)" && grep -q odoo "/proc/$pid/cmdline" 2>/dev/null || pid=
if [[ "${1:-}" =~ ^(stop|clean)$ ]]; then
    [ -z "$pid" ] || { log "stopping Odoo (pid $pid)" && kill "$pid" && timeout 20 tail --pid="$pid" -f /dev/null || kill -9 "$pid"; }
    rm -f "$PIDFILE" && "$REPO_ROOT/tools/pg.sh" "${1/clean/destroy}"
    [ "$1" = stop ] || { git -C "$REPO_ROOT" clean -fdXq && log "cleaned"; } # .gitignore: all generated
    exit 0
fi
[ -z "$pid" ] || { log "Odoo already running (pid $pid): see .local/odoo.log; 'make stop' stops it" && exit 0; }
[[ "$WORKERS" =~ ^[0-9]+$ ]] || die "WORKERS must be a number of workers (0: threaded server)"
! (exec 3<>"/dev/tcp/127.0.0.1/$HTTP_PORT") 2>/dev/null ||
    die "port $HTTP_PORT is in use (another Odoo?): stop it, or choose another with HTTP_PORT=8070"
odoo_ready postgresql wkhtmltopdf
mapfile -t addons < <(all_addons)
states="$(module_states "$DEV_DB" "${addons[@]}" || true)"
if ! grep -qx "interaction_autolog installed" <<<"$states"; then # absent, or half-built: start over
    log "creating database $DEV_DB with demo data (takes a few minutes)"
    drop_db "$DEV_DB"
    apps_database "$DEV_DB" demo "$INSTALL_LOG"
    odoo_install "$DEV_DB" "$INSTALL_LOG" -i "$(join_by , "${addons[@]}")"
else
    new="$(awk '$2 != "installed" {print $1}' <<<"$states" | paste -sd,)" && up="${UPDATE:-0}" && up="${up#0}"
    [ -z "$new$up" ] || odoo_install "$DEV_DB" "$INSTALL_LOG" ${new:+-i "$new"} ${up:+-u "$(join_by , "${addons[@]}")"}
fi
log "starting Odoo on ${URL%/web/login} (WORKERS=$WORKERS)"
[ "$WORKERS" = 0 ] || set -- --workers="$WORKERS" --max-cron-threads=1 --gevent-port="$((HTTP_PORT + 1))"
cd "$REPO_ROOT" && : >"$LOCAL_DIR/odoo.log"
# setsid + nohup: the server outlives make and the terminal.
setsid nohup env TZ=UTC "$PYTHON" -m odoo -c "$ODOO_CONF" -d "$DEV_DB" --db-filter="^$DEV_DB\$" "$@" \
    --pidfile="$PIDFILE" --logfile="$LOCAL_DIR/odoo.log" </dev/null >>"$LOCAL_DIR/odoo.log" 2>&1 &
for i in $(seq "${RUN_TIMEOUT:-120}") 0; do
    "$PYTHON" -c 'import sys, urllib.request as u; u.urlopen(sys.argv[1], timeout=5)' "$URL" 2>/dev/null && break
    kill -0 $! 2>/dev/null && [ "$i" != 0 ] && sleep 1 || {
        echo "----- last lines of .local/odoo.log -----" && tail -n 30 "$LOCAL_DIR/odoo.log" && kill $! 2>/dev/null
        die "Odoo did not answer on $URL (port in use? set HTTP_PORT; RUN_TIMEOUT=${RUN_TIMEOUT:-120} s)"
    } >&2
done
printf '%s\n' "Odoo is running: ${URL%/web/login}  (login: admin  password: admin, database $DEV_DB)" \
    "Log: .local/odoo.log   Stop: make stop"
[ "${REPLICA:-0}" = 0 ] || echo "Read-only requests: the streaming replica (port 5433; its log: pg/replica.log)"
