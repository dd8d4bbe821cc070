#!/usr/bin/env bash
# PostgreSQL for the development loop: tools/pg.sh start|stop|env|psql [args]|destroy
#
# With PGHOST, PGPORT or PGUSER set, that server is used as is (start/stop do
# nothing). Otherwise a private, throw-away cluster in .local/pgdata listens
# only on a unix socket in .local/pgsock (no TCP port: it cannot clash with
# another PostgreSQL or clone), durability off (disposable data). PostgreSQL
# refuses root: as root the cluster belongs to the system user PG_OS_USER
# (default interaction_pg), created on first use.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PG_OS_USER="${PG_OS_USER:-interaction_pg}"
PG_DB_USER=odoo
PG_PORT=5432

external_pg() { [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; }

# PG_BINDIR when given; else the newest /usr/lib/postgresql/*/bin, then
# whatever pg_ctl is on PATH.
pg_bindir() {
    local d p
    if [ -n "${PG_BINDIR:-}" ]; then
        [ -x "$PG_BINDIR/initdb" ] && [ -x "$PG_BINDIR/pg_ctl" ] ||
            die "PG_BINDIR '$PG_BINDIR' has no initdb and pg_ctl: point it at PostgreSQL's bin directory, or set PGHOST/PGPORT/PGUSER to use an existing server"
        printf '%s\n' "$PG_BINDIR"
        return 0
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -V -r); do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { printf '%s\n' "$d"; return 0; }
    done
    if p="$(command -v pg_ctl)"; then
        d="$(dirname "$(readlink -f "$p")")"
        [ -x "$d/initdb" ] && { printf '%s\n' "$d"; return 0; }
    fi
    die "PostgreSQL server binaries not found (looked in /usr/lib/postgresql/*/bin and PATH): install the PostgreSQL server package, or set PGHOST/PGPORT/PGUSER to use an existing server"
}

# Run a command as the OS user owning the cluster (from /: that user may
# not be allowed into the current directory; all paths are absolute).
as_pg() {
    if is_root; then
        if command -v runuser >/dev/null 2>&1; then
            (cd / && runuser -u "$PG_OS_USER" -- "$@")
        else
            (cd / && su -s /bin/sh "$PG_OS_USER" -c "$(printf '%q ' "$@")")
        fi
    else
        "$@"
    fi
}

ensure_os_user() {
    is_root || return 0
    id -u "$PG_OS_USER" >/dev/null 2>&1 && return 0
    log "creating system user $PG_OS_USER to run the private PostgreSQL cluster"
    if command -v useradd >/dev/null 2>&1; then
        useradd --system --user-group --no-create-home --home-dir /nonexistent \
            --shell /usr/sbin/nologin "$PG_OS_USER" 2>/dev/null || true
    else
        adduser --system --group --no-create-home --home /nonexistent \
            --shell /usr/sbin/nologin "$PG_OS_USER" >/dev/null 2>&1 || true
    fi
    # Another make may have created it concurrently: only the result matters.
    id -u "$PG_OS_USER" >/dev/null 2>&1 || die "could not create system user $PG_OS_USER"
}

# Where the cluster lives: .local/ unless the cluster user cannot reach it
# (repository under a private home directory, as root) or the socket path
# would exceed the unix socket limit (~107 bytes); then a per-repository
# directory under /tmp.
pg_base() {
    local base="$LOCAL_DIR" alt
    alt="${TMPDIR:-/tmp}/interaction_pg-$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1)"
    if [ -d "$alt/pgdata" ]; then
        printf '%s\n' "$alt"
        return 0
    fi
    if [ $((${#base} + ${#PG_PORT} + 20)) -gt 107 ]; then
        base="$alt"
    elif is_root && [ ! -d "$base/pgdata" ] && id -u "$PG_OS_USER" >/dev/null 2>&1 &&
        ! as_pg test -x "$base"; then
        base="$alt"
    fi
    printf '%s\n' "$base"
}

init_vars() {
    PG_BIN="$(pg_bindir)" || exit 1
    PG_BASE="$(pg_base)"
    PGDATA_DIR="$PG_BASE/pgdata"
    PGSOCK_DIR="$PG_BASE/pgsock"
    # An existing cluster keeps running as whoever owns it.
    if is_root && [ -d "$PGDATA_DIR" ]; then
        local owner
        owner="$(stat -c %U "$PGDATA_DIR")"
        [ "$owner" = root ] || PG_OS_USER="$owner"
    elif ! is_root && [ -d "$PGDATA_DIR" ] && [ ! -O "$PGDATA_DIR" ]; then
        die "$PGDATA_DIR belongs to $(stat -c %U "$PGDATA_DIR"): run as root, or 'make clean' as root first"
    fi
}

pg_ctl_() { as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR" "$@"; }

is_running() { [ -f "$PGDATA_DIR/PG_VERSION" ] && pg_ctl_ status >/dev/null 2>&1; }

init_cluster() {
    [ -f "$PGDATA_DIR/PG_VERSION" ] && return 0
    ensure_os_user
    mkdir -p "$PG_BASE" "$PGDATA_DIR" "$PGSOCK_DIR"
    chmod 700 "$PGDATA_DIR"
    if is_root; then
        chown "$PG_OS_USER:" "$PGDATA_DIR" "$PGSOCK_DIR"
        as_pg test -w "$PGDATA_DIR" ||
            die "user $PG_OS_USER cannot reach $PGDATA_DIR (a parent directory is not traversable); set PGHOST to use another server"
    fi
    log "initialising private PostgreSQL cluster in ${PGDATA_DIR#"$REPO_ROOT"/}"
    as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR" --auth=trust -U "$PG_DB_USER" \
        --encoding=UTF8 --locale=C >"$PG_BASE/initdb.log" 2>&1 ||
        { cat "$PG_BASE/initdb.log" >&2; die "initdb failed"; }
    # Our settings live in their own file, rewritten on every start.
    printf "\ninclude_if_exists = 'interaction.conf'\n" |
        as_pg tee -a "$PGDATA_DIR/postgresql.conf" >/dev/null
}

write_settings() {
    # listen_addresses='' : unix socket only. Durability off: disposable data.
    as_pg tee "$PGDATA_DIR/interaction.conf" >/dev/null <<CONF
listen_addresses = ''
unix_socket_directories = '$PGSOCK_DIR'
port = $PG_PORT
fsync = off
synchronous_commit = off
full_page_writes = off
shared_buffers = 64MB
max_connections = 100
CONF
}

cmd_start() {
    if external_pg; then
        log "using the PostgreSQL server from PGHOST/PGPORT/PGUSER"
        return 0
    fi
    ensure_os_user
    init_vars
    if is_running; then
        log "private PostgreSQL already running"
        return 0
    fi
    init_cluster
    mkdir -p "$PGSOCK_DIR"
    is_root && chown "$PG_OS_USER:" "$PGSOCK_DIR"
    write_settings
    log "starting private PostgreSQL"
    if ! pg_ctl_ -l "$PGDATA_DIR/server.log" -w -t 60 start >/dev/null; then
        # Lost a race with a concurrent start? Then it is running now.
        is_running && return 0
        tail -n 20 "$PGDATA_DIR/server.log" >&2 || true
        die "PostgreSQL did not start"
    fi
}

cmd_stop() {
    if external_pg; then
        log "external PostgreSQL server: nothing to stop"
        return 0
    fi
    init_vars
    if is_running; then
        log "stopping private PostgreSQL"
        pg_ctl_ -m fast -w stop >/dev/null
    else
        log "private PostgreSQL not running"
    fi
}

# Connection settings for Odoo, as shell assignments.
cmd_env() {
    local host port user
    if external_pg; then
        host="${PGHOST:-}" port="${PGPORT:-}" user="${PGUSER:-}"
    else
        init_vars
        host="$PGSOCK_DIR" port="$PG_PORT" user="$PG_DB_USER"
    fi
    printf 'db_host=%q\ndb_port=%q\ndb_user=%q\n' "$host" "$port" "$user"
}

cmd_psql() {
    local db_host db_port db_user
    eval "$(cmd_env)"
    local psql=psql
    external_pg || { init_vars && psql="$PG_BIN/psql"; }
    PGHOST="$db_host" PGPORT="$db_port" PGUSER="$db_user" "$psql" "$@"
}

cmd_destroy() {
    external_pg && return 0
    init_vars
    is_running && pg_ctl_ -m immediate -w stop >/dev/null
    rm -rf "$PGDATA_DIR" "$PGSOCK_DIR" "$PG_BASE/initdb.log"
    [ "$PG_BASE" = "$LOCAL_DIR" ] || rmdir "$PG_BASE" 2>/dev/null || true
}

case "${1:-}" in
start | stop | env | destroy) "cmd_$1" ;;
psql)
    shift
    cmd_psql "$@"
    ;;
*)
    echo "usage: $0 start|stop|env|psql [args]|destroy" >&2
    exit 2
    ;;
esac
