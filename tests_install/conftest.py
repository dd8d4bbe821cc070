"""What the tests share: make test's configuration, databases, command lines."""

import contextlib
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORE = "interaction_autolog"
RUN = {"cwd": REPO, "capture_output": True, "text": True, "timeout": 1800}


@pytest.fixture(scope="session")
def conf():
    path = os.environ.get("IAL_ODOO_CONF")
    if not path or not Path(path).is_file():
        pytest.fail("IAL_ODOO_CONF is not set: run these tests with `make test`")
    return path


@pytest.fixture
def database(conf, request):
    prefix = os.environ.get("IAL_DB_PREFIX", "ial_test")
    name = f"{prefix}_{request.node.originalname.removeprefix('test_')}"[:63]
    lib('ODOO_CONF="$1" && venv_ensure && drop_db "$2"', conf, name)
    yield name
    lib('ODOO_CONF="$1" && venv_ensure && drop_db "$2"', conf, name)


def odoo(conf, *args, stdin=None, cli=(sys.executable, "-m", "odoo")):
    """Odoo's command line; an exit status or an ERROR line fails the test."""
    cmd = [*cli, "-c", conf, *args]
    proc = subprocess.run(cmd, input=stdin, env=dict(os.environ, TZ="UTC"), **RUN)
    lines = (proc.stdout + proc.stderr).splitlines()
    if proc.returncode or any(" ERROR " in x or " CRITICAL " in x for x in lines):
        tail = "\n".join(lines[-40:])
        pytest.fail(f"{' '.join(args)} failed (exit {proc.returncode}):\n{tail}")
    return proc.stdout + proc.stderr


@contextlib.contextmanager
def server(conf, db, logfile, *args):
    """Odoo's threaded HTTP server on db, on a free port: its URL."""
    with socket.create_server(("127.0.0.1", 0)) as free:
        port = free.getsockname()[1]
    cmd = [sys.executable, "-m", "odoo", "-c", conf, "-d", db, f"--db-filter=^{db}$"]
    cmd += [f"--http-port={port}", "--max-cron-threads=0", *args]
    env, url = dict(os.environ, TZ="UTC"), f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([*cmd, f"--logfile={logfile}"], env=env)
    wait = 'curl -so /dev/null --retry 99 --retry-delay 1 --retry-connrefused "$1"'
    try:
        lib(wait, f"{url}/web/login")
        yield url
    finally:
        proc.terminate()
        proc.wait(30)


def install(conf, db, *modules, update=False):
    """``odoo -i`` (``-u``) of modules, without demo."""
    args = ["-u" if update else "-i", ",".join(modules), "--without-demo=all"]
    odoo(conf, "-d", db, *args, "--log-level=warn", "--stop-after-init", "--no-http")


def shell(conf, db, script):
    """Run script with click-odoo (it commits); what it printed as ``RESULT json``."""
    args = ("-d", db, "--log-level=warn")
    cli = [Path(sys.executable).parent / "click-odoo"]
    output = odoo(conf, *args, cli=cli, stdin="import json\n" + script)
    lines = [line for line in output.splitlines() if line.startswith("RESULT ")]
    return json.loads(lines[-1].removeprefix("RESULT ")) if lines else None


def lib(script, *args, check=True):
    """A bash script using tools/lib.sh and tools/odoo-env.sh; args: $1..."""
    source = "source tools/lib.sh && source tools/odoo-env.sh && "
    proc = subprocess.run(["bash", "-c", source + script, "-", *args], **RUN)
    assert proc.returncode == 0 or not check, f"{script}: {proc.stderr[-3000:]}"
    return proc
