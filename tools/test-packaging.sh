#!/usr/bin/env bash
# make test-packaging, as OCA's oca-ci: the wheels (whool, metapackage) of what git
# tracks, installed by uv with Odoo in a fresh virtualenv; Update Apps List finds
# them, Activate on Interaction Log brings the glue of the installed apps and no
# other app, and a printed quotation logs one entry.
source "$(dirname "${BASH_SOURCE[0]}")/odoo-env.sh"
odoo_ready postgresql wkhtmltopdf
cd "$REPO_ROOT" && addons=(*/__manifest__.py) && addons=("${addons[@]%/*}") WORK=.local/packaging DB="${TEST_DB:-ial_test}_packaging"
untracked="$(git ls-files --others --exclude-standard -- "${addons[@]}")" || die "not a git checkout: whool packages what git tracks"
[ -z "$untracked" ] || warn "untracked files are not packaged (git add them): $(echo $untracked)"
rm -rf "$WORK" && mkdir -p "$WORK/wheels" && cp -r setup/_metapackage "$WORK/metapackage" # setuptools writes there
sed "s|^addons_path = .*|addons_path = $ODOO_CORE_ADDONS|" "$ODOO_CONF" >"$WORK/odoo.conf"
trap 'drop_db "$DB"' EXIT
drop_db "$DB" && log "database $DB with sale_management,account (click-odoo-initdb, in the background)"
TZ=UTC "$VENV_DIR/bin/click-odoo-initdb" -c "$WORK/odoo.conf" -n "$DB" -m sale_management,account --no-demo \
    --cache-prefix ialpkg --cache-max-size 2 --cache-max-age -1 --logfile "$WORK/apps.log" >/dev/null 2>&1 &
log "the wheels (pip wheel: whool, setuptools) in a fresh virtualenv with Odoo (uv), then Apps in odoo shell"
# Odoo editable in compat mode: a path entry, which our wheels' odoo/addons
# namespace cannot shadow. What the wheels require besides, from PyPI.
quiet "$PYTHON" -m pip wheel --no-deps --no-build-isolation -w "$WORK/wheels" "${addons[@]/#/./}" "$WORK/metapackage" &&
    quiet "$UV" venv --python "$PYTHON" "$WORK/venv" && export VIRTUAL_ENV="$PWD/$WORK/venv" &&
    quiet "$UV" pip install -r requirements-odoo.txt -e "$ODOO_ROOT" -C editable_mode=compat &&
    quiet "$UV" pip install --find-links "$WORK/wheels" odoo-addons-interaction-autolog || die "building or installing the wheels failed"
wait $! || { tail -n 40 "$WORK/apps.log" >&2 && die "creating $DB failed (log: $WORK/apps.log)"; }
TZ=UTC "$WORK/venv/bin/python" -m odoo shell -c "$WORK/odoo.conf" -d "$DB" --no-http --logfile "$WORK/shell.log" <<'PY' ||
import ast, json, shutil
from pathlib import Path
from werkzeug.test import Client

ours = {p.parent.name: ast.literal_eval(p.read_text()) for p in Path().glob("*/__manifest__.py")}
Module, core, venv = env["ir.module.module"], "interaction_autolog", Path(".local/packaging/venv").resolve()
before = set(Module.search([("state", "=", "installed")]).mapped("name"))
Module.update_list()
assert all(Path(odoo.modules.module.get_module_path(a)).resolve().is_relative_to(venv) for a in ours)
Module.search([("name", "=", core), ("application", "=", True)]).button_immediate_install()
env = odoo.api.Environment(env.cr, odoo.SUPERUSER_ID, {})  # the registry with the app
new = env["ir.module.module"].search([("state", "=", "installed"), ("name", "not in", list(before))])
glue = {a for a, m in ours.items() if m.get("auto_install") and set(m["depends"]) - set(ours) <= before}
assert set(new.mapped("name")) & set(ours) == {core} | glue >= {f"{core}_sale_pdf_quote_builder"}, new.mapped("name")
assert set(new.filtered("application").mapped("name")) <= {core, *ours[core]["depends"]}, "apps dragged in"
order = env["sale.order"].create({"partner_id": env["res.partner"].create({"name": "Wheel Customer"}).id,
    "order_line": [(0, 0, {"product_id": env["product.product"].create({"name": "Desk"}).id})]})
env.cr.commit()
client, local = Client(odoo.http.root), {"REMOTE_ADDR": "127.0.0.1"}
client.post("/web/session/authenticate", environ_base=local, json={"jsonrpc": "2.0",
    "params": {"db": env.cr.dbname, "login": "admin", "password": "admin"}})
report = f"/report/pdf/sale.report_saleorder/{order.id}"  # as the Print menu; HTML without wkhtmltopdf
response = client.get("/report/download", environ_base=local, query_string={"data": json.dumps([report, "qweb-pdf"]),
    "token": "x"}) if shutil.which("wkhtmltopdf") else client.get(report.replace("/pdf/", "/html/"), environ_base=local)
assert response.status_code == 200, response.get_data(as_text=True)[:2000]
env.cr.rollback()  # see what the request committed
entry = env["interaction.log.entry"].search([("res_model", "=", "sale.order"), ("res_id", "=", order.id)])
assert len(entry) == 1 and entry.partner_id == order.partner_id and entry.channel == "paper", entry.read()
print(f"OK: {len(glue)} glue addons came with {core}; the printed quotation logged {entry.display_name!r}")
PY
    die "the packaged app failed its check (above; Odoo's log: $WORK/shell.log)"
load_failures "$WORK/shell.log" || die "Odoo skipped data files of the packaged addons (above; log: $WORK/shell.log)"
