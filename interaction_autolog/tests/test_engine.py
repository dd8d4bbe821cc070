import psycopg2

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestLogInteraction(InteractionCommon):
    def test_entry_values_from_template(self):
        entries = self.Entry.with_user(self.user_employee)._log_interaction(
            self.contact, "cover_sheet"
        )
        self.assertEqual(len(entries), 1)
        self.assertRecordValues(
            entries,
            [
                {
                    "partner_id": self.contact.id,
                    "commercial_partner_id": self.customer.id,
                    "template_id": self.template_cover.id,
                    "group_id": self.group_letter.id,
                    "document_type_id": self.doc_cover.id,
                    "channel": "paper",
                    "cost": 2.5,
                    "duration": 3.0,
                    "user_id": self.user_employee.id,
                    "company_id": self.company.id,
                    "res_model": "res.partner",
                    "res_id": self.contact.id,
                    "document_name": self.contact.display_name,
                    "document_version": 1,
                    "information_flow": "outbound",
                    "initiated_by": "us",
                    "is_automatic": True,
                    "canceled": False,
                }
            ],
        )

    def test_versions_count_per_document(self):
        first = self.Entry._log_interaction(self.contact, "cover_sheet")
        second = self.Entry._log_interaction(
            self.contact | self.contact_2, "cover_sheet"
        )
        self.assertEqual(first.document_version, 1)
        self.assertEqual(
            sorted(second.mapped("document_version")), [1, 2], "contact_2 starts at 1"
        )
        # One action towards two contacts of one document is one version.
        both = self.Entry._log_interaction(
            self.customer, "cover_sheet", partners=self.contact | self.contact_2
        )
        self.assertEqual(both.mapped("document_version"), [1, 1])

    def test_first_time_only_type_logs_each_document_once(self):
        """A type that says so (a quotation's first view online) logs each
        document once, whoever calls the engine and however often."""
        self.doc_cover.log_once = True
        first = self.Entry._log_interaction(self.contact, "cover_sheet")
        self.assertEqual(len(first), 1)
        self.assertFalse(self.Entry._log_interaction(self.contact, "cover_sheet"))
        # Another document still gets its first time, in the same call.
        again = self.Entry._log_interaction(
            self.contact | self.contact_2, "cover_sheet"
        )
        self.assertEqual(again.partner_id, self.contact_2)

    def test_blank_template_logs_nothing_in_that_company_only(self):
        self.doc_cover.with_company(self.company).template_id = False
        partner_c2 = self.env["res.partner"].create(
            {"name": "Nordic Buyer", "company_id": self.company_2.id}
        )
        entries = self.Entry._log_interaction(self.contact | partner_c2, "cover_sheet")
        self.assertEqual(entries.partner_id, partner_c2)
        self.assertEqual(entries.company_id, self.company_2)
        self.assertEqual(entries.currency_id, self.company_2.currency_id)

    def test_archived_template_logs_nothing(self):
        self.template_cover.active = False
        self.assertFalse(self.Entry._log_interaction(self.contact, "cover_sheet"))

    def test_template_of_other_company_logs_nothing(self):
        self.template_cover.company_id = self.company_2
        self.assertFalse(self.Entry._log_interaction(self.contact, "cover_sheet"))

    def test_no_contact_no_error(self):
        user_partner = self.user_employee.partner_id
        # A record without contact (an internal user's partner is never a
        # contact), an unknown code, an empty recordset: nothing, no error.
        self.assertFalse(self.Entry._log_interaction(user_partner, "cover_sheet"))
        self.assertFalse(self.Entry._log_interaction(self.contact, "no_such_code"))
        self.assertFalse(
            self.Entry._log_interaction(self.env["res.partner"], "cover_sheet")
        )
        template = self.env["res.partner.category"].create({"name": "No contact"})
        self.assertFalse(self.Entry._log_interaction(template, "cover_sheet"))

    def test_overrides_and_partner_values(self):
        entries = self.Entry._log_interaction(
            self.customer,
            "cover_sheet",
            channel="email",
            partners=self.contact | self.contact_2,
            partner_values={self.contact.id: {"contact_via": "alice@acme.example.com"}},
            subject="Price list",
        )
        self.assertEqual(set(entries.mapped("subject")), {"Price list"})
        self.assertEqual(set(entries.mapped("channel")), {"email"})
        self.assertEqual(
            entries.filtered(lambda e: e.partner_id == self.contact).contact_via,
            "alice@acme.example.com",
        )

    def _count_log_queries(self, records):
        self.env.invalidate_all()
        start = self.cr.sql_log_count
        entries = self.Entry._log_interaction(records, "cover_sheet")
        self.env.flush_all()
        self.assertEqual(len(entries), len(records))
        return self.cr.sql_log_count - start

    def test_query_count_independent_of_record_count(self):
        """Logging 100 records costs the same queries as logging 1."""
        partners = self.env["res.partner"].create(
            [{"name": f"Customer {i}"} for i in range(202)]
        )
        # Warm the caches that do not depend on the records.
        self._count_log_queries(partners[:1])
        one = self._count_log_queries(partners[1:2])
        hundred = self._count_log_queries(partners[2:102])
        self.assertEqual(one, hundred)
        # The guard: a change that adds a query per record fails here.
        self.env.invalidate_all()
        with self.assertQueryCount(one):
            self.Entry._log_interaction(partners[102:], "cover_sheet")
            self.env.flush_all()

    @mute_logger("odoo.sql_db")
    def test_atomic_with_the_action(self):
        """A failing action takes its entries with it."""
        with self.assertRaises(psycopg2.errors.UniqueViolation), self.cr.savepoint():
            self.Entry._log_interaction(self.contact, "cover_sheet")
            self.cr.execute(
                "INSERT INTO interaction_document_type"
                " (id, code, name, model, trigger, category)"
                " SELECT id, code, name, model, trigger, category"
                " FROM interaction_document_type LIMIT 1"
            )
        self.assertFalse(self.entries_of(self.contact))

    def test_sudo_create_real_user(self):
        """A user without write access on entries' configuration still logs,
        and the entry names the user."""
        user = self.user_employee
        entries = self.Entry.with_user(user)._log_interaction(
            self.contact.with_user(user), "cover_sheet"
        )
        self.assertEqual(entries.user_id, user)

    def test_shared_contact_logged_for_the_engines_company(self):
        """A record without a company is logged for the company the engine
        is called in, not the one its recordset happens to carry."""
        self.assertFalse(self.customer.company_id)
        entries = self.Entry.with_company(self.company_2)._log_interaction(
            self.customer, "cover_sheet"
        )
        self.assertEqual(entries.company_id, self.company_2)
        self.assertEqual(entries.currency_id, self.company_2.currency_id)
        entries = self.Entry.with_company(self.company)._log_interaction(
            self.customer.with_company(self.company_2), "cover_sheet"
        )
        self.assertEqual(entries.company_id, self.company)

    def test_document_type_domain_applies_to_logging_by_code(self):
        """What an administrator's domain leaves out is not logged, however
        the engine is called."""
        self.doc_cover.domain = f"[('id', '!=', {self.contact.id})]"
        entries = self.Entry._log_interaction(
            self.contact | self.contact_2, "cover_sheet"
        )
        self.assertEqual(entries.partner_id, self.contact_2)
