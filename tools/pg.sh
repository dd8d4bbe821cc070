#!/usr/bin/env bash
# tools/pg.sh start|stop|env|psql [args]|destroy: the PGHOST/PGPORT/PGUSER server,
# else a private cluster of Debian's postgresql-common in .local/pg (unix socket,
# no durability; as root run by postgres). Not pg_virtualenv: its cluster ends
# with its command, while make run's server and the templates must outlive it.
# REPLICA=1: also its streaming replica, a hot standby on port 5433 (Odoo's reads).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cmd="${1:-}" && shift || true
[[ "$cmd" =~ ^(start|stop|env|psql|destroy)$ ]] || die "usage: $0 start|stop|env|psql [args]|destroy"
external="${PGHOST:-}${PGPORT:-}${PGUSER:-}" replica="${REPLICA:-0}" && replica="${replica#0}"
[ -z "$replica" ] || [ -z "$external" ] ||
    die "REPLICA=1 replicates the private cluster: unset PGHOST/PGPORT/PGUSER (a replica of your server is yours to set up)"
# /tmp when the socket path would pass ~107 bytes or postgres cannot reach .local.
base="$LOCAL_DIR/pg" alt="${TMPDIR:-/tmp}/interaction_pg-$(printf '%s' "$REPO_ROOT" | cksum | cut -d' ' -f1)"
[ ! -d "$alt/conf" ] && [ $((${#base} + 23)) -le 107 ] && { [ "$(id -u)" != 0 ] ||
    (cd / && runuser -u postgres -- test -x "$LOCAL_DIR") 2>/dev/null; } || base="$alt"
[ -n "$external" ] || export PG_CLUSTER_CONF_ROOT="$base/conf" PGHOST="$base/sock" PGPORT=5432 PGUSER=odoo
[ "$cmd" != env ] || { printf 'db_host=%q\ndb_port=%q\ndb_user=%q\n' "${PGHOST:-}" "${PGPORT:-}" "${PGUSER:-}" &&
    { [ -z "$replica" ] || printf 'db_replica_host=%q\ndb_replica_port=5433\n' "$PGHOST"; } && exit 0; }
[ "$cmd" != psql ] || exec psql "$@"
[ -z "$external" ] || exit 0
command -v pg_createcluster >/dev/null ||
    die "pg_createcluster not found: install PostgreSQL (Debian: apt-get install postgresql; 'make setup' does as root), or set PGHOST/PGPORT/PGUSER"
v="${PG_VERSION:-$(ls "$PG_CLUSTER_CONF_ROOT" 2>/dev/null || true)}" && v="${v:-$(ls /usr/lib/postgresql 2>/dev/null || true)}"
v="$(sort -V <<<"$v" | tail -n1)" # PG_VERSION, else the cluster's, else the newest installed
[ -x "/usr/lib/postgresql/$v/bin/initdb" ] ||
    die "PostgreSQL ${v:-server} binaries not found in /usr/lib/postgresql/${v:-<version>}/bin: install the PostgreSQL server package, or set PGHOST/PGPORT/PGUSER"
ctl() { (cd / && pg_ctlcluster "$v" "${c:-ial}" "$@"); } && up() { ctl status >/dev/null 2>&1; }
as_pg() { (cd / && if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi); }
if [ "$cmd" = start ]; then
    mkdir -p "$base" && exec 9>"$base/.lock" && flock 9 # two makes share it
    if up; then :; elif [ ! -f "$base/conf/$v/ial/postgresql.conf" ]; then
        rm -rf "$base/conf" "$base/data" "$base/replica" "$base/sock" && { [ "$(id -u)" != 0 ] || chown postgres: "$base"; }
        log "creating private PostgreSQL $v cluster in ${base#"$REPO_ROOT"/}"
        (cd / && quiet pg_createcluster -d "$base/data" -s "$base/sock" -l "$base/server.log" -p 5432 "$v" ial -- \
            --auth=trust -U odoo --encoding=UTF8 --locale=C) || die "pg_createcluster failed"
        # external_pid_file: none, or pg_ctlcluster shares /var/run/postgresql/15-ial.pid with every other clone.
        printf '%s\n' "listen_addresses = ''" "external_pid_file = ''" "fsync = off" "synchronous_commit = off" "full_page_writes = off" \
            "shared_buffers = 256MB" "wal_level = replica" "max_wal_senders = 4" >"$base/conf/$v/ial/conf.d/interaction.conf"
    fi
    up || log "starting private PostgreSQL" # its check for a role named as the OS user fails harmlessly
    up || quiet ctl start 9>&- || { tail -n 20 "$base/server.log" >&2 && die "PostgreSQL did not start"; }
    [ -n "$replica" ] && c=ial_replica && ! up || exit 0
    if [ ! -f "$base/conf/$v/$c/postgresql.conf" ]; then # initdb's files, then the primary's data in their place
        log "creating its streaming replica (pg_basebackup -R; hot standby on port 5433)"
        (cd / && quiet pg_createcluster -d "$base/replica" -s "$base/sock" -l "$base/replica.log" -p 5433 "$v" $c -- --auth=trust) &&
            cp "$base/conf/$v/ial/conf.d/interaction.conf" "$base/conf/$v/$c/conf.d/" && as_pg rm -rf "$base/replica" &&
            as_pg pg_basebackup -h "$PGHOST" -p 5432 -U odoo -D "$base/replica" -R -c fast || die "pg_basebackup failed"
    fi
    log "starting the replica" && quiet ctl start 9>&- || { tail -n 20 "$base/replica.log" >&2 && die "the replica did not start"; }
elif [ "$cmd" = stop ]; then
    for c in ial_replica ial; do ! up || { log "stopping private PostgreSQL ($c)" && ctl stop -m fast; }; done
else
    for c in ial_replica ial; do [ ! -d "$base/conf/$v/$c" ] || (cd / && pg_dropcluster --stop "$v" $c) || true; done
    rm -rf "$base"
fi
