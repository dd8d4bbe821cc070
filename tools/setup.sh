#!/usr/bin/env bash
# Make sure what the development loop needs is present, installing what is
# missing. Components (default: all of them):
#
#   python       the project's virtualenv: Odoo's pinned requirements and the
#                development tools (see tools/odoo-env.sh)
#   odoo         Odoo 18.0 importable in that virtualenv (ODOO_SRC or download)
#   chromium     headless browser for HttpCase tours (required by tests)
#   wkhtmltopdf  real PDF reports (make run, make bench)
#   postgresql   the server and Debian's cluster tools (postgresql-common)
#                for the private cluster of tools/pg.sh; skipped when
#                PGHOST/PGPORT/PGUSER name a server
#   gettext      msgmerge, to merge the .pot files into the .po files (make
#                i18n, make test's translation check)
#
# System packages are installed with apt-get only when running as root;
# otherwise we print what to install.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

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

setup_gettext() {
    command -v msgmerge >/dev/null 2>&1 && return 0
    is_root || die "msgmerge is needed to merge translations: install gettext (e.g. sudo apt-get install gettext) and retry"
    log "installing gettext (apt-get)"
    apt_install gettext && command -v msgmerge >/dev/null 2>&1 ||
        die "could not install gettext with apt-get; install it and retry"
}

setup_postgresql() {
    [ -z "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ] || return 0
    command -v pg_createcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 &&
        return 0
    is_root || die "PostgreSQL is needed for the private cluster: install it (e.g. sudo apt-get install postgresql), or set PGHOST/PGPORT/PGUSER"
    log "installing postgresql (apt-get)"
    apt_install postgresql || die "could not install postgresql with apt-get; install it and retry"
}

components=("$@")
[ "${#components[@]}" -gt 0 ] || components=(python odoo postgresql chromium wkhtmltopdf gettext)
for c in "${components[@]}"; do
    case "$c" in
    python | devtools) venv_ensure ;;
    odoo) odoo_ensure ;;
    chromium) setup_chromium ;;
    wkhtmltopdf) setup_wkhtmltopdf ;;
    postgresql) setup_postgresql ;;
    gettext) setup_gettext ;;
    *) die "unknown setup component '$c'" ;;
    esac
done
