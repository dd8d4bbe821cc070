#!/usr/bin/env bash
# Make sure what the development loop needs is present, installing what is
# missing. Components (default: all of them):
#
#   devtools     pytest, pytest-odoo, ruff, pylint-odoo... from requirements-dev.txt
#   odoo         Odoo 18.0 importable by python3 (see tools/odoo-env.sh)
#   chromium     headless browser for HttpCase tours (required by tests)
#   wkhtmltopdf  real PDF reports in `make run` (optional)
#
# System packages are installed with apt-get only when running as root;
# otherwise we print what to install.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

setup_devtools() {
    local missing
    # Only install what is absent: a developer's newer versions are kept.
    missing="$("$PYTHON" - "$REPO_ROOT/requirements-dev.txt" <<'PY'
import re, sys
from importlib.metadata import PackageNotFoundError, version
for line in open(sys.argv[1]):
    name = re.split(r"[=<>!~;\[ ]", line.split("#")[0].strip())[0]
    if not name:
        continue
    try:
        version(name)
    except PackageNotFoundError:
        print(name)
PY
)"
    [ -z "$missing" ] && return 0
    log "installing development tools: $(echo $missing)"
    PIP_BREAK_SYSTEM_PACKAGES=1 "$PYTHON" -m pip install --disable-pip-version-check \
        -q -r "$REPO_ROOT/requirements-dev.txt" ||
        die "pip install -r requirements-dev.txt failed"
}

APT_UPDATED=
apt_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    if [ -z "$APT_UPDATED" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null || return 1
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" \
        </dev/null >/dev/null
}

# The executables Odoo's test browser looks for, in its order.
have_browser() {
    local b
    for b in google-chrome chromium chromium-browser google-chrome-stable; do
        command -v "$b" >/dev/null 2>&1 && return 0
    done
    return 1
}

setup_chromium() {
    have_browser && return 0
    # Without a browser Odoo *skips* HttpCase tours: refuse instead.
    is_root || die "Chromium is needed for the browser tests: install it (e.g. sudo apt-get install chromium) and retry"
    log "installing chromium (apt-get)"
    apt_install chromium && have_browser || die "could not install chromium with apt-get; install it and retry"
}

setup_wkhtmltopdf() {
    command -v wkhtmltopdf >/dev/null 2>&1 && return 0
    if ! is_root; then
        warn "wkhtmltopdf not found: Odoo will show HTML instead of PDF (sudo apt-get install wkhtmltopdf)"
        return 0
    fi
    log "installing wkhtmltopdf (apt-get)"
    apt_install wkhtmltopdf || warn "could not install wkhtmltopdf: PDF reports will be HTML"
}

components=("$@")
[ "${#components[@]}" -gt 0 ] || components=(devtools odoo chromium wkhtmltopdf)
for c in "${components[@]}"; do
    case "$c" in
    devtools) setup_devtools ;;
    odoo) odoo_ensure ;;
    chromium) setup_chromium ;;
    wkhtmltopdf) setup_wkhtmltopdf ;;
    *) die "unknown setup component '$c'" ;;
    esac
done
