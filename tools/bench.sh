#!/usr/bin/env bash
# make bench: what the interaction log costs, measured side by side in one
# run on one database (DESIGN.md §4: speed is measured here, not in timed
# tests). Keeps a source database BENCH_DB (default ial_bench) with Invoicing
# and the interaction addons, no demo; tools/bench.py copies it, generates
# its data and 1,000,000 entries in the copy, measures, and drops the copy.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

BENCH_DB="${BENCH_DB:-ial_bench}"
BENCH_LOG="$LOCAL_DIR/bench-install.log"

"$REPO_ROOT/tools/setup.sh" wkhtmltopdf
odoo_ensure
"$REPO_ROOT/tools/pg.sh" start
write_odoo_conf

if [ "$(module_states "$BENCH_DB" interaction_autolog_account)" = "interaction_autolog_account installed" ]; then
    log "updating our addons in $BENCH_DB"
    args=(-u interaction_autolog,interaction_autolog_account)
else
    log "creating $BENCH_DB (Invoicing + interaction addons, no demo)"
    drop_db "$BENCH_DB"
    args=(-i interaction_autolog_account --without-demo=all)
fi
odoo_cli -c "$ODOO_CONF" -d "$BENCH_DB" "${args[@]}" --stop-after-init --no-http \
    --logfile "$BENCH_LOG" --log-level warn ||
    die "could not prepare $BENCH_DB (see ${BENCH_LOG#"$REPO_ROOT"/})"

exec "$PYTHON" "$REPO_ROOT/tools/bench.py" --config "$ODOO_CONF" --database "$BENCH_DB" "$@"
