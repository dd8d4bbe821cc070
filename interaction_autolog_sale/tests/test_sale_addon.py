from lxml import etree

from odoo.tests import tagged
from odoo.tools.convert import convert_file
from odoo.tools.safe_eval import safe_eval

from odoo.addons.interaction_autolog.tests.common import (
    assert_call_away_from_cancel,
    log_call_from,
)

from .common import InteractionSaleCase


@tagged("post_install", "-at_install")
class TestSaleAddon(InteractionSaleCase):
    def test_smart_button(self):
        """The order form shows the interactions of the order to its users."""
        order = self._create_orders().with_user(self.user_salesman)
        arch = order.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_view_interaction_log"', arch)
        self.env["interaction.log.entry"]._log_interaction(
            order, "sale_quote", channel="paper"
        )
        self.assertEqual(order.interaction_log_count, 1)
        action = order.action_view_interaction_log()
        self.assertEqual(
            self.Entry.with_user(self.user_salesman).search(action["domain"]),
            self._entries(order),
        )

    def test_order_list_hides_the_document_column(self):
        """Opened from the order, every line is the order: the list leaves
        the Document column out (the menu's list keeps it)."""
        order = self._create_orders().with_user(self.user_salesman)
        action = order.action_view_interaction_log()
        self.assertTrue(action["context"].get("interaction_single_document"))
        Entry = self.Entry.with_user(self.user_salesman)
        for context, hidden in ((action["context"], True), ({}, False)):
            arch = Entry.with_context(**context).get_views([(False, "list")])["views"][
                "list"
            ]["arch"]
            column = etree.fromstring(arch).xpath("//field[@name='document_name']")[0]
            self.assertEqual(
                column.get("column_invisible"),
                "context.get('interaction_single_document')",
            )
            # What the web client evaluates, with the action's context.
            self.assertEqual(
                bool(safe_eval(column.get("column_invisible"), {"context": context})),
                hidden,
            )

    def test_setup_filled_in(self):
        """Installing the addon fills the setup of every company in."""
        for company in self.env["res.company"].search([]):
            self.assertEqual(
                self.type_quote.with_company(company).template_id,
                self.template_quote,
            )
            self.assertEqual(
                self.type_order.with_company(company).template_id,
                self.template_order,
            )

    def test_call_from_quotation(self):
        """ "Call" on a quotation logs the call with the customer, linked to
        the quotation."""
        order = self._create_orders(user_id=self.user_salesman.id)
        arch = order.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_interaction_call"', arch)
        assert_call_away_from_cancel(self, order, self.user_salesman)
        entry = log_call_from(order, self.user_salesman, duration=7)
        self.assertEqual(entry.document_type_id.code, "phone_call")
        self.assertEqual(entry.partner_id, self.customer)
        self.assertEqual(entry.user_id, self.user_salesman)
        self.assertEqual(entry.duration, 7)

    def test_demo_company_has_a_document_layout(self):
        """The demo data gives the company a document layout, so that an
        administrator's first "Send by Email" opens the composer rather than
        Odoo's layout configurator."""
        admin = self.env.ref("base.user_admin")
        admin.company_id.external_report_layout_id = False
        order = self._create_orders().with_user(admin)

        def send():
            return order.with_context(
                check_document_layout=True
            ).action_quotation_send()

        self.assertNotEqual(send()["res_model"], "mail.compose.message")
        convert_file(
            self.env,
            "interaction_autolog",
            "demo/res_company_demo.xml",
            {},
            mode="init",
            noupdate=True,
        )
        self.assertEqual(send()["res_model"], "mail.compose.message")
