from odoo.tests import tagged

from .common import InteractionAccountCase


@tagged("post_install", "-at_install")
class TestAccountAddon(InteractionAccountCase):
    def test_smart_button(self):
        """The invoice form shows the interactions of the invoice."""
        invoice = self._create_moves("out_invoice")
        arch = invoice.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_view_interaction_log"', arch)
        self.Entry._log_interaction(invoice, "sale_invoice", channel="paper")
        self.assertEqual(invoice.interaction_log_count, 1)

    def test_setup_filled_in(self):
        """Installing the addon fills the setup of every company in."""
        for company in self.env["res.company"].search([]):
            for code, doc_type in self.doc_types.items():
                self.assertEqual(
                    doc_type.with_company(company).template_id,
                    self.templates[code],
                )

    def test_journal_entry_not_logged(self):
        """Only invoices, credit notes and bills are documents to log."""
        entry = self.env["account.move"].create(
            {"move_type": "entry", "company_id": self.company.id}
        )
        matched = self.env["interaction.document.type"]._match_records(
            entry, trigger="print"
        )
        self.assertFalse(matched)
