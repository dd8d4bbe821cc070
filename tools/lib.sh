# Helpers sourced by the tools/*.sh scripts (through odoo-env.sh); whatever they
# make goes to .local/ (git-ignored).
set -euo pipefail
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
LOCAL_DIR="$REPO_ROOT/.local" && ODOO_CONF="$REPO_ROOT/.local/odoo.conf" && mkdir -p "$REPO_ROOT/.local"
log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() { printf 'ERROR: %s\n' "$*" >&2 && exit 1; }
join_by() { local IFS="$1" && shift && printf '%s' "$*"; }
quiet() { local out && out="$("$@" 2>&1)" || { tail -n 30 <<<"$out" >&2 && return 1; }; } # output on failure only
# The repository, then EXTRA_ADDONS_DIRS (colon separated: make test-odoo's OCA addons).
addons_dirs() {
    local d IFS=:
    for d in "$REPO_ROOT" ${EXTRA_ADDONS_DIRS:-}; do (cd "$d" && pwd -P) || die "EXTRA_ADDONS_DIRS: no directory '$d'"; done
}
# The addons of addons_dirs but those needing one found neither there nor in
# Odoo (the glue of an absent OCA addon), by manifestoo; --apps: the apps they extend.
all_addons() {
    local dirs missing && mapfile -t dirs < <(addons_dirs)
    local mo=("$VENV_DIR/bin/manifestoo" --no-addons-path-from-import-odoo --addons-path "$(join_by , ${ODOO_CORE_ADDONS:-} "${dirs[@]}")")
    missing="$([ -z "${ODOO_CORE_ADDONS:-}" ] || "${mo[@]}" "${dirs[@]/#/-d}" list-missing --separator ,)"
    [ -z "$missing" ] || mo+=(--select-exclude "$("${mo[@]}" --select-include "$missing" list-codepends --separator ,)")
    "${mo[@]}" "${dirs[@]/#/-d}" "$([ -n "${1:-}" ] && echo list-depends || echo list)"
}
# module_states DB MODULE...: "module state" lines ("absent": unknown); fails without DB.
module_states() {
    local db="$1" && shift
    "$REPO_ROOT/tools/pg.sh" psql -X -q -tA -F ' ' -v ON_ERROR_STOP=1 -d "$db" -c "SELECT m, COALESCE(state,
        'absent') FROM unnest('{$(join_by , "$@")}'::text[]) m LEFT JOIN ir_module_module ON name = m" 2>/dev/null
}
# load_failures LOGFILE: fail, naming them, when Odoo's log shows data or demo
# files it skipped (it logs the ParseError, "demo data failed", and exits 0).
load_failures() {
    ! grep -E 'demo data failed to install|Failed to load|while parsing |ParseError' "$1" |
        sed -E -e 's/^[0-9-]+ [0-9:,]+ [0-9]+ [A-Z]+ [^ ]+ //' -e "s|$REPO_ROOT/||g" | sort -u | grep . >&2
}
