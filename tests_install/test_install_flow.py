"""Install and uninstall the addons the way an administrator does.

Plain pytest (run by ``make test`` with ``-p no:odoo``): every step is a real
``odoo`` command line on a database of its own, without demo data, so what is
checked is module installation itself, which Odoo's in-database tests cannot
do: the core addon installs on a bare ``mail`` database without dragging any
app in, each auto_install glue addon comes in together with its app (also when
the app is installed after the core), and everything uninstalls cleanly.

Glue addons that do not exist in the repository yet are left out of the
checks; the core addon is always checked.

Environment (set by tools/test.sh): IAL_ODOO_CONF, the Odoo configuration
file; IAL_DB_PREFIX, prefix of the databases created here.
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
APPS = [
    "sale",
    "account",
    "purchase",
    "purchase_requisition",
    "stock",
    "repair",
    "calendar",
    "crm",
]
TIMEOUT = 1800


def _manifest(addon):
    path = REPO / addon / "__manifest__.py"
    return ast.literal_eval(path.read_text()) if path.is_file() else None


# Features of the core the administrator turns on in Settings (Odoo's
# module_* checkboxes): installed by hand, not glue.
OPTIONAL = {f"{CORE}_mail_gateway"}


def _glue_manifests():
    """{glue addon: manifest} for the installable glue addons of the repo."""
    glue = {}
    for manifest_path in sorted(REPO.glob(f"{CORE}_*/__manifest__.py")):
        if manifest_path.parent.name in OPTIONAL:
            continue
        manifest = ast.literal_eval(manifest_path.read_text())
        if manifest.get("installable", True):
            glue[manifest_path.parent.name] = manifest
    return glue


GLUE_MANIFESTS = _glue_manifests()
# {glue addon: modules whose installation brings it in}
GLUE = {
    name: sorted(set(auto if isinstance(auto, list) else manifest.get("depends", [])))
    for name, manifest in GLUE_MANIFESTS.items()
    if (auto := manifest.get("auto_install"))
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
    cmd = [sys.executable, "-m", "odoo", *command, "-c", conf, *args]
    env = dict(os.environ, TZ="UTC")
    proc = subprocess.run(
        cmd,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        check=False,
    )
    output = proc.stdout + proc.stderr
    errors = [
        line
        for line in output.splitlines()
        if " ERROR " in line or " CRITICAL " in line
    ]
    if proc.returncode or errors:
        tail = "\n".join(output.splitlines()[-40:])
        pytest.fail(f"{' '.join(args)} failed (exit {proc.returncode}):\n{tail}")
    return output


def install(conf, db, *modules):
    odoo(
        conf,
        "-d",
        db,
        "-i",
        ",".join(modules),
        "--without-demo=all",
        "--stop-after-init",
        "--no-http",
        "--log-level=warn",
    )


def uninstall(conf, db, *modules):
    """Uninstall one module after the other, as from the Apps menu."""
    script = "\n".join(
        # A module uninstalled with one it depends on is already gone.
        f"env['ir.module.module'].search([('name', '=', {name!r}),"
        " ('state', '=', 'installed')]).button_immediate_uninstall()"
        for name in modules
    )
    odoo(
        conf, "-d", db, "--no-http", "--log-level=warn", command=["shell"], stdin=script
    )


def states(conf, db, *modules):
    """{module: state}, "absent" for a module the database does not know."""
    proc = subprocess.run(
        ["bash", "-c", 'source tools/lib.sh && module_states "$@"', "-", db, *modules],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(line.split() for line in proc.stdout.splitlines())


def check_glue(conf, db):
    """Each glue addon is installed exactly when its app(s) are."""
    modules = {CORE, *GLUE, *(m for triggers in GLUE.values() for m in triggers)}
    state = states(conf, db, *modules)
    for glue, triggers in GLUE.items():
        expected = all(state[m] == "installed" for m in triggers)
        assert (state[glue] == "installed") == expected, (
            f"{glue} is {state[glue]} while {triggers} are "
            f"{[state[m] for m in triggers]}"
        )
    return state


QUOTE_SCRIPT = """
partner = env["res.partner"].create({"name": "History Oy"})
order = env["sale.order"].search([("partner_id", "=", partner.id)], limit=1) or env[
    "sale.order"
].create({"partner_id": partner.id})
entries = env["ir.actions.report"]._interaction_log_print(
    "sale.report_saleorder", order.ids, "pdf"
)
doc_type = env["interaction.document.type"].with_context(active_test=False).search(
    [("code", "=", "sale_quote")]
)
print("RESULT", len(entries), doc_type.active)
env.cr.commit()
"""


def _quote_result(conf, db):
    output = odoo(
        conf,
        "-d",
        db,
        "--no-http",
        "--log-level=warn",
        command=["shell"],
        stdin=QUOTE_SCRIPT,
    )
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    _label, count, active = line.split()
    return int(count), active == "True"


def check_glue_with_history(conf, db):
    """A glue addon with logged entries uninstalls without errors, stops
    logging (its document types are archived, as entries keep them), and
    logs again once installed again."""
    glue = f"{CORE}_sale"
    assert _quote_result(conf, db) == (1, True)
    uninstall(conf, db, glue)
    assert states(conf, db, glue)[glue] == "uninstalled"
    assert _quote_result(conf, db) == (0, False)
    install(conf, db, glue)
    assert _quote_result(conf, db) == (1, True)


def test_glue_addons_are_auto_install():
    """A glue addon must come in by itself, never be installed by hand."""
    manual = [name for name in GLUE_MANIFESTS if name not in GLUE]
    assert not manual, f"glue addons without auto_install: {manual}"
    lacking_core = [
        name
        for name, manifest in GLUE_MANIFESTS.items()
        if CORE not in manifest.get("depends", [])
    ]
    assert not lacking_core, f"glue addons not depending on {CORE}: {lacking_core}"


def test_core_install_uninstall(conf, database):
    assert _manifest(CORE), f"{CORE}/__manifest__.py is missing"
    install(conf, database, "mail")
    install(conf, database, CORE)
    state = states(conf, database, CORE, *APPS)
    assert state[CORE] == "installed"
    forced = [app for app in APPS if state[app] == "installed"]
    assert not forced, f"installing {CORE} also installed {forced}"
    check_glue(conf, database)

    uninstall(conf, database, CORE)
    assert states(conf, database, CORE)[CORE] == "uninstalled"


def test_glue_follows_apps(conf, database):
    sale_glue = f"{CORE}_sale" in GLUE
    purchase_glue = f"{CORE}_purchase" in GLUE
    if not (sale_glue or purchase_glue):
        pytest.skip("no sale or purchase glue addon in the repository yet")

    # The app first, then the core: the glue of the installed app comes in.
    install(conf, database, "sale_management" if sale_glue else "mail")
    install(conf, database, CORE)
    state = check_glue(conf, database)
    if sale_glue:
        assert state[f"{CORE}_sale"] == "installed"

    # The core first, then the app: its glue follows.
    if purchase_glue:
        assert state[f"{CORE}_purchase"] == "uninstalled"
        install(conf, database, "purchase")
        state = check_glue(conf, database)
        assert state[f"{CORE}_purchase"] == "installed"

    if sale_glue:
        check_glue_with_history(conf, database)

    installed_glue = [glue for glue in GLUE if state[glue] == "installed"]
    uninstall(conf, database, *installed_glue, CORE)
    state = states(conf, database, CORE, *installed_glue)
    assert all(value == "uninstalled" for value in state.values()), state
