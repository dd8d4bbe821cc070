"""Install and uninstall the addons as an administrator does, without demo:
the core installs on a bare ``mail`` database without dragging any app in,
each glue addon comes in with its app (also when the app comes after the
core), and everything uninstalls cleanly. (make test-packaging: from Apps.)"""

import ast

from conftest import CORE, REPO, install, lib, shell

# Apps that must not be installed just because the core addon is. (Not
# "sms": Odoo installs it automatically with mail.)
APPS = ["sale", "account", "purchase", "purchase_requisition", "stock", "repair"]
APPS += ["calendar", "crm"]
MANIFESTS = {
    path.parent.name: ast.literal_eval(path.read_text())
    for path in sorted(REPO.glob(f"{CORE}_*/__manifest__.py"))
}
# Features of the core an administrator turns on in Settings (Odoo's
# module_* checkboxes): installed by hand, not glue.
OPTIONAL = {f"{CORE}_mail_gateway"}
# {glue addon: modules whose installation brings it in}
GLUE = {
    name: sorted(set(auto if isinstance(auto, list) else manifest["depends"]))
    for name, manifest in MANIFESTS.items()
    if manifest.get("installable", True) and (auto := manifest.get("auto_install"))
}


def uninstall(conf, db, *modules):
    """Uninstall one module after the other, as from the Apps menu (one that
    went with a module it depends on is already gone)."""
    shell(conf, db, UNINSTALL % (modules,))


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
env.cr.commit()
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
    uninstall(conf, database, CORE)
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
    # A glue addon with logged entries uninstalls without errors, stops
    # logging (its document types are archived, as entries keep them), and
    # logs again once installed again.
    glue = f"{CORE}_sale"
    assert shell(conf, database, QUOTE_SCRIPT) == [1, True]
    uninstall(conf, database, glue)
    assert states(database, glue)[glue] == "uninstalled"
    assert shell(conf, database, QUOTE_SCRIPT) == [0, False]
    install(conf, database, glue)
    assert shell(conf, database, QUOTE_SCRIPT) == [1, True]

    installed_glue = [glue for glue in GLUE if state[glue] == "installed"]
    uninstall(conf, database, *installed_glue, CORE)
    state = states(database, CORE, *installed_glue)
    assert all(value == "uninstalled" for value in state.values()), state
