# Sourced by the tools/*.sh: venv_ensure, the virtualenv $IAL_CACHE/venv-<hash of
# the base interpreter and requirements-*.txt> made by uv (which the base
# interpreter's pip fetches once into the cache; the base gets nothing);
# odoo_ensure, Odoo 18.0 in it (`uv pip install -e` of ODOO_SRC or a download).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ODOO_HINT="set ODOO_SRC to an Odoo 18.0 source directory or archive (.tar.gz, .tar.xz)"
IAL_CACHE="${IAL_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/interaction_autolog}" && BASE_PYTHON="${BASE_PYTHON:-python3}"
# uv: only the interpreters it is given; the system's certificates, as pip.
export UV="$IAL_CACHE/uv-0.13.8/bin/uv" UV_PYTHON_DOWNLOADS=never UV_NO_PROGRESS=1 UV_SYSTEM_CERTS="${UV_SYSTEM_CERTS:-1}"
venv_ensure() {
    if [ ! -f "${VENV_DIR:-}/.ial-complete" ]; then
        local v r="$REPO_ROOT/requirements"
        v="$("$BASE_PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null)" ||
            die "BASE_PYTHON '$BASE_PYTHON' is not a working Python interpreter: install Python 3.10, 3.11 or 3.12, or set BASE_PYTHON"
        [[ "$v" =~ ^3\.1[012]$ ]] || die "Odoo 18.0 needs Python 3.10, 3.11 or 3.12; '$BASE_PYTHON' is $v: set BASE_PYTHON=/path/to/python3.11"
        VENV_DIR="$IAL_CACHE/venv-$({ "$BASE_PYTHON" -c 'import sys; print(sys.version)' && command -v "$BASE_PYTHON" &&
            cat "$r"-{odoo,dev,screenshots}.txt; } | sha256sum | cut -c1-12)" && mkdir -p "$IAL_CACHE"
        ( # one builder at a time: a second make waits, then reuses it
            flock 9 && [ ! -f "$VENV_DIR/.ial-complete" ] || exit 0
            [ -x "$UV" ] || "$BASE_PYTHON" -m pip --version >/dev/null 2>&1 ||
                die "'$BASE_PYTHON -m pip' is missing, needed once to fetch uv: install pip (Debian: apt-get install python3-pip)"
            [ -x "$UV" ] || { rm -rf "$IAL_CACHE/.uv" && quiet "$BASE_PYTHON" -m pip install --target "$IAL_CACHE/.uv" \
                uv==0.13.8 && mv "$IAL_CACHE/.uv" "${UV%/bin/uv}"; } || die "'$BASE_PYTHON -m pip' could not install uv from PyPI"
            log "creating the Python environment (${VENV_DIR/#"$HOME"/\~}, with uv)"
            trap 'rm -rf "$VENV_DIR"' EXIT # nothing half-built stays; --seed: pip, setuptools
            quiet "$UV" venv --seed --python "$(command -v "$BASE_PYTHON")" "$VENV_DIR" && export VIRTUAL_ENV="$VENV_DIR" &&
                quiet "$UV" pip install -r "$r-odoo.txt" -r "$r-dev.txt" && quiet "$UV" pip install --no-deps -r "$r-screenshots.txt" ||
                die "uv could not install requirements-*.txt (is PyPI reachable? see above)"
            touch "$VENV_DIR/.ial-complete" && trap - EXIT
        ) 9>"$IAL_CACHE/.lock-venv" || exit 1
    fi
    export PYTHON="$VENV_DIR/bin/python" VENV_DIR
}
odoo_ensure() {
    venv_ensure
    local root='import odoo, odoo.release as r; assert r.series == "18.0"; print(odoo.__path__[0][:-5])' src v
    if ! ODOO_ROOT="$("$PYTHON" -c "$root" 2>/dev/null)"; then
        src="${ODOO_SRC:-$IAL_CACHE/odoo-18.0.tar.gz}" v=https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz
        [ -n "${ODOO_SRC:-}" ] || [ -s "$src" ] || { log "downloading $v" && curl -fsSL --connect-timeout 10 -o "$src.part" "$v" &&
            mv "$src.part" "$src"; } || die "Odoo 18.0 is not installed and its source could not be downloaded: $ODOO_HINT"
        src="$(realpath -e "$src" 2>/dev/null)" || die "ODOO_SRC '$ODOO_SRC' does not exist: $ODOO_HINT"
        if [ -f "$src" ]; then # extracted once into the cache, keyed by its content
            v="$IAL_CACHE/odoo-src-$(sha256sum "$src" | cut -c1-16)"
            [ -f "$v/.ial-complete" ] || { log "extracting ${src/#"$HOME"/\~} (once)" && rm -rf "$v" && mkdir -p "$v" &&
                tar -xf "$src" -C "$v" --strip-components=1 2>/dev/null && [ -f "$v/odoo/release.py" ] && touch "$v/.ial-complete"; } ||
                { rm -rf "$v" && die "'$src' holds no Odoo source tree: $ODOO_HINT"; }
            src="$v"
        fi
        [ -f "$src/odoo/release.py" ] && [ -f "$src/setup.py" ] ||
            die "ODOO_SRC '$src' is not an Odoo source tree (no odoo/release.py and setup.py): $ODOO_HINT"
        v="$("$PYTHON" -c 'import runpy, sys; print(runpy.run_path(sys.argv[1])["serie"])' "$src/odoo/release.py" 2>&1)"
        [ "$v" = 18.0 ] || die "ODOO_SRC '$src' is Odoo $v, not 18.0: $ODOO_HINT"
        log "making Odoo importable from ${src/#"$HOME"/\~}"
        (flock 9 && quiet "$UV" pip install --python "$PYTHON" --no-deps -e "$src") 9>"$VENV_DIR/.ial-lock" &&
            ODOO_ROOT="$("$PYTHON" -c "$root")" || die "Odoo from '$src' does not install in the environment (see above)"
    fi
    export ODOO_ROOT ODOO_CORE_ADDONS="$ODOO_ROOT/addons,$ODOO_ROOT/odoo/addons"
}
# odoo_ready COMPONENT...: tools/setup.sh COMPONENT..., Odoo, PostgreSQL, .local/odoo.conf.
odoo_ready() { "$REPO_ROOT/tools/setup.sh" "$@" && odoo_ensure && "$REPO_ROOT/tools/pg.sh" start && write_odoo_conf; }
# Odoo's command line: TZ=UTC as odoo-bin sets it (`python -m odoo` does not).
odoo_cli() { TZ=UTC "$PYTHON" -m odoo "$@"; }
# odoo_install DB LOGFILE ARGS...: odoo ARGS --stop-after-init on DB; fails,
# saying why, on an exit code, an ERROR line, a skipped file (load_failures).
odoo_install() {
    local db="$1" logfile="$2" errors='^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' && shift 2 && : >"$logfile"
    log "odoo $* (log: ${logfile#"$REPO_ROOT"/})"
    odoo_cli -c "$ODOO_CONF" -d "$db" "$@" --stop-after-init --no-http --logfile "$logfile" --log-level info &&
        ! grep -E "$errors" "$logfile" | head -n 20 | grep . >&2 ||
        { echo "----- last lines of $logfile -----" && tail -n 40 "$logfile" && die "Odoo install/update failed"; } >&2
    load_failures "$logfile" || die "Odoo skipped the files above and went on (log: ${logfile#"$REPO_ROOT"/})"
}
_sha() { sha256sum "$@" | cut -c1-64; } && _uv() { quiet "$UV" "$@"; } # for perf.sh, test-odoo.sh
drop_db() { "$VENV_DIR/bin/click-odoo-dropdb" -c "$ODOO_CONF" --if-exists "$1" >/dev/null; }
# apps_database DB demo|no-demo LOGFILE: DB with the apps our addons extend,
# a copy of a template click-odoo-initdb keeps per hash of those apps.
apps_database() {
    local apps && apps="$(all_addons --apps | paste -sd,)" || die "could not read the addons' manifests"
    log "database $1 with $apps (${2/-/ } data; template cache: click-odoo-initdb)" && : >"$3"
    TZ=UTC "$VENV_DIR/bin/click-odoo-initdb" -c "$ODOO_CONF" -n "$1" -m "$apps" "--$2" --cache-prefix "ial${2%%-*}" \
        --cache-max-size 3 --cache-max-age -1 --log-level info --logfile "$3" &&
        ! grep -qE '^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) ' "$3" || { tail -n 40 "$3" >&2 && die "creating $1 failed (log: $3)"; }
}
# .local/odoo.conf, rewritten on every run: Odoo's addons, ours, tools/pg.sh's server.
write_odoo_conf() {
    local db_host db_port db_user db_replica_host= db_replica_port= dirs && eval "$("$REPO_ROOT/tools/pg.sh" env)"
    mapfile -t dirs < <(addons_dirs)
    mkdir -p "$LOCAL_DIR/filestore"
    printf '%s\n' "; Written by tools/odoo-env.sh on every make run/test: edits are lost." "[options]" \
        "addons_path = $ODOO_CORE_ADDONS,$(join_by , "${dirs[@]}")" "data_dir = $LOCAL_DIR/filestore" \
        "db_host = ${db_host:-False}" "db_port = ${db_port:-False}" "db_user = ${db_user:-False}" \
        "http_port = ${HTTP_PORT:-8069}" "list_db = False" "log_level = info" \
        ${db_replica_host:+"db_replica_host = $db_replica_host" "db_replica_port = $db_replica_port"} >"$ODOO_CONF.$$"
    mv "$ODOO_CONF.$$" "$ODOO_CONF"
}
