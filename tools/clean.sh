#!/usr/bin/env bash
# make clean: stop everything `make run`/`make test` started and delete .local/
# (private PostgreSQL cluster and its databases, filestore, logs, config),
# plus Python and tool caches. An external server (PGHOST...) is not touched.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$REPO_ROOT/tools/stop.sh"
"$REPO_ROOT/tools/pg.sh" destroy
rm -rf "$LOCAL_DIR"
find "$REPO_ROOT" -path "$REPO_ROOT/.git" -prune -o \
    \( -name __pycache__ -o -name .pytest_cache -o -name .ruff_cache \) -type d -print0 |
    xargs -0 rm -rf
log "cleaned"
