#!/usr/bin/env python3
"""make bench and make load: what the interaction log costs, with the setup
filled and blank, side by side. README.md ("Benchmarks", "Load test") says
what is measured; the data comes from interaction_autolog/populate.

    perf.py bench|load ODOO_CONF DB

tools/perf.sh sets SMTP_PORT (its sink), SCALE (bench: 1M, 10M, 100k ...),
LOCUST, LOAD_PORT and FAULTS (load). A missed target prints MISSED, and
still exits 0."""

import json
import os
import shlex
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from contextlib import contextmanager, suppress
from pathlib import Path
from types import SimpleNamespace
from unittest.mock import patch

import psutil
import requests
from psycopg2.errors import InsufficientPrivilege

import odoo
from odoo.fields import Date

LOCAL, TOOLS = Path(__file__).resolve().parents[1] / ".local", Path(__file__).parent
CODES = ("sale_invoice", "sale_quote", "phone_call", "phone_call_inbound")
ROUNDS, WORKERS, USERS, SECONDS = 15, 4, 16, 16
ENTRIES_LOGGED = """SELECT concat_ws(' ', res_model, res_id, t.code, channel), count(*)
  FROM interaction_log_entry e
  JOIN interaction_document_type t ON t.id = document_type_id
 WHERE e.id > %s GROUP BY 1"""
PIVOT = ([], ["date:month"], ["template_id"], ["template_id", "date:month"])
LOG_EMAIL = "From: bench0@example.com\nTo: {}\nDelivered-To: {}\nSubject: Our offer\n"
LOG_EMAIL += "Message-ID: <{}@example.com>\n\nDear all, here is our offer.\n"


class Odoo:
    def __init__(self, config, db):
        odoo.tools.config.parse_config(["-c", config, "--log-level=warn"])
        self.db, self.config, self.smtp = db, config, os.environ["SMTP_PORT"]
        mail = {"smtp_server": "127.0.0.1", "smtp_port": int(self.smtp)}
        odoo.tools.config.options.update(db_name=self.db, **mail)
        odoo.service.server.load_server_wide_modules()
        self.registry = odoo.modules.registry.Registry(self.db)
        from odoo.addons.interaction_autolog import populate

        self.populate, self.companies = populate, []
        self.started, self.load = time.time(), os.getloadavg()[0]

    @contextmanager
    def env(self, uid=1, commit=True, **context):
        with self.registry.cursor() as cr:  # commits at exit
            yield odoo.api.Environment(cr, uid, context)
            if not commit:
                cr.rollback()

    def set_setup(self, filled):
        """The measured types' setup: as shipped, or blank (in all processes)."""
        with self.registry.manage_changes(), self.env() as env:
            for company in self.companies:
                types = env["interaction.document.type"].with_company(company)
                for doc_type in types.search([("code", "in", CODES)]):
                    doc_type.template_id = filled and doc_type.default_template_id

    def footer(self):
        return (
            f"{time.strftime('%Y-%m-%d')}, Odoo 18.0: whole run "
            f"{time.time() - self.started:.0f} s on {os.cpu_count()} cores; load "
            f"average {self.load:.1f} at the start, {os.getloadavg()[0]:.1f} at the end"
        )


def queries():  # Odoo counts a thread's queries when it has these
    thread = threading.current_thread()
    count = getattr(thread, "query_count", 0)
    thread.query_count = thread.query_time = 0
    return count


class Bench:
    def __init__(self, odoo, scale):
        self.odoo, self.rows, self.queries, self.errors = odoo, {}, {}, []
        self.scales = [10**6, scale] if scale > 10**6 else [scale]

    def row(self, measure, target, value, ok):
        cells = self.rows.setdefault((measure, target), {})
        cells[self.scale] = value if ok else f"{value} MISSED"

    def fixtures(self):
        from werkzeug.serving import make_server

        with self.odoo.env() as env:
            groups = ["account.group_account_invoice"]
            groups += ["sales_team.group_sale_salesman_all_leads"]
            make = self.odoo.populate.users_and_documents
            users, _customers, moves, _quotes = make(env, "bench", 1, groups, 10, 100)
            self.uid, self.invoices = users.id, moves.ids
            other, contact, campaigns, leads = self.odoo.populate.dimensions(env, users)
            self.contact, self.campaigns, self.leads = contact.id, campaigns, leads
            self.odoo.companies = [users.company_id.id, other.id]
            if not users.company_id.alias_domain_id:  # the log address's
                env["mail.alias.domain"].create({"name": "log.example.com"})
            users.company_id.interaction_log_alias_require_auth = False
            alias = users.company_id._interaction_set_log_alias("log")
            readers = [
                {"name": f"R{n}", "email": f"r{n}@example.org"} for n in range(50)
            ]
            self.readers = env["res.partner"].create(readers).mapped("email")
            self.log_address = alias.alias_full_name

        def app(environ, start_response):  # each request's queries
            try:
                return odoo.http.root(environ, start_response)
            finally:
                self.queries[environ["PATH_INFO"]] = queries()

        self.http = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.http.server_port}"
        login = {"db": self.odoo.db, "login": "bench0", "password": "bench-pw"}
        self.session = requests.Session()
        self.session.post(
            f"{self.url}/web/session/authenticate", json={"params": login}
        )

    def entries(self, first, last, age=0):
        with self.odoo.env() as env:
            user, company = env["res.users"].browse(self.uid), env["res.company"]
            args = user, *company.browse(self.odoo.companies), self.campaigns
            self.odoo.populate.entries(env, first, last, *args, self.leads, age)

    def timed(self, run, rounds):
        """Median ms of run(env) as the bench user, caches emptied each time."""
        context = {"allowed_company_ids": self.odoo.companies[:1]}
        with self.odoo.env(self.uid, False, tz="Europe/Helsinki", **context) as env:
            run(env)
            times = []
            for _round in range(rounds):
                env.invalidate_all()
                start = time.perf_counter()
                run(env)
                times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000

    def reads(self):
        since = Date.subtract(Date.today().replace(day=1), months=11)
        domain = [("canceled", "=", False), ("date", ">=", since)]
        sums = ["cost:sum", "duration:sum", "__count"]
        spec = dict.fromkeys(["date", "partner_id", "template_id", "channel"], {})
        spec["document_name"] = {}

        def form(model, res_id, *fields):  # its figures, as the web client reads
            return lambda env: env[model].browse(res_id).read(fields)

        def view(measures, *groupbys):  # the pivot's or graph's read_group calls
            return lambda env: [
                env["interaction.log.entry"].read_group(domain, measures, g, lazy=False)
                for g in groupbys
            ]

        def page(env):
            entries, kept = env["interaction.log.entry"], [("canceled", "=", False)]
            entries.web_search_read(kept, spec, limit=80, count_limit=10001)

        stats = "interaction_count", "interaction_cost", "last_attempt_date"
        reached = "interaction_partner_count", "interaction_answered_count"
        campaign = "utm.campaign", self.campaigns[0].id, "interaction_count"
        for (measure, target), run in {
            ("A contact's statistics", 20): form("res.partner", self.contact, *stats),
            ("A document's smart button", 5): form(
                "account.move", self.invoices[0], "interaction_log_count"
            ),
            ("A campaign's figures", 50): form(*campaign, *reached),
            ("A lead's interaction count", 50): form(
                "crm.lead", self.leads[:1].id, "interaction_count"
            ),
            ("Interactions list, first page", 50): page,
            ("Pivot template × month, 12 months (4 read_group)", 300): view(
                sums, *PIVOT
            ),
            ("Graph month × group, 12 months", 300): view(
                ["__count"], ["date:month", "group_id"]
            ),
        }.items():
            ms = self.timed(run, 5 if target == 300 else 11)
            self.row(measure, f"≤ {target} ms", f"{ms:.1f} ms", ms <= target)

    def interleaved(self, sample, prepare=lambda: None):
        """{filled: ([seconds], fewest queries)} of sample(), the setups
        interleaved, each after an untimed sample that refills the caches;
        prepare() runs untimed before each sample."""
        results = {True: [], False: []}
        for round_no in range(ROUNDS + 1):  # the first round warms up
            for filled in (True, False) if round_no % 2 else (False, True):
                self.odoo.set_setup(filled)
                prepare()
                sample()
                prepare()
                queries()
                start = time.perf_counter()
                count = sample()
                results[filled].append((time.perf_counter() - start, count))
        self.odoo.set_setup(True)
        return {
            f: ([r[0] for r in rs[1:]], min(r[1] for r in rs))
            for f, rs in results.items()
        }

    def ratio(self, measure, target, sample, most, prepare=lambda: None):
        results = self.interleaved(sample, prepare)
        on, off = (statistics.median(results[f][0]) * 1000 for f in (True, False))
        value, ok = f"{on / off:.3f} ({on:.1f} / {off:.1f} ms)", on / off <= target
        self.row(f"{measure}: logging ÷ setup blank", f"≤ {target}", value, ok)
        added = results[True][1] - results[False][1]
        self.row(f"{measure}: queries logging adds", f"≤ {most}", added, added <= most)
        return on / off

    def prints(self):
        path = "/report/html/account.report_invoice/" + ",".join(
            map(str, self.invoices)
        )

        def sample():
            response = self.session.get(self.url + path)
            if not response.ok:
                sys.exit(f"bench: print failed ({response.status_code})")
            return self.queries[path]

        def an_hour_later():  # untimed: no preview loading twice
            with self.odoo.env() as env:
                env.cr.execute(
                    "UPDATE interaction_log_entry SET date = date - interval '1 hour'"
                    " WHERE res_model = 'account.move' AND res_id = ANY(%s)"
                    " AND date > now() - interval '1 hour'",
                    [self.invoices],
                )

        self.ratio("Print 100 invoices (HTML)", 1.05, sample, 5, an_hour_later)

    def email(self):
        def sample():  # committed, its mail sent to the sink, as the chatter's Send
            with self.odoo.env(self.uid) as env, patch("random.random", lambda: 1):
                invoice = env["account.move"].browse(self.invoices[0])
                post = {"message_type": "comment", "subtype_xmlid": "mail.mt_comment"}
                invoice.message_post(
                    body="Hi", partner_ids=invoice.partner_id.ids, **post
                )
            return queries()

        return self.ratio("Chatter email to 1 contact", 1.10, sample, 4)

    def engine(self):
        from psycopg2.extras import execute_values

        times = {"engine": [], "insert": []}
        for _round in range(ROUNDS):
            with self.odoo.env(self.uid, commit=False) as env:
                cr, invoices = env.cr, env["account.move"].browse(self.invoices)
                start, entries = time.perf_counter(), env["interaction.log.entry"]
                logged = entries._log_interaction(invoices, "sale_invoice")
                env.flush_all()
                times["engine"].append(time.perf_counter() - start)
                cr.execute("SELECT * FROM interaction_log_entry LIMIT 0")
                columns = [c.name for c in cr.description if c.name != "id"]
                text = ", ".join(f"{c}::text" for c in columns)
                cr.execute(
                    f"SELECT {text} FROM {logged._table} WHERE id IN %s", [logged._ids]
                )
                rows, start = cr.fetchall(), time.perf_counter()
                insert = f"INSERT INTO {logged._table} ({', '.join(columns)}) VALUES %s"
                execute_values(cr._obj, insert, rows, page_size=999)
                times["insert"].append(time.perf_counter() - start)
        engine, insert = (statistics.median(times[k]) * 1000 for k in times)
        value = f"{engine / insert:.2f} ({engine:.1f} / {insert:.1f} ms)"
        measure = f"Engine logging {len(rows)} entries ÷ one INSERT of the same rows"
        self.row(measure, "≤ 3", value, engine / insert <= 3)

    def counted(self, measure, action, setups=(True,)):
        """Queries of action(env, size) for 1 and 50, minus those with the
        setup blank when setups says so; the second of two runs."""
        counts = {}
        for size in (1, 50):
            for filled in setups:
                self.odoo.set_setup(filled)
                for _round in range(2):
                    with self.odoo.env(self.uid, commit=False) as env:
                        run = action(env, size)
                        queries()
                        run()
                        counts[size, filled] = queries()
        self.odoo.set_setup(True)
        one, fifty = (counts[n, True] - counts.get((n, False), 0) for n in (1, 50))
        self.row(measure, "equal", f"{one} / {fifty}", one == fifty)

    def composer(self):
        def action(env, size):
            values = {"composition_mode": "mass_mail", "body": "News"}
            values |= {"model": "account.move", "res_ids": str(self.invoices[:size])}
            return env["mail.compose.message"].create(values)._action_send_mail

        measure = "Mass mail composer: queries logging adds, 1 / 50 documents"
        self.counted(measure, action, (False, True))

    def gateway(self):
        """An email to the log address with 1 or 50 contacts in To, through
        the mail gateway as the fetchmail cron hands it over."""
        emails, address = self.readers, self.log_address

        def action(env, size):
            raw = LOG_EMAIL.format(", ".join(emails[:size]), address, uuid.uuid4())
            return lambda: env["mail.thread"].sudo().message_process(None, raw)

        self.counted("Incoming log email: queries, 1 / 50 recipients", action)

    def log_for(self, seconds, busy=None):
        """Entries/s WORKERS threads log on invoices, each on its cursor and
        committing each entry, for seconds and while busy (a thread) runs."""
        logged, end = [0], time.monotonic() + seconds

        def worker(invoices):
            with self.odoo.env(self.uid) as env:
                moves, entries = (
                    env["account.move"].browse(invoices),
                    env["interaction.log.entry"],
                )
                while time.monotonic() < end or (busy and busy.is_alive()):
                    try:
                        entries._log_interaction(
                            moves[logged[0] % len(moves)], "sale_invoice"
                        )
                        env.cr.commit()
                        logged[0] += 1
                    except Exception as error:  # counted, the others go on
                        env.cr.rollback()
                        self.errors.append(type(error).__name__)

        invoices = [self.invoices[number::WORKERS] for number in range(WORKERS)]
        threads = [threading.Thread(target=worker, args=[i]) for i in invoices]
        start = time.monotonic()
        for thread in threads + [busy] if busy else threads:
            thread.start()
        for thread in threads:
            thread.join()
        return logged[0] / (time.monotonic() - start)

    def retention(self):
        """The auto-vacuum's retention deleting old entries (a million, or
        what the scale has) while WORKERS log: their throughput with it
        running ÷ without; deleted: what the retention runs recorded."""
        self.entries(self.scale + 1, self.scale + min(10**6, self.scale), 1461)
        with self.odoo.env() as env:  # 4 to 7 years old: 40 months deletes them
            env["interaction.group"].search([]).retention_months = 40
        took = []
        # In a process of its own, as Odoo's cron worker runs the auto-vacuum:
        # the loggers' threads would otherwise share one interpreter with it.
        retire = """from dateutil.relativedelta import relativedelta
old = [("date", "<", env.cr.now() - relativedelta(months=40))]
while env["interaction.log.entry"].search(old, limit=1):
    env["interaction.group"]._gc_retention()
    env.cr.commit()
"""
        command = [sys.executable, "-m", "odoo", "shell", "-c", self.odoo.config]
        command += ["-d", self.odoo.db, "--no-http", "--log-level=warn"]

        def run_retire():
            start = time.monotonic()
            done = subprocess.run(command, input=retire, text=True, capture_output=True)
            if done.returncode or "Traceback" in done.stderr:  # counted
                last = (done.stderr.strip() or "exit").splitlines()[-1]
                self.errors.append(last[:200])
            took.append(time.monotonic() - start)

        without = self.log_for(SECONDS)
        ratio = self.log_for(SECONDS, threading.Thread(target=run_retire)) / without
        with self.odoo.env() as env:
            runs = env["interaction.retention.run"].search([])
            deleted = sum(runs.mapped("entry_count"))
        kinds = f" ({', '.join(sorted(set(self.errors)))})" if self.errors else ""
        value = f"{deleted:,} deleted in {took[0]:.0f} s; {len(self.errors)} errors"
        value += (
            f"{kinds}; {ratio:.2f} ({ratio * without:.1f} / {without:.1f} entries/s)"
        )
        measure = "Retention deleting 1M old entries (what exists below 1M) while 4 log"
        ok = not self.errors and ratio >= 0.9
        self.row(measure, "0 errors; ≥ 0.9", value, ok)

    def run(self):
        print("bench: users, invoices, contacts (populate)", flush=True)
        self.fixtures()
        email, first = {}, 1
        for self.scale in self.scales:
            print(f"bench: {self.scale:,} entries", flush=True)
            self.entries(first, self.scale)
            with self.odoo.env() as env:
                env.cr._cnx.autocommit = True  # VACUUM refuses transactions
                env.cr.execute("VACUUM ANALYZE interaction_log_entry, res_partner")
                with suppress(InsufficientPrivilege):  # written now, not in the reads
                    env.cr.execute("CHECKPOINT", log_exceptions=False)
                env.cr._cnx.autocommit = False
            first = self.scale + 1
            for step in (
                self.reads,
                self.prints,
                self.engine,
                self.composer,
                self.gateway,
            ):
                print(f"bench: {step.__name__}", flush=True)
                step()
            email[self.scale] = self.email()
        if len(self.scales) == 2:
            ratio = email[self.scales[1]] / email[self.scales[0]]
            self.row(
                "Logging an email at 10M ÷ at 1M (each ÷ its setup blank)",
                "≤ 1.05",
                f"{ratio:.3f}",
                ratio <= 1.05,
            )
        print("bench: retention", flush=True)
        self.retention()
        self.http.shutdown()
        names = [
            f"{s / 1000:g}k" if s < 10**6 else f"{s / 10**6:g}M" for s in self.scales
        ]
        lines = [["measure", "target", *names], ["---"] * (len(names) + 2)]
        for (measure, target), cells in self.rows.items():
            lines.append([measure, target, *(cells.get(s, "") for s in self.scales)])
        text = "\n".join(f"| {' | '.join(map(str, line))} |" for line in lines)
        text += f"\n\n{self.odoo.footer()}.\n"
        print(f"\n{text}")
        (LOCAL / "bench.md").write_text(text)


class Load:
    """USERS Locust users (tools/locustfile.py) on a prefork server, in rounds
    with the setup filled and blank; then the entries are compared with
    what the successful actions should have logged. FAULTS=1: round 4
    restarts PostgreSQL and kills a worker busy with a request."""

    def __init__(self, odoo):
        self.odoo, self.port = odoo, int(os.environ["LOAD_PORT"])
        self.url = f"http://127.0.0.1:{self.port}"

    def prepare(self):
        with self.odoo.env() as env:
            groups = ["sales_team.group_sale_salesman_all_leads"]
            make = self.odoo.populate.users_and_documents
            users, customers, moves, quotes = make(env, "load", 8, groups, 48, 48, 48)
            keys = env["res.users.apikeys"].with_user(users[0]).sudo()
            key = keys._generate("interaction_autolog_call", "PBX", None)
            company = users.company_id
            self.odoo.companies = company.ids
            company.external_report_layout_id = env.ref("web.external_layout_standard")
            for param in ("report.url", "web.base.url"):  # wkhtmltopdf fetches styles
                env["ir.config_parameter"].set_param(param, self.url)
            env["ir.config_parameter"].set_param("web.base.url.freeze", "True")
            queue = env.ref("mail.ir_cron_mail_scheduler_action")  # no other cron
            env["ir.cron"].search([("id", "!=", queue.id)]).active = False
            plan = {"db": self.odoo.db, "logins": users.mapped("login"), "api_key": key}
            plan |= {"company": company.id, "invoices": moves.ids, "quotes": quotes.ids}
            plan |= {"phones": dict(zip(customers.ids, customers.mapped("phone")))}
        return plan | {"pdf_slots": WORKERS - 1}

    def login(self, login):
        """A browser's session: its id, CSRF token and user context."""
        params = {"db": self.odoo.db, "login": login, "password": "load-pw"}
        url = f"{self.url}/web/session/authenticate"
        reply = requests.post(url, json={"params": params}, timeout=600)
        sid, context = (
            reply.cookies["session_id"],
            reply.json()["result"]["user_context"],
        )
        with self.odoo.env() as env:
            request = SimpleNamespace(session=SimpleNamespace(sid=sid), env=env)
            csrf = odoo.http.Request.csrf_token(request)
        context["allowed_company_ids"] = self.odoo.companies
        return {"sid": sid, "csrf": csrf, "context": context}

    def busy_worker(self, server):
        """A child of the server (an HTTP worker) serving a request, if any."""
        for child in psutil.Process(server.pid).children():
            try:
                if any(
                    c.laddr.port == self.port and c.raddr for c in child.connections()
                ):
                    return child
            except psutil.Error:  # a worker that just ended
                pass

    def faults(self, server, done):
        """A quarter into the round, SIGKILL an HTTP worker while it serves a
        request (its master starts another); at half, restart PostgreSQL."""
        time.sleep(SECONDS / 4)
        for _try in range(SECONDS * 10):
            if worker := self.busy_worker(server):
                worker.kill()
                done.append(f"worker {worker.pid} killed mid-request")
                break
            time.sleep(0.05)
        time.sleep(SECONDS / 4)
        start = time.monotonic()
        for step in ("stop", "start"):
            subprocess.run([TOOLS / "pg.sh", step], stderr=subprocess.DEVNULL)
        done.append(
            f"PostgreSQL stopped and started ({time.monotonic() - start:.1f} s)"
        )

    def run(self):
        odoo, plan_file, plan = self.odoo, LOCAL / "load-plan.json", self.prepare()
        options = f"-c {odoo.config} -d {odoo.db} --db-filter=^{odoo.db}$ "
        options += f"--workers={WORKERS} --max-cron-threads=1 --http-port={self.port} "
        options += f"--http-interface=127.0.0.1 --gevent-port={self.port + 1} "
        options += "--limit-time-cpu=600 --limit-time-real=1200 --smtp=127.0.0.1 "
        options += f"--smtp-port={odoo.smtp} --logfile={LOCAL / 'load-server.log'}"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        server = subprocess.Popen(
            [sys.executable, "-m", "odoo", *options.split()], **quiet
        )
        locust = [*shlex.split(os.environ["LOCUST"]), "-f", TOOLS / "locustfile.py"]
        args = f"-H {self.url} --headless -u {USERS} -r {USERS} --run-time {SECONDS}s"
        locust += f"{args} --stop-timeout 600 --only-summary --skip-log-setup".split()
        locust += ["--exit-code-on-error", "0"]  # errors are counted, not fatal
        rounds, total, failed = [], 0, 0
        environ = {**os.environ, "LOAD_PLAN": str(plan_file)}
        try:
            time.sleep(10)  # the server starts
            plan["sessions"] = [self.login(login) for login in plan["logins"]]
            for number, filled in enumerate((1, 1, 0, 0, 1, 0, 1, 1, 0)):
                odoo.set_setup(filled)
                plan_file.write_text(
                    json.dumps(plan | {"seed": number, "filled": filled})
                )
                with odoo.env() as env:
                    env.cr.execute("SELECT max(id) FROM interaction_log_entry")
                    first_id = env.cr.fetchone()[0] or 0
                faults = []
                injector = threading.Thread(target=self.faults, args=[server, faults])
                if os.environ.get("FAULTS") == "1" and number == 4:
                    injector.start()
                subprocess.run(
                    locust, env=environ, check=True, stdout=subprocess.DEVNULL
                )
                if injector.ident:  # started: its faults belong to this round
                    injector.join()
                done = json.loads(plan_file.read_text())["done"]
                rate, errors = done["requests"] / done["seconds"], done["errors"]
                what = f"{done['requests']} requests, {rate:.2f}/s, errors {errors}"
                print(
                    f"load: round {number}, setup filled {filled}: {what}", flush=True
                )
                if faults:
                    print(
                        f"load: round {number}, faults: {'; '.join(faults)}", flush=True
                    )
                if number:  # round 0 warms up: workers, assets, wkhtmltopdf
                    rounds.append((filled, rate, first_id, done["expected"]))
                    total += done["requests"]
                    failed += sum(errors.values())
        finally:
            odoo.set_setup(True)
            server.terminate()
            server.wait(60)
        with odoo.env(commit=False) as env:  # the entries of the counted rounds
            env.cr.execute(ENTRIES_LOGGED, [rounds[0][2]])
            found = Counter(dict(env.cr.fetchall()))
        expected = sum((Counter(r[3]) for r in rounds), Counter())
        lost, duplicated = (expected - found).total(), (found - expected).total()
        rates = [statistics.mean(r[1] for r in rounds if r[0] == f) for f in (1, 0)]
        print(
            f"requests/s, setup filled {rates[0]:.2f}, blank {rates[1]:.2f}; ", end=""
        )
        print(f"entries the successful actions should have logged: {expected.total()}")
        print(f"{odoo.footer()}.\n\nload: {total} requests, {failed} errors, ", end="")
        print(f"{lost} lost, {duplicated} duplicated, throughput ratio ", end="")
        print(f"{rates[0] / rates[1]:.2f}")


if __name__ == "__main__":
    mode, config, database = sys.argv[1:]
    SCALE = os.environ.get("SCALE") or "1M"
    if mode == "load":
        Load(Odoo(config, database)).run()
    else:
        scale = int(float(SCALE[:-1]) * {"k": 1000, "M": 10**6}[SCALE[-1]])
        Bench(Odoo(config, database), scale).run()
