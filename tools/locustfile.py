"""make load's users, for Locust: tools/perf.py fills the database, starts
Odoo and runs this once per round. LOAD_PLAN names a JSON file with the
logins and documents; what the users did is added to it under "done"."""

import json
import os
import random
import time
import uuid
from collections import Counter
from pathlib import Path

from gevent.lock import BoundedSemaphore
from locust import HttpUser, events, task

PLAN_FILE = Path(os.environ["LOAD_PLAN"])
PLAN = json.loads(PLAN_FILE.read_text())
# wkhtmltopdf fetches the report's styles from the server itself: one
# worker stays free to serve them, as with more workers than renders.
PDF_SLOTS = BoundedSemaphore(PLAN["pdf_slots"])
DONE = {"requests": 0, "errors": Counter(), "expected": Counter()}
USERS, START = iter(range(1000)), [0]


@events.test_start.add_listener
def started(**_kwargs):
    START[0] = time.monotonic()


@events.quitting.add_listener
def write_done(**_kwargs):
    """What the users did, over the seconds from the start to the last
    action's end (--run-time, then --stop-timeout lets users finish it)."""
    DONE["seconds"] = time.monotonic() - START[0]
    PLAN_FILE.write_text(json.dumps(PLAN | {"done": DONE}))


class Salesperson(HttpUser):
    """Prints quotations and invoices as PDF, sends quotations, logs calls; a
    quarter of the actions go to the same 3 documents of each kind."""

    def on_start(self):
        """The session perf.py opened for this user (logins hash passwords)."""
        number = next(USERS)
        self.rng = random.Random(PLAN["seed"] * 1000 + number)
        session = PLAN["sessions"][number % len(PLAN["sessions"])]
        self.client.cookies.set("session_id", session["sid"])
        self.csrf, self.ctx = session["csrf"], session["context"]

    def pick(self, pool):
        return pool[self.rng.randrange(3 if self.rng.random() < 0.25 else len(pool))]

    def record(self, results, *expect):
        """[(ok, what went wrong)] of one action; expect: the entry it logs."""
        DONE["requests"] += len(results)
        DONE["errors"].update(error for ok, error in results if not ok)
        if PLAN["filled"] and all(ok for ok, _error in results):
            DONE["expected"][" ".join(map(str, expect))] += 1

    def call_kw(self, model, method, args, context=None):
        params = {"model": model, "method": method, "args": args}
        params["kwargs"] = {"context": context or self.ctx}
        url = f"/web/dataset/call_kw/{model}/{method}"
        reply = self.client.post(url, json={"params": params})
        try:  # a worker killed or the database gone: no JSON-RPC reply
            result = reply.json()
        except ValueError:
            return False, f"{method}: {reply.status_code}"
        return "error" not in result, result.get("result") or f"{method}: error"

    def pdf(self, report, res_id):
        data = json.dumps([f"/report/pdf/{report}/{res_id}", "qweb-pdf"])
        form = {"data": data, "context": json.dumps(self.ctx), "token": "t"}
        with PDF_SLOTS:
            form["csrf_token"] = self.csrf
            reply = self.client.post("/report/download", data=form)
        ok = reply.headers.get("Content-Type", "").startswith("application/pdf")
        return ok, f"{report}: {reply.status_code}"

    @task(3)
    def print_quote(self):
        quote = self.pick(PLAN["quotes"])
        result = self.pdf("sale.report_saleorder", quote)
        self.record([result], "sale.order", quote, "sale_quote", "paper")

    @task(3)
    def print_invoice(self):
        move = self.pick(PLAN["invoices"])
        result = self.pdf("account.report_invoice", move)
        self.record([result], "account.move", move, "sale_invoice", "paper")

    @task(2)
    def send_quote(self):
        """Send by Email: open the composer (it renders the PDF), send."""
        quote, composer = self.pick(PLAN["quotes"]), "mail.compose.message"
        results = [self.call_kw("sale.order", "action_quotation_send", [[quote]])]
        if results[-1][0]:
            context = self.ctx | results[-1][1]["context"]
            with PDF_SLOTS:
                results.append(self.call_kw(composer, "create", [{}], context))
            if results[-1][0]:
                args = [[results[-1][1]]]
                results.append(
                    self.call_kw(composer, "action_send_mail", args, context)
                )
        self.record(results, "sale.order", quote, "sale_quote", "email")

    @task(4)
    def call(self):
        partner = self.pick(list(PLAN["phones"]))
        inbound = self.rng.random() < 0.5
        body = {"number": PLAN["phones"][partner], "call_id": uuid.uuid4().hex}
        body["direction"] = "inbound" if inbound else "outbound"
        body["start"] = time.strftime("%Y-%m-%dT%H:%M:%S+00:00", time.gmtime())
        body |= {"duration_seconds": 90, "status": "answered"}
        headers = {"Authorization": f"Bearer {PLAN['api_key']}"}
        reply = self.client.post(
            "/interaction_autolog/call", json=body, headers=headers
        )
        code = "phone_call_inbound" if inbound else "phone_call"
        result = reply.ok, f"call: {reply.status_code}"
        self.record([result], "res.partner", partner, code, "phone")
