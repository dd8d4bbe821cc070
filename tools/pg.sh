#!/usr/bin/env bash
# tools/pg.sh start|stop|env|psql [args]|destroy: the PGHOST/PGPORT/PGUSER server,
# else a private cluster of Debian's postgresql-common in .local/pg (unix socket,
# no durability; as root run by postgres). Not pg_virtualenv: its cluster ends
# with its command, while make run's server and the templates must outlive it.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cmd="${1:-}" && shift || true
[[ "$cmd" =~ ^(start|stop|env|psql|destroy)$ ]] || die "usage: $0 start|stop|env|psql [args]|destroy"
external="${PGHOST:-}${PGPORT:-}${PGUSER:-}"
# /tmp when the socket path would pass ~107 bytes or postgres cannot reach .local.
base="$LOCAL_DIR/pg" alt="${TMPDIR:-/tmp}/interaction_pg-$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1)"
[ ! -d "$alt/conf" ] && [ $((${#base} + 23)) -le 107 ] && { [ "$(id -u)" != 0 ] ||
    (cd / && runuser -u postgres -- test -x "$LOCAL_DIR") 2>/dev/null; } || base="$alt"
[ -n "$external" ] || export PG_CLUSTER_CONF_ROOT="$base/conf" PGHOST="$base/sock" PGPORT=5432 PGUSER=odoo
[ "$cmd" != env ] || { printf 'db_host=%q\ndb_port=%q\ndb_user=%q\n' "${PGHOST:-}" "${PGPORT:-}" "${PGUSER:-}" && exit 0; }
[ "$cmd" != psql ] || exec psql "$@"
[ -z "$external" ] || exit 0
command -v pg_createcluster >/dev/null ||
    die "pg_createcluster not found: install PostgreSQL (Debian: apt-get install postgresql; 'make setup' does as root), or set PGHOST/PGPORT/PGUSER"
v="${PG_VERSION:-$(ls "$PG_CLUSTER_CONF_ROOT" 2>/dev/null || true)}" && v="${v:-$(ls /usr/lib/postgresql 2>/dev/null || true)}"
v="$(sort -V <<<"$v" | tail -n1)" # PG_VERSION, else the cluster's, else the newest installed
[ -x "/usr/lib/postgresql/$v/bin/initdb" ] ||
    die "PostgreSQL ${v:-server} binaries not found in /usr/lib/postgresql/${v:-<version>}/bin: install the PostgreSQL server package, or set PGHOST/PGPORT/PGUSER"
ctl() { (cd / && pg_ctlcluster "$v" ial "$@"); }
if [ "$cmd" = start ]; then
    mkdir -p "$base" && exec 9>"$base/.lock" && flock 9 # two makes share it
    ! ctl status >/dev/null 2>&1 || exit 0
    if [ ! -f "$base/conf/$v/ial/postgresql.conf" ]; then
        rm -rf "$base/conf" "$base/data" "$base/sock" && { [ "$(id -u)" != 0 ] || chown postgres: "$base"; }
        log "creating private PostgreSQL $v cluster in ${base#"$REPO_ROOT"/}"
        (cd / && quiet pg_createcluster -d "$base/data" -s "$base/sock" -l "$base/server.log" -p 5432 "$v" ial -- \
            --auth=trust -U odoo --encoding=UTF8 --locale=C) || die "pg_createcluster failed"
        printf '%s\n' "listen_addresses = ''" "fsync = off" "synchronous_commit = off" "full_page_writes = off" \
            "shared_buffers = 64MB" >"$base/conf/$v/ial/conf.d/interaction.conf"
    fi
    log "starting private PostgreSQL" # its check for a role named as the OS user fails harmlessly
    quiet ctl start 9>&- || { tail -n 20 "$base/server.log" >&2 && die "PostgreSQL did not start"; }
elif [ "$cmd" = stop ]; then
    ! ctl status >/dev/null 2>&1 || { log "stopping private PostgreSQL" && ctl stop -m fast; }
else
    [ ! -d "$base/conf/$v/ial" ] || (cd / && pg_dropcluster --stop "$v" ial) || true
    rm -rf "$base"
fi
