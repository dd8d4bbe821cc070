"""The addons installed the way Odoo users install them: wheels and Apps.

Run by ``make test-packaging`` (tools/test-packaging.sh), not by ``make
test``: the file name does not match pytest's ``test_*.py``, so only an
explicit path collects it.

1. Every addon's wheel is built with its whool ``pyproject.toml`` (and the
   metapackage in setup/_metapackage with setuptools), from the files git
   tracks, as PyPI would get them.
2. A fresh virtualenv sees the Odoo of $PYTHON (its source directory on
   sys.path, as a regular or ``editable_mode=compat`` install does, and its
   site-packages for Odoo's requirements) but not this source tree; pip
   installs the metapackage there from the wheels only (``--no-index``),
   which must pull in every addon. An ``odoo`` distribution without
   requirements stands for that Odoo, so pip resolves our wheels' ``odoo``
   requirement without judging how Odoo's own requirements were met.
3. Odoo started from that virtualenv, with an addons path that holds only
   Odoo's own addons, finds our addons in the virtualenv's site-packages.
4. A new database with Sales and Invoicing gets "Interaction Log" the way
   an administrator installs it: Apps ▸ Update Apps List, then Activate
   (``update_list`` and ``button_immediate_install`` over JSON-RPC, as the
   web client calls them) on a server started from the virtualenv. The glue
   addons of the installed apps come along; the others do not, and neither
   do their apps.
5. Printing a quotation from that server (``/report/download``, as the web
   client's Print menu) logs an interaction.

Environment (set by tools/test-packaging.sh): IAL_ODOO_CONF, the Odoo
configuration file whose database server is used; IAL_DB_PREFIX, prefix of
the database created here.
"""

import ast
import configparser
import email.parser
import importlib.util
import json
import os
import re
import shutil
import site
import socket
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
import requests

REPO = Path(__file__).resolve().parent.parent


def drop_db(conf, name):
    dropdb = Path(sys.executable).with_name("click-odoo-dropdb")
    subprocess.run(
        [dropdb, "-c", conf, "--if-exists", name], capture_output=True, check=True
    )


def module_states(database, modules):
    """{module: state}, "absent" for a module the database does not know."""
    proc = subprocess.run(
        [
            "bash",
            "-c",
            'source tools/lib.sh && module_states "$@"',
            "-",
            database,
            *modules,
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return dict(line.split() for line in proc.stdout.splitlines())


CORE = "interaction_autolog"
METAPACKAGE = REPO / "setup" / "_metapackage"
# The apps of the database before Interaction Log is installed; the quote
# builder comes with Sales Management (auto_install).
APPS = ["sale_management", "account"]
# Glue addons that must come along with them, and apps that must not.
EXPECTED_GLUE = {
    "interaction_autolog_sale",
    "interaction_autolog_account",
    "interaction_autolog_sale_pdf_quote_builder",
}
ABSENT_APPS = ["purchase", "purchase_requisition", "stock", "repair", "calendar", "crm"]
WORK = REPO / ".local" / "packaging"
TIMEOUT = 600


def _manifests():
    return {
        path.parent.name: ast.literal_eval(path.read_text())
        for path in sorted(REPO.glob("*/__manifest__.py"))
    }


MANIFESTS = _manifests()
SERIES = MANIFESTS[CORE]["version"][:4]


def run(cmd, log=None, **kwargs):
    """Run cmd; on failure fail the test with the end of its output."""
    proc = subprocess.run(
        [str(c) for c in cmd],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=TIMEOUT,
        **kwargs,
    )
    if log:
        Path(log).write_text(proc.stdout)
    if proc.returncode:
        pytest.fail(
            f"exit {proc.returncode}: {' '.join(map(str, cmd))}\n{proc.stdout[-4000:]}"
        )
    return proc.stdout


def canonical(requirement):
    """A requirement with its name normalized as pip compares names."""
    name, rest = re.match(r"([A-Za-z0-9._-]+)(.*)", requirement).groups()
    return re.sub(r"[-_.]+", "-", name).lower() + rest


def wheel_metadata(wheel):
    with zipfile.ZipFile(wheel) as zf:
        name = next(n for n in zf.namelist() if n.endswith(".dist-info/METADATA"))
        return email.parser.Parser().parsestr(zf.read(name).decode())


# ---------------------------------------------------------------------------
# Fixtures: wheels, virtualenv, configuration, database, server


@pytest.fixture(scope="module")
def source_conf():
    path = os.environ.get("IAL_ODOO_CONF")
    if not path or not Path(path).is_file():
        pytest.fail("IAL_ODOO_CONF is not set: run this with `make test-packaging`")
    return path


@pytest.fixture(scope="module", autouse=True)
def workdir():
    """.local/packaging, emptied: what a run leaves there is for reading."""
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    return WORK


@pytest.fixture(scope="module")
def wheels(workdir):
    """{distribution name: wheel path} of every addon and the metapackage."""
    wheel_dir = WORK / "wheels"
    wheel_dir.mkdir()
    # setuptools builds in the source directory: build a copy of the
    # metapackage, not to leave build/ and *.egg-info in the checkout.
    meta_copy = WORK / "metapackage"
    shutil.copytree(METAPACKAGE, meta_copy)
    # The build backends come from $PYTHON (whool is in requirements-dev.txt):
    # no download, and one pip run for all of them.
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation"]
        + ["--disable-pip-version-check", "-q", "--wheel-dir", wheel_dir]
        + [REPO / addon for addon in MANIFESTS]
        + [meta_copy],
        cwd=REPO,
    )
    found = {wheel_metadata(w)["Name"]: w for w in sorted(wheel_dir.glob("*.whl"))}
    print("\nwheels built:\n  " + "\n  ".join(w.name for w in found.values()))
    return found


@pytest.fixture(scope="module")
def venv(wheels):
    """A fresh virtualenv holding the wheels; returns its python."""
    path = WORK / "venv"
    run([sys.executable, "-m", "venv", path])
    python = path / "bin" / "python"
    purelib = Path(
        run([python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"])
        .strip()
        .splitlines()[-1]
    )
    # Odoo as a regular package: its source directory on sys.path (an
    # editable install through a meta path finder would be shadowed by the
    # odoo/ namespace directory our wheels create). Odoo's requirements:
    # $PYTHON's site-packages, processed as a site directory (.pth files).
    odoo_root = Path(importlib.util.find_spec("odoo").origin).parent.parent
    parents = site.getsitepackages()
    if site.ENABLE_USER_SITE:
        parents.append(site.getusersitepackages())
    parents = [d for d in parents if Path(d).is_dir()]
    (purelib / "_ial_parent_odoo.pth").write_text(
        f"{odoo_root}\n"
        + "".join(f"import site; site.addsitedir({d!r})\n" for d in parents)
    )
    version = run(
        [python, "-c", "import odoo.release as r; print(r.version)"]
    ).splitlines()[-1]
    dist_info = purelib / f"odoo-{version}.dist-info"
    dist_info.mkdir()
    (dist_info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: odoo\nVersion: {version}\n"
    )
    (dist_info / "INSTALLER").write_text("check_packaging\n")
    (dist_info / "RECORD").write_text("")
    meta_name = next(n for n in wheels if n.startswith("odoo-addons-"))
    run(
        [python, "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        + ["--no-index", "--find-links", WORK / "wheels", meta_name],
        log=WORK / "pip-install.log",
        cwd=WORK,
    )
    return python


@pytest.fixture(scope="module")
def conf(source_conf, workdir):
    """The configuration of make test, with Odoo's own addons only."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(source_conf)
    options = parser["options"]
    ours = set(MANIFESTS)
    kept = [
        p.strip()
        for p in options["addons_path"].split(",")
        if p.strip()
        and not any((Path(p.strip()) / a / "__manifest__.py").exists() for a in ours)
    ]
    assert kept, f"no Odoo addons directory in {source_conf}"
    options["addons_path"] = ",".join(kept)
    options["http_interface"] = "127.0.0.1"
    options["max_cron_threads"] = "0"
    options["workers"] = "0"
    path = WORK / "odoo.conf"
    with open(path, "w") as f:
        parser.write(f)
    return path


def odoo_cmd(venv, conf, *args):
    return [venv, "-m", "odoo", "-c", conf, *args]


@pytest.fixture(scope="module", autouse=True)
def apps_database_build(conf):
    """Start creating the database with the APPS (none of our addons, no
    demo data) while the wheels are built. click-odoo-initdb copies it from
    a template it keeps per hash of the apps' source, or installs the apps
    once (a minute or two) and keeps them as that template."""
    name = f"{os.environ.get('IAL_DB_PREFIX', 'ial_test')}_packaging"
    drop_db(conf, name)
    WORK.mkdir(parents=True, exist_ok=True)
    initdb = Path(sys.executable).with_name("click-odoo-initdb")
    proc = subprocess.Popen(
        [initdb, "-c", conf, "-n", name, "-m", ",".join(APPS), "--no-demo"]
        + ["--cache-prefix", "ialpkg", "--cache-max-size", "2"]
        + ["--cache-max-age", "-1", "--logfile", WORK / "odoo-apps.log"],
        cwd=WORK,
        env=dict(os.environ, TZ="UTC"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    try:
        yield name, proc
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        drop_db(conf, name)


@pytest.fixture(scope="module")
def database(apps_database_build):
    """The new database, once click-odoo-initdb is done with it."""
    name, proc = apps_database_build
    try:
        proc.wait(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        pytest.fail(f"creating a database with {APPS} took more than {TIMEOUT} s")
    if proc.returncode:
        log = (WORK / "odoo-apps.log").read_text()[-4000:]
        pytest.fail(f"creating a database with {APPS} failed:\n{log}")
    return name


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, url, db):
        self.url = url
        self.db = db
        self.session = requests.Session()

    def rpc(self, route, params, timeout=60):
        response = self.session.post(
            self.url + route,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=timeout,
        )
        response.raise_for_status()
        body = response.json()
        if "error" in body:
            raise AssertionError(json.dumps(body["error"], indent=1)[:3000])
        return body["result"]

    def call(self, model, method, *args, timeout=60, **kwargs):
        return self.rpc(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            timeout=timeout,
        )


@pytest.fixture(scope="module")
def server(venv, conf, database):
    """Odoo serving the database from the virtualenv, logged in as admin."""
    port = _free_port()
    log = WORK / "server.log"
    proc = subprocess.Popen(
        odoo_cmd(venv, conf, "-d", database, f"--db-filter=^{database}$")
        + [f"--http-port={port}", f"--logfile={log}"],
        cwd=WORK,
        env=dict(os.environ, TZ="UTC"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"Odoo exited {proc.returncode}:\n{log.read_text()[-3000:]}"
                )
            try:
                if requests.get(url + "/web/login", timeout=5).status_code == 200:
                    break
            except requests.RequestException:
                pass  # not listening yet, or still loading the registry
            if time.monotonic() > deadline:
                pytest.fail("Odoo did not answer /web/login within 120 s")
            time.sleep(0.5)
        srv = Server(url, database)
        uid = srv.rpc(
            "/web/session/authenticate",
            {"db": database, "login": "admin", "password": "admin"},
        )["uid"]
        assert uid, "admin/admin could not log in"
        yield srv
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@pytest.fixture(scope="module")
def app_installed(server, conf, database):
    """Apps ▸ Update Apps List, then Activate on "Interaction Log"; returns
    the modules installed before."""
    known = server.call("ir.module.module", "search_count", [("name", "=", CORE)])
    before = {
        m["name"]
        for m in server.call(
            "ir.module.module",
            "search_read",
            [("state", "=", "installed")],
            fields=["name"],
        )
    }
    server.call("ir.module.module", "update_list", timeout=300)
    module = server.call(
        "ir.module.module",
        "search_read",
        [("name", "=", CORE)],
        fields=["state", "application"],
    )
    assert module, f"{CORE} is not in the Apps list after Update Apps List"
    # The apps' database was made without our addons on the addons path:
    # Update Apps List is what finds them, in the virtualenv.
    assert not known, f"{CORE} was known before Update Apps List"
    assert module[0]["state"] == "uninstalled"
    assert module[0]["application"], f"{CORE} does not show as an app"
    server.call(
        "ir.module.module", "button_immediate_install", [module[0]["id"]], timeout=600
    )
    return before


# ---------------------------------------------------------------------------
# Tests


def test_wheel_per_addon_with_its_dependencies(wheels):
    """odoo-addon-<name> per addon, requiring odoo and our addons it depends
    on; a metapackage requiring them all."""
    for addon, manifest in MANIFESTS.items():
        dist = f"odoo-addon-{addon}"
        assert dist in wheels, f"no wheel for {addon}: {sorted(wheels)}"
        wheel = wheels[dist]
        assert re.fullmatch(
            rf"odoo_addon_{addon}-{re.escape(manifest['version'])}(\.\d+)?"
            r"-py3-none-any\.whl",
            wheel.name,
        ), wheel.name
        requires = set(wheel_metadata(wheel).get_all("Requires-Dist") or [])
        expected = {f"odoo=={SERIES}.*"} | {
            f"odoo-addon-{dep}=={SERIES}.*"
            for dep in manifest["depends"]
            if dep in MANIFESTS
        }
        assert requires == expected, f"{wheel.name}: {sorted(requires)}"
        with zipfile.ZipFile(wheel) as zf:
            names = set(zf.namelist())
        prefix = f"odoo/addons/{addon}/"
        for member in (
            "__manifest__.py",
            "README.rst",
            "static/description/index.html",
        ):
            assert prefix + member in names, f"{wheel.name} lacks {member}"
        assert prefix + "pyproject.toml" not in names
    meta = [n for n in wheels if not n.startswith("odoo-addon-")]
    assert len(meta) == 1, meta
    requires = wheel_metadata(wheels[meta[0]]).get_all("Requires-Dist")
    assert {canonical(r) for r in requires} == {
        canonical(f"odoo-addon-{a}=={SERIES}.*") for a in MANIFESTS
    }


def test_addons_found_in_the_virtualenv_only(venv, conf):
    """With the source tree off the addons path, Odoo finds every addon in
    the virtualenv's site-packages."""
    script = (
        "import json, sys\n"
        "from odoo.tools import config\n"
        "config.parse_config(['-c', sys.argv[1]])\n"
        "from odoo.modules.module import get_module_path\n"
        "print(json.dumps({a: get_module_path(a) for a in sys.argv[2:]}))\n"
    )
    out = run([venv, "-c", script, conf, *MANIFESTS], cwd=WORK)
    paths = json.loads(out.strip().splitlines()[-1])
    site_packages = (WORK / "venv").resolve()
    for addon, path in paths.items():
        assert path, f"Odoo does not find {addon}"
        assert Path(path).resolve().is_relative_to(site_packages), (addon, path)
        assert not Path(path).resolve().is_relative_to(REPO / addon), (addon, path)


def test_apps_install_brings_the_glue_of_installed_apps(app_installed, conf, database):
    before = app_installed
    assert set(APPS) <= before
    glue = {a for a in MANIFESTS if a != CORE}
    states = module_states(database, [CORE, *glue, *ABSENT_APPS])
    assert states[CORE] == "installed"
    # Glue follows when the apps it bridges to were there before.
    expected = {
        a
        for a in glue
        if MANIFESTS[a].get("auto_install")
        and {d for d in MANIFESTS[a]["depends"] if d not in MANIFESTS} <= before
    }
    assert EXPECTED_GLUE <= expected, "the scenario no longer covers the quote builder"
    installed = {a for a in glue if states[a] == "installed"}
    assert installed == expected
    assert all(states[a] == "uninstalled" for a in glue - expected), states
    assert not [a for a in ABSENT_APPS if states[a] == "installed"], states


def test_printed_quotation_is_logged(server, app_installed):
    partner = server.call(
        "res.partner", "create", {"name": "Wheel Customer", "email": "wc@example.com"}
    )
    product = server.call(
        "product.product", "create", {"name": "Packaged desk", "list_price": 100.0}
    )
    order = server.call(
        "sale.order",
        "create",
        {
            "partner_id": partner,
            "order_line": [(0, 0, {"product_id": product, "product_uom_qty": 2})],
        },
    )
    domain = [("res_model", "=", "sale.order"), ("res_id", "=", order)]
    assert server.call("interaction.log.entry", "search_count", domain) == 0
    report = "sale.report_saleorder"
    if shutil.which("wkhtmltopdf"):
        response = server.session.get(
            server.url + "/report/download",
            params={
                "data": json.dumps([f"/report/pdf/{report}/{order}", "qweb-pdf"]),
                "context": json.dumps({"lang": "en_US"}),
                "token": "dummy-because-api-expects-one",
            },
            timeout=300,
        )
        expected_type = "application/pdf"
    else:
        # Without wkhtmltopdf the web client shows the HTML report.
        response = server.session.get(
            f"{server.url}/report/html/{report}/{order}", timeout=300
        )
        expected_type = "text/html"
    assert response.status_code == 200, response.text[:500]
    assert response.headers["Content-Type"].startswith(expected_type), response.text[
        :500
    ]
    entries = server.call(
        "interaction.log.entry",
        "search_read",
        domain,
        fields=["partner_id", "document_type_id", "channel"],
    )
    assert len(entries) == 1, entries
    assert entries[0]["partner_id"][0] == partner
    assert entries[0]["channel"] == "paper"
