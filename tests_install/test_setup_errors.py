"""Bad set-up input stops the tools with one clear line, leaving nothing half-done."""

import os
import socket
import subprocess
import sys
from shutil import make_archive

import pytest
from conftest import REPO, RUN

PYTHONS = [
    ("echo 3.9", "Python 3.10, 3.11 or 3.12"),
    ("exit 1", "not a working Python interpreter"),
    # A supported Python without pip cannot fetch uv.
    ('case "$*" in *pip*) exit 1;; *) echo 3.11;; esac', "-m pip' is missing"),
]
SOURCES = [
    (lambda tmp: odoo_tree(tmp / "odoo-17.0", "17.0"), "is Odoo 17.0, not 18.0"),
    (lambda tmp: tmp, "is not an Odoo source tree"),
    (
        lambda tmp: make_archive(tmp / "odoo", "gztar", REPO, "tools"),
        "holds no Odoo source tree",
    ),
    (lambda tmp: tmp / "nowhere.tar.xz", "does not exist"),
]
UNSET_PG = dict.fromkeys(["PGHOST", "PGPORT", "PGUSER"])
PG_CASES = [
    ({"PG_VERSION": "7", **UNSET_PG}, "PostgreSQL 7 binaries not found"),
    ({"REPLICA": "1", "PGHOST": "/elsewhere"}, "unset PGHOST/PGPORT/PGUSER"),
]


def refused(args, tmp_path, **env):
    """A failed tool's one ERROR line; own cache, env (None drops a variable)."""
    env = {**os.environ, "IAL_CACHE": str(tmp_path / "cache"), **env}
    env = {key: value for key, value in env.items() if value is not None}
    proc = subprocess.run(args, env=env, **RUN | {"timeout": 300})
    assert proc.returncode != 0
    [line] = [line for line in proc.stderr.splitlines() if line.startswith("ERROR:")]
    return line


@pytest.mark.parametrize("script, message", PYTHONS)
def test_base_python_unusable(tmp_path, script, message):
    python = tmp_path / "python3"
    python.write_text(f"#!/bin/sh\n{script}\n")
    python.chmod(0o755)
    env = {"BASE_PYTHON": str(python), "VENV_DIR": ""}
    assert message in refused(["tools/setup.sh", "python"], tmp_path, **env)
    # Nothing was created in the cache.
    assert not list((tmp_path / "cache").glob("[uv]*-*"))


def odoo_tree(root, series):
    (root / "odoo").mkdir(parents=True)
    (root / "setup.py").write_text("")
    (root / "odoo" / "release.py").write_text(f'serie = "{series}"\n')
    return root


@pytest.mark.parametrize("make_src, message", SOURCES)
def test_odoo_src_unusable(tmp_path, make_src, message):
    venv = tmp_path / "venv"  # complete-looking, without Odoo
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    (venv / ".ial-complete").write_text("test\n")
    env = {"VENV_DIR": str(venv), "ODOO_SRC": str(make_src(tmp_path))}
    assert message in refused(["tools/setup.sh", "odoo"], tmp_path, **env)
    # Nothing was linked into the environment, nothing half-extracted stays.
    python = venv / "bin" / "python"
    assert subprocess.run([python, "-c", "import odoo"]).returncode
    assert not list((tmp_path / "cache").glob("*odoo-src*"))


@pytest.mark.parametrize("env, message", PG_CASES)
def test_pg_refuses(tmp_path, env, message):
    assert message in refused(["tools/pg.sh", "start"], tmp_path, **env)


def test_http_port_in_use(tmp_path):
    with socket.create_server(("", 0)) as busy:
        port = busy.getsockname()[1]
        env = {"HTTP_PORT": str(port), "DEV_DB": "ial_port_check"}
        env["IAL_CACHE"] = os.environ.get("IAL_CACHE", "")
        assert f"port {port} is in use" in refused(["tools/run.sh"], tmp_path, **env)
