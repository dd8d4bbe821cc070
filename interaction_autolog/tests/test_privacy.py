from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionErasure(InteractionCommon):
    def _erase_form(self, partner, user):
        action = self.env.ref("interaction_autolog.action_interaction_erasure_wizard")
        context = {"active_id": partner.id, "default_partner_id": partner.id}
        return Form(self.env[action.res_model].with_user(user).with_context(**context))

    def test_manager_erases_one_contacts_history(self):
        partner_c2 = self.env["res.partner"].create(
            {"name": "Alice in Company 2", "company_id": self.company_2.id}
        )
        erased = self.Entry._log_interaction(self.contact, "cover_sheet")
        erased |= self.Entry._log_interaction(
            self.customer, "cover_sheet", partners=self.contact
        )
        erased |= self.Entry._log_interaction(
            partner_c2, "cover_sheet", partners=self.contact
        )
        kept = self.Entry._log_interaction(self.contact_2, "cover_sheet")
        erased[0].with_user(self.user_interaction_manager).action_cancel()

        form = self._erase_form(self.contact, self.user_interaction_manager)
        self.assertEqual(form.entry_count, 3)
        form.save().action_erase()

        self.assertFalse(erased.exists())
        self.assertTrue(kept.exists())
        record = self.env["interaction.erasure"].search([], limit=1)
        self.assertEqual(record.entry_count, 3)
        self.assertEqual(record.user_id, self.user_interaction_manager)
        values = " ".join(str(value) for value in record.read()[0].values())
        for personal in (self.contact.name, self.contact.email):
            self.assertNotIn(personal, values)
        links = [
            name
            for name, field in record._fields.items()
            if field.type in ("many2one", "many2many", "one2many", "many2one_reference")
            and name not in ("user_id", "company_id", "create_uid", "write_uid")
        ]
        self.assertFalse(links, "an erasure record links to nothing personal")
        # The contact can now be deleted.
        self.contact.unlink()

    def test_only_managers_erase(self):
        self.Entry._log_interaction(self.contact, "cover_sheet")
        with self.assertRaises(AccessError):
            self._erase_form(self.contact, self.user_employee)
        wizard = self.env["interaction.erasure.wizard"].create(
            {"partner_id": self.contact.id}
        )
        with self.assertRaises(AccessError):
            wizard.with_user(self.user_employee).action_erase()
        self.assertTrue(self.entries_of(self.contact))

    def test_nothing_to_erase(self):
        form = self._erase_form(self.contact_2, self.user_interaction_manager)
        with self.assertRaisesRegex(UserError, "no interaction history"):
            form.save().action_erase()
        self.assertFalse(self.env["interaction.erasure"].search([]))
