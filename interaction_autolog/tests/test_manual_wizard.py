from odoo.exceptions import ValidationError
from odoo.tests import Form, tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestLogInteractionWizard(InteractionCommon):
    def _wizard_form(self, partners, user=None):
        user = user or self.user_employee
        action = partners.with_user(user).action_log_interaction()
        return Form(
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"])
        )

    def test_log_from_contact_with_template_values(self):
        form = self._wizard_form(self.contact)
        form.template_id = self.template_cover
        self.assertEqual(form.cost, 2.5)
        self.assertEqual(form.duration, 3.0)
        self.assertEqual(form.name, self.template_cover.name)
        form.name = "Visited the plant"
        form.cost = 12.0
        form.duration = 90
        form.evaluation = "positive"
        form.attempt_failed = False
        form.note = "Wants a new quote in May"
        form.save().action_log()
        entry = self.Entry.search([("partner_id", "=", self.contact.id)])
        self.assertRecordValues(
            entry,
            [
                {
                    "name": "Visited the plant",
                    "cost": 12.0,
                    "duration": 90,
                    "evaluation": "positive",
                    "note": "Wants a new quote in May",
                    "user_id": self.user_employee.id,
                    "is_automatic": False,
                    "template_id": self.template_cover.id,
                }
            ],
        )

    def test_channel_follows_the_template(self):
        """A meeting logged by hand is a meeting, a letter paper; the user
        may still pick another channel."""
        meeting = self.env.ref("interaction_autolog.interaction_template_meeting")
        letter = self.env.ref("interaction_autolog.interaction_template_letter")
        self.assertEqual(meeting.channel, "meeting")
        form = self._wizard_form(self.contact)
        self.assertEqual(form.channel, "other", "no template yet")
        form.template_id = meeting
        self.assertEqual(form.channel, "meeting")
        form.template_id = letter
        self.assertEqual(form.channel, "paper")
        form.channel = "email"
        form.save().action_log()
        self.assertEqual(
            self.Entry.search([("partner_id", "=", self.contact.id)]).channel, "email"
        )
        # A template without a channel of its own logs "Other".
        letter.channel = False
        form = self._wizard_form(self.contact)
        form.template_id = letter
        self.assertEqual(form.channel, "other")

    def test_logging_says_what_was_logged(self):
        """The dialog does not close silently: a notification says what was
        logged, and the contact's chatter has a line about it."""
        form = self._wizard_form(self.contact)
        form.template_id = self.template_cover
        form.name = "Visited the plant"
        action = form.save().action_log()
        entry = self.Entry.search([("partner_id", "=", self.contact.id)])
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            action["params"]["message"],
            "Visited the plant logged for Acme Corporation, Alice Buyer.",
        )
        self.assertEqual(
            action["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        note = self.contact.message_ids.filtered(
            lambda m: "Interaction logged" in (m.body or "")
        )
        self.assertEqual(len(note), 1)
        self.assertIn("Visited the plant", note.body)
        self.assertEqual(note.author_id, self.user_employee.partner_id)
        self.assertTrue(note.is_internal, "a note for colleagues, not an email")
        self.assertFalse(
            self.Entry.search([("mail_message_id", "=", note.id)]),
            "the note is not an interaction itself",
        )
        self.assertEqual(len(entry), 1)

        partners = self.contact_2 | self.customer
        form = self._wizard_form(partners)
        form.template_id = self.template_email
        action = form.save().action_log()
        self.assertEqual(action["params"]["message"], "2 interactions logged.")
        for partner in partners:
            self.assertTrue(
                partner.message_ids.filtered(
                    lambda m: "Interaction logged" in (m.body or "")
                )
            )

    def test_log_for_a_selection_of_contacts(self):
        """Logging a whole segment: one entry per selected contact."""
        partners = self.contact | self.contact_2 | self.customer
        form = self._wizard_form(partners)
        form.template_id = self.template_email
        form.save().action_log()
        entries = self.Entry.search([("partner_id", "in", partners.ids)])
        self.assertEqual(entries.partner_id, partners)

    def test_negative_values_refused(self):
        form = self._wizard_form(self.contact)
        form.template_id = self.template_cover
        form.cost = -1
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            form.save()
        # An entry's own cost and duration: see test_audit_trail.
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            self.template_cover.unit_cost = -3

    def test_template_of_other_company_refused(self):
        template_c2 = self.env["interaction.template"].create(
            {
                "code": "C2-VISIT",
                "name": "Visit (Company 2)",
                "group_id": self.group_letter.id,
                "company_id": self.company_2.id,
            }
        )
        with self.assertRaises(Exception) as error:
            self.Entry.create(
                {
                    "partner_id": self.contact.id,
                    "name": "Visit",
                    "template_id": template_c2.id,
                    "company_id": self.company.id,
                }
            )
        self.assertIn("compan", str(error.exception).lower())

    def test_bulk_evaluation_from_list(self):
        entries = self.Entry._log_interaction(
            self.contact | self.contact_2, "cover_sheet"
        )
        entries.with_user(self.user_employee).write({"evaluation": "very_positive"})
        self.assertEqual(set(entries.mapped("evaluation")), {"very_positive"})

    def test_duplicate_template_code_refused(self):
        with self.assertRaisesRegex(ValidationError, "already used"):
            self.env["interaction.template"].create(
                {
                    "code": self.template_cover.code,
                    "name": "Another",
                    "group_id": self.group_letter.id,
                }
            )
