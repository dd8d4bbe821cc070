"""Install and uninstall the addons the way an administrator does: real
``odoo`` command lines on databases of their own (IAL_DB_PREFIX_*, server of
IAL_ODOO_CONF, both set by tools/test.sh), without demo data. The core
installs on a bare ``mail`` database without dragging any app in, each glue
addon comes in with its app (also when the app comes after the core), and
everything uninstalls cleanly. (make test-packaging installs from Apps.)
"""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORE = "interaction_autolog"
# Apps that must not be installed just because the core addon is. (Not
# "sms": Odoo installs it automatically with mail.)
APPS = ["sale", "account", "purchase", "purchase_requisition", "stock", "repair"]
APPS += ["calendar", "crm"]
TIMEOUT = 1800
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


@pytest.fixture(scope="module")
def conf():
    path = os.environ.get("IAL_ODOO_CONF")
    if not path or not Path(path).is_file():
        pytest.fail("IAL_ODOO_CONF is not set: run these tests with `make test`")
    return path


@pytest.fixture
def database(conf, request):
    prefix = os.environ.get("IAL_DB_PREFIX", "ial_test")
    name = f"{prefix}_{request.node.name.removeprefix('test_')}"
    dropdb = [Path(sys.executable).parent / "click-odoo-dropdb", "-c", conf]
    subprocess.run([*dropdb, "--if-exists", name], capture_output=True, check=True)
    yield name
    subprocess.run([*dropdb, "--if-exists", name], capture_output=True, check=True)


def odoo(conf, *args, command=(), stdin=None):
    """Odoo's command line; an exit status or an ERROR line fails the test."""
    cmd = [sys.executable, "-m", "odoo", *command, "-c", conf, *args]
    proc = subprocess.run(
        cmd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=dict(os.environ, TZ="UTC"),
    )
    output = proc.stdout + proc.stderr
    lines = output.splitlines()
    if proc.returncode or any(" ERROR " in x or " CRITICAL " in x for x in lines):
        tail = "\n".join(lines[-40:])
        pytest.fail(f"{' '.join(args)} failed (exit {proc.returncode}):\n{tail}")
    return output


def install(conf, db, *modules):
    args = ["-i", ",".join(modules), "--without-demo=all", "--stop-after-init"]
    odoo(conf, "-d", db, *args, "--no-http", "--log-level=warn")


def shell(conf, db, script):
    return odoo(
        conf, "-d", db, "--no-http", "--log-level=warn", command=["shell"], stdin=script
    )


def uninstall(conf, db, *modules):
    """Uninstall one module after the other, as from the Apps menu."""
    # A module uninstalled with one it depends on is already gone.
    script = "\n".join(
        f"env['ir.module.module'].search([('name', '=', {name!r}),"
        " ('state', '=', 'installed')]).button_immediate_uninstall()"
        for name in modules
    )
    shell(conf, db, script)


def states(db, *modules):
    """{module: state}, "absent" for a module the database does not know."""
    proc = subprocess.run(
        ["bash", "-c", 'source tools/lib.sh && module_states "$@"', "-", db, *modules],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(line.split() for line in proc.stdout.splitlines())


def check_glue(db):
    """Each glue addon is installed exactly when its app(s) are."""
    state = states(db, CORE, *GLUE, *{m for apps in GLUE.values() for m in apps})
    for glue, apps in GLUE.items():
        expected = all(state[m] == "installed" for m in apps)
        assert (state[glue] == "installed") == expected, (glue, state)
    return state


QUOTE_SCRIPT = """
partner = env["res.partner"].create({"name": "History Oy"})
order = env["sale.order"].create({"partner_id": partner.id})
entries = env["ir.actions.report"]._interaction_log_print(
    "sale.report_saleorder", order.ids, "pdf"
)
doc_type = env["interaction.document.type"].with_context(active_test=False).search(
    [("code", "=", "sale_quote")]
)
print("RESULT", len(entries), doc_type.active)
env.cr.commit()
"""


def quote_result(conf, db):
    """(entries logged by printing a new quotation, is its type active)"""
    output = shell(conf, db, QUOTE_SCRIPT).splitlines()
    _label, count, active = next(x for x in output if x.startswith("RESULT")).split()
    return int(count), active == "True"


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
    assert quote_result(conf, database) == (1, True)
    uninstall(conf, database, glue)
    assert states(database, glue)[glue] == "uninstalled"
    assert quote_result(conf, database) == (0, False)
    install(conf, database, glue)
    assert quote_result(conf, database) == (1, True)

    installed_glue = [glue for glue in GLUE if state[glue] == "installed"]
    uninstall(conf, database, *installed_glue, CORE)
    state = states(database, CORE, *installed_glue)
    assert all(value == "uninstalled" for value in state.values()), state
