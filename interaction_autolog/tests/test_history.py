from odoo.tests import Form, tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestHistory(InteractionCommon):
    """An entry keeps the group and company contact it was logged with."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.group_visits = cls.env["interaction.group"].create(
            {"code": "VISITS", "name": "Visits"}
        )
        cls.other_company = cls.env["res.partner"].create(
            {"name": "Buyer's New Employer", "is_company": True}
        )

    def test_regrouping_a_template_keeps_past_entries(self):
        past = self.Entry._log_interaction(self.contact, "cover_sheet")
        self.assertEqual(past.group_id, self.group_letter)
        form = Form(self.template_cover.with_user(self.user_interaction_manager))
        form.group_id = self.group_visits
        form.save()
        self.env.invalidate_all()
        self.assertEqual(past.group_id, self.group_letter)
        self.assertEqual(self.group_letter.interaction_count, 1)
        new = self.Entry._log_interaction(self.contact, "cover_sheet")
        self.assertEqual(new.group_id, self.group_visits)
        self.assertEqual(self.group_visits.interaction_count, 1)

    def test_moving_a_contact_keeps_its_past(self):
        past = self.Entry._log_interaction(self.contact, "cover_sheet")
        self.assertEqual(past.commercial_partner_id, self.customer)
        form = Form(self.contact.with_user(self.user_employee))
        form.parent_id = self.other_company
        form.save()
        self.env.invalidate_all()
        self.assertEqual(past.commercial_partner_id, self.customer)
        new = self.Entry._log_interaction(self.contact, "cover_sheet")
        self.assertEqual(new.commercial_partner_id, self.other_company)

    def test_entries_logged_by_hand_are_copied_too(self):
        action = self.contact.with_user(self.user_employee).action_log_interaction()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.user_employee)
            .with_context(**action["context"])
        )
        form.template_id = self.template_cover
        form.save().action_log()
        entry = self.Entry.search([("partner_id", "=", self.contact.id)])
        self.assertRecordValues(
            entry,
            [
                {
                    "group_id": self.group_letter.id,
                    "commercial_partner_id": self.customer.id,
                    "is_automatic": False,
                }
            ],
        )
        self.template_cover.group_id = self.group_visits
        self.contact.parent_id = self.other_company
        self.env.invalidate_all()
        self.assertEqual(entry.group_id, self.group_letter)
        self.assertEqual(entry.commercial_partner_id, self.customer)
        # Corrected by hand to another contact and template, it follows them.
        entry.with_user(self.user_employee).write(
            {"partner_id": self.contact_2.id, "template_id": self.template_email.id}
        )
        self.assertEqual(entry.commercial_partner_id, self.customer)
        self.assertEqual(entry.group_id, self.template_email.group_id)
