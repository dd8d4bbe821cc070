#!/usr/bin/env python3
"""make bench: what the interaction log costs, measured on a real database.

    python3 tools/bench.py --config ODOO_CONF --database DB [--entries N] [--keep]

DB must have account, interaction_autolog and interaction_autolog_account
installed (demo data not needed). The bench never writes to DB: it copies it
(with its filestore) to DB_bench, creates its own invoices, user and entries
there, measures, and drops the copy at the end, so a run leaves nothing
behind and can be repeated (--keep leaves the copy for inspection; a leftover
copy is replaced by the next run). Copying needs DB not to be in use: stop a
server running on it first.

Measured side by side in one run, on the same database:

1. SQL queries that logging adds to a print of 1 and of 100 invoices through
   the web client's report route (setup set vs. blank): must be equal.
2. Logging 100 documents vs. Odoo posting one chatter note on each of them.
3. Printing 100 invoices with logging vs. with the setup blank.
4. A chatter email (message_post) on an invoice to 1 and to 10 contacts:
   setup filled vs. blank.
5. One invoice printed as a real PDF (wkhtmltopdf) through /report/download:
   setup filled vs. blank.
6. A contact's statistics, the first page of the Interactions list, a
   document's smart button and the Interactions pivot (template x month,
   last 12 months, the read_group calls the pivot view makes) on a database
   holding 1,000,000 entries, with the query plans.

Prints a table (measure, value, target, ok) and writes it as Markdown to
.local/bench.md. Exits 0 when a target is missed (the table says MISSED);
non-zero only when the bench cannot run.
"""

import argparse
import asyncio
import gc
import json
import logging
import os
import re
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import closing, contextmanager
from pathlib import Path
from types import SimpleNamespace

REPO = Path(__file__).resolve().parents[1]
REPORT = "account.report_invoice"  # "PDF without Payment", the Print menu's
INVOICE_TYPES = (
    "sale_draft_invoice",
    "sale_invoice",
    "sale_credit_note",
    "purchase_invoice",
    "purchase_credit_note",
)
# Interleaved prints of 100 invoices per setup, after a warm-up: an HTML print
# takes a fraction of a second, so more runs steady its median.
PRINT_ROUNDS = {"pdf": 5, "html": 9}
LOG_ROUNDS = 7  # repeats of "log 100" vs "post 100 notes"
QUERY_ROUNDS = 11  # repeats of each read on the 1M-entry table
MS_TARGET = 50.0
EMAIL_ROUNDS = 9  # interleaved samples of chatter emails per setup
EMAILS_PER_SAMPLE = 5  # emails posted (on 5 invoices) in one sample
EMAIL_TARGET = 1.10
PDF_ROUNDS = 15  # interleaved single-invoice PDF prints per setup
PDF_TARGET = 1.02
PIVOT_TARGET = 300.0
PIVOT_ROUNDS = 5  # a pivot reads a few hundred thousand entries each time

# Measure 4's million entries, one INSERT ... SELECT (SQL, not the ORM).
ENTRIES_SQL = """
    INSERT INTO interaction_log_entry (
        partner_id, commercial_partner_id, date, name, template_id,
        group_id, document_type_id, information_flow, initiated_by,
        channel, cost, duration, user_id, company_id, res_model,
        res_id, document_name, document_version, attempt_failed,
        canceled, is_automatic, create_uid, write_uid, create_date,
        write_date)
    SELECT p.ids[1 + (g * 7919) %% p.n], p.coms[1 + (g * 7919) %% p.n],
           -- 24 months, in batches of 50 sharing one timestamp as
           -- the engine logs them (one create per print or mail)
           now() - make_interval(
               secs => ((g / 50 * 104729) %% (%(total)s / 50))
                       * (730 * 86400.0 / (%(total)s / 50))),
           t.names[1 + g / 7 %% t.n], t.ids[1 + g / 7 %% t.n],
           t.groups[1 + g / 7 %% t.n], d.ids[1 + g / 5 %% d.n],
           'outbound', 'us',
           (ARRAY['paper', 'email', 'phone', 'meeting'])[1 + g %% 4],
           1.5, 5, %(uid)s,
           CASE WHEN g %% 7 = 0 THEN %(other)s ELSE %(company)s END,
           -- documents of several models, ~5 entries each
           (ARRAY['account.move', 'sale.order', 'purchase.order',
                  'stock.picking'])[1 + g %% 4],
           1 + g / 4 %% (%(total)s / 20), 'DOC/' || g, 1,
           g %% 41 = 0, g %% 33 = 0, true, %(uid)s, %(uid)s, now(), now()
      FROM generate_series(1::bigint, %(total)s) g,
           (SELECT %(pids)s::int[] AS ids, %(coms)s::int[] AS coms,
                   %(np)s AS n) p,
           (SELECT %(tids)s::int[] AS ids, %(tgroups)s::int[] AS groups,
                   %(tnames)s::varchar[] AS names, %(nt)s AS n) t,
           (SELECT %(dids)s::int[] AS ids, %(nd)s AS n) d
"""


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument(
        "--database",
        required=True,
        help="database with interaction_autolog_account installed (left untouched)",
    )
    parser.add_argument(
        "--bench-database",
        help="name of the throw-away copy (default: DATABASE_bench)",
    )
    parser.add_argument(
        "--entries",
        type=int,
        default=1_000_000,
        help="interaction entries generated for measure 4 (default 1,000,000)",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the bench database afterwards"
    )
    parser.add_argument(
        "--output",
        default=str(REPO / ".local" / "bench.md"),
        help="Markdown copy of the table (default .local/bench.md)",
    )
    args = parser.parse_args(argv)
    if args.entries < 1000:
        parser.error("--entries must be at least 1000")
    return args


# ----------------------------------------------------------------------
# Odoo in this process
# ----------------------------------------------------------------------


@contextmanager
def no_gc():
    """A sample without Python's cyclic garbage collector, as timeit runs
    them: a full collection of Odoo's heap takes tens of milliseconds and
    lands in whichever sample happens to trigger it."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def cpu_seconds():
    """CPU time of this process, where Odoo runs, and of its finished
    children (wkhtmltopdf). Unlike the wall clock it hardly moves when other
    processes share the machine."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def start_odoo(conf, bench_db):
    import odoo
    from odoo.tools import config

    config.parse_config(["-c", conf, "--log-level=warn", "--no-http"])
    # Makes the bench database the only one the HTTP layer serves.
    config["db_name"] = bench_db
    config["dbfilter"] = ""
    odoo.service.server.load_server_wide_modules()
    return odoo


class QueryCounter:
    """Counts the queries each thread runs, and records chosen ones.

    Counting is measuring: every query still goes to PostgreSQL unchanged.
    """

    def __init__(self, odoo):
        self.local = threading.local()
        self.by_path = {}
        cursor_class = odoo.sql_db.Cursor
        original = cursor_class.execute
        local = self.local

        def execute(cr, *args, **kwargs):
            result = original(cr, *args, **kwargs)
            if getattr(local, "count", None) is not None:
                local.count += 1
            captured = getattr(local, "captured", None)
            if captured is not None:
                query = cr._obj.query.decode()
                if "interaction_log_entry" in query:
                    captured.append(query)
            return result

        cursor_class.execute = execute

    def wsgi(self, app):
        """Wrap ``app`` to record the number of queries of each request."""

        def counted(environ, start_response):
            self.local.count = 0
            try:
                return app(environ, start_response)
            finally:
                self.by_path[environ.get("PATH_INFO")] = self.local.count
                self.local.count = None

        return counted

    @contextmanager
    def capture(self):
        self.local.captured = captured = []
        try:
            yield captured
        finally:
            self.local.captured = None


# ----------------------------------------------------------------------
# A mail server on loopback that accepts every message and keeps none
# ----------------------------------------------------------------------


class MailSink:
    """Just enough SMTP (RFC 5321) for Odoo's smtplib client."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.messages = 0
        self.port = None
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="mail-sink", daemon=True)

    def start(self):
        self._thread.start()
        if not self._ready.wait(10):
            sys.exit("load: the mail sink did not start")
        return self.port

    def stop(self):
        self.loop.call_soon_threadsafe(self.loop.stop)
        self._thread.join(10)

    def _run(self):
        asyncio.set_event_loop(self.loop)
        server = self.loop.run_until_complete(
            asyncio.start_server(self._session, "127.0.0.1", 0)
        )
        self.port = server.sockets[0].getsockname()[1]
        self._ready.set()
        self.loop.run_forever()
        server.close()

    async def _session(self, reader, writer):
        reply = writer.write
        reply(b"220 localhost load sink\r\n")
        in_data = False
        try:
            while line := await reader.readline():
                if in_data:
                    if line.rstrip(b"\r\n") == b".":
                        in_data = False
                        self.messages += 1
                        reply(b"250 2.0.0 dropped\r\n")
                    continue
                verb = line[:4].upper()
                if verb == b"EHLO":
                    reply(b"250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
                elif verb == b"DATA":
                    in_data = True
                    reply(b"354 end with <CRLF>.<CRLF>\r\n")
                elif verb == b"QUIT":
                    reply(b"221 bye\r\n")
                    break
                elif verb in (b"HELO", b"MAIL", b"RCPT", b"RSET", b"NOOP"):
                    reply(b"250 OK\r\n")
                else:
                    reply(b"502 not implemented\r\n")
                await writer.drain()
        finally:
            writer.close()


# ----------------------------------------------------------------------
# The bench database
# ----------------------------------------------------------------------


def _admin_cursor(odoo):
    cr = odoo.sql_db.db_connect("postgres").cursor()
    cr._cnx.autocommit = True  # CREATE/DROP DATABASE refuse transactions
    return cr


def drop_database(odoo, name):
    from odoo.tools import SQL

    odoo.modules.registry.Registry.delete(name)
    odoo.sql_db.close_db(name)
    with closing(_admin_cursor(odoo)) as cr:
        cr.execute(SQL("DROP DATABASE IF EXISTS %s WITH (FORCE)", SQL.identifier(name)))
    shutil.rmtree(odoo.tools.config.filestore(name), ignore_errors=True)


def copy_database(odoo, source, target):
    from odoo.tools import SQL

    drop_database(odoo, target)
    with closing(_admin_cursor(odoo)) as cr:
        try:
            cr.execute(
                SQL(
                    "CREATE DATABASE %s TEMPLATE %s",
                    SQL.identifier(target),
                    SQL.identifier(source),
                ),
                log_exceptions=False,
            )
        except odoo.sql_db.psycopg2.errors.ObjectInUse:
            sys.exit(
                f"bench: database {source!r} is in use (a running server?); "
                "stop it, or pass a database nobody is connected to."
            )
        except odoo.sql_db.psycopg2.errors.InvalidCatalogName:
            sys.exit(f"bench: no database {source!r}")
    # Asset bundles live in the filestore: without them reports lose styles.
    source_fs = odoo.tools.config.filestore(source)
    if os.path.isdir(source_fs):
        shutil.copytree(source_fs, odoo.tools.config.filestore(target))


class Bench:
    def __init__(self, odoo, db, counter):
        self.odoo = odoo
        self.db = db
        self.counter = counter
        self.registry = odoo.modules.registry.Registry(db)
        self.rows = []  # (measure, value, target, ok)
        self.notes = []
        self.plans = []

    # -- helpers ---------------------------------------------------------

    @contextmanager
    def env(self, uid=None, commit=True, context=None):
        """An environment on a new cursor, committed or rolled back at exit."""
        from odoo import SUPERUSER_ID, api

        cr = self.registry.cursor()
        try:
            yield api.Environment(cr, uid or SUPERUSER_ID, context or {})
            if commit:
                cr.commit()
        finally:
            cr.rollback()
            cr.close()

    def row(self, measure, value, target, ok):
        self.rows.append((measure, value, target, "ok" if ok else "MISSED"))

    # -- fixtures --------------------------------------------------------

    def check_modules(self):
        with self.env(commit=False) as env:
            env.cr.execute("SHOW server_version")
            self.pg_version = env.cr.fetchone()[0].split()[0]
            missing = [
                name
                for name in (
                    "account",
                    "interaction_autolog",
                    "interaction_autolog_account",
                )
                if env["ir.module.module"].search_count(
                    [("name", "=", name), ("state", "=", "installed")]
                )
                == 0
            ]
        if missing:
            sys.exit(f"bench: install {', '.join(missing)} in the database first")

    def create_fixtures(self):
        from odoo import Command, fields

        self.password = secrets.token_urlsafe(16)
        with self.env() as env:
            company = env.ref("base.main_company")
            self.company_id = company.id
            user = env["res.users"].create(
                {
                    "name": "Bench Billing User",
                    "login": "ial_bench_user",
                    "email": "bench.user@example.com",
                    "password": self.password,
                    "company_id": company.id,
                    "company_ids": [Command.set(company.ids)],
                    "groups_id": [
                        Command.link(env.ref("base.group_user").id),
                        Command.link(env.ref("account.group_account_invoice").id),
                    ],
                }
            )
            customers = env["res.partner"].create(
                [
                    {"name": f"Bench Customer {n}", "email": f"bench{n}@example.com"}
                    for n in range(10)
                ]
            )
            self.customer_ids = customers.ids
            invoices = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": customers[n % 10].id,
                        "company_id": company.id,
                        "invoice_date": fields.Date.today(),
                        "invoice_line_ids": [
                            Command.create(
                                {"name": "Desk", "quantity": 2, "price_unit": 250.0}
                            ),
                            Command.create(
                                {"name": "Chair", "quantity": 4, "price_unit": 80.0}
                            ),
                        ],
                    }
                    for n in range(100)
                ]
            )
            invoices.action_post()
            self.invoice_ids = invoices.ids
            DocType = env["interaction.document.type"]
            self.setup = {
                code: DocType._get_by_code(code).default_template_id.id
                for code in INVOICE_TYPES
            }
            self.uid = user.id

    def set_setup(self, enabled):
        """The Interaction Template Setup of the invoice types: set or blank."""
        with self.env() as env:
            company = env["res.company"].browse(self.company_id)
            DocType = env["interaction.document.type"].with_company(company)
            for code, template_id in self.setup.items():
                DocType._get_by_code(code).template_id = (
                    template_id if enabled else False
                )

    # -- HTTP: the web client's print -----------------------------------

    def start_http(self):
        import requests
        from werkzeug.serving import make_server

        app = self.counter.wsgi(self.odoo.http.root)
        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        self.base_url = f"http://127.0.0.1:{self.server.server_port}"
        self.http_thread = threading.Thread(
            target=self.server.serve_forever, name="bench-http", daemon=True
        )
        self.http_thread.start()
        self.converter, self.converter_note = self.choose_converter()
        with self.env() as env:
            # wkhtmltopdf fetches the report's assets from this server.
            env["ir.config_parameter"].set_param("report.url", self.base_url)
        self.session = requests.Session()
        response = self.session.post(
            f"{self.base_url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "db": self.db,
                    "login": "ial_bench_user",
                    "password": self.password,
                },
            },
            timeout=60,
        )
        result = response.json()
        if "error" in result:
            sys.exit(f"bench: cannot log in: {result['error']}")
        sid = self.session.cookies["session_id"]
        with self.env(commit=False) as env:
            fake_request = SimpleNamespace(session=SimpleNamespace(sid=sid), env=env)
            self.csrf_token = self.odoo.http.Request.csrf_token(fake_request)
        self.user_context = {
            "lang": "en_US",
            "tz": "Europe/Helsinki",
            "uid": self.uid,
            "allowed_company_ids": [self.company_id],
        }

    def choose_converter(self):
        """PDF as users get it when wkhtmltopdf can render an invoice batch,
        else the HTML report the web client falls back to."""
        from odoo.addons.base.models import ir_actions_report

        with self.env(commit=False) as env:
            state = env["ir.actions.report"].get_wkhtmltopdf_state()
        if state != "ok":
            return "html", f"wkhtmltopdf state is {state!r}"
        # Several invoices are several pages given to one wkhtmltopdf run;
        # builds without Odoo's patched Qt (e.g. Debian's) fail on that.
        with tempfile.TemporaryDirectory() as tmp:
            pages = []
            for name in ("a", "b"):
                page = Path(tmp, f"{name}.html")
                page.write_text(f"<html><body>{name}</body></html>")
                pages.append(str(page))
            out = Path(tmp, "out.pdf")
            command = [ir_actions_report._get_wkhtmltopdf_bin(), "--quiet"]
            done = subprocess.run(
                [*command, *pages, str(out)], capture_output=True, timeout=60
            )
            if done.returncode or not out.exists():
                return "html", (
                    "this wkhtmltopdf cannot render several documents in one PDF "
                    "(a build without patched Qt), so printing several invoices "
                    "fails in Odoo itself"
                )
        return "pdf", "wkhtmltopdf renders the PDF"

    def stop_http(self):
        if getattr(self, "server", None):
            self.server.shutdown()
            self.http_thread.join(timeout=30)
            self.server.server_close()
            self.server = None
        sid = getattr(self, "session", None) and self.session.cookies.get("session_id")
        if sid:
            # Leaves no session file behind in the data directory.
            store = self.odoo.http.root.session_store
            store.delete(store.get(sid))
            self.session = None

    def print_invoices(self, ids, converter=None):
        """Print as the browser does; returns (seconds, queries of the request)."""
        converter = converter or self.converter
        docids = ",".join(map(str, ids))
        start = time.perf_counter()
        if converter == "pdf":
            path = "/report/download"
            response = self.session.post(
                self.base_url + path,
                data={
                    "data": json.dumps([f"/report/pdf/{REPORT}/{docids}", "qweb-pdf"]),
                    "context": json.dumps(self.user_context),
                    "token": "dummy-because-api-expects-one",
                    "csrf_token": self.csrf_token,
                },
                timeout=600,
            )
        else:
            # Without wkhtmltopdf the web client shows the HTML report.
            path = f"/report/html/{REPORT}/{docids}"
            response = self.session.get(
                self.base_url + path,
                params={"context": json.dumps(self.user_context)},
                timeout=600,
            )
        elapsed = time.perf_counter() - start
        # /report/download answers errors with a 200 and a JSON body.
        expected = "application/pdf" if converter == "pdf" else "text/html"
        content_type = response.headers.get("Content-Type", "")
        if response.status_code != 200 or not content_type.startswith(expected):
            sys.exit(
                f"bench: print failed ({response.status_code}, {content_type}): "
                f"{response.text[:500]}"
            )
        return elapsed, self.counter.by_path[path]

    def age_print_entries(self):
        # A new print seconds after the last one is taken for the HTML
        # preview loading twice; the bench prints "later" each time.
        with self.env() as env:
            env.cr.execute(
                """
                UPDATE interaction_log_entry SET date = date - interval '1 hour'
                 WHERE res_model = 'account.move' AND res_id = ANY(%s)
                """,
                [self.invoice_ids],
            )

    def count_print_entries(self):
        with self.env(commit=False) as env:
            env.cr.execute(
                """
                SELECT count(*) FROM interaction_log_entry
                 WHERE res_model = 'account.move' AND res_id = ANY(%s)
                """,
                [self.invoice_ids],
            )
            return env.cr.fetchone()[0]

    # -- 1 and 3: printing ------------------------------------------------

    def bench_prints(self):
        one, hundred = self.invoice_ids[:1], self.invoice_ids
        # Warm-up of both paths: caches, assets, the first wkhtmltopdf run.
        # One batch only: a PDF of 100 invoices takes a while.
        self.set_setup(True)
        for ids in (one, hundred):
            self.print_invoices(ids)
            self.age_print_entries()
        self.set_setup(False)
        self.print_invoices(one)
        before = self.count_print_entries()
        rounds = PRINT_ROUNDS[self.converter]
        times = {True: [], False: []}
        queries = {(enabled, n): [] for enabled in (True, False) for n in (1, 100)}
        for round_no in range(rounds):
            order = (True, False) if round_no % 2 == 0 else (False, True)
            for enabled in order:
                self.set_setup(enabled)
                # Changing the setup clears the registry's caches: refill
                # them, as the server's first print after a change would.
                self.print_invoices(one)
                self.age_print_entries()
                seconds, count = self.print_invoices(hundred)
                times[enabled].append(seconds)
                queries[enabled, 100].append(count)
                self.age_print_entries()
                count = self.print_invoices(one)[1]
                queries[enabled, 1].append(count)
                self.age_print_entries()
        logged = self.count_print_entries() - before
        self.set_setup(True)

        expected = rounds * (len(hundred) + 2 * len(one))
        if logged != expected:
            self.notes.append(
                f"Prints logged {logged} entries, expected {expected}: "
                "the figures below do not measure logging."
            )
        added = {}
        for n in (1, 100):
            with_log = min(queries[True, n])
            blank = min(queries[False, n])
            added[n] = with_log - blank
            spread = max(queries[True, n]) - with_log, max(queries[False, n]) - blank
            self.notes.append(
                f"Queries of the print request, {n} invoice(s): {with_log} with "
                f"logging, {blank} with the setup blank (min of {rounds}; "
                f"spread {spread[0]}/{spread[1]})."
            )
        self.row(
            "SQL queries added by logging a print of 1 / 100 invoices",
            f"{added[1]} / {added[100]}",
            "equal",
            added[1] == added[100],
        )
        on, off = statistics.median(times[True]), statistics.median(times[False])
        ratio = on / off
        self.row(
            "Print 100 invoices: with logging ÷ setup blank",
            f"{ratio:.3f} ({on:.2f} s / {off:.2f} s)",
            "≤ 1.03",
            ratio <= 1.03,
        )
        converter = (
            "PDF through /report/download as the web client posts it"
            if self.converter == "pdf"
            else "HTML through /report/html, as the web client shows it when "
            f"PDF is not available: {self.converter_note}"
        )
        self.notes.append(
            f"Prints: report {REPORT}, {converter}, as an internal billing user "
            f"over HTTP; median of {rounds} interleaved runs after a warm-up."
        )

    # -- 2: logging vs a chatter note --------------------------------------

    def bench_log_vs_note(self):
        def log(invoices):
            return invoices.env["interaction.log.entry"]._log_interaction(
                invoices, "sale_invoice"
            )

        def note(invoices):
            return invoices.env["mail.message"].concat(
                *(
                    invoice.message_post(
                        body="Bench note",
                        message_type="comment",
                        subtype_xmlid="mail.mt_note",
                    )
                    for invoice in invoices
                )
            )

        times = {log: [], note: []}
        context = {"allowed_company_ids": [self.company_id]}
        for round_no in range(LOG_ROUNDS + 1):
            order = (log, note) if round_no % 2 == 0 else (note, log)
            for action in order:
                # A cursor never committed: each run starts from the same data.
                with self.env(self.uid, commit=False, context=context) as env:
                    invoices = env["account.move"].browse(self.invoice_ids)
                    start = time.perf_counter()
                    created = action(invoices)
                    env.flush_all()
                    elapsed = time.perf_counter() - start
                    if len(created) != len(self.invoice_ids):
                        sys.exit(f"bench: {action.__name__} created {len(created)}")
                if round_no:  # the first round warms up
                    times[action].append(elapsed)
        logged, noted = statistics.median(times[log]), statistics.median(times[note])
        ratio = logged / noted
        self.row(
            "Log 100 invoices ÷ post a chatter note on each",
            f"{ratio:.3f} ({logged * 1000:.0f} ms / {noted * 1000:.0f} ms)",
            "≤ 0.5",
            ratio <= 0.5,
        )

    # -- 4: a chatter email -----------------------------------------------

    def bench_emails(self):
        """message_post on invoices to 1 and to 10 contacts, as the chatter's
        "Send message" does, setup filled vs. blank: the whole request as the
        user waits for it, i.e. the post, the commit and the mails Odoo sends
        right after the commit (to a mail sink on loopback)."""
        from unittest.mock import patch

        context = {"allowed_company_ids": [self.company_id]}
        invoice_ids = self.invoice_ids[:EMAILS_PER_SAMPLE]

        def post(size, count=EMAILS_PER_SAMPLE):
            # To the invoice's customer (who follows it), or to all ten.
            # No random garbage collection of the bus inside the timing.
            with (
                self.env(self.uid, context=context) as env,
                patch("random.random", lambda: 1),
            ):
                messages = env["mail.message"]
                for invoice in env["account.move"].browse(invoice_ids[:count]):
                    recipients = (
                        invoice.partner_id.ids if size == 1 else self.customer_ids
                    )
                    messages |= invoice.message_post(
                        body="<p>Please find our remarks below.</p>",
                        subject="About your invoice",
                        partner_ids=recipients,
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                    )
                message_ids = messages.ids
            return message_ids  # committed, and the mails sent

        def check(message_ids, size, enabled):
            with self.env(commit=False) as env:
                env.cr.execute(
                    """
                    SELECT count(*),
                           count(*) FILTER (WHERE delivery_status = 'sent')
                      FROM interaction_log_entry
                     WHERE mail_message_id = ANY(%s)
                    """,
                    [message_ids],
                )
                logged, sent = env.cr.fetchone()
            expected = len(message_ids) * size if enabled else 0
            if (logged, sent) != (expected, expected):
                sys.exit(
                    f"bench: emails logged {logged} times ({sent} sent), "
                    f"expected {expected}"
                )

        for size in (1, 10):
            times = {True: [], False: []}
            cpu = {True: [], False: []}
            for round_no in range(EMAIL_ROUNDS + 1):
                order = (True, False) if round_no % 2 == 0 else (False, True)
                for enabled in order:
                    self.set_setup(enabled)
                    post(size, 1)  # refills the caches the setup change cleared
                    mails = self.sink.messages
                    with no_gc():
                        start, start_cpu = time.perf_counter(), cpu_seconds()
                        message_ids = post(size)
                        elapsed = time.perf_counter() - start
                        elapsed_cpu = cpu_seconds() - start_cpu
                    if self.sink.messages - mails != len(message_ids) * size:
                        sys.exit("bench: the mails did not all reach the mail sink")
                    check(message_ids, size, enabled)
                    if round_no:  # the first round warms up
                        times[enabled].append(elapsed / EMAILS_PER_SAMPLE)
                        cpu[enabled].append(elapsed_cpu / EMAILS_PER_SAMPLE)
            self.ratio_row(
                f"Chatter email to {size} contact{'s' if size > 1 else ''}: "
                "logging ÷ setup blank",
                cpu,
                times,
                EMAIL_TARGET,
            )
        self.set_setup(True)
        self.notes.append(
            f"Chatter emails: message_post (comment) on {EMAILS_PER_SAMPLE} "
            "invoices per sample as the billing user, each committed and its "
            "mails sent over SMTP to a sink on loopback, as Odoo does right "
            f"after the commit; median of {EMAIL_ROUNDS} interleaved samples per "
            "setup, per email, each after an untimed email that refills the "
            "caches the setup change cleared, without Python's garbage "
            "collector inside the sample (as timeit). The target applies to the wall "
            "clock; the CPU time of the Odoo process and its children "
            "(wkhtmltopdf) follows: identical samples differ by several % in "
            "either on this shared machine."
        )

    def ratio_row(self, measure, cpu, wall, target):
        """A row "logging ÷ setup blank" from samples {enabled: [seconds]}.

        The target applies to the median wall clock, what the user waits
        for; the median CPU time of the Odoo process and its children
        (wkhtmltopdf) follows: it moves less with the machine's other
        processes, but leaves PostgreSQL's time out."""
        on, off = statistics.median(wall[True]), statistics.median(wall[False])
        ratio = on / off
        cpu_on, cpu_off = statistics.median(cpu[True]), statistics.median(cpu[False])
        self.row(
            measure,
            f"{ratio:.3f} ({on * 1000:.1f} / {off * 1000:.1f} ms); "
            f"CPU {cpu_on / cpu_off:.3f} "
            f"({cpu_on * 1000:.1f} / {cpu_off * 1000:.1f} ms)",
            f"≤ {target:.2f}",
            ratio <= target,
        )

    # -- 5: one invoice as a real PDF --------------------------------------

    def bench_single_pdf(self):
        with self.env(commit=False) as env:
            state = env["ir.actions.report"].get_wkhtmltopdf_state()
        if state != "ok":
            self.row(
                "Print 1 invoice as PDF: logging ÷ setup blank", "-", "≤ 1.02", False
            )
            self.notes.append(f"Single PDF not measured: wkhtmltopdf state {state!r}.")
            return
        invoice = self.invoice_ids[-1:]
        times = {True: [], False: []}
        cpu = {True: [], False: []}
        logged = []
        # Debian's wkhtmltopdf warns on every run about switches it ignores.
        logging.getLogger("odoo.addons.base.models.ir_actions_report").setLevel(
            logging.ERROR
        )
        # What logging itself takes inside the print request, timed where it
        # runs: a figure the noise of whole prints does not blur.
        Report = self.registry["ir.actions.report"]
        log_print = Report._interaction_log_print
        logging_times = []

        def timed_log_print(report, *args, **kwargs):
            start = time.perf_counter()
            try:
                return log_print(report, *args, **kwargs)
            finally:
                logging_times.append(time.perf_counter() - start)

        Report._interaction_log_print = timed_log_print
        try:
            for round_no in range(PDF_ROUNDS + 1):
                order = (True, False) if round_no % 2 == 0 else (False, True)
                for enabled in order:
                    self.set_setup(enabled)
                    self.print_invoices(invoice, converter="pdf")  # refills caches
                    logging_times.clear()
                    with no_gc():
                        start_cpu = cpu_seconds()
                        seconds, _queries = self.print_invoices(
                            invoice, converter="pdf"
                        )
                    if round_no:
                        times[enabled].append(seconds)
                        cpu[enabled].append(cpu_seconds() - start_cpu)
                        if enabled:
                            logged.append(sum(logging_times))
        finally:
            Report._interaction_log_print = log_print
        self.set_setup(True)
        self.ratio_row(
            "Print 1 invoice as PDF (wkhtmltopdf): logging ÷ setup blank",
            cpu,
            times,
            PDF_TARGET,
        )
        share = statistics.median(logged), statistics.median(times[False])
        self.notes.append(
            "Single PDF: one posted invoice through /report/download rendered by "
            f"wkhtmltopdf; median of {PDF_ROUNDS} interleaved prints per setup, "
            "each after an untimed print that refills the caches the setup "
            "change cleared; wall and CPU as for emails. Logging itself, timed "
            f"inside the print request: {share[0] * 1000:.1f} ms (median), "
            f"{share[0] / share[1]:.1%} of the print."
        )

    # -- 6: a million entries ----------------------------------------------

    def generate_entries(self, total):
        """Bulk insert ``total`` entries (SQL, not the ORM) over ~2,000
        contacts, several templates, 24 months, ~3 % canceled."""
        from odoo import Command

        start = time.perf_counter()
        with self.env() as env:
            cr = env.cr
            other_company = env["res.company"].create({"name": "Bench Company B"})
            # The bench user may switch to it, but works in the main company.
            env["res.users"].browse(self.uid).company_ids = [
                Command.link(other_company.id)
            ]
            # 300 companies with 3 contacts each, and 800 private persons.
            cr.execute(
                """
                INSERT INTO res_partner (name, complete_name, is_company, active,
                                         type, lang, autopost_bills, create_uid,
                                         write_uid, create_date, write_date)
                SELECT 'Bench Company ' || g, 'Bench Company ' || g, g <= 300,
                       true, 'contact', 'en_US', 'ask', 1, 1, now(), now()
                  FROM generate_series(1, 1100) g
             RETURNING id
                """
            )
            tops = sorted(r[0] for r in cr.fetchall())
            companies = tops[:300]
            cr.execute(
                "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
                [tops],
            )
            cr.execute(
                """
                INSERT INTO res_partner (name, complete_name, parent_id,
                                         commercial_partner_id, is_company, active,
                                         type, lang, autopost_bills, create_uid,
                                         write_uid, create_date, write_date)
                SELECT 'Contact ' || n, p.name || ', Contact ' || n, p.id, p.id,
                       false, true, 'contact', 'en_US', 'ask', 1, 1, now(), now()
                  FROM res_partner p, generate_series(1, 3) n
                 WHERE p.id = ANY(%s)
                """,
                [companies],
            )
            cr.execute(
                "SELECT id, commercial_partner_id FROM res_partner "
                "WHERE commercial_partner_id = ANY(%s) ORDER BY id",
                [tops],
            )
            partners = cr.fetchall()
            self.stats_partner_id = companies[0]
            templates = env["interaction.template"].search(
                [("company_id", "in", (False, self.company_id))]
            )
            doc_types = env["interaction.document.type"].search([])
            with self.bulk_load(cr, "interaction_log_entry"):
                cr.execute(
                    ENTRIES_SQL,
                    {
                        "total": total,
                        "uid": self.uid,
                        "company": self.company_id,
                        "other": other_company.id,
                        "pids": [p[0] for p in partners],
                        "coms": [p[1] for p in partners],
                        "np": len(partners),
                        "tids": templates.ids,
                        "tgroups": [t.group_id.id or None for t in templates],
                        "tnames": templates.mapped("name"),
                        "nt": len(templates),
                        "dids": doc_types.ids,
                        "nd": len(doc_types),
                    },
                )
        # As a table lives in production: vacuumed (visibility map, hint
        # bits) and analyzed. VACUUM refuses transactions.
        with closing(self.registry.cursor()) as cr:
            cr._cnx.autocommit = True
            cr.execute("VACUUM ANALYZE interaction_log_entry")
            cr.execute("VACUUM ANALYZE res_partner")
            cr._cnx.autocommit = False
        self.notes.append(
            f"Measure 4: {total:,} entries over {len(partners):,} contacts "
            f"(300 companies with 3 contacts each), {len(templates)} templates, "
            f"24 months (batches of 50 at one timestamp), ~3 % canceled, 1/7 in a "
            f"second company; inserted with SQL and vacuumed in "
            f"{time.perf_counter() - start:.0f} s."
        )

    @contextmanager
    def bulk_load(self, cr, table):
        """Load ``table`` the way PostgreSQL loads fastest: without its
        secondary indexes and foreign keys, which are put back exactly as they
        were (and checked) before the transaction commits."""
        cr.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
              FROM pg_index i
             WHERE i.indrelid = %s::regclass AND NOT i.indisprimary
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                WHERE c.conindid = i.indexrelid)
            """,
            [table],
        )
        indexes = cr.fetchall()
        cr.execute(
            """
            SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
             WHERE conrelid = %s::regclass AND contype = 'f'
            """,
            [table],
        )
        foreign_keys = cr.fetchall()
        for name, _definition in foreign_keys:
            cr.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
        for name, _definition in indexes:
            cr.execute(f"DROP INDEX {name}")
        yield
        cr.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cr.execute(definition)
        for name, definition in foreign_keys:
            cr.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')

    def _timed(self, run, rounds=QUERY_ROUNDS):
        """Milliseconds of ``run(env)`` as the bench user, each time with
        empty record caches, as a new request has them.

        Returns (median, fastest, result, the queries of one run)."""
        context = {"allowed_company_ids": [self.company_id], "lang": "en_US"}
        times = []
        with self.env(self.uid, commit=False, context=context) as env:
            run(env)  # warm-up
            for _run in range(rounds):
                env.invalidate_all()
                start = time.perf_counter()
                result = run(env)
                times.append((time.perf_counter() - start) * 1000)
            env.invalidate_all()
            with self.counter.capture() as queries:
                run(env)
        return statistics.median(times), min(times), result, queries

    def bench_large_table(self):
        def statistics_of_contact(env):
            partner = env["res.partner"].browse(self.stats_partner_id)
            return (
                partner.interaction_count,
                partner.interaction_cost,
                partner.interaction_duration,
                partner.last_interaction_date,
                partner.last_attempt_date,
            )

        ms, fastest, figures, queries = self._timed(statistics_of_contact)
        self.row(
            "1M entries: a company contact's statistics",
            f"{ms:.1f} ms (fastest {fastest:.1f}; {figures[0]:,} entries)",
            f"≤ {MS_TARGET:.0f} ms",
            ms <= MS_TARGET,
        )
        self.explain("Contact statistics", queries)

        spec = self.list_specification()

        def list_first_page(env):
            return env["interaction.log.entry"].web_search_read(
                [("canceled", "=", False)],
                spec,
                offset=0,
                limit=80,
                order="date DESC, id DESC",
                count_limit=10001,
            )

        ms, fastest, result, queries = self._timed(list_first_page)
        self.row(
            "1M entries: Interactions list, first page",
            f"{ms:.1f} ms (fastest {fastest:.1f}; "
            f"{len(result['records'])} of {result['length']:,}+)",
            f"≤ {MS_TARGET:.0f} ms",
            ms <= MS_TARGET,
        )
        self.explain("Interactions list", queries)
        self.notes.append(
            "The list's count (the pager's \"1-80 / 10000+\") stops at 10,001 "
            "rows: PostgreSQL reads them sequentially, cheaper than any index."
        )

        def document_smart_button(env):
            invoice = env["account.move"].browse(self.invoice_ids[0])
            return invoice.interaction_log_count

        ms, fastest, count, queries = self._timed(document_smart_button)
        self.row(
            "1M entries: an invoice's Interactions smart button",
            f"{ms:.1f} ms (fastest {fastest:.1f}; {count} entries)",
            f"≤ {MS_TARGET:.0f} ms",
            ms <= MS_TARGET,
        )
        self.explain("Smart button", queries)

    def bench_pivot(self):
        from dateutil.relativedelta import relativedelta

        from odoo import fields

        month = fields.Date.today().replace(day=1)
        since = fields.Datetime.to_datetime(month - relativedelta(months=11))
        domain = [("canceled", "=", False), ("date", ">=", since)]
        measures = ["cost:sum", "duration:sum", "__count"]
        # The pivot view's grid: one read_group per pair of row/column
        # group-by prefixes (web/static/src/views/pivot/pivot_model.js).
        groupbys = ([], ["date:month"], ["template_id"], ["template_id", "date:month"])

        def pivot(env):
            Entry = env["interaction.log.entry"].with_context(tz="Europe/Helsinki")
            return [
                Entry.read_group(domain, measures, groupby, lazy=False)
                for groupby in groupbys
            ]

        ms, fastest, grids, queries = self._timed(pivot, rounds=PIVOT_ROUNDS)
        total = grids[0][0]["__count"] if grids[0] else 0
        self.row(
            "1M entries: Interactions pivot, template × month, last 12 months",
            f"{ms:.1f} ms (fastest {fastest:.1f}; {total:,} entries, "
            f"{len(grids[3])} cells)",
            f"≤ {PIVOT_TARGET:.0f} ms",
            ms <= PIVOT_TARGET,
        )
        self.explain("Pivot", queries)
        self.notes.append(
            "Pivot: the four read_group calls (lazy=False; cost and duration "
            "summed, counted) the pivot view makes for rows template_id, "
            "columns date:month, under the default filter (not canceled) and "
            f"date ≥ {since:%Y-%m-%d}; the view sends them at once, timed here "
            "one after the other."
        )

    def list_specification(self):
        """The fields the list view reads, as the web client asks for them."""
        from lxml import etree

        with self.env(self.uid, commit=False) as env:
            Entry = env["interaction.log.entry"]
            views = Entry.get_views([(False, "list")])
            arch = etree.fromstring(views["views"]["list"]["arch"])
            spec = {}
            for node in arch.iter("field"):
                field = Entry._fields[node.get("name")]
                many2one = field.type == "many2one"
                spec[field.name] = {"fields": {"display_name": {}}} if many2one else {}
            return spec

    def explain(self, title, queries):
        """Keep the plan nodes (without cost estimates) and the run time."""
        with self.env(commit=False) as env:
            for query in queries:
                env.cr.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}")
                plan = [line for (line,) in env.cr.fetchall()]
                key = [plan[0]] + [
                    line
                    for line in plan[1:]
                    if "->" in line or line.startswith("Execution Time")
                ]
                key = [re.sub(r" +\(cost=[^)]*\)", "", line.rstrip()) for line in key]
                summary = " ".join(query.split())
                self.plans.append((title, summary[:160], key))

    # -- output --------------------------------------------------------

    def render(self):
        headers = ("measure", "value", "target", "ok")
        widths = [
            max(len(str(row[i])) for row in [headers, *self.rows]) for i in range(4)
        ]

        def line(cells):
            return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

        text = [line(headers), line("-" * w for w in widths)]
        text += [line(row) for row in self.rows]
        text += ["", "Notes:"] + [f"- {note}" for note in self.notes]
        text += ["", "Query plans (EXPLAIN ANALYZE, key lines):"]
        for title, query, lines in self.plans:
            text += [f"* {title}: {query}"] + [f"    {entry}" for entry in lines]
        return "\n".join(text)

    def markdown(self):
        md = [
            "| measure | value | target | ok |",
            "|---|---|---|---|",
        ]
        md += [f"| {' | '.join(map(str, row))} |" for row in self.rows]
        md += [""] + [f"- {note}" for note in self.notes]
        md += ["", "Query plans (EXPLAIN ANALYZE, key lines):", "", "```"]
        for title, query, lines in self.plans:
            md += [f"{title}: {query}"] + [f"    {entry}" for entry in lines]
        md += ["```", ""]
        return "\n".join(md)


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    started = time.time()
    load = os.getloadavg()
    bench_db = args.bench_database or f"{args.database}_bench"
    odoo = start_odoo(args.config, bench_db)
    counter = QueryCounter(odoo)
    # Mail must not leave the machine: Odoo's SMTP is a sink on loopback.
    sink = MailSink()
    odoo.tools.config["smtp_server"] = "127.0.0.1"
    odoo.tools.config["smtp_port"] = sink.start()
    odoo.tools.config["smtp_ssl"] = False
    print(f"bench: copying {args.database} to {bench_db}", flush=True)
    copy_database(odoo, args.database, bench_db)
    bench = None
    try:
        bench = Bench(odoo, bench_db, counter)
        bench.sink = sink
        bench.check_modules()
        print("bench: creating 100 invoices and a user", flush=True)
        bench.create_fixtures()
        bench.start_http()
        print(f"bench: printing ({bench.converter})", flush=True)
        bench.bench_prints()
        print("bench: logging vs chatter notes", flush=True)
        bench.bench_log_vs_note()
        print("bench: chatter emails to 1 and 10 contacts", flush=True)
        bench.bench_emails()
        print("bench: one invoice as a real PDF", flush=True)
        bench.bench_single_pdf()
        bench.stop_http()
        print(f"bench: generating {args.entries:,} entries", flush=True)
        bench.generate_entries(args.entries)
        bench.bench_large_table()
        bench.bench_pivot()
    finally:
        if bench:
            bench.stop_http()
        sink.stop()
        if args.keep:
            print(f"bench: kept database {bench_db}", flush=True)
        else:
            drop_database(odoo, bench_db)
    print()
    bench.notes.append(
        f"{time.strftime('%Y-%m-%d')}, Odoo {odoo.release.version}, PostgreSQL "
        f"{bench.pg_version}: whole bench {time.time() - started:.0f} s on "
        f"{os.cpu_count()} cores; load average {load[0]:.1f} at the start, "
        f"{os.getloadavg()[0]:.1f} at the end (other processes slow timings down)."
    )
    print(bench.render())
    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(bench.markdown())
    print(f"\n(written to {output})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
