#!/usr/bin/env bash
# make bench / make load (tools/perf.py says what they measure) on a copy of
# BENCH_DB (ial_bench: Invoicing, CRM, our addons) or LOAD_DB (ial_load: Sales
# too), kept without demo data and dropped after unless KEEP=1. SCALE (bench):
# 1M entries, 10M (1M first), 100k ... FAULTS=1 (load) restarts the private
# PostgreSQL mid-run. Locust and the SMTP sink (aiosmtpd) run in uv's cached
# environment of requirements-load.txt, whose pins are newer than Odoo's.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

mode="${1:-}" ours=interaction_autolog_account,interaction_autolog_crm,interaction_autolog_mail_gateway
export LOAD_PORT="${LOAD_PORT:-$((${HTTP_PORT:-8069} + 1))}" SMTP_PORT=$((${HTTP_PORT:-8069} + 3))
case "$mode" in
bench) db="${BENCH_DB:-ial_bench}" apps=account,crm ;;
load)
    db="${LOAD_DB:-ial_load}" ours=interaction_autolog_account,interaction_autolog_sale apps=sale_management,account
    [ "${FAULTS:-0}" != 1 ] || [ -z "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ] ||
        die "FAULTS=1 restarts PostgreSQL: unset PGHOST/PGPORT/PGUSER, whose server tools/pg.sh does not own"
    ;;
*) die "usage: tools/perf.sh bench|load" ;;
esac
"$REPO_ROOT/tools/setup.sh" wkhtmltopdf
odoo_ensure
tools=("$UV" run -q --no-project --python "$(command -v "$BASE_PYTHON")" --with-requirements "$REPO_ROOT/requirements-load.txt")
"${tools[@]}" locust --version >/dev/null || die "could not install requirements-load.txt (see above)"
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
"${tools[@]}" python -m aiosmtpd -n -c aiosmtpd.handlers.Sink -l "127.0.0.1:$SMTP_PORT" &
trap 'kill $!; [ "${KEEP:-0}" = 1 ] || drop_db "${db}_$mode"' EXIT
LOCUST="$(printf '%q ' "${tools[@]}")locust" "$PYTHON" "$REPO_ROOT/tools/perf.py" "$mode" "$ODOO_CONF" "${db}_$mode"
