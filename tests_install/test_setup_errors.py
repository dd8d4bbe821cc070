"""Bad set-up input stops with one clear line, a non-zero exit, and leaves
nothing half-done: the real tools/setup.sh, pg.sh and run.sh in subprocesses,
with a cache directory of their own (the project's virtualenv is untouched).
"""

import os
import socket
import subprocess
import sys
import tarfile

import pytest
from conftest import RUN


def run(args, tmp_path, **env):
    # The calling make exported the project's virtualenv: a test that wants
    # a fresh one must not inherit it (None drops a variable).
    env = {**os.environ, "IAL_CACHE": str(tmp_path / "cache"), **env}
    env = {key: value for key, value in env.items() if value is not None}
    return subprocess.run(args, env=env, **RUN | {"timeout": 300})


def error_line(proc):
    """The one ERROR line of a failed run."""
    assert proc.returncode != 0
    [line] = [line for line in proc.stderr.splitlines() if line.startswith("ERROR:")]
    return line


@pytest.mark.parametrize(
    "script, message",
    [
        ("echo 3.9", "Python 3.10, 3.11 or 3.12"),
        ("exit 1", "not a working Python interpreter"),
        # A supported Python without pip cannot fetch uv.
        ('case "$*" in *pip*) exit 1;; *) echo 3.11;; esac', "-m pip' is missing"),
    ],
)
def test_base_python_unusable(tmp_path, script, message):
    python = tmp_path / "python3"
    python.write_text(f"#!/bin/sh\n{script}\n")
    python.chmod(0o755)
    env = {"BASE_PYTHON": str(python), "VENV_DIR": ""}
    proc = run(["tools/setup.sh", "python"], tmp_path, **env)
    assert message in error_line(proc)
    # Nothing was created in the cache.
    assert not list((tmp_path / "cache").glob("[uv]*-*"))


@pytest.fixture
def bare_venv(tmp_path):
    """A complete-looking environment without Odoo, for the Odoo source checks."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    (venv / ".ial-complete").write_text("test\n")
    return venv


def odoo_tree(root, series):
    (root / "odoo").mkdir(parents=True)
    (root / "setup.py").write_text("")
    (root / "odoo" / "release.py").write_text(f'serie = "{series}"\n')
    return root


def archive_without_odoo(tmp_path):
    with tarfile.open(tmp_path / "odoo.tar.gz", "w:gz") as tar:
        tar.add(__file__, arcname="something/README")
    return tmp_path / "odoo.tar.gz"


@pytest.mark.parametrize(
    "make_src, message",
    [
        (lambda tmp: odoo_tree(tmp / "odoo-17.0", "17.0"), "is Odoo 17.0, not 18.0"),
        (lambda tmp: tmp, "is not an Odoo source tree"),
        (archive_without_odoo, "holds no Odoo source tree"),
        (lambda tmp: tmp / "nowhere.tar.xz", "does not exist"),
    ],
)
def test_odoo_src_unusable(tmp_path, bare_venv, make_src, message):
    src = make_src(tmp_path)
    proc = run(
        ["tools/setup.sh", "odoo"], tmp_path, VENV_DIR=str(bare_venv), ODOO_SRC=str(src)
    )
    assert message in error_line(proc)
    # Nothing was linked into the environment, nothing half-extracted stays.
    python = bare_venv / "bin" / "python"
    assert subprocess.run([python, "-c", "import odoo"]).returncode
    cache = tmp_path / "cache"
    assert not (cache.is_dir() and [p for p in cache.iterdir() if "odoo-src" in p.name])


@pytest.mark.parametrize(
    "env, message",
    [
        (
            {"PG_VERSION": "7", "PGHOST": None, "PGPORT": None, "PGUSER": None},
            "PostgreSQL 7 binaries not found",
        ),
        ({"REPLICA": "1", "PGHOST": "/elsewhere"}, "unset PGHOST/PGPORT/PGUSER"),
    ],
)
def test_pg_refuses(tmp_path, env, message):
    proc = run(["tools/pg.sh", "start"], tmp_path, **env)
    assert message in error_line(proc)


def test_http_port_in_use(tmp_path):
    with socket.socket() as busy:
        busy.bind(("", 0))
        busy.listen()
        port = busy.getsockname()[1]
        env = {"HTTP_PORT": str(port), "DEV_DB": "ial_port_check"}
        env["IAL_CACHE"] = os.environ.get("IAL_CACHE", "")
        proc = run(["tools/run.sh"], tmp_path, **env)
    assert f"port {port} is in use" in error_line(proc)
