from datetime import datetime

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import InteractionCommon, call_kw

FACTS = ["partner_id", "date", "document_version", "res_id", "is_automatic", "name"]


@tagged("post_install", "-at_install")
class TestAuditTrail(InteractionCommon, HttpCase):
    """What the engine logged cannot be rewritten over JSON-RPC, the way any
    employee's browser (or script) can reach the server."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entry = cls.Entry._log_interaction(cls.contact, "cover_sheet")

    def _call_kw(self, user, method, args, kwargs=None):
        return call_kw(self, user, "interaction.log.entry", method, args, kwargs)

    def _facts(self, entry):
        entry.invalidate_recordset()
        return entry.read(FACTS)

    def test_facts_cannot_be_rewritten(self):
        before = self._facts(self.entry)
        changes = [
            {"partner_id": self.contact_2.id},
            {"date": "2020-01-01 00:00:00"},
            {"document_version": 7},
            {"res_id": self.contact_2.id},
            {"is_automatic": False},
            {"name": "Never sent"},
            # Allowed and forbidden together: all refused.
            {"note": "Fine", "partner_id": self.contact_2.id},
        ]
        for vals in changes:
            with self.subTest(vals=vals):
                result, error = self._call_kw(
                    self.user_employee, "write", [[self.entry.id], vals]
                )
                self.assertIsNone(result)
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")
                expected = (
                    "cannot be changed" if "is_automatic" in vals else "audit trail"
                )
                self.assertIn(expected, error["message"])
                self.assertEqual(self._facts(self.entry), before)
        # The message names the field and says what may be changed.
        _result, error = self._call_kw(
            self.user_employee, "write", [[self.entry.id], {"date": "2020-01-01"}]
        )
        self.assertIn("Date", error["message"])
        self.assertIn("evaluation", error["message"])

    def test_user_changes_judgement_and_cost(self):
        vals = {
            "note": "Called back, all fine.",
            "evaluation": "positive",
            "cost": 12.5,
            "duration": 9,
            "attempt_failed": True,
        }
        result, error = self._call_kw(
            self.user_employee, "write", [[self.entry.id], vals]
        )
        self.assertFalse(error)
        self.assertTrue(result)
        self.entry.invalidate_recordset()
        self.assertRecordValues(self.entry, [vals])

    def test_negative_cost_or_duration_refused(self):
        """The database refuses them (a CHECK each) and the user reads why."""
        fnames = ["cost", "duration"]
        before = self.entry.read(fnames)
        for vals in ({"cost": -1.0}, {"duration": -5.0}):
            with self.subTest(vals=vals), mute_logger("odoo.sql_db", "odoo.http"):
                result, error = self._call_kw(
                    self.user_employee, "write", [[self.entry.id], vals]
                )
                self.assertIsNone(result)
                self.assertEqual(error["name"], "odoo.exceptions.ValidationError")
                self.assertIn("cannot be negative", error["message"])
                self.entry.invalidate_recordset()
                self.assertEqual(self.entry.read(fnames), before)

    def test_unknown_evaluation_refused(self):
        """Odoo refuses a value its selection does not have, naming it."""
        count = self.Entry.sudo().search_count([])
        with mute_logger("odoo.http"):
            _result, error = self._call_kw(
                self.user_employee,
                "create",
                [[{"partner_id": self.contact.id, "name": "Visit", "evaluation": "x"}]],
            )
        self.assertIn("evaluation", error["message"])
        self.assertEqual(self.Entry.sudo().search_count([]), count)
        with mute_logger("odoo.http"):
            _result, error = self._call_kw(
                self.user_employee, "write", [[self.entry.id], {"evaluation": "meh"}]
            )
        self.assertIn("meh", error["message"])
        self.entry.invalidate_recordset()
        self.assertFalse(self.entry.evaluation)

    def test_cancel_is_for_managers(self):
        _result, error = self._call_kw(
            self.user_employee, "write", [[self.entry.id], {"canceled": True}]
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.entry.invalidate_recordset()
        self.assertFalse(self.entry.canceled)
        result, error = self._call_kw(
            self.user_interaction_manager,
            "write",
            [[self.entry.id], {"canceled": True}],
        )
        self.assertFalse(error)
        self.entry.invalidate_recordset()
        self.assertTrue(self.entry.canceled)
        # A manager may not rewrite the facts either.
        _result, error = self._call_kw(
            self.user_interaction_manager,
            "write",
            [[self.entry.id], {"partner_id": self.contact_2.id}],
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")

    def test_nobody_creates_an_automatic_entry(self):
        count = self.Entry.sudo().search_count([])
        vals = {
            "partner_id": self.contact_2.id,
            "name": "Quotation sent",
            "template_id": self.template_cover.id,
        }
        for user in (self.user_employee, self.user_interaction_manager):
            with self.subTest(user=user.login):
                _result, error = self._call_kw(
                    user, "create", [[dict(vals, is_automatic=True)]]
                )
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")
                self.assertIn("automatically", error["message"])
                # Nor through a default in the context.
                _result, error = self._call_kw(
                    user,
                    "create",
                    [[vals]],
                    {"context": {"default_is_automatic": True}},
                )
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.Entry.sudo().search_count([]), count)
        # Logged by hand, it is the user's to correct; but never automatic.
        result, error = self._call_kw(self.user_employee, "create", [[vals]])
        self.assertFalse(error)
        manual = self.Entry.browse(result)
        self.assertFalse(manual.is_automatic)
        result, error = self._call_kw(
            self.user_employee, "write", [manual.ids, {"date": "2026-01-02 10:00:00"}]
        )
        self.assertFalse(error)
        self.assertEqual(manual.date, datetime(2026, 1, 2, 10))
        _result, error = self._call_kw(
            self.user_employee, "write", [manual.ids, {"is_automatic": True}]
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        manual.invalidate_recordset()
        self.assertFalse(manual.is_automatic)

    def test_a_copy_is_not_automatic(self):
        result, error = self._call_kw(self.user_employee, "copy", [[self.entry.id]])
        self.assertFalse(error)
        self.assertFalse(self.Entry.browse(result).is_automatic)
