#!/usr/bin/env bash
# make bench / make load (tools/perf.py says what they measure) on a copy of
# BENCH_DB (ial_bench: Invoicing, CRM, our addons) or LOAD_DB (ial_load: Sales
# too), kept without demo data and dropped after unless KEEP=1. SCALE (bench):
# 1M entries, 10M (1M first), 100k ... make load runs Locust from a virtualenv
# of its own: its pins (requirements-load.txt) are newer than Odoo's.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

mode="${1:-}" ours=interaction_autolog_account,interaction_autolog_crm
case "$mode" in
bench) db="${BENCH_DB:-ial_bench}" apps=account,crm args=(--scale "${SCALE:-1M}") ;;
load)
    db="${LOAD_DB:-ial_load}" ours=interaction_autolog_account,interaction_autolog_sale
    apps=sale_management,account args=(--port "${LOAD_PORT:-$((${HTTP_PORT:-8069} + 1))}")
    ;;
*) die "usage: tools/perf.sh bench|load" ;;
esac
"$REPO_ROOT/tools/setup.sh" wkhtmltopdf
odoo_ensure
if [ "$mode" = load ]; then
    locust_dir="$IAL_CACHE/locust-$(_sha "$REPO_ROOT/requirements-load.txt" | cut -c1-12)"
    if [ ! -x "$locust_dir/bin/locust" ]; then
        log "creating Locust's environment (${locust_dir/#"$HOME"/\~})"
        rm -rf "$locust_dir"
        { _uv venv --python "$(command -v "$BASE_PYTHON")" "$locust_dir" &&
            _uv pip install --python "$locust_dir/bin/python" -r "$REPO_ROOT/requirements-load.txt"; } ||
            { rm -rf "$locust_dir" && die "could not install requirements-load.txt (see above)"; }
    fi
    args+=(--locust "$locust_dir/bin/locust")
fi
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
