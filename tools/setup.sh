#!/usr/bin/env bash
# tools/setup.sh [component...]: python, odoo (tools/odoo-env.sh); postgresql;
# chromium (Odoo skips browser tests without); wkhtmltopdf (without, reports are
# HTML: a warning); gettext. As root apt-get installs those missing.
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh"

# need PACKAGE WHY CHECK...: true when CHECK succeeds, if need be after apt-get.
need() {
    local pkg="$1" why="$2" && shift 2
    ! "$@" >/dev/null 2>&1 || return 0
    [ "$(id -u)" != 0 ] || { log "installing $pkg (apt-get)" && export DEBIAN_FRONTEND=noninteractive &&
        quiet apt-get update && quiet apt-get install -y --no-install-recommends "$pkg"; } || true
    "$@" >/dev/null 2>&1 || [ "$pkg" != wkhtmltopdf ] ||
        { warn "no wkhtmltopdf: Odoo shows reports as HTML (apt-get install wkhtmltopdf)" && return 0; }
    "$@" >/dev/null 2>&1 || die "$pkg is needed $why: install it (Debian: sudo apt-get install $pkg) and retry"
}
for c in ${*:-python odoo postgresql chromium wkhtmltopdf gettext}; do
    case "$c" in
    python) venv_ensure ;;
    odoo) odoo_ensure ;;
    postgresql) [ -n "${PGHOST:-}${PGPORT:-}${PGUSER:-}" ] || need postgresql "for the private cluster (or set PGHOST/PGPORT/PGUSER)" \
        bash -c 'command -v pg_createcluster && ls /usr/lib/postgresql/*/bin/initdb' ;;
    chromium) need chromium "for the browser tests" bash -c 'command -v chromium || command -v google-chrome' ;;
    wkhtmltopdf) need wkhtmltopdf "for PDF reports" command -v wkhtmltopdf ;;
    gettext) need gettext "to merge translations" command -v msgmerge ;;
    *) die "unknown setup component '$c'" ;;
    esac
done
