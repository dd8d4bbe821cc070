# shellcheck shell=bash
# Locate (or install) Odoo 18.0 for $PYTHON. Sourced after tools/lib.sh.
#
# Order: 1) an Odoo 18.0 already importable by $PYTHON;
#        2) ODOO_SRC = a source directory or an archive (.tar.gz/.tgz/.zip);
#        3) the official 18.0 source archive from GitHub (short timeouts).
# When everything fails we stop with one line saying what to do: tests must
# never be skipped silently because Odoo is missing.

ODOO_ARCHIVE_URL="${ODOO_ARCHIVE_URL:-https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz}"
ODOO_HINT="Odoo 18.0 not found: install Odoo 18.0 into $PYTHON or set ODOO_SRC=/path/to/odoo-18.0 (source directory or .tar.gz/.zip archive)"

_odoo_importable() {
    "$PYTHON" -c 'import odoo.release as r; assert r.series == "18.0", r.series' >/dev/null 2>&1
}

# pip into whatever $PYTHON is. setuptools<70 because Odoo 18.0's setup.py
# and some pinned requirements do not build with newer setuptools.
_odoo_pip() {
    local constraint rc=0
    constraint="$(mktemp)"
    printf 'setuptools<70\n' >"$constraint"
    PIP_CONSTRAINT="$constraint" PIP_BREAK_SYSTEM_PACKAGES=1 \
        "$PYTHON" -m pip install --disable-pip-version-check "$@" || rc=$?
    rm -f "$constraint"
    return "$rc"
}

_odoo_install_dir() {
    local src="$1"
    [ -f "$src/odoo/release.py" ] || { warn "ODOO_SRC '$src' is not an Odoo source tree"; return 1; }
    log "installing Odoo from $src (pip, this takes a while)"
    if [ -f "$src/requirements.txt" ]; then
        _odoo_pip -r "$src/requirements.txt" || warn "some Odoo requirements failed to install"
    fi
    _odoo_pip -e "$src"
}

_odoo_install_archive() {
    local archive="$1" dest="$LOCAL_DIR/odoo-src" top
    log "extracting $archive into .local/odoo-src"
    rm -rf "$dest"
    mkdir -p "$dest"
    case "$archive" in
    *.zip) "$PYTHON" -m zipfile -e "$archive" "$dest" ;;
    *) tar -xzf "$archive" -C "$dest" ;;
    esac || { warn "cannot extract $archive"; return 1; }
    top="$(find "$dest" -mindepth 2 -maxdepth 3 -name release.py -path '*/odoo/release.py' | head -n1)"
    [ -n "$top" ] || { warn "$archive holds no Odoo source tree"; return 1; }
    _odoo_install_dir "$(dirname "$(dirname "$top")")"
}

_odoo_download() {
    local out="$LOCAL_DIR/odoo-18.0.tar.gz"
    [ -s "$out" ] && { printf '%s\n' "$out"; return 0; }
    log "downloading $ODOO_ARCHIVE_URL"
    # Short connect timeout, and give up when the transfer stalls: the archive
    # is large, so a hard total limit would fail on slow but working links.
    if command -v curl >/dev/null 2>&1; then
        curl -fsSL --connect-timeout 10 --speed-limit 20000 --speed-time 30 \
            -o "$out.part" "$ODOO_ARCHIVE_URL" || { rm -f "$out.part"; return 1; }
    else
        "$PYTHON" - "$ODOO_ARCHIVE_URL" "$out.part" <<'PY' || { rm -f "$out.part"; return 1; }
import shutil, sys, urllib.request
with urllib.request.urlopen(sys.argv[1], timeout=10) as r, open(sys.argv[2], "wb") as f:
    shutil.copyfileobj(r, f)
PY
    fi
    mv "$out.part" "$out"
    printf '%s\n' "$out"
}

# Sets ODOO_ROOT (the directory holding odoo/ and usually addons/) and
# ODOO_ADDONS_PATH (Odoo's own addons directories, comma separated).
odoo_ensure() {
    if ! _odoo_importable; then
        local archive
        if [ -n "${ODOO_SRC:-}" ]; then
            if [ -d "$ODOO_SRC" ]; then
                _odoo_install_dir "$(cd "$ODOO_SRC" && pwd -P)" || true
            elif [ -f "$ODOO_SRC" ]; then
                _odoo_install_archive "$(cd "$(dirname "$ODOO_SRC")" && pwd -P)/$(basename "$ODOO_SRC")" || true
            else
                warn "ODOO_SRC '$ODOO_SRC' does not exist"
            fi
        elif archive="$(_odoo_download)"; then
            _odoo_install_archive "$archive" || true
        else
            warn "download of the Odoo 18.0 source archive failed"
        fi
        _odoo_importable || die "$ODOO_HINT"
    fi
    ODOO_ROOT="$("$PYTHON" -c 'import odoo, os; print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))')"
    local p paths=()
    for p in "$ODOO_ROOT/addons" "$ODOO_ROOT/odoo/addons"; do
        if [ -d "$p/base" ] || [ -d "$p/web" ]; then paths+=("$p"); fi
    done
    [ "${#paths[@]}" -gt 0 ] || die "Odoo found in $ODOO_ROOT but without its addons directories; $ODOO_HINT"
    ODOO_ADDONS_PATH="$(join_by , "${paths[@]}")"
    export ODOO_ROOT ODOO_ADDONS_PATH
}

# The Odoo command line. TZ=UTC is what odoo-bin sets before anything imports
# `time`; `python -m odoo` does not, so we set it here.
odoo_cli() {
    TZ=UTC "$PYTHON" -m odoo "$@"
}

# Write .local/odoo.conf for the current machine: Odoo's addons, then every
# directory holding our addons; the database server from tools/pg.sh env.
# Absolute paths are computed here, at run time, so clones can move.
write_odoo_conf() {
    local db_host db_port db_user addons_path tmp dirs
    eval "$("$REPO_ROOT/tools/pg.sh" env)"
    mapfile -t dirs < <(addons_dirs)
    addons_path="$ODOO_ADDONS_PATH,$(join_by , "${dirs[@]}")"
    mkdir -p "$LOCAL_DIR/filestore"
    tmp="$(mktemp "$ODOO_CONF.XXXXXX")"
    cat >"$tmp" <<CONF
; Generated by tools/odoo-env.sh on every make run/test: edits are lost.
[options]
addons_path = $addons_path
data_dir = $LOCAL_DIR/filestore
db_host = ${db_host:-False}
db_port = ${db_port:-False}
db_user = ${db_user:-False}
http_port = ${HTTP_PORT:-8069}
list_db = False
log_level = info
CONF
    mv "$tmp" "$ODOO_CONF"
}
