import unittest
from datetime import timedelta

from odoo.tests import freeze_time, tagged

from .common import InteractionCrmCase


@tagged("post_install", "-at_install")
class TestQueryCount(InteractionCrmCase):
    """Filing entries under their opportunity and campaign stays O(1) in the
    number of records logged at once."""

    def _count_log_queries(self, records, code, opportunities, **kwargs):
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        # At one instant: a later second would raise the opportunity's last
        # interaction date and add its UPDATE to whichever count it falls in.
        with freeze_time("2026-03-02 09:00:00"):
            entries = self.Entry._log_interaction(records, code, **kwargs)
            self.env.flush_all()
        self.assertEqual(len(entries), len(records))
        self.assertEqual(entries.opportunity_id, opportunities(records))
        return self.cr.sql_log_count - start

    def test_leads(self):
        leads = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                [
                    {
                        "name": f"Deal {index}",
                        "type": "opportunity",
                        "partner_id": self.customer.id,
                        "campaign_id": self.campaign.id,
                    }
                    for index in range(42)
                ]
            )
        )
        leads.invalidate_recordset()

        def count(records):
            return self._count_log_queries(
                records, "phone_call", lambda leads: leads, channel="phone"
            )

        count(leads[:1])
        one = count(leads[1:2])
        forty = count(leads[2:])
        self.assertEqual(one, forty)
        self.assertEqual(
            leads[5].last_interaction_date, leads[5].interaction_log_ids.date
        )

    def test_quotations(self):
        if "opportunity_id" not in self.env["sale.order"]._fields:
            raise unittest.SkipTest("Sales is not installed with CRM")
        product = self.env["product.product"].create({"name": "Lamp"})
        orders = self.env["sale.order"].create(
            [
                {
                    "partner_id": self.customer.id,
                    "opportunity_id": self.lead.id,
                    "campaign_id": self.campaign.id,
                    "order_line": [(0, 0, {"product_id": product.id})],
                }
                for _index in range(42)
            ]
        )

        def count(records):
            return self._count_log_queries(
                records,
                "sale_quote",
                lambda orders: orders.opportunity_id,
                channel="paper",
            )

        count(orders[:1])
        one = count(orders[1:2])
        forty = count(orders[2:])
        self.assertEqual(one, forty)
        self.assertEqual(
            self.Entry.search([("res_model", "=", "sale.order")]).campaign_id,
            self.campaign,
        )

    def test_last_interaction_date_probes_the_index(self):
        """Logging under a lead, canceling and retiring its entries recompute
        its last interaction date: one probe at the end of the lead's part
        of the opportunity index, not a read of its thousands of entries."""
        entry = self.Entry._log_interaction(self.lead, "phone_call", channel="phone")
        leads = self.env["crm.lead"].create(
            [{"name": f"Deal {n}", "type": "opportunity"} for n in range(30)]
        )
        self.env.flush_all()
        self.env.cr.execute(
            """
            INSERT INTO interaction_log_entry
                   (partner_id, name, date, channel, company_id, opportunity_id,
                    canceled)
            SELECT e.partner_id, e.name, e.date - make_interval(hours => n),
                   e.channel, e.company_id, lead, n = 1
              FROM interaction_log_entry e, unnest(%s) lead,
                   generate_series(1, 1000) n
             WHERE e.id = %s
            """,
            [leads.ids, entry.id],
        )
        self.env.cr.execute("ANALYZE interaction_log_entry")
        leads._compute_last_interaction_date()
        query = self.env.cr._obj.query.decode()
        # The newest entry of each lead is canceled: the one before counts.
        self.assertEqual(
            set(leads.mapped("last_interaction_date")),
            {entry.date - timedelta(hours=2)},
        )
        self.env.cr.execute(f"EXPLAIN {query}")
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        # The last of an index in date order, for each lead (on so few rows
        # the planner may walk the date index instead: a probe all the same).
        self.assertIn("Limit", plan, plan)
        self.assertIn("Scan Backward using interaction_log_entry_", plan, plan)
        self.assertNotIn("Aggregate", plan.split("SubPlan")[-1], plan)
        self.assertNotIn("Seq Scan on interaction_log_entry", plan, plan)
