from odoo import Command
from odoo.tests import Form, tagged
from odoo.tools.convert import convert_file

from odoo.addons.interaction_autolog.tests.common import InteractionDocumentCase
from odoo.addons.mail.tests.common import mail_new_test_user


@tagged("post_install", "-at_install")
class TestQuoteBuilderInstalledLater(InteractionDocumentCase):
    """The Quote Builder's report reaches document types whose reports an
    administrator changed before this addon was installed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = mail_new_test_user(
            cls.env,
            login="quote_builder_manager",
            groups="base.group_user,interaction_autolog.group_interaction_manager",
        )

    def _load(self, module, mode):
        # The data files as Odoo loads them when it installs or upgrades.
        convert_file(
            self.env, module, "data/interaction_document_type_data.xml", {}, mode=mode
        )

    def test_installed_after_the_reports_were_changed(self):
        quote_type = self.env.ref("interaction_autolog_sale.document_type_sale_quote")
        order_type = self.env.ref("interaction_autolog_sale.document_type_sale_order")
        standard = self.env.ref("sale.action_report_saleorder")
        pro_forma = self.env.ref("sale.action_report_pro_forma_invoice")
        raw = self.env.ref("sale_pdf_quote_builder.action_report_saleorder_raw")
        manager = self.manager
        # The Sales glue's types as they are before the Quote Builder glue.
        self._load("interaction_autolog_sale", "update")
        self.assertEqual(quote_type.report_ids | order_type.report_ids, standard)
        # The administrator adds a report to one type, removes one from the other.
        with Form(quote_type.with_user(manager)) as form:
            form.report_ids.add(pro_forma)
        with Form(order_type.with_user(manager)) as form:
            form.report_ids.remove(id=standard.id)
        self.assertEqual(quote_type.customized_fields, "report_ids")

        self._load("interaction_autolog_sale_pdf_quote_builder", "init")

        self.assertEqual(quote_type.report_ids, standard | pro_forma | raw)
        self.assertEqual(order_type.report_ids, raw)
        customer = self.env["res.partner"].create(
            {"name": "Quote Builder Oy", "email": "qb@example.com"}
        )
        desk = self.env["product.product"].create({"name": "Desk"})
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "order_line": [Command.create({"product_id": desk.id})],
            }
        )
        self.print_document(raw, order, "admin")
        self.assert_logged(
            self.entries_of(order), order, quote_type, customer, "paper", 1
        )

        # An upgrade of both keeps the administrator's changes: what they
        # removed is not brought back.
        self._load("interaction_autolog_sale", "update")
        self._load("interaction_autolog_sale_pdf_quote_builder", "update")
        self.assertEqual(quote_type.report_ids, standard | pro_forma | raw)
        self.assertEqual(order_type.report_ids, raw)
