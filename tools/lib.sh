# shellcheck shell=bash
# Shared helpers, sourced by the other tools/*.sh scripts (never run directly).
#
# Everything the development loop creates lives in .local/ (git-ignored), so a
# fresh clone starts clean and `make clean` can remove it in one go.

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
LOCAL_DIR="$REPO_ROOT/.local"
ODOO_CONF="$LOCAL_DIR/odoo.conf"
mkdir -p "$LOCAL_DIR"

log() { printf '==> %s\n' "$*" >&2; }
warn() { printf 'WARNING: %s\n' "$*" >&2; }
die() {
    printf 'ERROR: %s\n' "$*" >&2
    exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# Directories scanned for addons: the repository root, plus EXTRA_ADDONS_DIRS
# (colon separated) so tooling can be exercised against addons kept outside
# the repository.
addons_dirs() {
    printf '%s\n' "$REPO_ROOT"
    local d
    if [ -n "${EXTRA_ADDONS_DIRS:-}" ]; then
        local IFS=:
        for d in $EXTRA_ADDONS_DIRS; do
            [ -n "$d" ] || continue
            [ -d "$d" ] || die "EXTRA_ADDONS_DIRS entry '$d' is not a directory"
            (cd "$d" && pwd -P)
        done
    fi
}

# All addons of the repository: every top-level directory holding a
# __manifest__.py, but those unavailable_addons leaves out. ADDONS=a,b
# restricts the list (used by test/run).
all_addons() {
    local dir m skip
    skip="$(unavailable_addons)"
    while IFS= read -r dir; do
        for m in "$dir"/*/__manifest__.py; do
            [ -f "$m" ] || continue
            basename "$(dirname "$m")"
        done
    done < <(addons_dirs) | sort -u | grep -vxF -e "${skip:-/}"
}

# Our addons that need an addon found neither in Odoo (ODOO_CORE_ADDONS, once
# odoo_ensure ran) nor in addons_dirs, one a line: the glue of an OCA addon
# (interaction_autolog_mail_tracking) until make test-odoo brings that addon.
unavailable_addons() {
    [ -n "${ODOO_CORE_ADDONS:-}" ] || return 0
    local dirs
    mapfile -t dirs < <(addons_dirs)
    "$PYTHON" - "$ODOO_CORE_ADDONS" "${dirs[@]}" <<'PY'
import ast, sys
from pathlib import Path

ours = {m.parent.name: ast.literal_eval(m.read_text())
        for d in sys.argv[2:] for m in Path(d).glob("*/__manifest__.py")}
known = set(ours) | {m.parent.name for d in sys.argv[1].split(",")
                     for m in Path(d).glob("*/__manifest__.py")}
missing = set()
while True:
    more = {name for name, manifest in ours.items() if name not in missing
            and any(d not in known or d in missing for d in manifest.get("depends", []))}
    if not more:
        break
    missing |= more
print("\n".join(sorted(missing)))
PY
}

selected_addons() {
    if [ -n "${ADDONS:-}" ]; then
        local a
        local known
        known="$(all_addons)"
        for a in ${ADDONS//,/ }; do
            grep -qx -- "$a" <<<"$known" || die "ADDONS: '$a' is not an addon of this repository"
            printf '%s\n' "$a"
        done
    else
        all_addons
    fi
}

addon_path() {
    local dir
    while IFS= read -r dir; do
        if [ -f "$dir/$1/__manifest__.py" ]; then
            printf '%s\n' "$dir/$1"
            return 0
        fi
    done < <(addons_dirs)
    return 1
}

# module_states DB MODULE...: a "module state" line per module, "absent" for
# a module the database does not know; fails when DB does not exist. (Module
# names are directory names, [a-z0-9_], so they can be quoted as they are.)
module_states() {
    local db="$1"
    shift
    "$REPO_ROOT/tools/pg.sh" psql -X -q -tA -F ' ' -v ON_ERROR_STOP=1 -d "$db" -c "
        SELECT m, COALESCE(state, 'absent') FROM unnest('{$(join_by , "$@")}'::text[]) m
        LEFT JOIN ir_module_module ON name = m" 2>/dev/null
}

join_by() {
    local IFS="$1"
    shift
    printf '%s' "$*"
}

# load_failures LOGFILE: fail, naming them, when Odoo's log shows data or
# demo files it could not load and went on without (it logs "demo data
# failed to install, installed without demo data", the ParseError with the
# file, and still exits 0). One line per failure on stderr.
load_failures() {
    local logfile="$1" found
    found="$(grep -E 'demo data failed to install|Failed to load|while parsing |ParseError' "$logfile" |
        sed -E 's/^[0-9-]+ [0-9:,]+ [0-9]+ [A-Z]+ [^ ]+ //' | sort -u)" || true
    [ -n "$found" ] || return 0
    printf '%s\n' "$found" | sed -E "s|$REPO_ROOT/||g" >&2
    return 1
}
