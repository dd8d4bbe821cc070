#!/usr/bin/env bash
# make test: a fresh TEST_DB (default ial_test) copied from a cached template
# of the Odoo apps our addons extend (click-odoo-initdb), our addons installed
# on it without demo, then one pytest-odoo run: every addon's tests, then
# tests_install/ (install flow, translations, set-up checks). --quick (make
# test-quick): reuse TEST_DB, update (-u) our addons, run their tests only.
# ADDONS=a,b and PYTEST_ARGS narrow the run; tests_install/ then runs only
# with INSTALL_FLOW=1 (INSTALL_FLOW=0: never).
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

QUICK=0
[ "${1:-}" = --quick ] && QUICK=1
TEST_DB="${TEST_DB:-ial_test}"

# Per-database file names, so runs on different TEST_DBs do not clobber each
# other; the default database keeps the plain names.
suffix=""
[ "$TEST_DB" = ial_test ] || suffix="-$TEST_DB"
INSTALL_LOG="$LOCAL_DIR/install$suffix.log"

"$REPO_ROOT/tools/setup.sh" postgresql chromium gettext
odoo_ensure
"$REPO_ROOT/tools/pg.sh" start
write_odoo_conf

mapfile -t addons < <(selected_addons)
[ "${#addons[@]}" -gt 0 ] || die "no addons found (no top-level directory with a __manifest__.py)"

test_dirs=()
for a in "${addons[@]}"; do
    d="$(addon_path "$a")/tests"
    [ -d "$d" ] && test_dirs+=("$d")
done
[ "${#test_dirs[@]}" -gt 0 ] || die "none of the addons has a tests/ directory: ${addons[*]}"

# Odoo's CLI, logging to INSTALL_LOG; on failure show the log's tail. An
# ERROR line also counts as failure: Odoo logs some load errors and goes on.
odoo_install() {
    local rc=0
    : >"$INSTALL_LOG" # Odoo appends to its log file: start from empty
    log "odoo $* (log: ${INSTALL_LOG#"$REPO_ROOT"/})"
    odoo_cli -c "$ODOO_CONF" -d "$TEST_DB" "$@" --stop-after-init --no-http \
        --logfile "$INSTALL_LOG" --log-level info || rc=$?
    if [ "$rc" -ne 0 ] || grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$INSTALL_LOG"; then
        grep -E '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$INSTALL_LOG" | head -n 20 >&2 || true
        echo "----- last lines of $INSTALL_LOG -----" >&2
        tail -n 40 "$INSTALL_LOG" >&2
        die "Odoo install/update failed (exit $rc)"
    fi
    load_failures "$INSTALL_LOG" ||
        die "Odoo skipped the files above and went on (log: ${INSTALL_LOG#"$REPO_ROOT"/})"
}

# Which of our addons the database has installed; fails if TEST_DB is absent.
not_installed() {
    module_states "$TEST_DB" "$@" | awk '$2 != "installed" {print $1}'
}

mapfile -t all < <(all_addons)
# Quick mode needs an Odoo database to update; otherwise build a fresh one.
if [ "$QUICK" = 1 ] && [ "$(module_states "$TEST_DB" base)" = "base installed" ]; then
    mapfile -t missing < <(not_installed "${all[@]}")
    args=(-u "$(join_by , "${all[@]}")")
    # -u does not install addons the database has never seen (e.g. a glue
    # addon added since): install those.
    [ "${#missing[@]}" -eq 0 ] || args+=(-i "$(join_by , "${missing[@]}")")
    t0=$(date +%s)
    odoo_install "${args[@]}"
    log "update took $(($(date +%s) - t0)) s"
else
    [ "$QUICK" = 1 ] && log "no usable $TEST_DB database: creating it"
    drop_db "$TEST_DB"
    t0=$(date +%s)
    apps_database "$TEST_DB" no-demo "$INSTALL_LOG"
    t1=$(date +%s)
    odoo_install -i "$(join_by , "${all[@]}")" --without-demo=all
    log "apps from the template: $((t1 - t0)) s; our addons installed in $(($(date +%s) - t1)) s"
    mapfile -t missing < <(not_installed "${all[@]}")
    [ "${#missing[@]}" -eq 0 ] || die "addons not installed after install: ${missing[*]} (see $INSTALL_LOG)"
fi

read -r -a extra <<<"${PYTEST_ARGS:-}"
paths=("${test_dirs[@]}")
if [ "$QUICK" = 1 ]; then
    :
elif [ "${INSTALL_FLOW:-}" = 0 ] || { [ -z "${INSTALL_FLOW:-}" ] && [ -n "${ADDONS:-}${PYTEST_ARGS:-}" ]; }; then
    log "install-flow and translation checks (tests_install/) not run: ADDONS/PYTEST_ARGS/INSTALL_FLOW=0 narrowed the run"
else
    # After the addons' tests: plain tests that drive the odoo CLI in
    # subprocesses on databases of their own, and regenerate the .pot/.po
    # files from TEST_DB, where every addon is now installed.
    paths+=("$REPO_ROOT/tests_install")
fi

log "pytest-odoo on ${paths[*]#"$REPO_ROOT"/}"
# One pytest run: its own last line sums everything up, and it exits
# non-zero on any failure or error, and when no test ran at all (5).
cd "$REPO_ROOT"
export IAL_ODOO_CONF="$ODOO_CONF" IAL_DB_PREFIX="$TEST_DB" IAL_TEST_DB="$TEST_DB"
exec "$PYTHON" -m pytest -p no:cacheprovider --junitxml "$LOCAL_DIR/junit$suffix.xml" \
    --odoo-config "$ODOO_CONF" --odoo-database "$TEST_DB" --odoo-http "${extra[@]}" "${paths[@]}"
