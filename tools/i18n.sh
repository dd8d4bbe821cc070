#!/usr/bin/env bash
# make i18n: each addon's i18n/<addon>.pot exported by click-odoo-makepot
# from a database where every addon was just installed without demo data
# (I18N_DB, default ial_i18n: the apps from make test's template, then our
# addons), then merged into the addon's .po files with msgmerge (fi.po is
# created when missing); obsolete entries are dropped, a changed msgid keeps
# its old translation as a fuzzy one.
#
# A fresh install, not an update: an update of an existing database exports
# fewer terms (the mail-thread fields sms adds to our models), and the check
# in make test exports from its own fresh database (NO_UPDATE=1, TEST_DB).
# The .pot carries no creation date and msgmerge rewrites a .po only when it
# changes, so running this on unchanged code changes no file.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

"$REPO_ROOT/tools/setup.sh" gettext
odoo_ensure
"$REPO_ROOT/tools/pg.sh" start
write_odoo_conf

mapfile -t addons < <(all_addons)
if [ "${NO_UPDATE:-0}" = 0 ]; then
    TEST_DB="${I18N_DB:-ial_i18n}"
    drop_db "$TEST_DB"
    apps_database "$TEST_DB" no-demo "$LOCAL_DIR/i18n.log"
    log "installing our addons in $TEST_DB"
    odoo_cli -c "$ODOO_CONF" -d "$TEST_DB" -i "$(join_by , "${addons[@]}")" --without-demo=all \
        --stop-after-init --no-http --log-level warn --logfile "$LOCAL_DIR/i18n.log" ||
        die "installing our addons in $TEST_DB failed (see .local/i18n.log)"
else
    TEST_DB="${TEST_DB:-ial_test}"
fi
states="$(module_states "$TEST_DB" "${addons[@]}")" || die "no database $TEST_DB"
mapfile -t missing < <(awk '$2 != "installed" {print $1}' <<<"$states")
[ "${#missing[@]}" -eq 0 ] || die "not installed in $TEST_DB: ${missing[*]}"

log "exporting the .pot files from $TEST_DB, merging them into the .po files"
# VERSION_CONTROL=none: no fi.po~ backup next to each file msgmerge updates.
VERSION_CONTROL=none "$VENV_DIR/bin/click-odoo-makepot" -c "$ODOO_CONF" -d "$TEST_DB" \
    --addons-dir "$REPO_ROOT" --msgmerge --purge-old-translations
for a in "${addons[@]}"; do
    dir="$(addon_path "$a")/i18n"
    [ ! -f "$dir/$a.pot" ] || [ -f "$dir/fi.po" ] || {
        log "creating ${dir#"$REPO_ROOT"/}/fi.po: translate it"
        sed -e 's/^"Language-Team: \\n"$/"Language-Team: Finnish\\n"\n"Language: fi\\n"/' \
            -e 's/^"Plural-Forms: \\n"$/"Plural-Forms: nplurals=2; plural=(n != 1);\\n"/' \
            "$dir/$a.pot" >"$dir/fi.po"
    }
done
git -C "$REPO_ROOT" status --short -- '*/i18n/*' >&2 || true
