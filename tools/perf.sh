#!/usr/bin/env bash
# make bench / make load (tools/perf.py says what they measure). Each keeps a
# source database without demo data, updating our addons in it: BENCH_DB
# (default ial_bench: Invoicing and our addons) or LOAD_DB (ial_load: Sales
# too). The run works on a copy, <db>_bench or <db>_load (click-odoo-copydb;
# stop a server using the source first), dropped at the end unless KEEP=1.
# make load's server listens on 127.0.0.1:LOAD_PORT (default HTTP_PORT+1).
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

mode="${1:-}"
case "$mode" in
bench) db="${BENCH_DB:-ial_bench}" ours=interaction_autolog_account apps=account args=() ;;
load)
    db="${LOAD_DB:-ial_load}" ours=interaction_autolog_account,interaction_autolog_sale
    apps=sale_management,account args=(--port "${LOAD_PORT:-$((${HTTP_PORT:-8069} + 1))}")
    ;;
*) die "usage: tools/perf.sh bench|load" ;;
esac
"$REPO_ROOT/tools/setup.sh" wkhtmltopdf
odoo_ensure
"$REPO_ROOT/tools/pg.sh" start
write_odoo_conf

if [ "$(module_states "$db" "${ours##*,}")" = "${ours##*,} installed" ]; then
    log "updating our addons in $db"
    install=(-u "interaction_autolog,$ours")
else
    log "creating $db ($apps and our addons, no demo; a few minutes)"
    drop_db "$db"
    install=(-i "$apps,$ours" --without-demo=all)
fi
odoo_cli -c "$ODOO_CONF" -d "$db" "${install[@]}" --stop-after-init --no-http \
    --logfile "$LOCAL_DIR/$mode-install.log" --log-level warn ||
    die "could not prepare $db (see .local/$mode-install.log)"
drop_db "${db}_$mode"
log "copying $db to ${db}_$mode"
"$VENV_DIR/bin/click-odoo-copydb" -c "$ODOO_CONF" "$db" "${db}_$mode"
[ "${KEEP:-0}" = 1 ] || trap 'drop_db "${db}_$mode"' EXIT
"$PYTHON" "$REPO_ROOT/tools/perf.py" "$mode" -c "$ODOO_CONF" -d "${db}_$mode" "${args[@]}"
