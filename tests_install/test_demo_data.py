"""The demo of every addon loads whole, as ``make run`` installs it: on the
apps with their demo (the template ``make run`` starts from), the install log
shows no file Odoo skipped and went on without (``load_failures`` of
tools/lib.sh), and the demo story is there for every app, repairs included."""

from conftest import install, lib, shell

# Demo documents of each glue addon that must have logged entries.
MODELS = "sale.order purchase.order account.move stock.picking repair.order"
STORY = {f"interaction_autolog_{m.split('.')[0]}": m for m in MODELS.split()}
STORY["interaction_autolog_calendar"] = "calendar.event"

CHECK_SCRIPT = """
Entry = env["interaction.log.entry"].with_context(active_test=False)
print("RESULT", json.dumps({
    "entries": {m: Entry.search_count([("res_model", "=", m)]) for m in %(models)r},
    "failures": env["ir.demo_failure"].search_count([]),
}))
"""


def test_every_demo_file_loads(conf, database, tmp_path):
    log = tmp_path / "install.log"
    lib(
        'ODOO_CONF="$1" && venv_ensure && apps_database "$2" demo "$3"',
        conf,
        database,
        log,
    )
    # The addons make run installs: not the glue of an OCA addon that is
    # not there (all_addons leaves it out).
    addons = lib("odoo_ensure && all_addons").stdout.split()
    install(conf, database, *addons, demo=True, logfile=log)
    skipped = lib('load_failures "$1"', log, check=False)
    assert skipped.returncode == 0, (
        f"Odoo skipped demo or data files:\n{skipped.stderr}"
    )

    models = [model for addon, model in STORY.items() if addon in addons]
    result = shell(conf, database, CHECK_SCRIPT % {"models": models})
    assert result["failures"] == 0, "ir.demo_failure records after the install"
    empty = [model for model, count in result["entries"].items() if not count]
    assert not empty, f"no demo interactions logged for {empty}"
