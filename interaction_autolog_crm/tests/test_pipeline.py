import ast
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo.tests import freeze_time, tagged
from odoo.tools.safe_eval import safe_eval

from odoo.addons.interaction_autolog.tests.common import log_call_from

from .common import InteractionCrmCase

TODAY = "2026-06-15 10:00:00"


@tagged("post_install", "-at_install")
class TestPipeline(InteractionCrmCase):
    """The pipeline's "No interaction for N days" filters and grouping."""

    def _lead(self, name, created):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {"name": name, "type": "opportunity", "partner_id": self.customer.id}
            )
        )
        # The ORM sets create_date; a lead made weeks ago is one made then.
        self.env.cr.execute(
            "UPDATE crm_lead SET create_date = %s WHERE id = %s", [created, lead.id]
        )
        lead.invalidate_recordset(["create_date"])
        return lead

    def _filter(self, view_ref, name):
        """The filter of the pipeline's search view, with its domain
        evaluated as the web client does (context_today is the user's day)."""
        Lead = self.env["crm.lead"].with_user(self.salesman)
        view = self.env.ref(view_ref)
        arch = etree.fromstring(
            Lead.get_views([(view.id, "search")])["views"]["search"]["arch"]
        )
        node = arch.xpath(f"//filter[@name='{name}']")
        self.assertTrue(node, f"no filter {name} in {view_ref}")
        return node[0]

    def _cold(self, view_ref, days):
        node = self._filter(view_ref, f"no_interaction_{days}")
        domain = safe_eval(
            node.get("domain"),
            {
                "context_today": lambda: date.today(),
                "relativedelta": relativedelta,
                "datetime": datetime,
                "uid": self.salesman.id,
            },
        )
        return (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .search(domain + [("partner_id", "=", self.customer.id)])
        )

    def test_no_interaction_for_n_days(self):
        now = datetime(2026, 6, 15, 10)
        with freeze_time(now - timedelta(days=40)):
            cold = self._lead("Silent for 20 days", now - timedelta(days=40))
            log_call_from(cold, self.salesman, name="Long ago")
            ancient = self._lead("Silent for 35 days", now - timedelta(days=40))
            log_call_from(ancient, self.salesman, name="Long ago too")
        with freeze_time(now - timedelta(days=20)):
            log_call_from(cold, self.salesman, name="Three weeks ago")
        with freeze_time(now - timedelta(days=35)):
            log_call_from(ancient, self.salesman, name="Five weeks ago")
        with freeze_time(now - timedelta(days=3)):
            warm = self._lead("Called this week", now - timedelta(days=40))
            log_call_from(warm, self.salesman, name="Three days ago")
        # Never logged: cold since it was made, unless it was made today.
        never = self._lead("Never touched", now - timedelta(days=16))
        fresh = self._lead("Made today", now)
        self.lead.sudo().unlink()

        with freeze_time(TODAY):
            for view_ref in (
                "crm.view_crm_case_opportunities_filter",
                "crm.view_crm_case_leads_filter",
            ):
                self.assertEqual(self._cold(view_ref, 7), cold | ancient | never)
                self.assertEqual(self._cold(view_ref, 14), cold | ancient | never)
                self.assertEqual(self._cold(view_ref, 30), ancient)
            # Talked to this week, or made today: not cold.
            self.assertFalse(
                (warm | fresh) & self._cold("crm.view_crm_case_leads_filter", 7)
            )

    def test_group_by_last_interaction(self):
        with freeze_time("2026-06-01 09:00:00"):
            log_call_from(self.lead, self.salesman, name="Early June")
        other = self._lead("Another deal", datetime(2026, 5, 1))
        with freeze_time("2026-05-04 09:00:00"):
            log_call_from(other, self.salesman, name="Early May")

        node = self._filter(
            "crm.view_crm_case_opportunities_filter", "group_by_last_interaction"
        )
        groupby = ast.literal_eval(node.get("context"))["group_by"]
        groups = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .read_group(
                [("partner_id", "=", self.customer.id)],
                ["last_interaction_date"],
                [groupby],
            )
        )
        self.assertEqual(
            sorted(group["last_interaction_date_count"] for group in groups), [1, 1]
        )
        self.assertEqual(len(groups), 2)
