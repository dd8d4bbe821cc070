from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from odoo.addons.mail.tests.common import mail_new_test_user

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionSecurity(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._create_portal_user()
        cls.entry = cls.Entry._log_interaction(cls.contact, "cover_sheet")
        cls.partner_c2 = cls.env["res.partner"].create(
            {"name": "Nordic Buyer", "company_id": cls.company_2.id}
        )
        cls.entry_c2 = cls.Entry._log_interaction(cls.partner_c2, "cover_sheet")

    def test_internal_user_has_interaction_group(self):
        self.assertTrue(
            self.user_employee.has_group("interaction_autolog.group_interaction_user")
        )
        self.assertFalse(
            self.user_employee.has_group(
                "interaction_autolog.group_interaction_manager"
            )
        )
        self.assertTrue(
            self.user_admin.has_group("interaction_autolog.group_interaction_manager")
        )

    def test_portal_reads_nothing(self):
        with self.assertRaises(AccessError):
            self.Entry.with_user(self.user_portal).search([])
        with self.assertRaises(AccessError):
            self.entry.with_user(self.user_portal).read(["name"])

    def test_company_isolation(self):
        visible = self.Entry.with_user(self.user_employee).search([])
        self.assertIn(self.entry, visible)
        self.assertNotIn(self.entry_c2, visible)
        visible_c2 = self.Entry.with_user(self.user_employee_c2).search([])
        self.assertIn(self.entry_c2, visible_c2)
        self.assertNotIn(self.entry, visible_c2)
        with self.assertRaises(AccessError):
            self.entry_c2.with_user(self.user_employee).read(["name"])

    def test_user_cannot_delete_or_cancel(self):
        with self.assertRaises(AccessError):
            self.entry.with_user(self.user_employee).unlink()
        with self.assertRaises(AccessError):
            self.entry.with_user(self.user_employee).action_cancel()
        with self.assertRaises(AccessError):
            self.entry.with_user(self.user_employee).write({"canceled": True})
        self.assertTrue(self.entry.exists())
        self.assertFalse(self.entry.canceled)

    def test_user_cannot_edit_setup(self):
        doc_type = self.doc_cover.with_user(self.user_employee)
        with self.assertRaises(AccessError):
            doc_type.template_id = False
        with self.assertRaises(AccessError):
            self.template_cover.with_user(self.user_employee).unit_cost = 5

    def test_manager_cancel_restore_delete(self):
        entry = self.entry.with_user(self.user_interaction_manager)
        with self.assertRaisesRegex(UserError, "audit trail"):
            entry.unlink()
        entry.action_cancel()
        self.assertTrue(entry.canceled)
        entry.action_restore()
        self.assertFalse(entry.canceled)
        entry.action_cancel()
        entry.unlink()
        self.assertFalse(self.entry.exists())

    def test_delete_canceled_wizard(self):
        manager = self.user_interaction_manager
        other = self.Entry._log_interaction(self.contact_2, "cover_sheet")
        self.entry.with_user(manager).action_cancel()
        form = Form(self.env["interaction.delete.canceled.wizard"].with_user(manager))
        self.assertEqual(form.entry_count, 1)
        form.save().action_delete()
        self.assertFalse(self.entry.exists())
        self.assertTrue(other.exists())
        with self.assertRaisesRegex(UserError, "no canceled"):
            self.env["interaction.delete.canceled.wizard"].with_user(manager).create(
                {}
            ).action_delete()
        with self.assertRaises(AccessError):
            self.env["interaction.delete.canceled.wizard"].with_user(
                self.user_employee
            ).create({})

    def test_partner_with_entries_cannot_be_deleted(self):
        # Logged by an earlier transaction, as a user's history always is
        # (entries of the deleting transaction itself go with the contact).
        self.env.cr.execute(
            "UPDATE interaction_log_entry SET create_date = create_date - "
            "interval '1 minute' WHERE id = %s",
            [self.entry.id],
        )
        self.env.invalidate_all()
        with self.assertRaisesRegex(UserError, "Archive"):
            self.contact.unlink()
        self.assertTrue(self.contact.exists())
        lonely = self.env["res.partner"].create({"name": "Nobody"})
        lonely.unlink()
        self.assertFalse(lonely.exists())

    def test_template_in_use_cannot_be_deleted(self):
        with self.assertRaisesRegex(UserError, "logged interactions"):
            self.template_cover.unlink()
        unused_in_entries = self.env.ref(
            "interaction_autolog.interaction_template_call_in"
        )
        with self.assertRaisesRegex(UserError, "Template Setup"):
            unused_in_entries.unlink()
        spare = self.env["interaction.template"].create(
            {"code": "SPARE", "name": "Spare", "group_id": self.group_letter.id}
        )
        spare.unlink()
        self.assertFalse(spare.exists())

    def test_sales_user_logs_without_setup_rights(self):
        user = mail_new_test_user(
            self.env, login="plain_user", groups="base.group_user", name="Plain"
        )
        entries = self.Entry.with_user(user)._log_interaction(
            self.contact_2.with_user(user), "cover_sheet"
        )
        self.assertEqual(entries.user_id, user)
        with self.assertRaises(AccessError):
            self.DocType.with_user(user).create(
                {"code": "x", "name": "x", "model": "res.partner", "trigger": "print"}
            )
