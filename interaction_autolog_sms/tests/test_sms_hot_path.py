from unittest.mock import patch

from odoo.tests import tagged

from odoo.addons.sms.tests.common import SMSCommon

# What logging adds to a text message sent from a document's chatter, caches
# warm as on a running server: the version counter and the entry. The type,
# the template and the currency are cached, the notifications just made are
# not searched for, and the provider's answer finds the entry without a
# search. Measured: lower it when the engine gets cheaper.
SMS_LOGGING_QUERIES = 2


@tagged("post_install", "-at_install", "is_query_count")
class TestSmsHotPath(SMSCommon):
    """What logging costs a text message, in queries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Entry = cls.env["interaction.log.entry"].sudo()
        cls.company_admin.interaction_never_log = False
        cls.doc_sms = cls.env.ref("interaction_autolog_sms.document_type_sms")
        cls.customer = cls.env["res.partner"].create(
            {"name": "Acme Oy", "is_company": True, "mobile": "+358401234567"}
        )
        cls.contacts = cls.env["res.partner"].create(
            [{"name": f"Buyer {n}", "mobile": f"+35850111{n:04d}"} for n in range(10)]
        )

    def _text(self, partners):
        with self.mockSMSGateway():
            return self.customer._message_sms(
                "Your order is ready.", partner_ids=partners.ids
            )

    def _count(self, partners):
        # Twice first: the registry's caches, as on a running server.
        for _round in range(2):
            self.env.invalidate_all()
            self._text(partners)
            self.env.flush_all()
        self.env.invalidate_all()
        with patch("random.random", lambda: 1):
            start = self.cr.sql_log_count
            message = self._text(partners)
            self.env.flush_all()
            return self.cr.sql_log_count - start, message

    def test_logging_adds_few_queries(self):
        """The same text message with the setup filled and blank: the
        difference is what logging costs, whatever the number of contacts."""
        one, ten = self.contacts[:1], self.contacts
        logged = {}
        for partners in (one, ten):
            logged[len(partners)], message = self._count(partners)
            entries = self.Entry.search([("mail_message_id", "=", message.id)])
            self.assertEqual(entries.partner_id, partners)
            self.assertEqual(set(entries.mapped("channel")), {"sms"})
        for company in self.env["res.company"].search([]):
            self.doc_sms.with_company(company).template_id = False
        added = {}
        for partners in (one, ten):
            blank, message = self._count(partners)
            self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))
            added[len(partners)] = logged[len(partners)] - blank
        self.assertLessEqual(added[1], SMS_LOGGING_QUERIES, added)
        self.assertEqual(added[1], added[10], "logging does not grow per contact")
