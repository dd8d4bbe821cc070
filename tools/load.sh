#!/usr/bin/env bash
# make load: many simultaneous users on a prefork server, with the
# Interaction Template Setup filled and blank (see tools/load.py). Keeps a
# source database LOAD_DB (default ial_load) with Sales, Invoicing and the
# interaction addons, no demo; tools/load.py copies it, adds its data, runs
# Odoo with 4 workers on 127.0.0.1:LOAD_PORT (default HTTP_PORT+1) and drops
# the copy at the end.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

LOAD_DB="${LOAD_DB:-ial_load}"
LOAD_PORT="${LOAD_PORT:-$((${HTTP_PORT:-8069} + 1))}"
LOAD_LOG="$LOCAL_DIR/load-install.log"
LOAD_ADDONS=sale_management,account,interaction_autolog,interaction_autolog_sale,interaction_autolog_account

"$REPO_ROOT/tools/setup.sh" wkhtmltopdf
odoo_ensure
"$REPO_ROOT/tools/pg.sh" start
write_odoo_conf

if [ "$(module_states "$LOAD_DB" interaction_autolog_sale)" = "interaction_autolog_sale installed" ]; then
    log "updating our addons in $LOAD_DB"
    args=(-u interaction_autolog,interaction_autolog_sale,interaction_autolog_account)
else
    log "creating $LOAD_DB (Sales, Invoicing, interaction addons, no demo; a few minutes)"
    drop_db "$LOAD_DB"
    args=(-i "$LOAD_ADDONS" --without-demo=all)
fi
odoo_cli -c "$ODOO_CONF" -d "$LOAD_DB" "${args[@]}" --stop-after-init --no-http \
    --logfile "$LOAD_LOG" --log-level warn ||
    die "could not prepare $LOAD_DB (see ${LOAD_LOG#"$REPO_ROOT"/})"

exec "$PYTHON" "$REPO_ROOT/tools/load.py" --config "$ODOO_CONF" --database "$LOAD_DB" \
    --port "$LOAD_PORT" "$@"
