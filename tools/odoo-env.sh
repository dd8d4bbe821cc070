# shellcheck shell=bash
# The project's Python environment and Odoo 18.0 (README.md, "Requirements
# and what the targets set up"). Sourced after tools/lib.sh.
#
# venv_ensure   the virtualenv ${IAL_CACHE}/venv-<key> (<key>: the base
#               interpreter and requirements-*.txt), made by uv under a lock
#               and removed again when its build fails; sets PYTHON and UV.
# odoo_ensure   venv_ensure, then Odoo 18.0 importable in it (already there,
#               ODOO_SRC, or downloaded; `uv pip install --no-deps -e`: the
#               requirements pin its dependencies); sets ODOO_CORE_ADDONS.

ODOO_ARCHIVE_URL="${ODOO_ARCHIVE_URL:-https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz}"
ODOO_HINT="set ODOO_SRC to an Odoo 18.0 source directory or archive (.tar.gz, .tar.xz, .zip)"
IAL_CACHE="${IAL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/interaction_autolog}"
BASE_PYTHON="${BASE_PYTHON:-python3}"
UV_VERSION=0.13.8
# uv uses the interpreters it is given, never one it would download.
export UV_PYTHON_DOWNLOADS=never UV_NO_PROGRESS=1
# The system's certificate store, as pip and curl use it: behind a proxy or
# mirror with a private CA, uv's own built-in roots reject PyPI.
export UV_SYSTEM_CERTS="${UV_SYSTEM_CERTS:-1}"

# uv, quietly: its output goes to a log that is shown only when it fails.
_uv() {
    local log_file="$IAL_CACHE/uv.log" rc=0
    "$UV" "$@" >"$log_file" 2>&1 || rc=$?
    [ "$rc" -eq 0 ] || tail -n 30 "$log_file" >&2
    return "$rc"
}

_sha() { sha256sum "$@" | cut -c1-64; }

# The pinned uv, from PyPI into the cache by the base interpreter's pip
# (--target: nothing is written to the base interpreter). uv does not ship
# a bootstrap that stays off the base interpreter and off other indexes.
uv_ensure() {
    local dir="$IAL_CACHE/uv-$UV_VERSION"
    UV="$dir/bin/uv"
    [ -x "$UV" ] && return 0
    "$BASE_PYTHON" -m pip --version >/dev/null 2>&1 ||
        die "'$BASE_PYTHON -m pip' is missing, needed once to fetch uv: install pip (Debian: apt-get install python3-pip)"
    (
        flock 9
        [ -x "$UV" ] && exit 0
        rm -rf "$dir.part"
        "$BASE_PYTHON" -m pip install --disable-pip-version-check -q --no-warn-script-location \
            --target "$dir.part" "uv==$UV_VERSION" >"$IAL_CACHE/uv.log" 2>&1 && mv "$dir.part" "$dir"
    ) 9>"$IAL_CACHE/.lock-uv" || {
        tail -n 20 "$IAL_CACHE/uv.log" >&2
        rm -rf "$dir.part"
        die "could not install uv $UV_VERSION with '$BASE_PYTHON -m pip' (is PyPI reachable?)"
    }
}

# Runs with the lock held: build the virtualenv at $VENV_DIR, or remove it.
_venv_build() {
    rm -rf "$VENV_DIR"
    log "creating the Python environment (${VENV_DIR/#"$HOME"/\~}, with uv)"
    # Whatever fails from here on, leave no half-built environment behind.
    trap 'rm -rf "$VENV_DIR"' EXIT
    # --seed: pip and setuptools in it too, for whoever runs `python -m pip`.
    _uv venv --seed --python "$(command -v "$BASE_PYTHON")" "$VENV_DIR" ||
        die "'uv venv --python $BASE_PYTHON' could not create the environment (see the lines above)"
    _uv pip install --python "$VENV_DIR/bin/python" \
        -r "$REPO_ROOT/requirements-odoo.txt" -r "$REPO_ROOT/requirements-dev.txt" ||
        die "uv could not install requirements-odoo.txt / requirements-dev.txt (is PyPI reachable? see the lines above)"
    _uv pip install --python "$VENV_DIR/bin/python" --no-deps -r "$REPO_ROOT/requirements-screenshots.txt" ||
        die "uv could not install requirements-screenshots.txt (see the lines above)"
    printf '%s\n' "$VENV_KEY" >"$VENV_DIR/.ial-complete"
    trap - EXIT
}

venv_ensure() {
    # Already set up by the calling script (or given on purpose): keep it.
    if [ -n "${VENV_DIR:-}" ] && [ -f "$VENV_DIR/.ial-complete" ]; then
        PYTHON="$VENV_DIR/bin/python"
        UV="$IAL_CACHE/uv-$UV_VERSION/bin/uv"
        export PYTHON VENV_DIR UV
        return 0
    fi
    local version
    version="$("$BASE_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" ||
        die "BASE_PYTHON '$BASE_PYTHON' is not a working Python interpreter: install Python 3.10, 3.11 or 3.12, or set BASE_PYTHON"
    case "$version" in
    3.10 | 3.11 | 3.12) ;;
    *) die "Odoo 18.0 needs Python 3.10, 3.11 or 3.12; '$BASE_PYTHON' is $version: set BASE_PYTHON=/path/to/python3.11" ;;
    esac
    version="$("$BASE_PYTHON" -c 'import sys; print(sys.version)')"
    VENV_KEY="$(
        {
            printf '%s\n' "$version" "$(command -v "$BASE_PYTHON")"
            cat "$REPO_ROOT"/requirements-{odoo,dev,screenshots}.txt
        } | _sha | cut -c1-12
    )"
    VENV_DIR="$IAL_CACHE/venv-$VENV_KEY"
    mkdir -p "$IAL_CACHE"
    uv_ensure
    if [ ! -f "$VENV_DIR/.ial-complete" ]; then
        # One builder at a time: a second make waits and then reuses it.
        (
            flock 9
            [ -f "$VENV_DIR/.ial-complete" ] || _venv_build
        ) 9>"$IAL_CACHE/.lock-venv-$VENV_KEY" || exit 1
    fi
    PYTHON="$VENV_DIR/bin/python"
    export PYTHON VENV_DIR UV
}

_odoo_importable() {
    "$PYTHON" -c 'import odoo.release as r; assert r.series == "18.0", r.series' >/dev/null 2>&1
}

# Which Odoo series the source tree at $1 holds, read without importing it.
_odoo_series_of() {
    "$PYTHON" - "$1/odoo/release.py" <<'PY'
import runpy, sys
try:
    print(runpy.run_path(sys.argv[1]).get("serie", "?"))
except Exception:
    print("?")
PY
}

_odoo_link_dir() {
    local src="$1" series
    [ -f "$src/odoo/release.py" ] && [ -f "$src/setup.py" ] ||
        die "ODOO_SRC '$src' is not an Odoo source tree (no odoo/release.py and setup.py): $ODOO_HINT"
    series="$(_odoo_series_of "$src")"
    [ "$series" = 18.0 ] || die "ODOO_SRC '$src' is Odoo $series, not 18.0: $ODOO_HINT"
    log "making Odoo importable from ${src/#"$HOME"/\~}"
    uv_ensure
    _uv pip install --python "$PYTHON" --no-deps -e "$src" || die "uv pip install --no-deps -e '$src' failed"
    _odoo_importable || die "Odoo from '$src' does not import in the environment (see the lines above)"
}

# Extract an archive once into the cache, keyed by its content; print the
# source tree's directory.
_odoo_extract() {
    local archive="$1" key dest tmp top
    key="$(_sha "$archive" | cut -c1-16)"
    dest="$IAL_CACHE/odoo-src-$key"
    if [ ! -f "$dest/.ial-complete" ]; then
        log "extracting ${archive/#"$HOME"/\~} (once; kept in the cache)"
        tmp="$(mktemp -d "$IAL_CACHE/.odoo-src-XXXXXX")"
        case "$archive" in
        *.zip) "$PYTHON" -m zipfile -e "$archive" "$tmp" >/dev/null ;;
        *.tar.gz | *.tgz | *.tar.xz | *.txz | *.tar) tar -xf "$archive" -C "$tmp" ;;
        *) false ;;
        esac || {
            rm -rf "$tmp"
            die "cannot extract '$archive' (expected a .tar.gz, .tgz, .tar.xz or .zip archive): $ODOO_HINT"
        }
        top="$(find "$tmp" -mindepth 3 -maxdepth 3 -path '*/odoo/release.py' | head -n1)"
        [ -n "$top" ] || {
            rm -rf "$tmp"
            die "'$archive' holds no Odoo source tree: $ODOO_HINT"
        }
        rm -rf "$dest"
        mv "$(dirname "$(dirname "$top")")" "$dest"
        rm -rf "$tmp"
        touch "$dest/.ial-complete"
    fi
    printf '%s\n' "$dest"
}

_odoo_download() {
    local out="$IAL_CACHE/odoo-18.0.tar.gz"
    [ -s "$out" ] && { printf '%s\n' "$out"; return 0; }
    log "downloading $ODOO_ARCHIVE_URL"
    # Short connect timeout, and give up when the transfer stalls: the archive
    # is large, so a hard total limit would fail on slow but working links.
    command -v curl >/dev/null 2>&1 || return 1
    curl -fsSL --connect-timeout 10 --speed-limit 20000 --speed-time 30 \
        -o "$out.part" "$ODOO_ARCHIVE_URL" || { rm -f "$out.part"; return 1; }
    mv "$out.part" "$out"
    printf '%s\n' "$out"
}

odoo_ensure() {
    venv_ensure
    mkdir -p "$IAL_CACHE"
    if ! _odoo_importable; then
        local src archive
        if [ -n "${ODOO_SRC:-}" ]; then
            if [ -d "$ODOO_SRC" ]; then
                src="$(cd "$ODOO_SRC" && pwd -P)"
            elif [ -f "$ODOO_SRC" ]; then
                archive="$(cd "$(dirname "$ODOO_SRC")" && pwd -P)/$(basename "$ODOO_SRC")"
                src="$(_odoo_extract "$archive")" || exit 1
            else
                die "ODOO_SRC '$ODOO_SRC' does not exist: $ODOO_HINT"
            fi
        elif archive="$(_odoo_download)"; then
            src="$(_odoo_extract "$archive")" || exit 1
        else
            die "Odoo 18.0 is not installed and its source could not be downloaded: $ODOO_HINT"
        fi
        (
            flock 9
            _odoo_importable || _odoo_link_dir "$src"
        ) 9>"$VENV_DIR/.ial-lock" || exit 1
    fi
    ODOO_ROOT="$("$PYTHON" -c 'import odoo, os; print(os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__))))')"
    local p paths=()
    for p in "$ODOO_ROOT/addons" "$ODOO_ROOT/odoo/addons"; do
        if [ -d "$p/base" ] || [ -d "$p/web" ]; then paths+=("$p"); fi
    done
    [ "${#paths[@]}" -gt 0 ] || die "Odoo found in $ODOO_ROOT but without its addons directories: $ODOO_HINT"
    ODOO_CORE_ADDONS="$(join_by , "${paths[@]}")"
    export ODOO_ROOT ODOO_CORE_ADDONS
}

# The Odoo apps our addons extend, comma separated: every dependency of the
# repository's addons that is not one of them, read from the manifests by
# manifestoo. Installing them all brings in every auto_install glue addon.
odoo_apps() {
    local dirs args=() d
    mapfile -t dirs < <(addons_dirs)
    for d in "${dirs[@]}"; do args+=(--select-addons-dir "$d"); done
    d="$(unavailable_addons | paste -sd,)"
    [ -z "$d" ] || args+=(--select-exclude "$d")
    "$VENV_DIR/bin/manifestoo" --odoo-series 18.0 "${args[@]}" list-depends --separator , 2>/dev/null
}

# apps_database DB demo|no-demo LOGFILE: create DB holding the Odoo apps
# (odoo_apps), copied from a template database that click-odoo-initdb keeps
# per hash of those apps' source and dependencies. The first time installs
# them (a minute or more); later it is a copy (about a second). Our own
# addons are never in the template: they change all the time.
apps_database() {
    local db="$1" demo="--$2" logfile="$3" apps rc=0
    apps="$(odoo_apps)" || die "manifestoo could not read the addons' manifests"
    : >"$logfile"
    log "database $db with $apps (${2/-/ } data; template cache: click-odoo-initdb)"
    TZ=UTC "$VENV_DIR/bin/click-odoo-initdb" -c "$ODOO_CONF" -n "$db" -m "$apps" "$demo" \
        --cache-prefix "ial${2%%-*}" --cache-max-size 3 --cache-max-age -1 \
        --log-level info --logfile "$logfile" || rc=$?
    if [ "$rc" -ne 0 ] || grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$logfile"; then
        tail -n 40 "$logfile" >&2
        die "creating $db with $apps failed (exit $rc, log: $logfile)"
    fi
}

# drop_db DB: drop an Odoo database and its filestore, if it exists.
drop_db() {
    "$VENV_DIR/bin/click-odoo-dropdb" -c "$ODOO_CONF" --if-exists "$1" >/dev/null
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
    addons_path="$ODOO_CORE_ADDONS,$(join_by , "${dirs[@]}")"
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
