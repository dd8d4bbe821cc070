#!/usr/bin/env python3
"""make bench and make load: what the interaction log costs, with the setup
filled and blank, side by side. README.md ("Benchmarks", "Load test") says
what is measured; the data comes from interaction_autolog/populate.

    perf.py bench|load -c ODOO_CONF -d DB [--scale 1M] [--port P --locust CMD]

A missed target prints MISSED, and still exits 0."""

import argparse
import json
import os
import socketserver
import statistics
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from unittest.mock import patch

import requests

LOCAL = Path(__file__).resolve().parents[1] / ".local"
CODES = ("sale_invoice", "sale_quote", "phone_call", "phone_call_inbound")
ROUNDS, WORKERS, USERS, SECONDS = 7, 4, 16, 16
INVOICE_HTML = "/report/html/account.report_invoice/"
LIST = ["date", "partner_id", "template_id", "channel", "document_name"]
ENTRIES_LOGGED = """SELECT concat_ws(' ', res_model, res_id, t.code, channel), count(*)
  FROM interaction_log_entry e
  JOIN interaction_document_type t ON t.id = document_type_id
 WHERE e.id > %s AND e.id <= %s GROUP BY 1"""
PIVOT = ([], ["date:month"], ["template_id"], ["template_id", "date:month"])


class Sink(socketserver.StreamRequestHandler):
    """An SMTP server (RFC 5321) on loopback that keeps nothing."""

    def handle(self):
        self.wfile.write(b"220 sink\r\n")
        for line in self.rfile:
            if line[:4].upper() == b"DATA":
                self.wfile.write(b"354 go\r\n")
                while self.rfile.readline().rstrip() != b".":
                    pass
            self.wfile.write(b"250 OK\r\n")


class Odoo:
    def __init__(self, args):
        import odoo

        odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
        sink = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Sink)
        threading.Thread(target=sink.serve_forever, daemon=True).start()
        self.smtp, self.db, self.config = sink.server_address[1], args.database, args
        mail = {"smtp_server": "127.0.0.1", "smtp_port": self.smtp}
        odoo.tools.config.options.update(db_name=self.db, **mail)
        odoo.service.server.load_server_wide_modules()
        self.registry = odoo.modules.registry.Registry(self.db)
        from odoo.addons.interaction_autolog import populate

        self.odoo, self.populate, self.companies = odoo, populate, []
        self.started, self.load = time.time(), os.getloadavg()[0]

    @contextmanager
    def env(self, uid=1, commit=True, **context):
        with self.registry.cursor() as cr:  # commits at exit
            yield self.odoo.api.Environment(cr, uid, context)
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


def reset_queries():  # Odoo counts a thread's queries when it has these
    threading.current_thread().query_count = threading.current_thread().query_time = 0


class Bench:
    def __init__(self, odoo, scale):
        self.odoo, self.rows, self.queries = odoo, {}, {}
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
            users, customers, moves, _quotes = make(env, "bench", 1, groups, 10, 100)
            self.uid, self.invoices = users.id, moves.ids
            other, contact, campaigns, leads = self.odoo.populate.dimensions(env, users)
            self.contact, self.campaigns, self.leads = contact.id, campaigns, leads
            self.odoo.companies = [users.company_id.id, other.id]

        def app(environ, start_response):  # each request's queries
            try:
                return self.odoo.odoo.http.root(environ, start_response)
            finally:
                self.queries[environ["PATH_INFO"]] = (
                    threading.current_thread().query_count
                )

        self.http = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.http.server_port}"
        login = {"db": self.odoo.db, "login": "bench0", "password": "bench-pw"}
        self.session = requests.Session()
        self.session.post(
            self.url + "/web/session/authenticate", json={"params": login}
        )

    def timed(self, run, rounds=11):
        """Median ms of run(env) as the bench user, caches emptied each time."""
        context = {
            "allowed_company_ids": self.odoo.companies[:1],
            "tz": "Europe/Helsinki",
        }
        with self.odoo.env(self.uid, False, **context) as env:
            run(env)
            times = []
            for _round in range(rounds):
                env.invalidate_all()
                start = time.perf_counter()
                run(env)
                times.append(time.perf_counter() - start)
        return statistics.median(times) * 1000

    def reads(self):
        from odoo.fields import Date

        since = Date.subtract(Date.today().replace(day=1), months=11)
        domain = [("canceled", "=", False), ("date", ">=", since)]
        stats = ["interaction_count", "interaction_cost", "last_attempt_date"]
        figures = ["interaction_count", "interaction_partner_count"]
        figures += ["interaction_answered_count"]
        spec = {field: {} for field in LIST}
        page = {"limit": 80, "count_limit": 10001}
        lead = "crm.lead", self.leads[:1].id, ["interaction_count"]
        button = "account.move", self.invoices[0], ["interaction_log_count"]
        measures = [
            ("A contact's statistics", 20, "res.partner", self.contact, stats),
            ("A document's smart button", 5, *button),
            ("A campaign's figures", 50, "utm.campaign", self.campaigns[0].id, figures),
            ("A lead's interaction count", 50, *lead),
            ("Interactions list, first page", 50, "list", 0, None),
            ("Pivot template × month, 12 months (4 read_group)", 300, "pivot", 0, None),
            ("Graph month × group, 12 months", 300, "graph", 0, None),
        ]
        for measure, target, model, res_id, fields in measures:

            def run(env, model=model, res_id=res_id, fields=fields):
                entries = env["interaction.log.entry"]
                if model == "pivot":
                    measures = ["cost:sum", "duration:sum", "__count"]
                    for groupby in PIVOT:
                        entries.read_group(domain, measures, groupby, lazy=False)
                elif model == "graph":
                    groupby = ["date:month", "group_id"]
                    entries.read_group(domain, ["__count"], groupby, lazy=False)
                elif model == "list":
                    entries.web_search_read([("canceled", "=", False)], spec, **page)
                else:  # a form's figures, as the web client reads them
                    env[model].browse(res_id).read(fields)

            ms = self.timed(run, 5 if target == 300 else 11)
            self.row(measure, f"≤ {target} ms", f"{ms:.1f} ms", ms <= target)

    def interleaved(self, sample):
        """{filled: ([seconds], fewest queries)} of sample(), the setups
        interleaved, each after an untimed sample that refills the caches."""
        results = {True: [], False: []}
        for round_no in range(ROUNDS + 1):  # the first round warms up
            for filled in (True, False) if round_no % 2 else (False, True):
                self.odoo.set_setup(filled)
                sample()
                reset_queries()
                start = time.perf_counter()
                count = sample()
                results[filled].append((time.perf_counter() - start, count))
        self.odoo.set_setup(True)
        return {
            f: ([r[0] for r in rs[1:]], min(r[1] for r in rs))
            for f, rs in results.items()
        }

    def ratio(self, measure, target, results, most):
        on, off = (statistics.median(results[f][0]) * 1000 for f in (True, False))
        value, ok = f"{on / off:.3f} ({on:.1f} / {off:.1f} ms)", on / off <= target
        self.row(f"{measure}: logging ÷ setup blank", f"≤ {target}", value, ok)
        added = results[True][1] - results[False][1]
        self.row(f"{measure}: queries logging adds", f"≤ {most}", added, added <= most)
        return on

    def prints(self):
        path = INVOICE_HTML + ",".join(map(str, self.invoices))

        def sample():
            response = self.session.get(self.url + path)
            if not response.ok:
                sys.exit(f"bench: print failed ({response.status_code})")
            with self.odoo.env() as env:  # an hour later: no preview loading twice
                env.cr.execute(
                    "UPDATE interaction_log_entry SET date = date - interval '1 hour'"
                    " WHERE res_model = 'account.move' AND res_id = ANY(%s)",
                    [self.invoices],
                )
            return self.queries[path]

        self.ratio("Print 100 invoices (HTML)", 1.05, self.interleaved(sample), 5)

    def email(self):
        def sample():  # committed, its mail sent to the sink, as the chatter's Send
            with self.odoo.env(self.uid) as env, patch("random.random", lambda: 1):
                invoice = env["account.move"].browse(self.invoices[0])
                post = {"message_type": "comment", "subtype_xmlid": "mail.mt_comment"}
                invoice.message_post(
                    body="Hi", partner_ids=invoice.partner_id.ids, **post
                )
            return threading.current_thread().query_count

        results = self.interleaved(sample)
        return self.ratio("Chatter email to 1 contact", 1.10, results, 4)

    def engine(self):
        from psycopg2.extras import execute_values

        times = {"engine": [], "insert": []}
        for _round in range(ROUNDS):
            with self.odoo.env(self.uid, commit=False) as env:
                cr, invoices = env.cr, env["account.move"].browse(self.invoices)
                start = time.perf_counter()
                entries = env["interaction.log.entry"]
                logged = entries._log_interaction(invoices, "sale_invoice")
                env.flush_all()
                times["engine"].append(time.perf_counter() - start)
                cr.execute("SELECT * FROM interaction_log_entry LIMIT 0")
                columns = [c.name for c in cr.description if c.name != "id"]
                text = ", ".join(f"{c}::text" for c in columns)
                table = f"interaction_log_entry ({', '.join(columns)})"
                cr.execute(
                    f"SELECT {text} FROM {entries._table} WHERE id IN %s", [logged._ids]
                )
                rows, start = cr.fetchall(), time.perf_counter()
                execute_values(
                    cr._obj, f"INSERT INTO {table} VALUES %s", rows, page_size=999
                )
                times["insert"].append(time.perf_counter() - start)
        engine, insert = (statistics.median(times[k]) * 1000 for k in times)
        value = f"{engine / insert:.2f} ({engine:.1f} / {insert:.1f} ms)"
        measure = f"Engine logging {len(rows)} entries ÷ one INSERT of the same rows"
        self.row(measure, "≤ 3", value, engine / insert <= 3)

    def composer(self):
        counts = {}
        for size in (1, 50):
            for filled in (False, True):
                self.odoo.set_setup(filled)
                for _round in range(2):  # the first one warms up
                    with self.odoo.env(self.uid, commit=False) as env:
                        values = {"composition_mode": "mass_mail", "body": "News"}
                        values |= {
                            "model": "account.move",
                            "res_ids": str(self.invoices[:size]),
                        }
                        composer = env["mail.compose.message"].create(values)
                        reset_queries()
                        composer._action_send_mail()
                        counts[size, filled] = threading.current_thread().query_count
        added = {n: counts[n, True] - counts[n, False] for n in (1, 50)}
        self.odoo.set_setup(True)
        value = f"{added[1]} / {added[50]}"
        measure = "Mass mail composer: queries logging adds, 1 / 50 documents"
        self.row(measure, "equal", value, added[1] == added[50])

    def run(self):
        print("bench: users, invoices, contacts (populate)", flush=True)
        self.fixtures()
        email, first = {}, 1
        for self.scale in self.scales:
            print(f"bench: {self.scale:,} entries", flush=True)
            with self.odoo.env() as env:
                user, company = env["res.users"].browse(self.uid), env["res.company"]
                args = user, *company.browse(self.odoo.companies), self.campaigns
                self.odoo.populate.entries(env, first, self.scale, *args, self.leads)
            with self.odoo.env() as env:
                env.cr._cnx.autocommit = True  # VACUUM refuses transactions
                env.cr.execute("VACUUM ANALYZE interaction_log_entry, res_partner")
                env.cr._cnx.autocommit = False
            first = self.scale + 1
            for step in (self.reads, self.prints, self.engine, self.composer):
                print(f"bench: {step.__name__}", flush=True)
                step()
            email[self.scale] = self.email()
        if len(self.scales) == 2:
            ratio = email[self.scales[1]] / email[self.scales[0]]
            measure = "Logging an email at 10M ÷ at 1M"
            self.row(measure, "≤ 1.05", f"{ratio:.3f}", ratio <= 1.05)
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
    what the successful actions should have logged."""

    def __init__(self, odoo, args):
        self.odoo, self.locust, self.port = odoo, args.locust, args.port
        self.url = f"http://127.0.0.1:{args.port}"

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
        return plan | {"pdf_slots": WORKERS - 1, "seconds": SECONDS}

    def login(self, login):
        """A browser's session: its id, CSRF token and user context."""
        from odoo.http import Request

        params = {"db": self.odoo.db, "login": login, "password": "load-pw"}
        url = f"{self.url}/web/session/authenticate"
        reply = requests.post(url, json={"params": params}, timeout=600)
        sid, uid = reply.cookies["session_id"], reply.json()["result"]["uid"]
        with self.odoo.env() as env:
            request = SimpleNamespace(session=SimpleNamespace(sid=sid), env=env)
            csrf = Request.csrf_token(request)
        context = {
            "uid": uid,
            "lang": "en_US",
            "allowed_company_ids": self.odoo.companies,
        }
        return {"sid": sid, "csrf": csrf, "context": context}

    def run(self):
        odoo, plan_file, plan = self.odoo, LOCAL / "load-plan.json", self.prepare()
        options = f"-c {odoo.config.config} -d {odoo.db} --db-filter=^{odoo.db}$ "
        options += f"--workers={WORKERS} --max-cron-threads=1 --http-port={self.port} "
        options += f"--http-interface=127.0.0.1 --gevent-port={self.port + 1} "
        options += "--limit-time-cpu=600 --limit-time-real=1200 --smtp=127.0.0.1 "
        options += f"--smtp-port={odoo.smtp} --logfile={LOCAL / 'load-server.log'}"
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        server = subprocess.Popen(
            [sys.executable, "-m", "odoo", *options.split()], **quiet
        )
        locust = [self.locust, "-f", Path(__file__).parent / "locustfile.py"]
        locust += ["-H", self.url, "--headless", "-u", USERS, "-r", USERS]
        locust += ["--stop-timeout", 600, "--only-summary"]
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
                run = list(map(str, locust))
                subprocess.run(run, env=environ, check=True, stdout=subprocess.DEVNULL)
                done = json.loads(plan_file.read_text())["done"]
                rate, errors = done["in_time"] / SECONDS, done["errors"]
                what = f"{done['requests']} requests, {rate:.2f}/s, errors {errors}"
                print(
                    f"load: round {number}, setup filled {filled}: {what}", flush=True
                )
                if number:  # round 0 warms up: workers, assets, wkhtmltopdf
                    rounds.append((filled, rate, first_id, done["expected"]))
                    total += done["requests"]
                    failed += sum(errors.values())
        finally:
            odoo.set_setup(True)
            server.terminate()
            server.wait(60)
        lost = duplicated = 0
        with odoo.env(commit=False) as env:
            for index, (_filled, _rate, first_id, expected) in enumerate(rounds):
                last_id = rounds[index + 1][2] if index + 1 < len(rounds) else 2**31
                env.cr.execute(ENTRIES_LOGGED, [first_id, last_id])
                found = dict(env.cr.fetchall())
                for key in set(found) | set(expected):
                    missing = expected.get(key, 0) - found.get(key, 0)
                    lost += max(missing, 0)
                    duplicated += max(-missing, 0)
        rates = [statistics.mean(r[1] for r in rounds if r[0] == f) for f in (1, 0)]
        expected = sum(sum(r[3].values()) for r in rounds)
        print(
            f"requests/s, setup filled {rates[0]:.2f}, blank {rates[1]:.2f}; ", end=""
        )
        print(f"entries the successful actions should have logged: {expected}")
        ratio = rates[0] / rates[1]
        print(f"{odoo.footer()}.\n\nload: {total} requests, {failed} errors, ", end="")
        print(f"{lost} lost, {duplicated} duplicated, throughput ratio {ratio:.2f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("bench", "load"))
    parser.add_argument("-c", "--config", required=True)
    parser.add_argument("-d", "--database", required=True)
    parser.add_argument("--scale", default="1M", help="entries: 1M, 10M, 100k ...")
    parser.add_argument("--port", type=int, help="make load's server (127.0.0.1)")
    parser.add_argument("--locust", help="make load: the locust command")
    args = parser.parse_args()
    odoo = Odoo(args)
    if args.mode == "load":
        return Load(odoo, args).run()
    unit = {"k": 1000, "M": 10**6}[args.scale[-1]]
    Bench(odoo, int(float(args.scale[:-1]) * unit)).run()


if __name__ == "__main__":
    main()
