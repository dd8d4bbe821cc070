"""make run's install loads every data and demo file and logs the demo story."""

from conftest import lib, shell

# Demo documents of each glue addon that must have logged entries.
MODELS = "sale.order purchase.order account.move stock.picking repair.order"
STORY = {f"interaction_autolog_{m.split('.')[0]}": m for m in MODELS.split()}
STORY["interaction_autolog_calendar"] = "calendar.event"
# As tools/run.sh: the apps with their demo, then all_addons (not the glue of an
# absent OCA addon); odoo_install fails on an ERROR line or a skipped file.
MAKE_RUN = """
ODOO_CONF="$1" && venv_ensure && odoo_ensure && apps_database "$2" demo "$3" &&
ours="$(all_addons)" && odoo_install "$2" "$3" -i "$(join_by , $ours)" && echo $ours
"""
CHECK_SCRIPT = """
Entry = env["interaction.log.entry"].with_context(active_test=False)
print("RESULT", json.dumps({
    "entries": {m: Entry.search_count([("res_model", "=", m)]) for m in %(models)r},
    "failures": env["ir.demo_failure"].search_count([]),
}))
"""


def test_every_demo_file_loads(conf, database, tmp_path):
    addons = lib(MAKE_RUN, conf, database, tmp_path / "install.log").stdout.split()
    models = [model for addon, model in STORY.items() if addon in addons]
    result = shell(conf, database, CHECK_SCRIPT % {"models": models})
    assert result["failures"] == 0, "ir.demo_failure records after the install"
    empty = [model for model, count in result["entries"].items() if not count]
    assert not empty, f"no demo interactions logged for {empty}"
