import unittest

from odoo.tests import Form, tagged

from odoo.addons.interaction_autolog.tests.common import download_report

from .common import InteractionCrmCase


@tagged("post_install", "-at_install")
class TestQuotationFromLead(InteractionCrmCase):
    """A quotation made with the lead's "New Quotation" button: what is
    logged from it (print, email, the confirmed order) is filed under the
    lead, and under the lead's campaign the quotation carries.

    Needs Sales: sale_crm (which links quotations to leads) and the sales
    glue install themselves with Sales and CRM, as in ``make test``.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        installed = (
            cls.env["ir.module.module"]
            .sudo()
            .search(
                [
                    ("name", "in", ["sale_crm", "interaction_autolog_sale"]),
                    ("state", "=", "installed"),
                ]
            )
        )
        if len(installed) < 2:
            raise unittest.SkipTest("Sales is not installed with CRM")
        cls.product = cls.env["product.product"].create(
            {"name": "Pendant Lamp", "list_price": 240.0}
        )
        cls.type_quote = cls.env.ref(
            "interaction_autolog_sale.document_type_sale_quote"
        )
        cls.type_order = cls.env.ref(
            "interaction_autolog_sale.document_type_sale_order"
        )

    def _new_quotation(self):
        """The lead's New Quotation button, then a line, then Save."""
        action = self.lead.with_user(self.salesman).action_sale_quotations_new()
        order_form = Form(
            self.env["sale.order"]
            .with_user(self.salesman)
            .with_context(**action["context"])
        )
        with order_form.order_line.new() as line:
            line.product_id = self.product
            line.product_uom_qty = 10
        return order_form.save()

    def _print(self, order):
        download_report(
            self,
            "sale.report_saleorder",
            order,
            self.salesman.login,
            context={
                "lang": "en_US",
                "uid": self.salesman.id,
                "allowed_company_ids": [self.company.id],
            },
        )

    def test_quotation_printed_sent_and_confirmed_is_filed_under_the_lead(self):
        order = self._new_quotation()
        self.assertEqual(order.opportunity_id, self.lead)
        self.assertEqual(order.partner_id, self.customer)

        self._print(order)
        printed = self.Entry.search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertRecordValues(
            printed,
            [
                {
                    "partner_id": self.customer.id,
                    "document_type_id": self.type_quote.id,
                    "channel": "paper",
                    "opportunity_id": self.lead.id,
                    "campaign_id": self.campaign.id,
                    "user_id": self.salesman.id,
                }
            ],
        )

        # Send by Email from the quotation.
        action = order.with_user(self.salesman).action_quotation_send()
        composer = Form(
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .with_context(**action["context"])
        ).save()
        with self.mock_mail_gateway():
            composer.action_send_mail()
        emailed = (
            self.Entry.search(
                [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
            )
            - printed
        )
        self.assertRecordValues(
            emailed,
            [
                {
                    "partner_id": self.customer.id,
                    "document_type_id": self.type_quote.id,
                    "channel": "email",
                    "opportunity_id": self.lead.id,
                }
            ],
        )

        order.with_user(self.salesman).action_confirm()
        self._print(order)
        confirmed = self.Entry.search(
            [
                ("res_model", "=", "sale.order"),
                ("res_id", "=", order.id),
                ("document_type_id", "=", self.type_order.id),
            ]
        )
        self.assertEqual(confirmed.opportunity_id, self.lead)

        # The lead's smart button shows them all.
        lead = self.lead.with_user(self.salesman)
        self.assertEqual(lead.interaction_count, len(printed | emailed | confirmed))
        action = lead.action_view_interactions()
        self.assertEqual(
            self.env["interaction.log.entry"]
            .with_user(self.salesman)
            .search(action["domain"]),
            printed | emailed | confirmed,
        )
        self.assertEqual(
            lead.last_interaction_date,
            max((printed | emailed | confirmed).mapped("date")),
        )

    def test_quotation_not_from_a_lead_has_no_opportunity(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.salesman.id,
                "order_line": [(0, 0, {"product_id": self.product.id})],
            }
        )
        self._print(order)
        entry = self.Entry.search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertTrue(entry)
        self.assertFalse(entry.opportunity_id)
        self.assertFalse(entry.campaign_id)
