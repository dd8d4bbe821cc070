from odoo.tests import tagged

from .common import InteractionSaleCase


@tagged("post_install", "-at_install")
class TestSaleUiTour(InteractionSaleCase):
    """A salesperson prints and emails a quotation in a real browser."""

    def test_salesperson_prints_and_emails_quotation(self):
        self._check_tour()

    def test_tour_without_quote_builder(self):
        """The quotation report as Sale alone ships it: under its own name,
        without the Quote Builder's plain variant next to it."""
        report = self.env.ref("sale.action_report_saleorder")
        report.with_context(lang="en_US").name = "Quotation / Order"
        builder_report = self.env.ref(
            "sale_pdf_quote_builder.action_report_saleorder_raw",
            raise_if_not_found=False,
        )
        if builder_report:
            builder_report.unlink_action()
        self._check_tour()

    def _check_tour(self):
        customer = self.env["res.partner"].create(
            {"name": "Tour Customer Oy", "email": "tour.customer@example.com"}
        )
        quote = self._create_orders(partner=customer, user_id=self.user_salesman.id)

        # Only the SMTP connection is patched.
        with self.mock_mail_gateway():
            self.start_tour(
                "/odoo/action-sale.action_quotations_with_onboarding",
                "interaction_sale_tour",
                login=self.user_salesman.login,
            )

        entries = self.Entry.search(
            [("user_id", "=", self.user_salesman.id)], order="channel"
        )
        self.assertRecordValues(
            entries,
            [
                {
                    "channel": "email",
                    "partner_id": customer.id,
                    "document_type_id": self.type_quote.id,
                    "template_id": self.template_quote.id,
                    "res_model": "sale.order",
                    "res_id": quote.id,
                    "contact_via": "tour.customer@example.com",
                },
                {
                    "channel": "paper",
                    "partner_id": customer.id,
                    "document_type_id": self.type_quote.id,
                    "template_id": self.template_quote.id,
                    "res_model": "sale.order",
                    "res_id": quote.id,
                    "contact_via": False,
                },
            ],
        )
        # The browser's request queues the mail and sends it after commit,
        # which test cursors skip: the queue sends it, as the cron would.
        email_entry = entries.filtered(lambda entry: entry.channel == "email")
        self.assertEqual(email_entry.delivery_status, "queued")
        with self.mock_mail_gateway():
            self.env["mail.mail"].sudo().process_email_queue()
        self.assertSentEmail(self.user_salesman.partner_id, [customer])
        self.assertEqual(email_entry.delivery_status, "sent")
