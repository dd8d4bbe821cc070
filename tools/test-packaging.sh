#!/usr/bin/env bash
# make test-packaging: the addons installed the way Odoo users install them,
# checked as OCA's oca-ci does (pip, click-odoo-initdb, then Odoo itself):
#
# 1. Every addon's wheel (whool) and the metapackage (setuptools), built by
#    pip from the files git tracks, as PyPI would get them.
# 2. A fresh virtualenv (uv) with Odoo's requirements and Odoo (editable in
#    compat mode: a path entry, which the odoo/addons namespace of our wheels
#    cannot shadow), then the metapackage from those wheels.
# 3. A database with Sales and Invoicing (click-odoo-initdb, from a cached
#    template) whose addons path holds Odoo's own addons only.
# 4. `odoo shell` from the fresh virtualenv: Apps > Update Apps List finds our
#    addons in its site-packages; Activate on "Interaction Log"
#    (button_immediate_install) brings the glue addons of the installed apps
#    and no other app; a quotation printed through the report route, as the
#    web client's Print menu does, logs one entry.
#
# The database server is the one of .local/odoo.conf (the private cluster, or
# PGHOST/PGPORT/PGUSER). What a run leaves in .local/packaging is for reading.
set -euo pipefail
# shellcheck source=tools/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=tools/odoo-env.sh
source "$REPO_ROOT/tools/odoo-env.sh"

"$REPO_ROOT/tools/setup.sh" postgresql wkhtmltopdf
odoo_ensure
uv_ensure
"$REPO_ROOT/tools/pg.sh" start
write_odoo_conf

command -v git >/dev/null 2>&1 || die "git is needed: whool packages the files git tracks"
git -C "$REPO_ROOT" rev-parse --git-dir >/dev/null 2>&1 ||
    die "not a git checkout: whool packages the files git tracks (clone the repository)"
cd "$REPO_ROOT"
# Files whool will leave out of the wheels, said before they go missing.
untracked="$(git ls-files --others --exclude-standard | grep -E '^[^/]+/' |
    while IFS= read -r f; do [ -f "${f%%/*}/__manifest__.py" ] && echo "$f"; done | head -n 5 || true)"
[ -z "$untracked" ] || warn "untracked files are not packaged (git add them): $(echo $untracked)"

WORK="$LOCAL_DIR/packaging"
DB="${TEST_DB:-ial_test}_packaging"
VENV="$WORK/venv"
rm -rf "$WORK"
mkdir -p "$WORK/wheels"
trap 'drop_db "$DB"' EXIT

# Run "$@" with its output in $WORK/<name>.log, shown when it fails.
step() {
    local name="$1" rc=0
    shift
    "$@" >"$WORK/$name.log" 2>&1 || rc=$?
    [ "$rc" -eq 0 ] || { tail -n 40 "$WORK/$name.log" >&2; die "$name failed (exit $rc, log: ${WORK#"$REPO_ROOT"/}/$name.log)"; }
}

log "database $DB with sale_management,account (click-odoo-initdb, in the background)"
sed "s|^addons_path = .*|addons_path = $ODOO_CORE_ADDONS|" "$ODOO_CONF" >"$WORK/odoo.conf"
drop_db "$DB"
TZ=UTC "$VENV_DIR/bin/click-odoo-initdb" -c "$WORK/odoo.conf" -n "$DB" -m sale_management,account \
    --no-demo --cache-prefix ialpkg --cache-max-size 2 --cache-max-age -1 \
    --logfile "$WORK/apps.log" >/dev/null 2>&1 &
initdb=$!

log "building the wheels (pip wheel: whool, setuptools)"
# setuptools builds in the source directory: build a copy of the metapackage.
cp -r setup/_metapackage "$WORK/metapackage"
# Every addon, also the glue of an OCA addon that all_addons leaves out here:
# the metapackage requires each of them.
mapfile -t addons < <(cd "$REPO_ROOT" && for m in */__manifest__.py; do dirname "$m"; done)
step wheels "$PYTHON" -m pip wheel --no-deps --no-build-isolation --disable-pip-version-check \
    --wheel-dir "$WORK/wheels" "${addons[@]/#/$REPO_ROOT/}" "$WORK/metapackage"

log "a fresh virtualenv with Odoo, then the wheels (uv)"
step venv "$UV" venv --python "$PYTHON" "$VENV"
step venv-odoo "$UV" pip install --python "$VENV/bin/python" -r requirements-odoo.txt \
    -e "$ODOO_ROOT" -C editable_mode=compat
# Our wheels from the directory; what they require besides Odoo, from PyPI.
step venv-wheels "$UV" pip install --python "$VENV/bin/python" --find-links "$WORK/wheels" \
    odoo-addons-interaction-autolog

wait "$initdb" || { tail -n 40 "$WORK/apps.log" >&2; die "creating $DB failed (log: ${WORK#"$REPO_ROOT"/}/apps.log)"; }

log "Apps: Update Apps List, then Activate on Interaction Log; print a quotation"
export REPO_ROOT VENV
TZ=UTC "$VENV/bin/python" -m odoo shell -c "$WORK/odoo.conf" -d "$DB" --no-http \
    --logfile "$WORK/shell.log" <<'PY' || die "the packaged app failed its check (see above; Odoo's log: .local/packaging/shell.log)"
import ast, json, os, shutil
from pathlib import Path
from werkzeug.test import Client

repo, venv = Path(os.environ["REPO_ROOT"]), Path(os.environ["VENV"]).resolve()
manifests = {p.parent.name: ast.literal_eval(p.read_text()) for p in repo.glob("*/__manifest__.py")}
core = "interaction_autolog"
Module = env["ir.module.module"]
assert not Module.search([("name", "=", core)]), f"{core} known before Update Apps List"
before = set(Module.search([("state", "=", "installed")]).mapped("name"))
Module.update_list()
for addon in manifests:
    path = odoo.modules.module.get_module_path(addon)
    assert path and Path(path).resolve().is_relative_to(venv), f"{addon} found at {path}"
app = Module.search([("name", "=", core)])
assert app.application and app.state == "uninstalled", app.read(["application", "state"])
app.button_immediate_install()
env = odoo.api.Environment(env.cr, odoo.SUPERUSER_ID, {})  # the registry with the app
installed = set(env["ir.module.module"].search([("state", "=", "installed")]).mapped("name"))
glue = {
    a for a, m in manifests.items() if m.get("auto_install") and {
        d for d in (m["auto_install"] if isinstance(m["auto_install"], list) else m["depends"])
        if d not in manifests} <= before
}
assert installed & set(manifests) == {core} | glue, sorted(installed & set(manifests))
assert {f"{core}_sale", f"{core}_sale_pdf_quote_builder"} <= glue, "scenario lost its glue"
new_apps = set(env["ir.module.module"].search(
    [("name", "in", list(installed - before)), ("application", "=", True)]).mapped("name"))
assert new_apps <= {core, *manifests[core]["depends"]}, f"apps dragged in: {new_apps}"

partner = env["res.partner"].create({"name": "Wheel Customer", "email": "wc@example.com"})
product = env["product.product"].create({"name": "Packaged desk", "list_price": 100.0})
order = env["sale.order"].create({
    "partner_id": partner.id, "order_line": [(0, 0, {"product_id": product.id})]})
env.cr.commit()
client, local = Client(odoo.http.root), {"REMOTE_ADDR": "127.0.0.1"}
auth = client.post("/web/session/authenticate", environ_base=local, json={
    "jsonrpc": "2.0", "params": {"db": env.cr.dbname, "login": "admin", "password": "admin"}})
assert auth.json.get("result", {}).get("uid"), auth.get_data(as_text=True)[:2000]
report = f"/report/pdf/sale.report_saleorder/{order.id}"
if shutil.which("wkhtmltopdf"):
    response = client.get("/report/download", environ_base=local, query_string={
        "data": json.dumps([report, "qweb-pdf"]), "token": "dummy"})
else:  # the web client shows the HTML report instead
    response = client.get(report.replace("/pdf/", "/html/"), environ_base=local)
assert response.status_code == 200, response.get_data(as_text=True)[:2000]
env.cr.rollback()  # see what the request committed
entries = env["interaction.log.entry"].search(
    [("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
assert len(entries) == 1 and entries.partner_id == partner and entries.channel == "paper", \
    entries.read(["partner_id", "channel"])
print(f"OK: {len(glue)} glue addons came with {core}; the printed quotation logged "
      f"{entries.display_name!r} ({response.headers['Content-Type']})")
PY
load_failures "$WORK/shell.log" || die "Odoo skipped data files of the packaged addons (above; log: .local/packaging/shell.log)"
