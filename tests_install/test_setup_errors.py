"""Bad set-up input stops with one clear line, a non-zero exit, and leaves
nothing half-done (issue: deployable anywhere).

These drive the real scripts (tools/setup.sh, tools/pg.sh, tools/run.sh) in
subprocesses, with a cache directory of their own so the project's
virtualenv is never touched.
"""

import os
import socket
import stat
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def run(args, tmp_path, **env):
    full_env = {**os.environ, "IAL_CACHE": str(tmp_path / "cache"), **env}
    # The calling make exported the project's virtualenv: a test that wants
    # a fresh one must not inherit it.
    for key in list(full_env):
        if full_env[key] is None:
            del full_env[key]
    return subprocess.run(
        args, cwd=REPO, env=full_env, capture_output=True, text=True, timeout=300
    )


def error_lines(proc):
    return [line for line in proc.stderr.splitlines() if line.startswith("ERROR:")]


@pytest.fixture
def bare_venv(tmp_path):
    """A complete-looking project environment without Odoo in it, so the
    Odoo source checks run without building a real one."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", venv], check=True)
    (venv / ".ial-complete").write_text("test\n")
    return venv


def test_python_outside_supported_range(tmp_path):
    fake = tmp_path / "python3.9"
    fake.write_text("#!/bin/sh\necho 3.9\n")
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    proc = run(
        ["tools/setup.sh", "python"], tmp_path, BASE_PYTHON=str(fake), VENV_DIR=""
    )
    assert proc.returncode != 0
    [line] = error_lines(proc)
    assert "Python 3.10, 3.11 or 3.12" in line and "3.9" in line
    # Nothing was created in the cache.
    assert not list((tmp_path / "cache").glob("venv-*"))


def test_base_python_missing(tmp_path):
    proc = run(
        ["tools/setup.sh", "python"],
        tmp_path,
        BASE_PYTHON=str(tmp_path / "nope"),
        VENV_DIR="",
    )
    assert proc.returncode != 0
    [line] = error_lines(proc)
    assert "not a working Python interpreter" in line


def test_odoo_src_of_another_series(tmp_path, bare_venv):
    src = tmp_path / "odoo-17.0"
    (src / "odoo").mkdir(parents=True)
    (src / "setup.py").write_text("")
    (src / "odoo" / "release.py").write_text('serie = "17.0"\n')
    proc = run(
        ["tools/setup.sh", "odoo"], tmp_path, VENV_DIR=str(bare_venv), ODOO_SRC=str(src)
    )
    assert proc.returncode != 0
    [line] = error_lines(proc)
    assert "is Odoo 17.0, not 18.0" in line
    # Nothing was linked into the environment.
    assert subprocess.run(
        [bare_venv / "bin" / "python", "-c", "import odoo"]
    ).returncode


def test_odoo_src_not_a_source_tree(tmp_path, bare_venv):
    proc = run(
        ["tools/setup.sh", "odoo"],
        tmp_path,
        VENV_DIR=str(bare_venv),
        ODOO_SRC=str(tmp_path),
    )
    assert proc.returncode != 0
    [line] = error_lines(proc)
    assert "is not an Odoo source tree" in line


def test_odoo_src_archive_without_odoo(tmp_path, bare_venv):
    content = tmp_path / "content"
    (content / "something").mkdir(parents=True)
    (content / "something" / "README").write_text("not odoo")
    archive = tmp_path / "odoo.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(content / "something", arcname="something")
    proc = run(
        ["tools/setup.sh", "odoo"],
        tmp_path,
        VENV_DIR=str(bare_venv),
        ODOO_SRC=str(archive),
    )
    assert proc.returncode != 0
    [line] = error_lines(proc)
    assert "holds no Odoo source tree" in line
    # The extraction was cleaned up: nothing half-extracted stays in the cache.
    assert not [p for p in (tmp_path / "cache").iterdir() if "odoo-src" in p.name]


def test_odoo_src_missing(tmp_path, bare_venv):
    proc = run(
        ["tools/setup.sh", "odoo"],
        tmp_path,
        VENV_DIR=str(bare_venv),
        ODOO_SRC=str(tmp_path / "nowhere.tar.xz"),
    )
    assert proc.returncode != 0
    [line] = error_lines(proc)
    assert "does not exist" in line


def test_no_postgresql_binaries(tmp_path):
    proc = run(
        ["tools/pg.sh", "start"],
        tmp_path,
        PG_BINDIR=str(tmp_path),
        PGHOST=None,
        PGPORT=None,
        PGUSER=None,
    )
    assert proc.returncode != 0
    [line] = error_lines(proc)
    assert "has no initdb and pg_ctl" in line


def test_http_port_in_use(tmp_path):
    with socket.socket() as busy:
        busy.bind(("", 0))
        busy.listen()
        port = busy.getsockname()[1]
        proc = run(
            ["tools/run.sh"],
            tmp_path,
            HTTP_PORT=str(port),
            DEV_DB="ial_port_check",
            IAL_CACHE=os.environ.get("IAL_CACHE", ""),
        )
    assert proc.returncode != 0
    [line] = error_lines(proc)
    assert f"port {port} is in use" in line
