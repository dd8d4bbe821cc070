#!/usr/bin/env bash
# PostgreSQL for the development loop: tools/pg.sh start|stop|env|psql [args]|destroy
#
# With PGHOST, PGPORT or PGUSER set, that server is used as is (start/stop do
# nothing). Otherwise a private, throw-away cluster managed by Debian's
# postgresql-common (pg_createcluster, pg_ctlcluster, pg_dropcluster), kept
# with its configuration in .local/pg (PG_CLUSTER_CONF_ROOT): it listens only
# on a unix socket in .local/pg/sock (no TCP port: it cannot clash with
# another PostgreSQL or clone), with durability off (disposable data). As
# root, pg_ctlcluster runs it as the system user postgres.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NAME=ial
PG_DB_USER=odoo
PG_PORT=5432

external_pg() { [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ]; }

# .local/pg, unless the socket path would exceed the unix socket limit (~107
# bytes) or, as root, postgres cannot reach .local (a repository under a
# private home directory): then a per-repository directory under /tmp.
init_vars() {
    local alt
    alt="${TMPDIR:-/tmp}/interaction_pg-$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1)"
    PG_BASE="$LOCAL_DIR/pg"
    if [ -d "$alt/conf" ] || [ $((${#PG_BASE} + 23)) -gt 107 ] ||
        { is_root && ! (cd / && runuser -u postgres -- test -x "$LOCAL_DIR") 2>/dev/null; }; then
        PG_BASE="$alt"
    fi
    export PG_CLUSTER_CONF_ROOT="$PG_BASE/conf"
    command -v pg_createcluster >/dev/null 2>&1 ||
        die "pg_createcluster not found: install PostgreSQL (Debian: apt-get install postgresql; 'make setup' does as root), or set PGHOST/PGPORT/PGUSER to use an existing server"
    # The version of the existing cluster, else PG_VERSION, else the newest.
    local existing
    existing="$(ls "$PG_CLUSTER_CONF_ROOT" 2>/dev/null | head -n1 || true)"
    PG_VERSION="${PG_VERSION:-${existing:-$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n1)}}"
    [ -n "$PG_VERSION" ] && [ -x "/usr/lib/postgresql/$PG_VERSION/bin/initdb" ] ||
        die "PostgreSQL ${PG_VERSION:-server} binaries not found in /usr/lib/postgresql/${PG_VERSION:-<version>}/bin: install the PostgreSQL server package, or set PGHOST/PGPORT/PGUSER to use an existing server"
}

ctl() { pg_ctlcluster "$PG_VERSION" "$NAME" "$@"; }

is_running() { [ -d "$PG_CLUSTER_CONF_ROOT/$PG_VERSION/$NAME" ] && ctl status >/dev/null 2>&1; }

cmd_start() {
    if external_pg; then
        log "using the PostgreSQL server from PGHOST/PGPORT/PGUSER"
        return 0
    fi
    init_vars
    mkdir -p "$PG_BASE"
    # One start at a time: two makes in the same clone share the cluster.
    exec 9>"$PG_BASE/.lock"
    flock 9
    if is_running; then
        log "private PostgreSQL already running"
        return 0
    fi
    if [ ! -f "$PG_CLUSTER_CONF_ROOT/$PG_VERSION/$NAME/postgresql.conf" ]; then
        rm -rf "$PG_BASE/conf" "$PG_BASE/data" "$PG_BASE/sock"
        is_root && chown postgres: "$PG_BASE"
        log "creating private PostgreSQL $PG_VERSION cluster in ${PG_BASE#"$REPO_ROOT"/}"
        (cd / && pg_createcluster --quiet -d "$PG_BASE/data" -s "$PG_BASE/sock" \
            -l "$PG_BASE/server.log" -p "$PG_PORT" "$PG_VERSION" "$NAME" -- \
            --auth=trust -U "$PG_DB_USER" --encoding=UTF8 --locale=C) \
            >"$PG_BASE/create.log" 2>&1 || { cat "$PG_BASE/create.log" >&2; die "pg_createcluster failed"; }
        # listen_addresses='' : unix socket only. Durability off: disposable.
        printf '%s\n' "listen_addresses = ''" "fsync = off" "synchronous_commit = off" \
            "full_page_writes = off" "shared_buffers = 64MB" \
            >"$PG_CLUSTER_CONF_ROOT/$PG_VERSION/$NAME/conf.d/interaction.conf"
    fi
    log "starting private PostgreSQL"
    # pg_ctlcluster's startup checks connect as the OS user, a role that
    # does not exist here: it says so and goes on. Only failures matter.
    if ! (cd / && ctl start 9>&-) >"$PG_BASE/start.log" 2>&1; then
        cat "$PG_BASE/start.log" >&2
        tail -n 20 "$PG_BASE/server.log" >&2 || true
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
        (cd / && ctl stop -m fast)
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
        host="$PG_BASE/sock" port="$PG_PORT" user="$PG_DB_USER"
    fi
    printf 'db_host=%q\ndb_port=%q\ndb_user=%q\n' "$host" "$port" "$user"
}

cmd_psql() {
    local db_host db_port db_user
    eval "$(cmd_env)"
    PGHOST="$db_host" PGPORT="$db_port" PGUSER="$db_user" psql "$@"
}

cmd_destroy() {
    external_pg && return 0
    init_vars
    [ -d "$PG_CLUSTER_CONF_ROOT/$PG_VERSION/$NAME" ] &&
        (cd / && pg_dropcluster --stop "$PG_VERSION" "$NAME") || true
    rm -rf "$PG_BASE"
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
