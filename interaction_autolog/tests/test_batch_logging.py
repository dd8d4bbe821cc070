from datetime import timedelta
from unittest.mock import patch

from odoo.tests import tagged

from .common import InteractionCommon

# Absolute ceilings, caches warm as on a running server, each call starting
# with no record cached. Measured numbers: lower them when Odoo or the engine
# gets cheaper.
# The composer's mass mode, one batch of documents: what logging adds is the
# same for one document as for five (the version counter, the entries, their
# delivery once sent; the type, the template and the currency are cached).
MASS_MAIL_LOGGING_QUERIES = 3
# The engine logging 100 contacts at once: the contacts, the company, the
# version counter, the entries; as many for 100 as for 1.
ENGINE_BATCH_QUERIES = 5


@tagged("post_install", "-at_install", "is_query_count")
class TestBatchLogging(InteractionCommon):
    """Logging a batch costs about what writing its rows costs: a constant
    number of queries per batch, not per document or contact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyers = cls.env["res.partner"].create(
            [
                {"name": f"Buyer {n}", "email": f"buyer{n}@example.com"}
                for n in range(100)
            ]
        )

    def _mass_mail(self, partners):
        """The composer in mass mode on contacts, as "Send Email" on several
        contacts selected in the list opens it."""
        composer = (
            self.env["mail.compose.message"]
            .with_user(self.user_employee)
            .with_context(
                default_model="res.partner",
                default_res_ids=partners.ids,
                default_composition_mode="mass_mail",
            )
            .create({"subject": "News", "body": "<p>Our news.</p>"})
        )
        with self.mock_mail_gateway():
            composer.action_send_mail()

    def _count(self, run):
        # Twice first: the registry's caches, as on a running server.
        for _round in range(2):
            self.env.invalidate_all()
            run()
            self.env.flush_all()
        self.env.invalidate_all()
        with patch("random.random", lambda: 1):
            start = self.cr.sql_log_count
            run()
            self.env.flush_all()
            return self.cr.sql_log_count - start

    def _count_mass_mail(self, partners):
        return self._count(lambda: self._mass_mail(partners))

    def test_mass_mail_logging_is_constant_per_batch(self):
        one, five = self.buyers[:1], self.buyers[1:6]
        logged = {
            len(partners): self._count_mass_mail(partners) for partners in (one, five)
        }
        entries = self.Entry.search([("partner_id", "in", (one | five).ids)])
        # Each document emailed three times (two warm-ups), once per contact.
        self.assertEqual(len(entries), 18)
        self.assertEqual(entries.document_type_id, self.doc_email)
        self.assertEqual(set(entries.mapped("channel")), {"email"})
        for entry in entries:
            self.assertEqual(entry.res_id, entry.partner_id.id)
            self.assertEqual(entry.mail_message_id.res_id, entry.partner_id.id)
            self.assertEqual(entry.subject, "News")
            self.assertEqual(entry.contact_via, entry.partner_id.email)
        self.doc_email.with_company(self.company).template_id = False
        added = {}
        for partners in (one, five):
            blank = self._count_mass_mail(partners)
            added[len(partners)] = logged[len(partners)] - blank
        self.assertEqual(
            len(self.Entry.search([("partner_id", "in", (one | five).ids)])), 18
        )
        self.assertLessEqual(added[1], MASS_MAIL_LOGGING_QUERIES, added)
        self.assertEqual(added[1], added[5], "logging does not grow per document")

    def test_mass_mail_versions_per_document(self):
        """Each document of the batch takes its own next version."""
        self._mass_mail(self.buyers[:3])
        self._mass_mail(self.buyers[1:3])
        entries = self.Entry.search(
            [("partner_id", "in", self.buyers[:3].ids)], order="id"
        )
        self.assertEqual(
            [(e.partner_id, e.document_version) for e in entries],
            [
                (self.buyers[0], 1),
                (self.buyers[1], 1),
                (self.buyers[2], 1),
                (self.buyers[1], 2),
                (self.buyers[2], 2),
            ],
        )
        self.assertEqual(len(entries.mail_message_id), 5)

    def test_engine_batch_ceiling(self):
        Entry = self.env["interaction.log.entry"]
        Entry._log_interaction(self.buyers[:2], "cover_sheet")
        self.env.flush_all()
        self.env.invalidate_all()
        with self.assertQueryCount(ENGINE_BATCH_QUERIES):
            entries = Entry._log_interaction(self.buyers, "cover_sheet")
            self.env.flush_all()
        self.assertEqual(entries.partner_id, self.buyers)
        self.assertEqual(set(entries.mapped("template_id")), {self.template_cover})
        # What the engine gives in the values is what the entry computes.
        for entry in entries:
            self.assertEqual(entry.group_id, self.template_cover.group_id)
            self.assertEqual(entry.cost, 2.5)
            self.assertEqual(entry.duration, 3.0)
            self.assertEqual(entry.date_end, entry.date + timedelta(minutes=3))
        versions = {e.partner_id: e.document_version for e in entries}
        self.assertEqual(versions[self.buyers[0]], 2)
        self.assertEqual(versions[self.buyers[99]], 1)
