#!/usr/bin/env bash
# make test: TEST_DB (ial_test) anew, apps from a cached template, our addons
# without demo; pytest-odoo on the addons' tests, then tests_install/ (unless
# ADDONS/PYTEST_ARGS narrow the run: INSTALL_FLOW=1 forces, 0 skips it).
# --quick (make test-quick): update (-u) our addons in TEST_DB, their tests only.
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh"
# Logs per database; the default one keeps the plain names.
TEST_DB="${TEST_DB:-ial_test}" && suffix="${TEST_DB#ial_test}" && suffix="${suffix:+-$TEST_DB}" && logfile="$LOCAL_DIR/install$suffix.log"
odoo_ready postgresql chromium gettext
mapfile -t all < <(all_addons)
sel="${ADDONS:-${all[*]}}" && sel="${sel//,/ }"
for a in $sel; do [[ " ${all[*]} " == *" $a "* ]] || die "ADDONS: '$a' is not an addon of this repository"; done
mapfile -t paths < <(for a in $sel; do ls -d "$REPO_ROOT/$a/tests" 2>/dev/null; done)
[ "${#paths[@]}" -gt 0 ] || die "none of the addons has a tests/ directory: $sel"
not_installed() { module_states "$TEST_DB" "${all[@]}" | awk '$2 != "installed" {print $1}'; }

if [ "${1:-}" = --quick ] && [ "$(module_states "$TEST_DB" base)" = "base installed" ]; then
    # -u does not install addons the database has never seen: -i those.
    mapfile -t new < <(not_installed)
    odoo_install "$TEST_DB" "$logfile" -u "$(join_by , "${all[@]}")" ${new[0]:+-i "$(join_by , "${new[@]}")"}
else
    [ "${1:-}" != --quick ] || log "no usable $TEST_DB database: creating it"
    drop_db "$TEST_DB"
    apps_database "$TEST_DB" no-demo "$logfile"
    odoo_install "$TEST_DB" "$logfile" -i "$(join_by , "${all[@]}")" --without-demo=all
    [ -z "$(not_installed)" ] || die "addons not installed after install: $(not_installed | paste -sd ' ') (see $logfile)"
fi
# After the addons' tests, plain tests driving the odoo CLI on databases of
# their own, and regenerating the .pot/.po files from TEST_DB.
if [ "${1:-}" != --quick ] && [ "${INSTALL_FLOW:-}" = 1 ] || [ -z "${1:-}${INSTALL_FLOW:-}${ADDONS:-}${PYTEST_ARGS:-}" ]; then
    paths+=("$REPO_ROOT/tests_install")
elif [ "${1:-}" != --quick ]; then
    log "install-flow and translation checks (tests_install/) not run: ADDONS/PYTEST_ARGS/INSTALL_FLOW=0 narrowed the run"
fi
log "pytest-odoo on ${paths[*]#"$REPO_ROOT"/}"
cd "$REPO_ROOT"
export IAL_ODOO_CONF="$ODOO_CONF" IAL_DB_PREFIX="$TEST_DB" IAL_TEST_DB="$TEST_DB"
read -r -a extra <<<"${PYTEST_ARGS:-}"
# One run: its last line sums up; it fails on any failure and when no test ran.
exec "$PYTHON" -m pytest -p no:cacheprovider --junitxml "$LOCAL_DIR/junit$suffix.xml" \
    --odoo-config "$ODOO_CONF" --odoo-database "$TEST_DB" --odoo-http "${extra[@]}" "${paths[@]}"
