#!/usr/bin/env python3
"""make bench and make load: what the interaction log costs, measured with the
Interaction Template Setup filled and blank, side by side in one run.

    python3 tools/perf.py bench|load --config ODOO_CONF --database DB [--port P]

DB is the throw-away copy tools/perf.sh makes (and drops): the data is made
here. README.md ("Benchmarks", "Load test") says what each mode measures and
shows a run. Outgoing mail goes to an SMTP sink on loopback that keeps
nothing. Exits 0 when a target is missed (the output says so), non-zero only
when the run could not be done.
"""

import argparse
import gc
import json
import logging
import os
import random
import re
import resource
import secrets
import socketserver
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from unittest.mock import patch

import requests

REPO = Path(__file__).resolve().parents[1]
INVOICE_REPORT = "account.report_invoice"  # the Print menu's "PDF without Payment"
QUOTE_REPORT = "sale.report_saleorder"
TIMEOUT = 600
# bench: rounds of each interleaved comparison, and targets.
INVOICE_TYPES = ("sale_draft_invoice", "sale_invoice", "sale_credit_note")
INVOICE_TYPES += ("purchase_invoice", "purchase_credit_note")
PRINT_ROUNDS = {"pdf": 5, "html": 9}  # prints of 100 invoices per setup
LOG_ROUNDS = 7
EMAIL_ROUNDS, EMAILS_PER_SAMPLE, EMAIL_TARGET = 9, 5, 1.10
PDF_ROUNDS, PDF_TARGET = 15, 1.02
QUERY_ROUNDS, MS_TARGET = 11, 50.0
PIVOT_ROUNDS, PIVOT_TARGET = 5, 300.0
ENTRIES = 1_000_000
# load: the server, the people, their documents and what they do.
WORKERS, SALESPEOPLE, USERS, DOCUMENTS = 4, 8, 16, 48
HOT, HOT_SHARE = 3, 0.25  # a quarter of the actions go to 3 documents of each kind
ACTIONS = {"print_quote": 3, "print_invoice": 3, "send_quote": 2, "call": 4}
# wkhtmltopdf fetches the report's styles from the server itself: keep one
# worker free to serve them, as a deployment with more workers than
# simultaneous PDF renders does.
PDF_SLOTS = WORKERS - 1
# Short rounds, setup filled (True) or blank, in an order that cancels a
# drift of the machine's load out of the ratio.
ROUNDS, LOAD_SECONDS = (True, False, False, True, False, True, True, False), 128

# The million entries of the bench, one INSERT ... SELECT (SQL, not the ORM).
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


# ----------------------------------------------------------------------
# Shared by both modes
# ----------------------------------------------------------------------


class Odoo:
    """Odoo in this process, on the database DB, and a mail sink."""

    def __init__(self, args):
        import odoo

        conf = ["-c", args.config, "--log-level=warn", "--no-http"]
        odoo.tools.config.parse_config(conf)
        odoo.tools.config.options.update(db_name=args.database, dbfilter="")
        odoo.service.server.load_server_wide_modules()
        self.odoo, self.db, self.config = odoo, args.database, args.config
        self.registry = odoo.modules.registry.Registry(args.database)
        self.sink = socketserver.ThreadingTCPServer(("127.0.0.1", 0), SmtpSink)
        self.sink.daemon_threads, self.sink.mails = True, []
        threading.Thread(target=self.sink.serve_forever, daemon=True).start()
        self.smtp_port = self.sink.server_address[1]
        odoo.tools.config.options.update(
            smtp_server="127.0.0.1", smtp_port=self.smtp_port, smtp_ssl=False
        )
        self.started, self.load = time.time(), os.getloadavg()[0]

    @contextmanager
    def env(self, uid=None, commit=True, context=None):
        """An environment on a new cursor, committed (or not) at exit."""
        from odoo import SUPERUSER_ID, api

        cr = self.registry.cursor()
        try:
            yield api.Environment(cr, uid or SUPERUSER_ID, context or {})
            if commit:
                cr.commit()
        finally:
            cr.rollback()
            cr.close()

    def set_setup(self, company_id, setup, filled):
        """The Interaction Template Setup of these document types ({type id:
        template id}): as shipped, or blank. manage_changes() tells other
        processes (make load's server) to drop their caches."""
        with self.registry.manage_changes(), self.env() as env:
            types = env["interaction.document.type"].with_company(company_id)
            for type_id, template_id in setup.items():
                types.browse(type_id).template_id = template_id if filled else False

    def csrf_token(self, sid):
        with self.env(commit=False) as env:
            request = SimpleNamespace(session=SimpleNamespace(sid=sid), env=env)
            return self.odoo.http.Request.csrf_token(request)

    def footer(self, extra=""):
        return (
            f"{time.strftime('%Y-%m-%d')}, Odoo {self.odoo.release.version}{extra}: "
            f"whole run {time.time() - self.started:.0f} s on {os.cpu_count()} cores; "
            f"load average {self.load:.1f} at the start, {os.getloadavg()[0]:.1f} at "
            "the end (other processes slow timings down)."
        )


class SmtpSink(socketserver.StreamRequestHandler):
    """Just enough SMTP (RFC 5321) for Odoo's smtplib client; keeps nothing."""

    def handle(self):
        self.wfile.write(b"220 localhost sink\r\n")
        for line in self.rfile:
            verb = line[:4].upper()
            if verb == b"DATA":
                self.wfile.write(b"354 end with <CRLF>.<CRLF>\r\n")
                for data in self.rfile:
                    if data.rstrip(b"\r\n") == b".":
                        break
                self.server.mails.append(1)  # list.append: thread-safe
                self.wfile.write(b"250 dropped\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            elif verb == b"EHLO":
                self.wfile.write(b"250-localhost\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")
            else:
                self.wfile.write(b"250 OK\r\n")


class Client:
    """A user's browser session: JSON-RPC and prints as the web client does."""

    def __init__(self, odoo, url, login, password, company_id):
        self.url, self.http = url, requests.Session()
        params = {"db": odoo.db, "login": login, "password": password}
        reply = self.http.post(
            f"{url}/web/session/authenticate",
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=60,
        ).json()
        if "error" in reply:
            sys.exit(f"perf: {login} cannot log in: {reply['error']}")
        self.csrf = odoo.csrf_token(self.http.cookies["session_id"])
        self.context = {
            "lang": "en_US",
            "tz": "Europe/Helsinki",
            "uid": reply["result"]["uid"],
            "allowed_company_ids": [company_id],
        }

    def call_kw(self, model, method, args, context=None):
        """Returns (ok, the result or what went wrong)."""
        kwargs = {"context": context or self.context}
        params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
        response = self.http.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}",
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=TIMEOUT,
        )
        if not response.ok:
            return False, response.status_code
        reply = response.json()
        if "error" in reply:
            return False, reply["error"].get("data", {}).get("name", "error")
        return True, reply["result"]

    def report(self, report, ids, html=False):
        """The Print menu: PDF through /report/download, or the HTML report
        the web client shows when there is no PDF. Returns (ok, status, path);
        /report/download answers errors with a 200 that is not a PDF."""
        docids = ",".join(map(str, ids))
        if html:
            path, kind = f"/report/html/{report}/{docids}", "text/html"
            response = self.http.get(
                self.url + path,
                params={"context": json.dumps(self.context)},
                timeout=TIMEOUT,
            )
        else:
            path, kind = "/report/download", "application/pdf"
            data = json.dumps([f"/report/pdf/{report}/{docids}", "qweb-pdf"])
            response = self.http.post(
                self.url + path,
                data={
                    "data": data,
                    "context": json.dumps(self.context),
                    "token": "dummy-because-api-expects-one",
                    "csrf_token": self.csrf,
                },
                timeout=TIMEOUT,
            )
        ok = response.ok and response.headers.get("Content-Type", "").startswith(kind)
        return ok, response.status_code, path


def markdown_table(headers, rows):
    lines = [f"| {' | '.join(headers)} |", "|" + "---|" * len(headers)]
    return "\n".join(lines + [f"| {' | '.join(map(str, row))} |" for row in rows])


@contextmanager
def no_gc():
    """A sample without Python's cyclic garbage collector, as timeit runs
    them: a full collection of Odoo's heap lands in whichever sample
    triggers it."""
    gc.collect()
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def cpu_seconds():
    """CPU time of this process (Odoo) and its finished children
    (wkhtmltopdf): it hardly moves when other processes share the machine."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


@contextmanager
def sql_queries():
    """The queries this process runs, as Odoo's own debug log of
    odoo.sql_db has them, without printing them."""
    logger, queries = logging.getLogger("odoo.sql_db"), []
    handler = logging.Handler()
    handler.emit = lambda r: "query:" in r.msg and queries.append(r.args[1])
    logger.addHandler(handler)
    logger.propagate, level = False, logger.level
    logger.setLevel(logging.DEBUG)
    try:
        yield queries
    finally:
        logger.removeHandler(handler)
        logger.propagate = True
        logger.setLevel(level)


# ----------------------------------------------------------------------
# make bench
# ----------------------------------------------------------------------


def make_data(env, prefix, users, groups, customers, invoices, quotations=0):
    """Users (with groups and one password), customers, posted invoices and
    quotations in the main company; each document for the next customer."""
    from odoo import Command, fields

    company, password = env.ref("base.main_company"), secrets.token_urlsafe(16)
    group_ids = [env.ref(group).id for group in ("base.group_user", *groups)]
    users = env["res.users"].create(
        [
            {
                "name": f"{prefix} user {n}",
                "login": f"{prefix}_{n}",
                "email": f"{prefix}.{n}@example.com",
                "password": password,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set(group_ids)],
                "tz": "Europe/Helsinki",
            }
            for n in range(users)
        ]
    )
    partners = env["res.partner"].create(
        [
            {
                "name": f"{prefix} customer {n}",
                "is_company": True,
                "email": f"customer{n}@{prefix}.example.com",
                "phone": f"+358 9 555 {n:04d}",
            }
            for n in range(customers)
        ]
    )
    lines = [
        Command.create({"name": "Desk", "quantity": 2, "price_unit": 250.0}),
        Command.create({"name": "Chair", "quantity": 4, "price_unit": 80.0}),
    ]
    moves = env["account.move"].create(
        [
            {
                "move_type": "out_invoice",
                "partner_id": partners[n % customers].id,
                "invoice_date": fields.Date.today(),
                "invoice_line_ids": lines,
            }
            for n in range(invoices)
        ]
    )
    moves.action_post()
    orders = []
    if quotations:
        product = {"name": "Desk", "list_price": 250.0, "type": "consu"}
        line = {"product_id": env["product.product"].create(product).id}
        orders = env["sale.order"].create(
            [
                {
                    "partner_id": partners[n % customers].id,
                    "user_id": users[n % len(users)].id,
                    "order_line": [Command.create(line)],
                }
                for n in range(quotations)
            ]
        )
    return company, password, users, partners, moves, orders


class Bench:
    def __init__(self, odoo):
        self.odoo, self.rows, self.notes, self.plans = odoo, [], [], []
        self.queries = {}  # request path -> queries of its last request

    def note(self, text):
        self.notes.append(" ".join(text.split()))

    def row(self, measure, value, target, ok):
        self.rows.append((measure, value, target, "ok" if ok else "MISSED"))

    def create_fixtures(self):
        with self.odoo.env() as env:
            env.cr.execute("SHOW server_version")
            self.pg_version = env.cr.fetchone()[0].split()[0]
            company, password, users, customers, invoices, _orders = make_data(
                env, "bench", 1, ["account.group_account_invoice"], 10, 100
            )
            self.company_id, self.uid = company.id, users.id
            self.customer_ids, self.invoice_ids = customers.ids, invoices.ids
            types = env["interaction.document.type"]
            types = [types._get_by_code(code) for code in INVOICE_TYPES]
            self.setup = {t.id: t.default_template_id.id for t in types}
        self.start_http("bench_0", password)

    def set_setup(self, filled):
        self.odoo.set_setup(self.company_id, self.setup, filled)

    def start_http(self, login, password):
        """Odoo's WSGI application in a thread, counting each request's
        queries (Odoo counts them per thread for its request log)."""
        from werkzeug.serving import make_server

        def app(environ, start_response):
            try:
                return self.odoo.odoo.http.root(environ, start_response)
            finally:
                count = threading.current_thread().query_count
                self.queries[environ["PATH_INFO"]] = count

        self.server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{self.server.server_port}"
        with self.odoo.env() as env:
            # wkhtmltopdf fetches the report's assets from this server.
            env["ir.config_parameter"].set_param("report.url", url)
        self.client = Client(self.odoo, url, login, password, self.company_id)
        # PDF when wkhtmltopdf can put several invoices in one; builds
        # without Odoo's patched Qt (e.g. Debian's) cannot, and the web
        # client shows the HTML report instead.
        logging.disable(logging.CRITICAL)  # Odoo logs the failure
        self.html = not self.client.report(INVOICE_REPORT, self.invoice_ids[:2])[0]
        logging.disable(logging.NOTSET)

    def print_invoices(self, ids, html=None):
        """Print as the browser does; returns (seconds, queries of the request)."""
        start = time.perf_counter()
        ok, status, path = self.client.report(
            INVOICE_REPORT, ids, self.html if html is None else html
        )
        if not ok:
            sys.exit(f"bench: printing {len(ids)} invoice(s) failed ({status})")
        return time.perf_counter() - start, self.queries[path]

    def print_entries(self, age=False):
        """Entries logged on the bench invoices. age: move them an hour back,
        or a print seconds after the last one passes for the HTML preview
        loading twice and is not logged."""
        with self.odoo.env() as env:
            where = "res_model = 'account.move' AND res_id = ANY(%s)"
            if age:
                env.cr.execute(
                    "UPDATE interaction_log_entry SET date = date - interval '1 hour'"
                    f" WHERE {where}",
                    [self.invoice_ids],
                )
            env.cr.execute(
                f"SELECT count(*) FROM interaction_log_entry WHERE {where}",
                [self.invoice_ids],
            )
            return env.cr.fetchone()[0]

    def bench_prints(self):
        one, hundred = self.invoice_ids[:1], self.invoice_ids
        self.set_setup(True)
        for ids in (one, hundred):  # warm-up: caches, assets, wkhtmltopdf
            self.print_invoices(ids)
            self.print_entries(age=True)
        before = self.print_entries()
        rounds = PRINT_ROUNDS["html" if self.html else "pdf"]
        times = {True: [], False: []}
        queries = defaultdict(list)
        for round_no in range(rounds):
            for filled in (True, False) if round_no % 2 == 0 else (False, True):
                self.set_setup(filled)
                # The first print after a setup change refills the caches.
                self.print_invoices(one)
                self.print_entries(age=True)
                for ids in (hundred, one):
                    seconds, count = self.print_invoices(ids)
                    self.print_entries(age=True)
                    queries[filled, len(ids)].append(count)
                    if ids is hundred:
                        times[filled].append(seconds)
        logged, expected = self.print_entries() - before, rounds * (len(hundred) + 2)
        self.set_setup(True)
        if logged != expected:
            self.note(
                f"""Prints logged {logged} entries, expected {expected}: the figures
                below do not measure logging."""
            )
        added = {}
        for n in (1, 100):
            on, off = min(queries[True, n]), min(queries[False, n])
            added[n] = on - off
            self.note(
                f"""Queries of the print request, {n} invoice(s): {on} with logging,
                {off} with the setup blank (min of {rounds})."""
            )
        self.row(
            "SQL queries added by logging a print of 1 / 100 invoices",
            f"{added[1]} / {added[100]}",
            "equal",
            added[1] == added[100],
        )
        on, off = statistics.median(times[True]), statistics.median(times[False])
        self.row(
            "Print 100 invoices: with logging ÷ setup blank",
            f"{on / off:.3f} ({on:.2f} s / {off:.2f} s)",
            "≤ 1.03",
            on / off <= 1.03,
        )
        how = (
            "HTML through /report/html, as the web client shows it when this "
            "wkhtmltopdf cannot put several invoices in one PDF"
            if self.html
            else "PDF through /report/download as the web client posts it"
        )
        self.note(
            f"""Prints: report {INVOICE_REPORT}, {how}, as an internal billing user over
            HTTP; median of {rounds} interleaved runs after a warm-up."""
        )

    def bench_log_vs_note(self):
        def log(invoices):
            return invoices.env["interaction.log.entry"]._log_interaction(
                invoices, "sale_invoice"
            )

        def note(invoices):
            notes = [
                i.message_post(
                    body="Bench note",
                    message_type="comment",
                    subtype_xmlid="mail.mt_note",
                )
                for i in invoices
            ]
            return invoices.env["mail.message"].concat(*notes)

        times = {log: [], note: []}
        for round_no in range(LOG_ROUNDS + 1):  # the first round warms up
            for action in (log, note) if round_no % 2 == 0 else (note, log):
                # Never committed: each run starts from the same data.
                context = {"allowed_company_ids": [self.company_id]}
                with self.odoo.env(self.uid, commit=False, context=context) as env:
                    invoices = env["account.move"].browse(self.invoice_ids)
                    start = time.perf_counter()
                    created = action(invoices)
                    env.flush_all()
                    if round_no:
                        times[action].append(time.perf_counter() - start)
                    if len(created) != len(invoices):
                        sys.exit(f"bench: {action.__name__} created {len(created)}")
        logged, noted = statistics.median(times[log]), statistics.median(times[note])
        self.row(
            "Log 100 invoices ÷ post a chatter note on each",
            f"{logged / noted:.3f} ({logged * 1000:.0f} ms / {noted * 1000:.0f} ms)",
            "≤ 0.5",
            logged / noted <= 0.5,
        )

    def interleaved(self, sample, rounds, check=None):
        """{filled: [wall seconds]}, {filled: [CPU seconds]} of sample(filled),
        interleaved, each after an untimed sample(filled, warm=True) that
        refills the caches the setup change cleared, then check(filled) if
        given; the first round warms up."""
        wall, cpu = {True: [], False: []}, {True: [], False: []}
        for round_no in range(rounds + 1):
            for filled in (True, False) if round_no % 2 == 0 else (False, True):
                self.set_setup(filled)
                sample(filled, warm=True)
                with no_gc():
                    start, start_cpu = time.perf_counter(), cpu_seconds()
                    size = sample(filled)
                    elapsed, elapsed_cpu = (
                        time.perf_counter() - start,
                        cpu_seconds() - start_cpu,
                    )
                if check:
                    check(filled)
                if round_no:
                    wall[filled].append(elapsed / size)
                    cpu[filled].append(elapsed_cpu / size)
        self.set_setup(True)
        return wall, cpu

    def ratio_row(self, measure, wall, cpu, target):
        """The target applies to the median wall clock, what the user waits
        for; the CPU time follows (it leaves PostgreSQL's time out)."""
        on, off = statistics.median(wall[True]), statistics.median(wall[False])
        cpu_on, cpu_off = statistics.median(cpu[True]), statistics.median(cpu[False])
        self.row(
            measure,
            f"{on / off:.3f} ({on * 1000:.1f} / {off * 1000:.1f} ms); "
            f"CPU {cpu_on / cpu_off:.3f} "
            f"({cpu_on * 1000:.1f} / {cpu_off * 1000:.1f} ms)",
            f"≤ {target:.2f}",
            on / off <= target,
        )

    def bench_emails(self):
        """message_post on invoices to 1 and to 10 contacts, as the chatter's
        "Send message" does: the post, the commit and the mails Odoo sends
        right after it, to the sink."""
        context = {"allowed_company_ids": [self.company_id]}
        for size in (1, 10):
            last = {}

            def sample(filled, warm=False):
                count = 1 if warm else EMAILS_PER_SAMPLE
                last["mails"] = len(self.odoo.sink.mails)
                # No random garbage collection of the bus inside the timing.
                with (
                    self.odoo.env(self.uid, context=context) as env,
                    patch("random.random", lambda: 1),
                ):
                    messages = env["mail.message"]
                    for invoice in env["account.move"].browse(self.invoice_ids[:count]):
                        messages |= invoice.message_post(
                            body="<p>Please find our remarks below.</p>",
                            subject="About your invoice",
                            partner_ids=invoice.partner_id.ids
                            if size == 1
                            else self.customer_ids,
                            message_type="comment",
                            subtype_xmlid="mail.mt_comment",
                        )
                    last["ids"] = messages.ids
                return count  # committed, and the mails sent

            def check(filled):
                ids = last["ids"]
                with self.odoo.env(commit=False) as env:
                    env.cr.execute(
                        "SELECT count(*), count(*) FILTER"
                        " (WHERE delivery_status = 'sent') FROM interaction_log_entry"
                        " WHERE mail_message_id = ANY(%s)",
                        [ids],
                    )
                    expected = len(ids) * size if filled else 0
                    if env.cr.fetchone() != (expected, expected):
                        sys.exit(f"bench: emails not logged {expected} times as sent")
                if len(self.odoo.sink.mails) - last["mails"] != len(ids) * size:
                    sys.exit("bench: the mails did not all reach the mail sink")

            wall, cpu = self.interleaved(sample, EMAIL_ROUNDS, check)
            contacts = "1 contact" if size == 1 else f"{size} contacts"
            self.ratio_row(
                f"Chatter email to {contacts}: logging ÷ setup blank",
                wall,
                cpu,
                EMAIL_TARGET,
            )
        self.note(
            f"""Chatter emails: message_post (comment) on {EMAILS_PER_SAMPLE} invoices
            per sample as the billing user, each committed and its mails sent over
            SMTP to a sink on loopback, as Odoo does right after the commit; median
            of {EMAIL_ROUNDS} interleaved samples per setup, per email, each after
            an untimed email that refills the caches the setup change cleared,
            without Python's garbage collector inside the sample (as timeit). The
            target applies to the wall clock; the CPU time of the Odoo process and
            its children (wkhtmltopdf) follows."""
        )

    def bench_single_pdf(self):
        measure = "Print 1 invoice as PDF (wkhtmltopdf): logging ÷ setup blank"
        with self.odoo.env(commit=False) as env:
            state = env["ir.actions.report"].get_wkhtmltopdf_state()
        if state != "ok":
            self.row(measure, "-", f"≤ {PDF_TARGET}", False)
            self.note(f"Single PDF not measured: wkhtmltopdf state {state!r}.")
            return
        # Debian's wkhtmltopdf warns on every run about switches it ignores.
        logging.getLogger("odoo.addons.base.models.ir_actions_report").setLevel(
            logging.ERROR
        )
        # Logging itself, timed where it runs inside the print request.
        Report, logged, inside = self.odoo.registry["ir.actions.report"], [], []
        log_print = Report._interaction_log_print

        def timed_log_print(*args, **kwargs):
            start = time.perf_counter()
            try:
                return log_print(*args, **kwargs)
            finally:
                logged.append(time.perf_counter() - start)

        def sample(filled, warm=False):
            logged.clear()
            self.print_invoices(self.invoice_ids[-1:], html=False)
            if filled and not warm:
                inside.append(sum(logged))
            return 1

        with patch.object(Report, "_interaction_log_print", timed_log_print):
            wall, cpu = self.interleaved(sample, PDF_ROUNDS)
        self.ratio_row(measure, wall, cpu, PDF_TARGET)
        inside = statistics.median(inside)
        self.note(
            f"""Single PDF: one posted invoice through /report/download rendered by
            wkhtmltopdf; median of {PDF_ROUNDS} interleaved prints per setup, each
            after an untimed print that refills the caches the setup change cleared;
            wall and CPU as for emails. Logging itself, timed inside the print
            request: {inside * 1000:.1f} ms (median),
            {inside / statistics.median(wall[False]):.1%} of the print."""
        )

    def generate_entries(self, total=ENTRIES):
        """2,000 contacts (ORM), ``total`` entries over them (SQL)."""
        from odoo import Command

        start = time.perf_counter()
        with self.odoo.env() as env:
            cr = env.cr
            other_company = env["res.company"].create({"name": "Bench Company B"})
            # The bench user may switch to it, but works in the main company.
            env["res.users"].browse(self.uid).company_ids = [
                Command.link(other_company.id)
            ]
            # 300 companies with 3 contacts each, and 800 private persons.
            Partner = env["res.partner"].with_context(tracking_disable=True)
            tops = Partner.create(
                [
                    {"name": f"Bench Company {g}", "is_company": g < 300}
                    for g in range(1100)
                ]
            )
            companies = tops[:300]
            Partner.create(
                [
                    {"name": f"Contact {n}", "parent_id": c.id}
                    for c in companies
                    for n in "123"
                ]
            )
            env.flush_all()
            cr.execute(
                "SELECT id, commercial_partner_id FROM res_partner"
                " WHERE commercial_partner_id = ANY(%s) ORDER BY id",
                [tops.ids],
            )
            partners = cr.fetchall()
            self.stats_partner_id = companies[0].id
            templates = env["interaction.template"].search(
                [("company_id", "in", (False, self.company_id))]
            )
            doc_types = env["interaction.document.type"].search([])
            with bulk_load(cr, "interaction_log_entry"):
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
        with self.odoo.env() as env:
            env.cr._cnx.autocommit = True
            env.cr.execute("VACUUM ANALYZE interaction_log_entry")
            env.cr.execute("VACUUM ANALYZE res_partner")
            env.cr._cnx.autocommit = False
        self.note(
            f"""1M entries: {total:,} over {len(partners):,} contacts (300 companies
            with 3 contacts each), {len(templates)} templates, 24 months (batches of
            50 at one timestamp), ~3 % canceled, 1/7 in a second company; contacts
            made with the ORM, entries inserted with SQL, vacuumed in
            {time.perf_counter() - start:.0f} s."""
        )

    def timed(self, title, run, rounds=QUERY_ROUNDS):
        """Milliseconds of run(env) as the bench user, each time with empty
        record caches, as a new request has them: (median, fastest, result).
        Keeps the query plans of one more run."""
        context = {"allowed_company_ids": [self.company_id], "lang": "en_US"}
        times = []
        with self.odoo.env(self.uid, commit=False, context=context) as env:
            run(env)  # warm-up
            for _run in range(rounds):
                env.invalidate_all()
                start = time.perf_counter()
                result = run(env)
                times.append((time.perf_counter() - start) * 1000)
            env.invalidate_all()
            with sql_queries() as queries:
                run(env)
            for query in queries:
                if "interaction_log_entry" not in query:
                    continue
                env.cr.execute(f"EXPLAIN (ANALYZE, BUFFERS) {query}")
                plan = [line for (line,) in env.cr.fetchall()]
                # The plan's nodes without cost estimates, and the run time.
                plan = [plan[0]] + [
                    line
                    for line in plan[1:]
                    if "->" in line or line.startswith("Execution Time")
                ]
                plan = [re.sub(r" +\(cost=[^)]*\)", "", line.rstrip()) for line in plan]
                self.plans.append((title, " ".join(query.split())[:160], plan))
        return statistics.median(times), min(times), result

    def bench_large_table(self):
        from dateutil.relativedelta import relativedelta

        from odoo import fields

        def contact_statistics(env):
            partner = env["res.partner"].browse(self.stats_partner_id)
            return (
                partner.interaction_count,
                partner.interaction_cost,
                partner.last_attempt_date,
            )

        ms, fastest, figures = self.timed("Contact statistics", contact_statistics)
        self.row(
            "1M entries: a company contact's statistics",
            f"{ms:.1f} ms (fastest {fastest:.1f}; {figures[0]:,} entries)",
            f"≤ {MS_TARGET:.0f} ms",
            ms <= MS_TARGET,
        )
        spec = self.list_specification()

        def list_first_page(env):
            return env["interaction.log.entry"].web_search_read(
                [("canceled", "=", False)],
                spec,
                limit=80,
                order="date DESC, id DESC",
                count_limit=10001,
            )

        ms, fastest, page = self.timed("Interactions list", list_first_page)
        self.row(
            "1M entries: Interactions list, first page",
            f"{ms:.1f} ms (fastest {fastest:.1f}; "
            f"{len(page['records'])} of {page['length']:,}+)",
            f"≤ {MS_TARGET:.0f} ms",
            ms <= MS_TARGET,
        )
        self.note(
            """The list's count (the pager's "1-80 / 10000+") stops at 10,001 rows:
            PostgreSQL reads them sequentially, cheaper than any index."""
        )

        def smart_button(env):
            return env["account.move"].browse(self.invoice_ids[0]).interaction_log_count

        ms, fastest, count = self.timed("Smart button", smart_button)
        self.row(
            "1M entries: an invoice's Interactions smart button",
            f"{ms:.1f} ms (fastest {fastest:.1f}; {count} entries)",
            f"≤ {MS_TARGET:.0f} ms",
            ms <= MS_TARGET,
        )
        # The pivot view's grid: one read_group per pair of row/column
        # group-by prefixes (web/static/src/views/pivot/pivot_model.js).
        month = fields.Date.today().replace(day=1)
        since = fields.Datetime.to_datetime(month - relativedelta(months=11))
        domain = [("canceled", "=", False), ("date", ">=", since)]
        groupbys = ([], ["date:month"], ["template_id"], ["template_id", "date:month"])

        def pivot(env):
            Entry = env["interaction.log.entry"].with_context(tz="Europe/Helsinki")
            measures = ["cost:sum", "duration:sum", "__count"]
            return [
                Entry.read_group(domain, measures, groupby, lazy=False)
                for groupby in groupbys
            ]

        ms, fastest, grids = self.timed("Pivot", pivot, rounds=PIVOT_ROUNDS)
        total = grids[0][0]["__count"] if grids[0] else 0
        self.row(
            "1M entries: Interactions pivot, template × month, last 12 months",
            f"{ms:.1f} ms (fastest {fastest:.1f}; "
            f"{total:,} entries, {len(grids[3])} cells)",
            f"≤ {PIVOT_TARGET:.0f} ms",
            ms <= PIVOT_TARGET,
        )
        self.note(
            f"""Pivot: the four read_group calls (lazy=False; cost and duration summed,
            counted) the pivot view makes for rows template_id, columns date:month,
            under the default filter (not canceled) and date ≥ {since:%Y-%m-%d}; the
            view sends them at once, timed here one after the other."""
        )

    def list_specification(self):
        """The fields the list view reads, as the web client asks for them."""
        from lxml import etree

        with self.odoo.env(self.uid, commit=False) as env:
            Entry = env["interaction.log.entry"]
            arch = Entry.get_views([(False, "list")])["views"]["list"]["arch"]
            return {
                node.get("name"): {"fields": {"display_name": {}}}
                if Entry._fields[node.get("name")].type == "many2one"
                else {}
                for node in etree.fromstring(arch).iter("field")
            }

    def run(self):
        steps = (
            ("creating 100 invoices and a user", self.create_fixtures),
            ("printing", self.bench_prints),
            ("logging vs chatter notes", self.bench_log_vs_note),
            ("chatter emails to 1 and 10 contacts", self.bench_emails),
            ("one invoice as a real PDF", self.bench_single_pdf),
            (f"generating {ENTRIES:,} entries", self.generate_entries),
            ("reading them", self.bench_large_table),
        )
        try:
            for title, step in steps:
                print(f"bench: {title}", flush=True)
                step()
        finally:
            if getattr(self, "server", None):
                self.server.shutdown()
        self.notes.append(self.odoo.footer(f", PostgreSQL {self.pg_version}"))
        text = [markdown_table(("measure", "value", "target", "ok"), self.rows), ""]
        text += [f"- {note}" for note in self.notes]
        text += ["", "Query plans (EXPLAIN ANALYZE, key lines):", "", "```"]
        for title, query, lines in self.plans:
            text += [f"{title}: {query}"] + [f"    {line}" for line in lines]
        text = "\n".join(text + ["```", ""])
        print(f"\n{text}")
        (REPO / ".local" / "bench.md").write_text(text)
        print("(written to .local/bench.md)")


@contextmanager
def bulk_load(cr, table):
    """Load ``table`` the way PostgreSQL loads fastest: without its secondary
    indexes and foreign keys, put back as they were (and checked) after."""
    cr.execute(
        """
        SELECT 'DROP INDEX ' || indexrelid::regclass, pg_get_indexdef(indexrelid)
          FROM pg_index i
         WHERE indrelid = %s::regclass AND NOT indisprimary
           AND NOT EXISTS (SELECT FROM pg_constraint c WHERE c.conindid = i.indexrelid)
         UNION ALL
        SELECT format('ALTER TABLE %%I DROP CONSTRAINT %%I', %s, conname),
               format('ALTER TABLE %%I ADD CONSTRAINT %%I ', %s, conname)
               || pg_get_constraintdef(oid)
          FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'f'
        """,
        [table] * 4,
    )
    statements = cr.fetchall()
    for drop, _create in statements:
        cr.execute(drop)
    yield
    cr.execute("SET LOCAL maintenance_work_mem = '256MB'")
    for _drop, create in statements:
        cr.execute(create)


# ----------------------------------------------------------------------
# make load
# ----------------------------------------------------------------------


class Load:
    """USERS simulated users (as SALESPEOPLE salespeople) on a prefork
    server, in ROUNDS of LOAD_SECONDS together. Each repeatedly picks one of:
    print a quotation or a posted invoice as PDF (/report/download); send a
    quotation by email through the composer over JSON-RPC, as "Send by Email"
    does; log a call through the telephony webhook. Then the entries are
    compared with what the successful requests should have logged."""

    def __init__(self, odoo, port):
        self.odoo, self.url = odoo, f"http://127.0.0.1:{port}"
        self.log = REPO / ".local" / "load-server.log"

    def create(self):
        """Salespeople, customers, quotations, posted invoices, a webhook key."""
        groups = [
            "sales_team.group_sale_salesman_all_leads",
            "base.group_partner_manager",
        ]
        with self.odoo.env() as env:
            company, self.password, users, customers, invoices, orders = make_data(
                env, "load", SALESPEOPLE, groups, DOCUMENTS, DOCUMENTS, DOCUMENTS
            )
            self.company_id, self.logins = company.id, users.mapped("login")
            self.customers = dict(zip(customers.ids, customers.mapped("phone")))
            self.quotations, self.invoices = orders.ids, invoices.ids
            # As after the first "Configure your document layout" dialog.
            company.external_report_layout_id = env.ref("web.external_layout_standard")
            company.email = company.email or "office@load.example.com"
            # wkhtmltopdf loads the report's assets from the server itself.
            for key in ("report.url", "web.base.url"):
                env["ir.config_parameter"].set_param(key, self.url)
            env["ir.config_parameter"].set_param("web.base.url.freeze", "True")
            # Loopback only: no scheduled job may reach out (IAP, the
            # publisher's warranty check ...). The cron worker keeps sending
            # queued mail, to the sink.
            mail_queue = env.ref("mail.ir_cron_mail_scheduler_action")
            env["ir.cron"].search([("id", "!=", mail_queue.id)]).active = False
            # A key of the webhook's scope, of a user of the company.
            self.api_key = (
                env["res.users.apikeys"]
                .with_user(users[0])
                .sudo()
                ._generate("interaction_autolog_call", "Load test PBX", None)
            )
            types = (
                env["interaction.document.type"]
                .with_company(company)
                .with_context(active_test=False)
            )
            self.setup = {
                t.id: t.template_id.id for t in types.search([]) if t.template_id
            }
        self.first_entry_id = self.max_entry_id()

    def max_entry_id(self):
        with self.odoo.env(commit=False) as env:
            env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM interaction_log_entry")
            return env.cr.fetchone()[0]

    def start_server(self):
        """Odoo as in production: WORKERS HTTP workers and a cron worker."""
        self.log.write_text("")
        port = int(self.url.rsplit(":", 1)[1])
        db, smtp = self.odoo.db, self.odoo.smtp_port
        options = f"""-c {self.odoo.config} -d {db} --db-filter=^{db}$
            --workers={WORKERS}
            --http-interface=127.0.0.1 --http-port={port} --gevent-port={port + 1}
            --max-cron-threads=1 --db_maxconn=16 --limit-time-cpu=600
            --limit-time-real=1200 --smtp=127.0.0.1 --smtp-port={smtp}
            --logfile={self.log}"""
        self.server = subprocess.Popen(
            [sys.executable, "-m", "odoo", *options.split()],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            env={**os.environ, "TZ": "UTC"},
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and self.server.poll() is None:
            try:
                if requests.get(f"{self.url}/web/login", timeout=5).ok:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        tail = self.log.read_text().splitlines()[-30:]
        sys.exit("load: the server did not start:\n" + "\n".join(tail))

    def pick(self, rng, pool):
        return pool[rng.randrange(HOT if rng.random() < HOT_SHARE else len(pool))]

    def record(self, rnd, action, started, results, expect=None):
        """One action's requests: [(ok, status)]; expect: the entry it logs."""
        finished = time.monotonic()
        with rnd.lock:
            rnd.requests += len(results)
            rnd.in_time += len(results) if finished <= rnd.deadline else 0
            rnd.times[action].append(finished - started)
            failed = [status for ok, status in results if not ok]
            rnd.errors.update(f"{action}: {status}" for status in failed)
            if expect and not failed and rnd.filled:
                rnd.expected[expect] += 1

    def pdf(self, rnd, client, report, res_id):
        """A PDF render when a slot is free before the round's end."""
        if not rnd.pdf_slots.acquire(timeout=max(rnd.deadline - time.monotonic(), 0)):
            return None
        try:
            return client.report(report, [res_id])[:2]
        finally:
            rnd.pdf_slots.release()

    def user(self, rnd, number):
        client, rng = self.clients[number], random.Random(rnd.seed * 1000 + number)
        while time.monotonic() < rnd.deadline:
            action = rng.choices(list(ACTIONS), list(ACTIONS.values()))[0]
            started = time.monotonic()
            if action == "send_quote":
                self.record(
                    rnd,
                    action,
                    started,
                    self.send_quote(rnd, client, self.pick(rng, self.quotations)),
                )
            elif action == "call":
                partner = self.pick(rng, list(self.customers))
                direction = rng.choice(("inbound", "outbound"))
                response = client.http.post(
                    f"{self.url}/interaction_autolog/call",
                    headers={"Authorization": f"Bearer {self.api_key}"},
                    json={
                        "direction": direction,
                        "number": self.customers[partner],
                        "start": time.strftime(
                            "%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()
                        ),
                        "duration_seconds": 90,
                        "status": "answered",
                        "call_id": f"load-{uuid.uuid4().hex}",
                    },
                    timeout=TIMEOUT,
                )
                code = "phone_call" if direction == "outbound" else "phone_call_inbound"
                expect = ("res.partner", partner, code, "phone")
                self.record(
                    rnd, action, started, [(response.ok, response.status_code)], expect
                )
            else:
                quote = action == "print_quote"
                res_id = self.pick(rng, self.quotations if quote else self.invoices)
                result = self.pdf(
                    rnd, client, QUOTE_REPORT if quote else INVOICE_REPORT, res_id
                )
                if result is None:
                    break
                model, code = (
                    ("sale.order", "sale_quote")
                    if quote
                    else ("account.move", "sale_invoice")
                )
                self.record(
                    rnd, action, started, [result], (model, res_id, code, "paper")
                )

    def send_quote(self, rnd, client, order):
        """The "Send by Email" button: open the composer, send. [(ok, status)]"""
        results = [client.call_kw("sale.order", "action_quotation_send", [[order]])]
        if not results[-1][0]:
            return results
        context = {**client.context, **results[-1][1]["context"]}
        # Creating the composer renders the quotation's PDF attachment.
        if not rnd.pdf_slots.acquire(timeout=max(rnd.deadline - time.monotonic(), 0)):
            return results
        try:
            results.append(
                client.call_kw("mail.compose.message", "create", [{}], context)
            )
        finally:
            rnd.pdf_slots.release()
        if results[-1][0]:
            results.append(
                client.call_kw(
                    "mail.compose.message",
                    "action_send_mail",
                    [[results[-1][1]]],
                    context,
                )
            )
            if results[-1][0] and rnd.filled:  # one entry: the quotation's customer
                with rnd.lock:
                    rnd.expected["sale.order", order, "sale_quote", "email"] += 1
        return results

    def round(self, name, filled, seconds, seed, clients):
        rnd = SimpleNamespace(
            name=name, filled=filled, seconds=seconds, seed=seed, lock=threading.Lock()
        )
        rnd.requests, rnd.in_time, rnd.errors, rnd.expected = 0, 0, Counter(), Counter()
        rnd.times, rnd.pdf_slots = (
            defaultdict(list),
            threading.BoundedSemaphore(PDF_SLOTS),
        )
        rnd.deadline = time.monotonic() + seconds
        if not clients:  # warm-up: asset bundles, wkhtmltopdf, templates
            rnd.deadline += 300
            self.pdf(rnd, self.clients[0], QUOTE_REPORT, self.quotations[-1])
            self.pdf(rnd, self.clients[0], INVOICE_REPORT, self.invoices[-1])
            self.send_quote(rnd, self.clients[0], self.quotations[-1])
            return rnd
        rnd.first_id = self.max_entry_id()
        threads = [
            threading.Thread(target=self.user, args=(rnd, n)) for n in range(clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        rnd.elapsed, rnd.last_id = (
            time.monotonic() - rnd.deadline + seconds,
            self.max_entry_id(),
        )
        rnd.throughput = rnd.in_time / seconds  # requests answered within the round
        return rnd

    def lost_and_duplicated(self, rounds):
        """Entries missing or extra per round, plus those beyond the first
        with the same version of the same document for the same contact."""
        lost = duplicated = 0
        with self.odoo.env(commit=False) as env:
            for rnd in rounds:
                env.cr.execute(
                    """
                    SELECT e.res_model, e.res_id, t.code, e.channel, count(*)
                      FROM interaction_log_entry e
                      JOIN interaction_document_type t ON t.id = e.document_type_id
                     WHERE e.id > %s AND e.id <= %s GROUP BY 1, 2, 3, 4
                    """,
                    [rnd.first_id, rnd.last_id],
                )
                found = {tuple(row[:4]): row[4] for row in env.cr.fetchall()}
                for key in set(found) | set(rnd.expected):
                    missing = rnd.expected[key] - found.get(key, 0)
                    lost, duplicated = (
                        lost + max(missing, 0),
                        duplicated + max(-missing, 0),
                    )
            env.cr.execute(
                """
                SELECT COALESCE(SUM(n - 1), 0) FROM (
                    SELECT count(*) AS n FROM interaction_log_entry WHERE id > %s
                     GROUP BY res_model, res_id, document_type_id, partner_id,
                              document_version
                    HAVING count(*) > 1) duplicates
                """,
                [self.first_entry_id],
            )
            return lost, duplicated + int(env.cr.fetchone()[0])

    def run(self):
        print("load: creating salespeople, customers, quotations, invoices", flush=True)
        self.create()
        print(
            f"load: Odoo ({WORKERS} workers + cron) on {self.url}, mail to a sink",
            flush=True,
        )
        self.start_server()
        try:
            logins = [self.logins[n % SALESPEOPLE] for n in range(USERS)]
            args = self.odoo, self.url
            self.clients = [
                Client(*args, x, self.password, self.company_id) for x in logins
            ]
            self.round("warm-up", True, 0, 0, 0)
            rounds, each = [], LOAD_SECONDS / len(ROUNDS)
            for number, filled in enumerate(ROUNDS, start=1):
                self.odoo.set_setup(self.company_id, self.setup, filled)
                setup = "filled" if filled else "blank"
                print(f"load: round {number} ({setup}), {each:.0f} s", flush=True)
                rounds.append(self.round(str(number), filled, each, number, USERS))
            self.odoo.set_setup(self.company_id, self.setup, True)
        finally:
            self.server.terminate()
            self.server.wait(60)
        self.report(rounds)

    def report(self, rounds):
        lost, duplicated = self.lost_and_duplicated(rounds)
        rates = [
            statistics.mean(r.throughput for r in rounds if r.filled == f)
            for f in (1, 0)
        ]
        errors = sum((r.errors for r in rounds), Counter())
        headers = "round setup s requests errors req/s".split() + ["action ms (median)"]
        rows = [
            (
                r.name,
                "filled" if r.filled else "blank",
                f"{r.seconds:.0f}+{r.elapsed - r.seconds:.0f}",
                r.requests,
                sum(r.errors.values()),
                f"{r.throughput:.2f}",
                ", ".join(
                    f"{a} {statistics.median(t) * 1000:.0f}"
                    for a, t in sorted(r.times.items())
                ),
            )
            for r in rounds
        ]
        retries = self.log.read_text(errors="replace").count("tries left, try again in")
        print(f"""
{markdown_table(headers, rows)}

requests/s, setup filled: {rates[0]:.2f}; blank: {rates[1]:.2f}
entries expected from successful requests: {sum(r.expected.total() for r in rounds)}
emails received by the mail sink: {len(self.odoo.sink.mails)}
requests Odoo ran again after a concurrency error: {retries}
errors by kind: {dict(errors) or "none"}
{self.odoo.footer()}

load: {sum(r.requests for r in rounds)} requests, {sum(errors.values())} errors, \
{lost} lost, {duplicated} duplicated, throughput ratio {rates[0] / rates[1]:.2f}""")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("bench", "load"))
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--port", type=int, help="make load's server (127.0.0.1)")
    args = parser.parse_args()
    odoo = Odoo(args)
    (Bench(odoo) if args.mode == "bench" else Load(odoo, args.port)).run()


if __name__ == "__main__":
    main()
