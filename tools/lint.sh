#!/usr/bin/env bash
# make lint: every hook of .pre-commit-config.yaml over the whole repository
# (`pre-commit run --all-files`): ruff format and check, pylint-odoo with the
# OCA mandatory checks, oca-checks-odoo-module (XML, CSV, manifests),
# oca-checks-po, whool's pyproject.toml per addon, the metapackage and the
# README.rst/index.html generated from readme/. Hooks that generate or
# format files rewrite them and fail: review `git diff` and commit.
#
# pre-commit comes from requirements-dev.txt (installed into $PYTHON's
# environment); each hook is installed from PyPI, at the version pinned in
# .pre-commit-config.yaml, into pre-commit's cache (~/.cache/pre-commit) the
# first time, then reused.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"
venv_ensure
cd "$REPO_ROOT"
git rev-parse --git-dir >/dev/null 2>&1 ||
    die "make lint needs a git checkout: pre-commit checks the files git tracks"

# pre-commit only sees tracked files: say which ones it leaves out.
untracked="$(git ls-files --others --exclude-standard | head -n 10)"
[ -z "$untracked" ] || warn "not linted until git-added: $(echo $untracked)"

"$PYTHON" -m pre_commit run --all-files --show-diff-on-failure --color never ||
    die "lint failed: see the hooks marked Failed above (a hook that rewrote files shows its diff)"
log "lint clean"
