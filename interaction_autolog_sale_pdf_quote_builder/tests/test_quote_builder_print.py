from odoo.tests import tagged

from odoo.addons.interaction_autolog.tests.common import InteractionDocumentCase


@tagged("post_install", "-at_install")
class TestQuoteBuilderPrint(InteractionDocumentCase):
    def test_raw_report_logs_the_quotation_then_the_order(self):
        report = self.env.ref("sale_pdf_quote_builder.action_report_saleorder_raw")
        customer = self.env["res.partner"].create(
            {"name": "Quote Builder Oy", "email": "qb@example.com"}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": self.env["product.product"]
                            .create({"name": "Desk"})
                            .id
                        },
                    )
                ],
            }
        )
        self.print_document(report, order, "admin")
        quote_type = self.env.ref("interaction_autolog_sale.document_type_sale_quote")
        self.assert_logged(
            self.entries_of(order), order, quote_type, customer, "paper", 1
        )
        order.action_confirm()
        self.print_document(report, order, "admin")
        self.assertEqual(self.entries_of(order, "sale_order").partner_id, customer)
