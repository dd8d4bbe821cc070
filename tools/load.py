#!/usr/bin/env python3
"""make load: many users at once on a production-like server, logging on vs off.

    python3 tools/load.py --config ODOO_CONF --database DB --port PORT
                          [--users 16] [--seconds 128] [--keep]

DB must have sale_management, account and our addons installed. The run never
writes to DB: it copies it to DB_load, adds its users, customers, quotations
and invoices there, starts Odoo in prefork mode on it (4 HTTP workers and a
cron worker, listening on 127.0.0.1:PORT only, outgoing mail to a mail sink
on loopback that keeps nothing) and lets USERS simulated users work against
it for SECONDS in eight short rounds, half with the Interaction Template
Setup as shipped, half with every cell blank, in the order FBBFBFFB. Each user,
logged in as one of 8 salespeople, repeatedly picks one of:

- print a quotation as PDF through /report/download (the Print menu);
- print a posted invoice as PDF through /report/download;
- send a quotation by email through the composer over JSON-RPC, as the
  "Send by Email" button does (action_quotation_send, create the
  mail.compose.message, action_send_mail);
- log a call through the telephony webhook /interaction_autolog/call.

Documents come from one shared pool, and a share of the actions goes to a
few "hot" documents that several users work on at the same time.

Afterwards the entries in the database are compared with what the successful
requests should have logged: lost (missing), duplicated (extra, or two
entries with the same version of the same document for the same contact).
Prints a table, then last one line:

    load: N requests, E errors, L lost, D duplicated, throughput ratio R

E counts answers that are not 2xx (and JSON-RPC errors and downloads that
are not a PDF, which Odoo sends with 200); R is requests/second with
logging ÷ without. Targets: E = 0, L = 0, D = 0, R ≥ 0.95. Exits 0 when the
run completed (the line says what was missed), non-zero only when it could
not run.
"""

import argparse
import json
import os
import random
import secrets
import signal
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter, defaultdict
from contextlib import closing
from pathlib import Path
from types import SimpleNamespace

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import MailSink, copy_database, drop_database, start_odoo  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
LOCAL = REPO / ".local"
WORKERS = 4
SALESPEOPLE = 8
CUSTOMERS = 48
QUOTATIONS = 48
INVOICES = 48
HOT = 3  # documents of each kind that several users work on at once
HOT_SHARE = 0.25  # share of the actions that go to a hot document
# Relative frequency of each action.
ACTIONS = {"print_quote": 3, "print_invoice": 3, "send_quote": 2, "call": 4}
# wkhtmltopdf fetches the report's styles from the server itself: with every
# worker busy rendering, nobody would serve them. Keep one worker free, as a
# deployment does by having more workers than simultaneous PDF renders.
PDF_SLOTS = WORKERS - 1
# Setup filled (True) or blank in each round: short rounds in an order that
# cancels a drift of the machine's load out of the ratio.
ROUNDS = (True, False, False, True, False, True, True, False)
QUOTE_REPORT = "sale.report_saleorder"
INVOICE_REPORT = "account.report_invoice"
REQUEST_TIMEOUT = 120


def parse_args(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--config", required=True, help="Odoo configuration file")
    parser.add_argument(
        "--database",
        required=True,
        help="database with sale_management, account and our addons (left untouched)",
    )
    parser.add_argument("--port", type=int, required=True, help="HTTP port (loopback)")
    parser.add_argument("--users", type=int, default=16, help="simulated users")
    parser.add_argument(
        "--seconds",
        type=float,
        default=128,
        help="time of the eight rounds together (at most 180)",
    )
    parser.add_argument("--seed", type=int, default=20250301)
    parser.add_argument(
        "--keep", action="store_true", help="keep the load database afterwards"
    )
    args = parser.parse_args(argv)
    if not 20 <= args.seconds <= 180:
        parser.error("--seconds must be between 20 and 180")
    if not 1 <= args.users <= 64:
        parser.error("--users must be between 1 and 64")
    return args


# ----------------------------------------------------------------------
# The load database and its data
# ----------------------------------------------------------------------


class LoadData:
    def __init__(self, odoo, db):
        self.odoo = odoo
        self.db = db
        self.registry = odoo.modules.registry.Registry(db)

    def env(self):
        from odoo import SUPERUSER_ID, api

        return api.Environment(self.registry.cursor(), SUPERUSER_ID, {})

    def check_modules(self):
        env = self.env()
        with closing(env.cr):
            missing = [
                name
                for name in ("sale_management", "account", "interaction_autolog_sale")
                if not env["ir.module.module"].search_count(
                    [("name", "=", name), ("state", "=", "installed")]
                )
            ]
        if missing:
            sys.exit(f"load: install {', '.join(missing)} in the database first")

    def create(self, base_url):
        """Salespeople, customers, quotations, posted invoices, a webhook key."""
        from odoo import Command, fields

        env = self.env()
        with env.cr:
            company = env.ref("base.main_company")
            self.company_id = company.id
            # As after the first "Configure your document layout" dialog.
            company.external_report_layout_id = env.ref("web.external_layout_standard")
            company.email = company.email or "office@load.example.com"
            params = env["ir.config_parameter"]
            # wkhtmltopdf loads the report's assets from the server itself.
            params.set_param("report.url", base_url)
            params.set_param("web.base.url", base_url)
            params.set_param("web.base.url.freeze", "True")
            groups = [
                env.ref("base.group_user"),
                env.ref("sales_team.group_sale_salesman_all_leads"),
                env.ref("account.group_account_invoice"),
                env.ref("base.group_partner_manager"),
            ]
            self.password = secrets.token_urlsafe(12)
            users = env["res.users"].create(
                [
                    {
                        "name": f"Load Salesperson {n}",
                        "login": f"load_sales_{n}",
                        "email": f"load.sales.{n}@load.example.com",
                        "password": self.password,
                        "company_id": company.id,
                        "company_ids": [Command.set(company.ids)],
                        "groups_id": [Command.set([g.id for g in groups])],
                        "tz": "Europe/Helsinki",
                    }
                    for n in range(SALESPEOPLE)
                ]
            )
            self.logins = users.mapped("login")
            self.admin_password = secrets.token_urlsafe(12)
            env.ref("base.user_admin").password = self.admin_password
            customers = env["res.partner"].create(
                [
                    {
                        "name": f"Load Customer {n}",
                        "is_company": True,
                        "email": f"customer{n}@load.example.com",
                        "phone": f"+358 9 555 {n:04d}",
                    }
                    for n in range(CUSTOMERS)
                ]
            )
            self.customers = dict(zip(customers.ids, customers.mapped("phone")))
            product = env["product.product"].create(
                {"name": "Load Desk", "list_price": 250.0, "type": "consu"}
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": customers[n % CUSTOMERS].id,
                        "user_id": users[n % SALESPEOPLE].id,
                        "order_line": [
                            Command.create(
                                {"product_id": product.id, "product_uom_qty": 1 + n % 5}
                            )
                        ],
                    }
                    for n in range(QUOTATIONS)
                ]
            )
            self.quotations = orders.ids
            invoices = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": customers[-1 - n % CUSTOMERS].id,
                        "invoice_date": fields.Date.today(),
                        "invoice_line_ids": [
                            Command.create(
                                {"name": "Chair", "quantity": 4, "price_unit": 80.0}
                            )
                        ],
                    }
                    for n in range(INVOICES)
                ]
            )
            invoices.action_post()
            self.invoices = invoices.ids
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
            DocType = env["interaction.document.type"].with_company(company)
            doc_types = DocType.with_context(active_test=False).search([])
            self.setup = {t.id: t.template_id.id for t in doc_types if t.template_id}
            self.codes = {t.id: t.code for t in doc_types}
            env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM interaction_log_entry")
            self.first_entry_id = env.cr.fetchone()[0]

    def csrf_token(self, sid):
        env = self.env()
        with closing(env.cr):
            request = SimpleNamespace(session=SimpleNamespace(sid=sid), env=env)
            return self.odoo.http.Request.csrf_token(request)

    def max_entry_id(self):
        env = self.env()
        with closing(env.cr):
            env.cr.execute("SELECT COALESCE(MAX(id), 0) FROM interaction_log_entry")
            return env.cr.fetchone()[0]

    def entries(self, after_id, upto_id):
        """Entries logged in ``(after_id, upto_id]``, counted by what they log."""
        env = self.env()
        with closing(env.cr):
            env.cr.execute(
                """
                SELECT e.res_model, e.res_id, t.code, e.channel, count(*)
                  FROM interaction_log_entry e
                  JOIN interaction_document_type t ON t.id = e.document_type_id
                 WHERE e.id > %s AND e.id <= %s
              GROUP BY 1, 2, 3, 4
                """,
                [after_id, upto_id],
            )
            return {tuple(row[:4]): row[4] for row in env.cr.fetchall()}

    def duplicate_versions(self):
        """Entries beyond the first with the same version of the same document
        under the same type for the same contact (the whole run)."""
        env = self.env()
        with closing(env.cr):
            env.cr.execute(
                """
                SELECT COALESCE(SUM(n - 1), 0) FROM (
                    SELECT count(*) AS n FROM interaction_log_entry
                     WHERE id > %s
                  GROUP BY res_model, res_id, document_type_id, partner_id,
                           document_version
                    HAVING count(*) > 1) duplicates
                """,
                [self.first_entry_id],
            )
            return int(env.cr.fetchone()[0])

    def close(self):
        self.odoo.sql_db.close_db(self.db)


# ----------------------------------------------------------------------
# The server
# ----------------------------------------------------------------------


class Server:
    def __init__(self, conf, db, port, smtp_port):
        self.log = LOCAL / "load-server.log"
        self.log.write_text("")
        self.url = f"http://127.0.0.1:{port}"
        command = [
            sys.executable,
            "-m",
            "odoo",
            "-c",
            conf,
            "-d",
            db,
            f"--db-filter=^{db}$",
            "--http-interface=127.0.0.1",
            f"--http-port={port}",
            f"--gevent-port={port + 1}",
            f"--workers={WORKERS}",
            "--max-cron-threads=1",
            "--db_maxconn=16",
            "--limit-time-cpu=600",
            "--limit-time-real=1200",
            "--smtp=127.0.0.1",
            f"--smtp-port={smtp_port}",
            f"--logfile={self.log}",
            "--log-level=info",
        ]
        self.process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            env={**os.environ, "TZ": "UTC"},
            cwd=REPO,
        )

    def wait_ready(self, timeout=120):
        import requests

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            try:
                if requests.get(f"{self.url}/web/login", timeout=5).status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(1)
        tail = self.log.read_text().splitlines()[-30:]
        self.stop()
        sys.exit("load: the server did not start:\n" + "\n".join(tail))

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)

    def retries(self):
        """Requests Odoo ran again after a concurrency error, from its log."""
        text = self.log.read_text(errors="replace")
        return text.count("tries left, try again in")


# ----------------------------------------------------------------------
# Simulated users
# ----------------------------------------------------------------------


class Client:
    """One browser session of a salesperson."""

    def __init__(self, url, data, login, password):
        import requests

        self.url = url
        self.data = data
        self.http = requests.Session()
        answer = self.http.post(
            f"{url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": data.db, "login": login, "password": password},
            },
            timeout=REQUEST_TIMEOUT,
        ).json()
        if "error" in answer:
            sys.exit(f"load: {login} cannot log in: {answer['error']}")
        self.uid = answer["result"]["uid"]
        self.csrf = data.csrf_token(self.http.cookies["session_id"])
        self.context = {
            "lang": "en_US",
            "tz": "Europe/Helsinki",
            "uid": self.uid,
            "allowed_company_ids": [data.company_id],
        }

    def call_kw(self, model, method, args, kwargs=None):
        """JSON-RPC as the web client; returns (ok, result)."""
        kwargs = dict(kwargs or {})
        kwargs.setdefault("context", self.context)
        response = self.http.post(
            f"{self.url}/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs,
                },
            },
            timeout=REQUEST_TIMEOUT,
        )
        if response.status_code // 100 != 2:
            return False, response.status_code
        answer = response.json()
        if "error" in answer:
            return False, answer["error"].get("data", {}).get("name", "error")
        return True, answer["result"]

    def download(self, report, res_id):
        response = self.http.post(
            f"{self.url}/report/download",
            data={
                "data": json.dumps([f"/report/pdf/{report}/{res_id}", "qweb-pdf"]),
                "context": json.dumps(self.context),
                "token": "dummy-because-api-expects-one",
                "csrf_token": self.csrf,
            },
            timeout=REQUEST_TIMEOUT,
        )
        pdf = response.headers.get("Content-Type", "").startswith("application/pdf")
        return response.status_code // 100 == 2 and pdf, response.status_code

    def call_webhook(self, partner_id, direction):
        response = self.http.post(
            f"{self.url}/interaction_autolog/call",
            headers={"Authorization": f"Bearer {self.data.api_key}"},
            json={
                "direction": direction,
                "number": self.data.customers[partner_id],
                "start": time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime()),
                "duration_seconds": 90,
                "status": "answered",
                "call_id": f"load-{uuid.uuid4().hex}",
            },
            timeout=REQUEST_TIMEOUT,
        )
        return response.status_code // 100 == 2, response.status_code


class Round:
    """One timed round: every user works until the deadline."""

    def __init__(self, name, filled, clients, data, seconds, seed):
        self.name = name
        self.filled = filled
        self.clients = clients
        self.data = data
        self.seconds = seconds
        self.seed = seed
        self.lock = threading.Lock()
        self.requests = 0
        self.in_time = 0  # requests answered before the deadline
        self.errors = Counter()
        self.times = defaultdict(list)  # action -> seconds of its requests
        self.expected = Counter()  # (model, id, code, channel) -> entries
        self.pdf_slots = threading.BoundedSemaphore(PDF_SLOTS)

    def pick(self, rng, pool):
        if rng.random() < HOT_SHARE:
            return pool[rng.randrange(HOT)]
        return pool[rng.randrange(len(pool))]

    def record(self, action, started, results, expect=None):
        finished = time.monotonic()
        with self.lock:
            self.requests += len(results)
            if finished <= self.deadline:
                self.in_time += len(results)
            self.times[action].append(finished - started)
            failed = [status for ok, status in results if not ok]
            for status in failed:
                self.errors[f"{action}: {status}"] += 1
            if expect and not failed and self.filled:
                self.expected[expect] += 1

    def user(self, number):
        client = self.clients[number]
        rng = random.Random(self.seed * 1000 + number)
        actions = list(ACTIONS)
        weights = [ACTIONS[a] for a in actions]
        while time.monotonic() < self.deadline:
            action = rng.choices(actions, weights)[0]
            started = time.monotonic()
            if action == "print_quote":
                order = self.pick(rng, self.data.quotations)
                if not self.pdf_slot():
                    break
                try:
                    result = client.download(QUOTE_REPORT, order)
                finally:
                    self.pdf_slots.release()
                key = ("sale.order", order, "sale_quote", "paper")
                self.record(action, started, [result], key)
            elif action == "print_invoice":
                invoice = self.pick(rng, self.data.invoices)
                if not self.pdf_slot():
                    break
                try:
                    result = client.download(INVOICE_REPORT, invoice)
                finally:
                    self.pdf_slots.release()
                key = ("account.move", invoice, "sale_invoice", "paper")
                self.record(action, started, [result], key)
            elif action == "send_quote":
                order = self.pick(rng, self.data.quotations)
                self.record(action, started, self.send_quote(client, order))
            else:
                partner = self.pick(rng, list(self.data.customers))
                direction = rng.choice(("inbound", "outbound"))
                code = "phone_call" if direction == "outbound" else "phone_call_inbound"
                result = client.call_webhook(partner, direction)
                self.record(
                    action, started, [result], ("res.partner", partner, code, "phone")
                )

    def pdf_slot(self):
        """Wait for a PDF render slot, not beyond the round's end."""
        return self.pdf_slots.acquire(timeout=max(self.deadline - time.monotonic(), 0))

    def send_quote(self, client, order):
        """The "Send by Email" button: open the composer, send."""
        results = []
        ok, action = client.call_kw("sale.order", "action_quotation_send", [[order]])
        results.append((ok, action))
        if not ok:
            return results
        context = {**client.context, **action["context"]}
        # Creating the composer renders the quotation's PDF attachment.
        if not self.pdf_slot():
            return results
        try:
            ok, wizard = client.call_kw(
                "mail.compose.message", "create", [{}], {"context": context}
            )
        finally:
            self.pdf_slots.release()
        results.append((ok, wizard))
        if not ok:
            return results
        ok, _sent = client.call_kw(
            "mail.compose.message", "action_send_mail", [[wizard]], {"context": context}
        )
        results.append((ok, _sent))
        if ok and self.filled:
            # One entry per recipient: the quotation's customer.
            with self.lock:
                self.expected[("sale.order", order, "sale_quote", "email")] += 1
        return results

    def run(self):
        threads = [
            threading.Thread(target=self.user, args=(n,), name=f"user-{n}")
            for n in range(len(self.clients))
        ]
        self.started = time.monotonic()
        self.deadline = self.started + self.seconds
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        self.elapsed = time.monotonic() - self.started

    @property
    def throughput(self):
        """Requests answered per second while the round ran."""
        return self.in_time / self.seconds


def set_setup(admin, data, filled):
    """The Interaction Template Setup of the main company: as shipped or blank."""
    by_template = defaultdict(list)
    for type_id, template_id in data.setup.items():
        by_template[template_id if filled else False].append(type_id)
    for template_id, type_ids in by_template.items():
        ok, error = admin.call_kw(
            "interaction.document.type",
            "write",
            [type_ids, {"template_id": template_id}],
        )
        if not ok:
            sys.exit(f"load: cannot change the setup: {error}")


# ----------------------------------------------------------------------
# Output
# ----------------------------------------------------------------------


def render(rounds, totals, notes):
    headers = (
        "round",
        "setup",
        "s",
        "requests",
        "errors",
        "req/s",
        "action ms (median)",
    )
    rows = []
    for rnd in rounds:
        medians = ", ".join(
            f"{action} {statistics.median(times) * 1000:.0f}"
            for action, times in sorted(rnd.times.items())
        )
        rows.append(
            (
                rnd.name,
                "filled" if rnd.filled else "blank",
                f"{rnd.seconds:.0f}+{rnd.elapsed - rnd.seconds:.0f}",
                str(rnd.requests),
                str(sum(rnd.errors.values())),
                f"{rnd.throughput:.2f}",
                medians,
            )
        )
    widths = [
        max(len(str(r[i])) for r in [headers, *rows]) for i in range(len(headers))
    ]

    def line(cells):
        return "  ".join(str(c).ljust(w) for c, w in zip(cells, widths)).rstrip()

    text = [line(headers), line("-" * w for w in widths), *map(line, rows), ""]
    text += [f"{label}: {value}" for label, value in totals]
    text += ["", "Notes:", *[f"- {note}" for note in notes]]
    return "\n".join(text)


def main(argv=None):
    args = parse_args(argv if argv is not None else sys.argv[1:])
    started = time.time()
    load_average = os.getloadavg()[0]
    run_db = f"{args.database}_load"
    odoo = start_odoo(args.config, run_db)
    print(f"load: copying {args.database} to {run_db}", flush=True)
    copy_database(odoo, args.database, run_db)
    sink = MailSink()
    server = None
    data = None
    try:
        data = LoadData(odoo, run_db)
        data.check_modules()
        base_url = f"http://127.0.0.1:{args.port}"
        print("load: creating salespeople, customers, quotations, invoices", flush=True)
        data.create(base_url)
        smtp_port = sink.start()
        print(
            f"load: starting Odoo ({WORKERS} workers + cron) on {base_url}, "
            f"mail to 127.0.0.1:{smtp_port} (a sink)",
            flush=True,
        )
        server = Server(args.config, run_db, args.port, smtp_port)
        server.wait_ready()
        admin = Client(base_url, data, "admin", data.admin_password)
        clients = [
            Client(base_url, data, data.logins[n % SALESPEOPLE], data.password)
            for n in range(args.users)
        ]
        # Warm-up outside the rounds: asset bundles, wkhtmltopdf, templates.
        warm = Round("warm-up", True, clients[:1], data, 0, args.seed)
        warm.deadline = time.monotonic() + 300
        clients[0].download(QUOTE_REPORT, data.quotations[-1])
        clients[0].download(INVOICE_REPORT, data.invoices[-1])
        warm.send_quote(clients[0], data.quotations[-1])

        rounds = []
        each = args.seconds / len(ROUNDS)
        for number, filled in enumerate(ROUNDS, start=1):
            set_setup(admin, data, filled)
            name = f"{number} ({'filled' if filled else 'blank'})"
            print(f"load: round {name}, {args.users} users, {each:.0f} s", flush=True)
            rnd = Round(str(number), filled, clients, data, each, args.seed + number)
            rnd.first_id = data.max_entry_id()
            rnd.run()
            rnd.last_id = data.max_entry_id()
            rounds.append(rnd)
        set_setup(admin, data, True)

        lost = duplicated = 0
        for rnd in rounds:
            found = data.entries(rnd.first_id, rnd.last_id)
            for key in set(found) | set(rnd.expected):
                missing = rnd.expected[key] - found.get(key, 0)
                lost += max(missing, 0)
                duplicated += max(-missing, 0)
        duplicated += data.duplicate_versions()
        requests_total = sum(r.requests for r in rounds)
        errors_total = sum(sum(r.errors.values()) for r in rounds)
        filled_rate = statistics.mean(r.throughput for r in rounds if r.filled)
        blank_rate = statistics.mean(r.throughput for r in rounds if not r.filled)
        ratio = filled_rate / blank_rate
        expected_total = sum(sum(r.expected.values()) for r in rounds)
        error_kinds = Counter()
        for rnd in rounds:
            error_kinds.update(rnd.errors)
        totals = [
            ("requests/s, setup filled", f"{filled_rate:.2f}"),
            ("requests/s, setup blank", f"{blank_rate:.2f}"),
            ("entries expected from successful requests", str(expected_total)),
            ("emails received by the mail sink", str(sink.messages)),
            (
                "requests Odoo ran again after a concurrency error",
                str(server.retries()),
            ),
        ]
        if error_kinds:
            totals.append(("errors by kind", dict(error_kinds)))
        notes = [
            f"{args.users} users as {SALESPEOPLE} salespeople; {QUOTATIONS} "
            f"quotations, {INVOICES} invoices, {CUSTOMERS} customers; "
            f"{HOT_SHARE:.0%} of the actions on {HOT} hot documents of each kind.",
            f"Actions weighted {ACTIONS}; at most {PDF_SLOTS} PDF renders at once "
            f"(wkhtmltopdf needs a free worker to load the report's styles).",
            "Rounds filled, blank, blank, filled, blank, filled, filled, blank: "
            "a drift in the machine's load cancels out of the ratio. req/s counts "
            "the requests answered within a round's time (s); those still "
            "running then finish (+s) and count for errors, lost and "
            "duplicated, not for req/s.",
            f"{time.strftime('%Y-%m-%d')}, Odoo {odoo.release.version}: whole run "
            f"{time.time() - started:.0f} s on {os.cpu_count()} cores; load average "
            f"{load_average:.1f} at the start, {os.getloadavg()[0]:.1f} at the end.",
            f"Server log: {server.log.relative_to(REPO)}",
        ]
        print()
        print(render(rounds, totals, notes))
        print()
        print(
            f"load: {requests_total} requests, {errors_total} errors, {lost} lost, "
            f"{duplicated} duplicated, throughput ratio {ratio:.2f}"
        )
    finally:
        if server:
            server.stop()
        sink.stop()
        if data:
            data.close()
        if args.keep:
            print(f"load: kept database {run_db}", flush=True)
        else:
            drop_database(odoo, run_db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
