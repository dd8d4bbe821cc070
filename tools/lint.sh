#!/usr/bin/env bash
# make lint: `pre-commit run --all-files` (.pre-commit-config.yaml, hooks pinned).
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh" && venv_ensure && cd "$REPO_ROOT"
untracked="$(git ls-files --others --exclude-standard | head -n 10)" || die "make lint needs a git checkout"
[ -z "$untracked" ] || warn "not linted until git-added: $(echo $untracked)"
"$PYTHON" -m pre_commit run --all-files --show-diff-on-failure --color never || die "lint failed: see the hooks marked Failed above"
