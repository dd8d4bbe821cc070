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
    local dirs && mapfile -t dirs < <(addons_dirs)
    "$PYTHON" - "${1:-}" "${ODOO_CORE_ADDONS:-}" "${dirs[@]}" <<'PY'
import sys
from pathlib import Path
from manifestoo.addons_selection import AddonsSelection as Selection
from manifestoo.commands.list_codepends import list_codepends_command as codepends
from manifestoo.commands.list_depends import list_depends_command as depends
from manifestoo_core.addons_set import AddonsSet
ours, found, dirs = Selection(), AddonsSet(), [Path(d) for d in sys.argv[3:]]
ours.add_addons_dirs(dirs)
found.add_from_addons_dirs(dirs + [Path(d) for d in sys.argv[2].split(",") if d])
missing = depends(ours, found, transitive=True)[1] if sys.argv[2] else set()
ours = Selection(ours - set(codepends(Selection(missing), found)))
print(*sorted(depends(ours, found)[0] if sys.argv[1] else ours), sep="\n")
PY
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
