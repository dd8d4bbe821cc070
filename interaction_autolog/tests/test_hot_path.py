import re
from contextlib import contextmanager
from unittest.mock import patch

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import SQL

from odoo.addons.interaction_autolog.models.interaction_log_version import (
    NEXT_VERSION_QUERY,
)

from .common import InteractionCommon

# Absolute ceilings for one chatter email (message_post, comment subtype) to
# one contact, as a salesperson, caches warm as on a running server. Odoo
# alone spends most of them; logging adds at most LOGGING_QUERIES (the
# version counter and the entry: the type, the template and the currency
# that rounds its cost are cached). Measured numbers: lower them when Odoo or
# the engine gets cheaper.
EMAIL_QUERIES = 26  # the user's transaction, mail queued (sent after commit)
EMAIL_SENT_AT_ONCE_QUERIES = 36  # the same, sending in the same transaction
# What OCA mail_tracking itself adds to an email sent (its tracking record,
# its "sent" event), when installed: its cost, not logging's.
MAIL_TRACKING_SENT_QUERIES = 6
LOGGING_QUERIES = 2
# A mail sent by a later transaction (the queue, or after the user's commit):
# the notification's update, its entry found with what the update reads of
# it, and the entry's update.
DELIVERY_LATER_QUERIES = 4
OUR_TABLE = re.compile(r'\b(FROM|JOIN|INTO|UPDATE)\s+"?interaction_', re.IGNORECASE)


@tagged("post_install", "-at_install", "is_query_count")
class TestHotPath(InteractionCommon):
    """What logging costs a chatter email, in queries."""

    def _post(self, partners, send_at_once=False):
        record = self.customer.with_user(self.user_employee).with_context(
            mail_notify_force_send=send_at_once
        )
        with self.mock_mail_gateway():
            return record.message_post(
                body="<p>Here is our price list.</p>",
                subject="Price list",
                partner_ids=partners.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _warm_up(self, partners, send_at_once=False):
        # What a running server has cached after its first emails (the
        # registry's caches), each request starting with no record cached.
        for _run in range(2):
            self.env.invalidate_all()
            self._post(partners, send_at_once)
            self.env.flush_all()
        self.env.invalidate_all()

    def _count(self, partners, send_at_once=False):
        self._warm_up(partners, send_at_once)
        # As assertQueryCount does: no random garbage collection of the bus.
        with patch("random.random", lambda: 1):
            start = self.cr.sql_log_count
            message = self._post(partners, send_at_once)
            self.env.flush_all()
            return self.cr.sql_log_count - start, message

    def test_email_to_one_contact_ceiling(self):
        self._warm_up(self.contact)
        with self.assertQueryCount(EMAIL_QUERIES):
            message = self._post(self.contact)
        self.assertEqual(
            self.Entry.search([("mail_message_id", "=", message.id)]).partner_id,
            self.contact,
        )

    def test_email_sent_at_once_ceiling(self):
        self._warm_up(self.contact, send_at_once=True)
        ceiling = EMAIL_SENT_AT_ONCE_QUERIES
        if "mail.tracking.email" in self.env:
            ceiling += MAIL_TRACKING_SENT_QUERIES
        with self.assertQueryCount(ceiling):
            message = self._post(self.contact, send_at_once=True)
        entry = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(entry.partner_id, self.contact)
        self.assertEqual(entry.delivery_status, "sent")

    def test_delivery_in_a_later_transaction_ceiling(self):
        for run in range(3):  # the first two warm the caches up
            message = self._post(self.contact)
            self.env.flush_all()
            # What the next transaction knows: not which entries this one made.
            self.env.cr.precommit.clear()
            self.env.invalidate_all()
            notification = message.sudo().notification_ids  # as the mail queue
            import logging

            logging.getLogger("odoo.sql_db").setLevel(
                logging.DEBUG if run == 2 else logging.INFO
            )
            with self.assertQueryCount(DELIVERY_LATER_QUERIES if run == 2 else 99):
                notification.write({"notification_status": "sent"})
                self.env.flush_all()
            logging.getLogger("odoo.sql_db").setLevel(logging.INFO)
        entry = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(entry.delivery_status, "sent")

    def test_logging_adds_few_queries(self):
        """The same email with the setup filled and blank: the difference is
        what logging costs, whatever the number of recipients."""
        ten = self.env["res.partner"].create(
            [
                {"name": f"Buyer {n}", "email": f"buyer{n}@example.com"}
                for n in range(10)
            ]
        )
        logged = {}
        for partners in (self.contact, ten):
            logged[len(partners)], message = self._count(partners)
            entries = self.Entry.search([("mail_message_id", "=", message.id)])
            self.assertEqual(entries.partner_id, partners)
        self.doc_email.with_company(self.company).template_id = False
        added = {}
        for partners in (self.contact, ten):
            blank, message = self._count(partners)
            self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))
            added[len(partners)] = logged[len(partners)] - blank
        self.assertLessEqual(added[1], LOGGING_QUERIES)
        self.assertEqual(added[1], added[10], "logging does not grow per contact")


@tagged("post_install", "-at_install", "is_query_count")
class TestBlankSetup(InteractionCommon):
    """With the Interaction Template Setup blank nothing can be logged, and
    the mail hooks must cost Odoo nothing: not one query of ours in an email
    sent and delivered, so that Odoo's own query ceilings hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_types = cls.DocType.with_context(active_test=False).search([])
        cls._blank_setup()

    @classmethod
    def _blank_setup(cls):
        for company in cls.env["res.company"].search([]):
            cls.doc_types.with_company(company).template_id = False

    @contextmanager
    def _capture_queries(self, queries):
        # Odoo's own recorder of assertQueries, without its exact list.
        yield from self._patchExecute(queries, True)

    def _email(self, partners):
        record = self.customer.with_user(self.user_employee).with_context(
            mail_notify_force_send=True
        )
        with self.mock_mail_gateway():
            return record.message_post(
                body="<p>Here is our price list.</p>",
                subject="Price list",
                partner_ids=partners.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def test_email_costs_no_query_of_ours(self):
        self.assertFalse(self.DocType._logging_enabled())
        self._email(self.contact)  # warm-up: the registry's caches
        self.env.invalidate_all()
        queries = []
        with self._capture_queries(queries):
            message = self._email(self.contact | self.contact_2)
            self.env.flush_all()
        self.assertEqual(
            message.notification_ids.mapped("notification_status"), ["sent"] * 2
        )
        # Reads of our tables (entries, types, templates), not of our
        # columns on Odoo's tables, which Odoo reads anyway.
        ours = [q for q in queries if OUR_TABLE.search(q)]
        self.assertFalse(ours, "a blank setup adds no query:\n" + "\n".join(ours))
        self.assertFalse(self.Entry.search([("mail_message_id", "=", message.id)]))
        # Nothing logged: the contacts stay deletable.
        self.contact_2.unlink()

    def test_setup_changes_show_at_once(self):
        """The cached answer follows the setup and the templates."""
        self.assertFalse(self.DocType._logging_enabled(self.company))
        self.doc_email.with_company(self.company).template_id = self.template_email
        self.assertTrue(self.DocType._logging_enabled(self.company))
        self.assertFalse(self.DocType._logging_enabled(self.company_2))
        message = self._email(self.contact)
        self.assertEqual(
            self.Entry.search([("mail_message_id", "=", message.id)]).partner_id,
            self.contact,
        )
        # Archiving the only template in use stops logging too.
        self.template_email.active = False
        self.assertFalse(self.DocType._logging_enabled())
        self.template_email.active = True
        self.assertTrue(self.DocType._logging_enabled())
        self.doc_email.with_company(self.company).template_id = False
        self.assertFalse(self.DocType._logging_enabled())

    def test_new_company_stays_blank(self):
        """A company created while every company's setup is blank starts
        blank too, instead of with the defaults that would switch logging
        back on (Odoo's mail tests create companies, then count the queries
        of emails sent in the first one)."""
        new_company = self.env["res.company"].create({"name": "Blank Too Oy"})
        self.assertFalse(self.doc_email.with_company(new_company).template_id)
        self.assertFalse(self.DocType._logging_enabled())
        # Set up all the same: applying the defaults again (an upgrade)
        # keeps it blank, as it keeps the others.
        self.DocType._apply_default_setup()
        self.assertFalse(self.doc_email.with_company(new_company).template_id)
        self.assertFalse(self.DocType._logging_enabled())


@tagged("post_install", "-at_install")
class TestLookupCache(InteractionCommon):
    """The document-type lookups are cached: every change of a type shows."""

    def test_lookups_follow_changes(self):
        DocType = self.DocType
        report = self.env.ref("interaction_autolog.action_report_cover_sheet")
        self.assertEqual(DocType._get_by_code("cover_sheet"), self.doc_cover)
        self.assertEqual(
            DocType._match_records(self.contact, report=report),
            {self.doc_cover: self.contact},
        )
        self.assertIn(report.report_name, DocType._logged_reports())

        self.doc_cover.active = False
        self.assertFalse(DocType._get_by_code("cover_sheet"))
        self.assertFalse(DocType._match_records(self.contact, report=report))
        self.doc_cover.active = True
        self.assertEqual(DocType._get_by_code("cover_sheet"), self.doc_cover)

        self.doc_cover.with_company(self.company).template_id = False
        self.assertFalse(self.doc_cover._template_for(self.company))
        self.assertFalse(self.Entry._log_interaction(self.contact, "cover_sheet"))
        self.doc_cover.with_company(self.company).template_id = self.template_cover
        self.assertEqual(
            self.doc_cover._template_for(self.company), self.template_cover
        )

        custom = DocType.create(
            {
                "code": "x_price_list",
                "name": "Price list",
                "model": "res.partner",
                "trigger": "print",
                "report_ids": [(4, report.id)],
                "sequence": 1,
            }
        )
        self.assertEqual(DocType._get_by_code("x_price_list"), custom)
        self.assertEqual(
            DocType._match_records(self.contact, report=report),
            {custom: self.contact},
        )
        custom.unlink()
        self.assertFalse(DocType._get_by_code("x_price_list"))
        self.assertEqual(
            DocType._match_records(self.contact, report=report),
            {self.doc_cover: self.contact},
        )

    def test_logged_values_follow_changes(self):
        """What the engine keeps of a type, a template and a currency is
        cached: each change shows in the next entry, translations too."""
        Entry = self.env["interaction.log.entry"]

        def log():
            return Entry._log_interaction(self.contact, "cover_sheet")

        entry = log()
        self.assertEqual((entry.cost, entry.duration), (2.5, 3.0))
        self.template_cover.write({"unit_cost": 4.25, "unit_duration": 7.0})
        entry = log()
        self.assertEqual((entry.cost, entry.duration), (4.25, 7.0))
        self.assertEqual(entry.group_id, self.template_cover.group_id)
        self.doc_cover.name = "Price list cover"
        self.assertEqual(log().name, "Price list cover")
        self.env["res.lang"]._activate_lang("fi_FI")
        self.doc_cover.update_field_translations("name", {"fi_FI": "Hinnaston saate"})
        self.assertEqual(
            Entry.with_context(lang="fi_FI")
            ._log_interaction(self.contact, "cover_sheet")
            .name,
            "Hinnaston saate",
        )
        self.doc_cover.log_once = True
        self.assertFalse(log(), "logged once already")
        self.doc_cover.log_once = False
        # The company currency rounds the cost as the entry is written.
        self.template_cover.unit_cost = 4.26
        self.company.currency_id.rounding = 0.1
        entry = log()
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(entry.cost, 4.3)


@tagged("post_install", "-at_install")
class TestBatchChecks(InteractionCommon):
    def test_company_check_of_a_batch_sees_every_combination(self):
        """Entries are checked once per (company, template), not skipped."""
        other = self.env["interaction.template"].create(
            {
                "code": "B-ONLY",
                "name": "Company B",
                "company_id": self.company_2.id,
                "group_id": self.group_letter.id,
            }
        )
        values = {"partner_id": self.contact.id, "name": "Visit"}
        entries = self.Entry.create(
            [dict(values, template_id=self.template_cover.id) for _n in range(3)]
        )
        self.assertEqual(len(entries), 3)
        with self.assertRaises(UserError):
            self.Entry.create(
                [
                    dict(values, template_id=self.template_cover.id),
                    dict(values, template_id=self.template_cover.id),
                    dict(values, template_id=other.id),
                ]
            )


class TestDocumentIndex(InteractionCommon):
    """A document's entries under one type are found through the (res_model,
    res_id, document_type_id) index, not by reading every entry of the
    document (emails, prints and calls of the same record pile up there)."""

    INDEX = "interaction_log_entry_document_idx"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        entry = cls.Entry._log_interaction(cls.contact, "cover_sheet")
        cls.env.flush_all()
        # As a database after a few years: the same ids in several models,
        # each document logged under several types.
        cls.env.cr.execute(
            """
            INSERT INTO interaction_log_entry
                   (partner_id, name, date, channel, company_id, res_model,
                    res_id, document_type_id, document_version)
            SELECT e.partner_id, e.name, e.date, e.channel, e.company_id,
                   'model.' || m, doc, t.id, 1
              FROM interaction_log_entry e,
                   generate_series(1, 8) m,
                   generate_series(1, 1500) doc,
                   (SELECT id FROM interaction_document_type ORDER BY id LIMIT 4) t
             WHERE e.id = %s
            """,
            [entry.id],
        )
        cls.env.cr.execute("ANALYZE interaction_log_entry")
        cls.doc_type = cls.DocType.with_context(active_test=False).search(
            [], order="id", limit=1
        )

    def _plan(self):
        return "\n".join(row[0] for row in self.env.cr.fetchall())

    def test_index_exists(self):
        self.env.cr.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = %s", [self.INDEX]
        )
        (definition,) = self.env.cr.fetchone()
        self.assertIn(
            "(res_model, res_id, document_type_id, document_version)", definition
        )
        # The indexes it replaces are gone.
        self.env.cr.execute(
            r"""
            SELECT indexname FROM pg_indexes
             WHERE tablename = 'interaction_log_entry'
               AND (indexdef ~ '\((res_model|res_id)\)'
                    OR indexname = 'interaction_log_entry_document_type_idx')
            """
        )
        self.assertFalse(self.env.cr.fetchall())

    def test_version_counter_reads_the_index(self):
        self.env.cr.execute(
            "EXPLAIN " + NEXT_VERSION_QUERY,
            {"model": "model.3", "type": self.doc_type.id, "ids": [42, 43]},
        )
        plan = self._plan()
        self.assertIn(self.INDEX, plan, plan)
        # The highest version so far: the last of the document's part of the
        # index, however many times it was logged.
        self.assertIn(f"Scan Backward using {self.INDEX}", plan, plan)

    def test_logged_once_lookup_reads_the_index(self):
        """The search of "already logged under this type" (a first view
        online, the HTML preview loaded twice) is answered by the index."""
        query = self.Entry.sudo()._search(
            [
                ("res_model", "=", "model.3"),
                ("res_id", "in", [42, 43]),
                ("document_type_id", "=", self.doc_type.id),
            ]
        )
        self.env.cr.execute(SQL("EXPLAIN %s", query.select()))
        plan = self._plan()
        self.assertIn(self.INDEX, plan, plan)


class TestContactIndex(InteractionCommon):
    """A contact's figures are read from the partner index alone: its
    entries are spread over the whole table after a few years, one page
    each, and the index holds every column the figures sum."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        entry = cls.Entry._log_interaction(cls.contact, "cover_sheet")
        partners = cls.env["res.partner"].create(
            [{"name": f"Customer {n}"} for n in range(40)]
        )
        cls.env.flush_all()
        cls.env.cr.execute(
            """
            INSERT INTO interaction_log_entry
                   (partner_id, name, date, channel, company_id, cost, duration)
            SELECT p, e.name, e.date - make_interval(hours => n), e.channel,
                   e.company_id, 1.5, 5
              FROM interaction_log_entry e, unnest(%s) p, generate_series(1, 1000) n
             WHERE e.id = %s
            """,
            [partners.ids, entry.id],
        )
        cls.env.cr.execute("ANALYZE interaction_log_entry")
        cls.partner = partners[7]

    def test_statistics_read_the_partner_index(self):
        cr, executed = self.env.cr, []
        execute = type(cr).execute

        def spy(cursor, query, params=None, log_exceptions=True):
            executed.append(cursor.mogrify(query, params).decode())
            return execute(cursor, query, params, log_exceptions)

        partner = self.partner.with_user(self.user_employee)
        with patch.object(type(cr), "execute", spy):
            stats = partner._interaction_statistics()
        self.assertEqual(stats[self.partner.id][0], 1000)
        (query,) = [q for q in executed if "interaction_log_entry" in q]
        cr.execute(f"EXPLAIN {query}")
        plan = "\n".join(row[0] for row in cr.fetchall())
        self.assertIn("interaction_log_entry_partner_idx", plan, plan)
        self.assertNotIn("Seq Scan on interaction_log_entry", plan, plan)
