#!/usr/bin/env bash
# make test-packaging: the addons installed the way Odoo users install them.
#
# Builds every addon's wheel (whool) and the metapackage, pip-installs them
# into a fresh virtualenv that sees $PYTHON's Odoo but not this source tree,
# then installs "Interaction Log" from the Apps list into a new database and
# prints a quotation through a server started from that virtualenv. See
# tests_install/check_packaging.py for what is checked.
#
# The database server is the one of .local/odoo.conf (the private cluster, or
# PGHOST/PGPORT/PGUSER), as for make test. Ends with pytest's summary line;
# the exit status is non-zero on any failure.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

"$REPO_ROOT/tools/setup.sh" wkhtmltopdf
odoo_ensure
"$REPO_ROOT/tools/pg.sh" start
write_odoo_conf

command -v git >/dev/null 2>&1 || die "git is needed: whool packages the files git tracks"
git -C "$REPO_ROOT" rev-parse --git-dir >/dev/null 2>&1 ||
    die "not a git checkout: whool packages the files git tracks (clone the repository)"

# Files whool will leave out of the wheels, said before they go missing.
untracked="$(cd "$REPO_ROOT" && git ls-files --others --exclude-standard | grep -E '^[^/]+/' |
    while IFS= read -r f; do [ -f "${f%%/*}/__manifest__.py" ] && echo "$f"; done | head -n 5 || true)"
[ -z "$untracked" ] || warn "untracked files are not packaged (git add them): $(echo $untracked)"

cd "$REPO_ROOT"
exec env IAL_ODOO_CONF="$ODOO_CONF" IAL_DB_PREFIX="${TEST_DB:-ial_test}" \
    "$PYTHON" -m pytest -p no:odoo -p no:cacheprovider \
    --durations=6 --junitxml "$LOCAL_DIR/junit-packaging.xml" ${PYTEST_ARGS:-} \
    tests_install/check_packaging.py
