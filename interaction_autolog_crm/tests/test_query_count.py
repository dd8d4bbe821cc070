import unittest

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
