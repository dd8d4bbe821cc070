"""An administrator's installs: the core alone, glue with its app, clean uninstalls."""

import ast

from conftest import CORE, REPO, install, lib, shell

# Apps the core must not bring in (not sms: Odoo installs it with mail).
APPS = "sale account purchase purchase_requisition stock repair calendar crm".split()
MANIFESTS = {
    path.parent.name: ast.literal_eval(path.read_text())
    for path in sorted(REPO.glob(f"{CORE}_*/__manifest__.py"))
}
OPTIONAL = {f"{CORE}_mail_gateway"}  # turned on in Settings, by hand: not glue
GLUE = {  # {glue addon: modules whose installation brings it in}
    name: sorted(set(auto if isinstance(auto, list) else manifest["depends"]))
    for name, manifest in MANIFESTS.items()
    if manifest.get("installable", True) and (auto := manifest.get("auto_install"))
}
# One after the other, as from Apps (one gone with its dependency is skipped).
UNINSTALL = """
for name in %r:
    module = env["ir.module.module"].search([("name", "=", name)])
    module.filtered(lambda m: m.state == "installed").button_immediate_uninstall()
"""


def states(db, *modules):
    """{module: state}, "absent" for a module the database does not know."""
    output = lib('module_states "$@"', db, *modules).stdout
    return dict(line.split() for line in output.splitlines())


def check_glue(db):
    """Each glue addon is installed exactly when its app(s) are."""
    state = states(db, CORE, *GLUE, *{m for apps in GLUE.values() for m in apps})
    for glue, apps in GLUE.items():
        expected = all(state[m] == "installed" for m in apps)
        assert (state[glue] == "installed") == expected, (glue, state)
    return state


# (entries logged by printing a new quotation, is its document type active)
QUOTE_SCRIPT = """
partner = env["res.partner"].create({"name": "History Oy"})
order = env["sale.order"].create({"partner_id": partner.id})
report = env["ir.actions.report"]
entries = report._interaction_log_print("sale.report_saleorder", order.ids, "pdf")
DocType = env["interaction.document.type"].with_context(active_test=False)
doc_type = DocType.search([("code", "=", "sale_quote")])
print("RESULT", json.dumps([len(entries), doc_type.active]))
"""


def test_glue_addons_are_auto_install():
    """A glue addon must come in by itself, never be installed by hand."""
    manual = [name for name in MANIFESTS if name not in GLUE and name not in OPTIONAL]
    assert not manual, f"glue addons without auto_install: {manual}"
    lacking = [name for name, m in MANIFESTS.items() if CORE not in m["depends"]]
    assert not lacking, f"glue addons not depending on {CORE}: {lacking}"


def test_core_install_uninstall(conf, database):
    install(conf, database, "mail")
    install(conf, database, CORE)
    state = states(database, CORE, *APPS)
    assert state[CORE] == "installed"
    forced = [app for app in APPS if state[app] == "installed"]
    assert not forced, f"installing {CORE} also installed {forced}"
    check_glue(database)
    shell(conf, database, UNINSTALL % [CORE])
    assert states(database, CORE)[CORE] == "uninstalled"


def test_glue_follows_apps(conf, database):
    # The app first, then the core: the glue of the installed app comes in.
    install(conf, database, "sale_management")
    install(conf, database, CORE)
    state = check_glue(database)
    assert state[f"{CORE}_sale"] == "installed"
    # The core first, then the app: its glue follows.
    assert state[f"{CORE}_purchase"] == "uninstalled"
    install(conf, database, "purchase")
    state = check_glue(database)
    assert state[f"{CORE}_purchase"] == "installed"
    # A glue addon with entries uninstalls, stops logging (its document types are
    # archived: entries keep them), logs again once reinstalled.
    glue = f"{CORE}_sale"
    assert shell(conf, database, QUOTE_SCRIPT) == [1, True]
    shell(conf, database, UNINSTALL % [glue])
    assert states(database, glue)[glue] == "uninstalled"
    assert shell(conf, database, QUOTE_SCRIPT) == [0, False]
    install(conf, database, glue)
    assert shell(conf, database, QUOTE_SCRIPT) == [1, True]

    installed_glue = [glue for glue in GLUE if state[glue] == "installed"]
    shell(conf, database, UNINSTALL % [*installed_glue, CORE])
    state = states(database, CORE, *installed_glue)
    assert all(value == "uninstalled" for value in state.values()), state
