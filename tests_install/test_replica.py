"""make run REPLICA=1's replica serves reads; a print logs on the primary, replayed."""

import os
import re
import tempfile
import time
from pathlib import Path

import pytest
import requests
from conftest import lib, server

DB = "ial_replica_test"
READS = re.compile(r"interaction_log_entry|ir_act_window")
PG = 'unset PGHOST PGPORT PGUSER && export TMPDIR="$1" REPLICA=1 && tools/pg.sh "$2"'
# pg.sh puts its clusters there when that conf/ exists.
BASE = '"$1/interaction_pg-$(printf %s "$REPO_ROOT" | cksum | cut -d" " -f1)"'
COPY = 'eval "$(tools/pg.sh env)" && createdb -h "$1" -U odoo "$2" && pg_dump -h '
COPY += '"$db_host" -p "$db_port" -U "$db_user" "$3" | psql -Xq -h "$1" -U odoo "$2"'


@pytest.fixture
def sock():
    """pg.sh's private primary (5432) and replica (5433): their socket dir."""
    with tempfile.TemporaryDirectory(prefix="ial-replica-") as root:
        os.chmod(root, 0o755)  # as root, the clusters run as postgres
        base = lib(f"mkdir -p {BASE}/conf && echo {BASE}", root).stdout.strip()
        try:
            lib(PG, root, "start")
            yield f"{base}/sock"
        finally:
            lib(PG, root, "destroy", check=False)


def count(sock, port, partner):
    sql = f"SELECT count(*) FROM interaction_log_entry WHERE partner_id = {partner}"
    return lib(f'psql -XAtc "{sql}" -h "$1" -p "$2" -U odoo {DB}', sock, port).stdout


def test_reads_go_to_the_replica(conf, sock, tmp_path, monkeypatch):
    # make test's database (our addons, no demo), copied onto the primary.
    lib(COPY, sock, DB, os.environ["IAL_TEST_DB"])
    monkeypatch.setenv("PGOPTIONS", "-c log_statement=all")  # Odoo's, in the logs
    logs = [Path(sock).parent / name for name in ("server.log", "replica.log")]
    args = [f"--db_host={sock}", "--db_port=5432", "--db_user=odoo"]
    args += [f"--db_replica_host={sock}", "--db_replica_port=5433"]
    with server(conf, DB, tmp_path / "odoo.log", *args, f"-D{tmp_path}") as url:
        web = requests.Session()
        login = {"db": DB, "login": "admin", "password": "admin"}
        web.post(f"{url}/web/session/authenticate", json={"params": login})

        def call(model, method, args, **kwargs):
            """As the web client: the result, reads of entries/actions per server."""
            route = "call_button" if method.startswith("action_") else "call_kw"
            sizes = [log.stat().st_size for log in logs]
            params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
            answer = web.post(f"{url}/web/dataset/{route}", json={"params": params})
            assert "error" not in answer.json(), answer.json()["error"]
            time.sleep(0.5)  # the statements reach the logs
            reads = [READS.findall(log.read_text()[n:]) for log, n in zip(logs, sizes)]
            return answer.json()["result"], [len(found) for found in reads]

        (partner, _name), _ = call("res.partner", "name_create", ["Replica Oy"])
        pivot = [[], ["__count"], ["template_id"]]
        spec = {"specification": {"interaction_count": {}}}
        served = {
            "pivot": call("interaction.log.entry", "web_read_group", pivot)[1],
            "statistics": call("res.partner", "web_read", [[partner]], **spec)[1],
            "button": call("res.partner", "action_view_interactions", [[partner]])[1],
        }
        assert all(primary == 0 < replica for primary, replica in served.values())
        # The report route is read-only; printing a logged report is not.
        report = f"{url}/report/html/interaction_autolog.report_cover_sheet/{partner}"
        assert web.get(report).status_code == 200
        assert count(sock, "5432", partner) == "1\n"
        replayed = time.monotonic() + 10  # at the latest
        while count(sock, "5433", partner) != "1\n" and time.monotonic() < replayed:
            time.sleep(0.5)
        assert count(sock, "5433", partner) == "1\n"
    # Nothing ran again for writing on a read-only cursor.
    assert "with a read/write cursor" not in (tmp_path / "odoo.log").read_text()
