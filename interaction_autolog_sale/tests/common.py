from odoo.tests import Form, HttpCase

from odoo.addons.interaction_autolog.tests.common import download_report
from odoo.addons.mail.tests.common import MailCommon, mail_new_test_user


class InteractionSaleCase(MailCommon, HttpCase):
    """Sales documents printed from the browser and sent from the composer.

    MailCommon rather than BaseCommon: email behaviour is under test and
    BaseCommon switches mail tracking off.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_admin
        cls.Entry = cls.env["interaction.log.entry"]
        cls.type_quote = cls.env.ref(
            "interaction_autolog_sale.document_type_sale_quote"
        )
        cls.type_order = cls.env.ref(
            "interaction_autolog_sale.document_type_sale_order"
        )
        cls.template_quote = cls.env.ref(
            "interaction_autolog_sale.interaction_template_sales_quote"
        )
        cls.template_order = cls.env.ref(
            "interaction_autolog_sale.interaction_template_sales_order"
        )
        cls.template_quote.unit_cost = 2.5
        cls.template_order.unit_cost = 4.0
        cls.customer = cls.env["res.partner"].create(
            {"name": "Azure Interior", "email": "azure@example.com"}
        )
        cls.buyer = cls.env["res.partner"].create(
            {
                "name": "Brandon Buyer",
                "email": "brandon@example.com",
                "parent_id": cls.customer.id,
            }
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Office Chair", "list_price": 100.0}
        )
        cls.user_salesman = mail_new_test_user(
            cls.env,
            login="salesman",
            name="Sam Salesman",
            email="sam@example.com",
            company_id=cls.company.id,
            groups="sales_team.group_sale_salesman",
            notification_type="inbox",
        )

    def _create_orders(self, count=1, partner=None, **values):
        return self.env["sale.order"].create(
            [
                {
                    "partner_id": (partner or self.customer).id,
                    "company_id": self.company.id,
                    "order_line": [
                        (0, 0, {"product_id": self.product.id, "product_uom_qty": 1})
                    ],
                    **values,
                }
                for _index in range(count)
            ]
        )

    def _print(self, records, report_name="sale.report_saleorder", login="admin"):
        """Download ``report_name`` for ``records`` as the web client does."""
        user = self.env["res.users"].search([("login", "=", login)])
        context = {
            "lang": "en_US",
            "tz": "Europe/Brussels",
            "uid": user.id,
            "allowed_company_ids": [self.company.id],
        }
        return download_report(self, report_name, records, login, context=context)

    def _entries(self, records, **domain):
        return self.Entry.search(
            [("res_model", "=", records._name), ("res_id", "in", records.ids)]
            + [(fname, "=", value) for fname, value in domain.items()],
            order="id",
        )

    def _send_by_email(self, order, partners):
        """Send ``order`` with its "Send by Email" button to ``partners``."""
        action = order.action_quotation_send()
        composer_form = Form(
            self.env[action["res_model"]].with_context(**action["context"])
        )
        composer_form.partner_ids.clear()
        for partner in partners:
            composer_form.partner_ids.add(partner)
        composer = composer_form.save()
        with self.mock_mail_gateway():
            composer.action_send_mail()
            self.env["mail.mail"].sudo().process_email_queue()
        return self.env["mail.message"].search(
            [("model", "=", order._name), ("res_id", "=", order.id)],
            order="id desc",
            limit=1,
        )
