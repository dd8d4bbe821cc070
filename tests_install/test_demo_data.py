"""The demo of every addon loads whole, as ``make run`` installs it.

Odoo loads a module's demo files in a savepoint: when one fails it logs
"demo data failed to install, installed without demo data" and the install
goes on and succeeds. Here every addon of the repository is installed with
demo data on the Odoo apps (with theirs, from the same template database
``make run`` starts from), and the install log must show no file Odoo
skipped (``load_failures`` of tools/lib.sh, which ``make run`` and ``make
test`` apply too). The demo story must then be there for every app, the
repairs included.

Plain pytest, run by ``make test`` (environment as for test_install_flow).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
TIMEOUT = 1800

# Demo documents of each glue addon that must have logged entries.
STORY = {
    "interaction_autolog_sale": "sale.order",
    "interaction_autolog_purchase": "purchase.order",
    "interaction_autolog_account": "account.move",
    "interaction_autolog_stock": "stock.picking",
    "interaction_autolog_repair": "repair.order",
    "interaction_autolog_calendar": "calendar.event",
}

CHECK_SCRIPT = """
Entry = env["interaction.log.entry"].with_context(active_test=False)
for model in %(models)r:
    print("ENTRIES", model, Entry.search_count([("res_model", "=", model)]))
print("FAILURES", env["ir.demo_failure"].search_count([]))
"""


def _bash(script, *args):
    proc = subprocess.run(
        ["bash", "-c", script, "-", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=dict(os.environ, TZ="UTC"),
        check=False,
    )
    return proc


@pytest.fixture
def demo_database(request):
    conf = os.environ.get("IAL_ODOO_CONF")
    if not conf or not Path(conf).is_file():
        pytest.fail("IAL_ODOO_CONF is not set: run these tests with `make test`")
    prefix = os.environ.get("IAL_DB_PREFIX", "ial_test")
    name = f"{prefix}_demo"
    dropdb = [Path(sys.executable).parent / "click-odoo-dropdb", "-c", conf]
    subprocess.run([*dropdb, "--if-exists", name], capture_output=True, check=True)
    yield conf, name
    subprocess.run([*dropdb, "--if-exists", name], capture_output=True, check=True)


def test_every_demo_file_loads(demo_database, tmp_path):
    conf, db = demo_database
    log = tmp_path / "install.log"
    created = _bash(
        'source tools/lib.sh && source tools/odoo-env.sh && ODOO_CONF="$1" '
        '&& venv_ensure && apps_database "$2" demo "$3"',
        conf,
        db,
        str(log),
    )
    assert created.returncode == 0, created.stderr[-3000:]
    # The addons make run installs: not the glue of an OCA addon that is
    # not there (all_addons leaves it out).
    listed = _bash(
        "source tools/lib.sh && source tools/odoo-env.sh && odoo_ensure && all_addons"
    )
    assert listed.returncode == 0, listed.stderr[-3000:]
    addons = listed.stdout.split()
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            conf,
            "-d",
            db,
            "-i",
            ",".join(addons),
            "--stop-after-init",
            "--no-http",
            "--log-level=info",
            "--logfile",
            str(log),
        ],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=dict(os.environ, TZ="UTC"),
        check=False,
    )
    assert install.returncode == 0, log.read_text()[-3000:]
    skipped = _bash('source tools/lib.sh && load_failures "$1"', str(log))
    assert skipped.returncode == 0, (
        f"Odoo skipped demo or data files:\n{skipped.stderr}"
    )

    models = [model for addon, model in STORY.items() if addon in addons]
    shell = subprocess.run(
        [sys.executable, "-m", "odoo", "shell", "-c", conf, "-d", db, "--no-http"],
        input=CHECK_SCRIPT % {"models": models},
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=dict(os.environ, TZ="UTC"),
        check=False,
    )
    counts = {}
    for line in shell.stdout.splitlines():
        if line.startswith("ENTRIES"):
            _label, model, count = line.split()
            counts[model] = int(count)
        elif line.startswith("FAILURES"):
            assert line.split()[1] == "0", "ir.demo_failure records after the install"
    assert set(counts) == set(models), shell.stdout + shell.stderr[-2000:]
    empty = [model for model, count in counts.items() if not count]
    assert not empty, f"no demo interactions logged for {empty}"
