#!/usr/bin/env bash
# make lint: ruff (format + lint, ruff.toml) over the whole repository, then
# pylint-odoo with the OCA mandatory checks (.pylintrc-mandatory) over every
# addon. All three run; the exit status is non-zero if any of them failed.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"
venv_ensure
cd "$REPO_ROOT"

failed=()
log "ruff format --check"
"$PYTHON" -m ruff format --check . || failed+=("ruff format (fix: ruff format .)")
log "ruff check"
"$PYTHON" -m ruff check . || failed+=("ruff check")

mapfile -t addons < <(all_addons)
if [ "${#addons[@]}" -eq 0 ]; then
    log "pylint-odoo: no addons yet"
else
    paths=()
    for a in "${addons[@]}"; do paths+=("$(addon_path "$a")"); done
    log "pylint-odoo on ${addons[*]}"
    "$PYTHON" -m pylint --rcfile=.pylintrc-mandatory "${paths[@]}" || failed+=("pylint-odoo")
fi

log "README.rst up to date with readme/ fragments"
"$PYTHON" tools/gen_readme.py --check || failed+=("README.rst (fix: python3 tools/gen_readme.py)")

if [ "${#failed[@]}" -gt 0 ]; then
    die "lint failed: $(join_by , "${failed[@]}")"
fi
log "lint clean"
