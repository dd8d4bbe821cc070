#!/usr/bin/env bash
# make i18n: i18n/<addon>.pot by click-odoo-makepot from a fresh install without
# demo (I18N_DB=ial_i18n; NO_UPDATE=1: TEST_DB as it is; an update exports fewer
# terms), merged into the .po files by msgmerge; a missing fi.po by msginit.
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh"
odoo_ready gettext
mapfile -t addons < <(all_addons)
db="${TEST_DB:-ial_test}"
if [ "${NO_UPDATE:-0}" = 0 ]; then
    db="${I18N_DB:-ial_i18n}" && drop_db "$db"
    apps_database "$db" no-demo "$LOCAL_DIR/i18n.log"
    odoo_install "$db" "$LOCAL_DIR/i18n.log" -i "$(join_by , "${addons[@]}")" --without-demo=all
fi
missing="$(module_states "$db" "${addons[@]}" | awk '$2 != "installed" {print $1}')" || die "no database $db"
[ -z "$missing" ] || die "not installed in $db: $(echo $missing)"
log "exporting the .pot files from $db, merging them into the .po files"
# VERSION_CONTROL=none: no fi.po~ backup next to each file msgmerge updates.
VERSION_CONTROL=none "$VENV_DIR/bin/click-odoo-makepot" -c "$ODOO_CONF" -d "$db" --addons-dir "$REPO_ROOT" \
    --msgmerge --purge-old-translations
for pot in "$REPO_ROOT"/*/i18n/*.pot; do
    [ -f "${pot%/*}/fi.po" ] || { log "creating ${pot%/*}/fi.po: translate it" &&
        msginit --no-translator -l fi -i "$pot" -o "${pot%/*}/fi.po" 2>/dev/null; }
done
git -C "$REPO_ROOT" status --short -- '*/i18n/*' >&2 || true
