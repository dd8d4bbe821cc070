import unittest

from odoo.tests import tagged

from .common import InteractionCrmCase


@tagged("post_install", "-at_install")
class TestLogAddressOpportunity(InteractionCrmCase):
    """An email logged through the log address (its own addon, installed
    beside CRM or not) is filed under the contact's open opportunity when
    there is exactly one, as a quotation made from it is."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if "interaction.log.mail" not in cls.env:
            raise unittest.SkipTest("The log address addon is not installed")
        cls.alias = cls.company._interaction_set_log_alias("log")
        cls.company.interaction_log_alias_require_auth = False
        cls.salesman.email = "sanna@ourcompany.example.com"

    def _log_email(self, subject):
        raw = (
            f"Delivered-To: {self.alias.alias_full_name}\n"
            "From: Sanna Sales <sanna@ourcompany.example.com>\n"
            "To: Nora Nordlight <nora@nordlight.example.com>\n"
            f"Subject: {subject}\n"
            f"Message-ID: <{subject.replace(' ', '-')}@ourcompany.example.com>\n"
            "Content-Type: text/plain\n\nOur offer.\n"
        )
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(None, raw)
        return self.Entry.search([("subject", "=", subject)])

    def test_filed_under_the_only_open_opportunity(self):
        entry = self._log_email("Offer one")
        self.assertEqual(entry.partner_id, self.customer)
        self.assertEqual(entry.opportunity_id, self.lead)
        self.assertIn(entry, self.lead_entries())

    def test_not_filed_when_the_contact_has_two(self):
        self.env["crm.lead"].create(
            {
                "name": "Second deal",
                "type": "opportunity",
                "partner_id": self.customer.id,
            }
        )
        entry = self._log_email("Offer two")
        self.assertEqual(entry.partner_id, self.customer)
        self.assertFalse(entry.opportunity_id)

    def test_won_deal_is_not_open(self):
        self.lead.action_set_won()
        entry = self._log_email("Offer three")
        self.assertFalse(entry.opportunity_id)

    def test_entries_logged_before_the_glue_are_filed(self):
        # The demo's logged email, or one logged before CRM was installed.
        entry = self._log_email("Offer four")
        entry._as_engine().opportunity_id = False
        self.Entry._file_contact_deals()
        self.assertEqual(entry.opportunity_id, self.lead)
