from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestCallWizard(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_call = cls.env.ref("interaction_autolog.document_type_phone_call")
        cls.doc_call_in = cls.env.ref(
            "interaction_autolog.document_type_phone_call_inbound"
        )
        cls.template_call = cls.env.ref(
            "interaction_autolog.interaction_template_call_out"
        )
        cls.template_call_in = cls.env.ref(
            "interaction_autolog.interaction_template_call_in"
        )
        cls.template_call.unit_duration = 12
        cls.template_call_in.unit_duration = 7
        cls.contact.write({"phone": "+358 40 123 4567", "mobile": "+358 50 765 4321"})

    def _open(self, record, user=None):
        """The wizard as the record's "Call" button opens it."""
        record = record.with_user(user or self.user_employee)
        action = record.action_interaction_call()
        self.assertEqual(action["res_model"], "interaction.call.wizard")
        self.assertEqual(action["target"], "new")
        return Form(
            self.env[action["res_model"]]
            .with_user(user or self.user_employee)
            .with_context(**action["context"])
        )

    def test_call_from_contact_logs_outgoing_call(self):
        wizard_form = self._open(self.contact)
        self.assertEqual(wizard_form.partner_id, self.contact)
        self.assertEqual(wizard_form.phone_number, "+358 40 123 4567")
        self.assertEqual(wizard_form.direction, "outgoing")
        self.assertEqual(wizard_form.duration, 12, "pre-filled from the template")
        wizard_form.name = "Renewal of the maintenance contract"
        wizard_form.duration = 25
        wizard_form.evaluation = "positive"
        wizard_form.note = "Wants an offer for three years."
        wizard = wizard_form.save()
        action = wizard.action_log_call()
        # The dialog closes saying what was logged.
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            action["params"]["next"]["type"], "ir.actions.act_window_close"
        )
        self.assertIn(
            "Renewal of the maintenance contract", action["params"]["message"]
        )

        entry = self.entries_of(self.contact, "phone_call")
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.contact.id,
                    "document_type_id": self.doc_call.id,
                    "template_id": self.template_call.id,
                    "channel": "phone",
                    "name": "Renewal of the maintenance contract",
                    "duration": 25,
                    "evaluation": "positive",
                    "note": "Wants an offer for three years.",
                    "attempt_failed": False,
                    "contact_via": "+358 40 123 4567",
                    "information_flow": "outbound",
                    "res_model": "res.partner",
                    "res_id": self.contact.id,
                    "user_id": self.user_employee.id,
                    "company_id": self.company.id,
                    # Typed in by the user: not "Logged Automatically".
                    "is_automatic": False,
                }
            ],
        )
        self.assertTrue(
            self.contact.message_ids.filtered(
                lambda m: "Renewal of the maintenance contract" in (m.body or "")
            ),
            "a line in the contact's chatter",
        )

    def test_incoming_call_uses_inbound_type_and_its_duration(self):
        wizard_form = self._open(self.contact)
        wizard_form.direction = "incoming"
        self.assertEqual(wizard_form.duration, 7)
        wizard_form.attempt_failed = True
        wizard_form.save().action_log_call()
        entry = self.entries_of(self.contact)
        self.assertRecordValues(
            entry,
            [
                {
                    "document_type_id": self.doc_call_in.id,
                    "template_id": self.template_call_in.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "channel": "phone",
                    "duration": 7,
                    "attempt_failed": True,
                    "name": self.doc_call_in.name,
                }
            ],
        )

    def test_number_falls_back_to_mobile(self):
        self.contact.phone = False
        wizard_form = self._open(self.contact)
        self.assertEqual(wizard_form.phone_number, "+358 50 765 4321")
        wizard_form.save().action_log_call()
        self.assertEqual(self.entries_of(self.contact).contact_via, "+358 50 765 4321")

    def test_contact_without_number_still_logs(self):
        self.contact_2.write({"phone": False, "mobile": False})
        wizard_form = self._open(self.contact_2)
        self.assertFalse(wizard_form.phone_number)
        wizard_form.save().action_log_call()
        entry = self.entries_of(self.contact_2, "phone_call")
        self.assertEqual(len(entry), 1)
        self.assertFalse(entry.contact_via)
        # The dialog says so: the alert shows while there is no number.
        arch = self.env["interaction.call.wizard"].get_views([(False, "form")])[
            "views"
        ]["form"]["arch"]
        self.assertIn('invisible="phone_number"', arch)
        self.assertIn("has no phone or mobile number", arch)
        self.assertIn('widget="phone"', arch, "the number is a tel: link")

    def test_negative_duration_refused(self):
        wizard_form = self._open(self.contact)
        wizard_form.duration = -5
        with self.assertRaisesRegex(ValidationError, "cannot be negative"):
            wizard_form.save()
        self.assertFalse(self.entries_of(self.contact))

    def test_call_linked_to_the_document_it_started_from(self):
        # Any document whose contact is in partner_id works the same way
        # (quotations, orders, repairs ... through the document mixin); a
        # bank account is the one the core itself has.
        bank = self.env["res.partner.bank"].create(
            {"acc_number": "FI21 1234 5600 0007 85", "partner_id": self.customer.id}
        )
        self.customer.phone = "09 123 4567"
        action = self.env["interaction.call.wizard"]._action_open(bank)
        wizard_form = Form(
            self.env["interaction.call.wizard"]
            .with_user(self.user_employee)
            .with_context(**action["context"])
        )
        self.assertEqual(wizard_form.partner_id, self.customer)
        self.assertEqual(wizard_form.document_name, bank.display_name)
        wizard_form.save().action_log_call()
        entry = self.entries_of(bank)
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.customer.id,
                    "res_model": "res.partner.bank",
                    "res_id": bank.id,
                    "document_name": bank.display_name,
                    "contact_via": "09 123 4567",
                }
            ],
        )

    def test_unconfigured_setup_says_why(self):
        self.doc_call.with_company(self.company).template_id = False
        wizard_form = self._open(self.contact)
        self.assertEqual(wizard_form.duration, 0)
        wizard = wizard_form.save()
        with self.assertRaisesRegex(UserError, "not logged"):
            wizard.action_log_call()
        self.assertFalse(self.entries_of(self.contact))

    def test_internal_user_is_not_a_contact(self):
        with self.assertRaises(UserError):
            self._open(self.user_admin.partner_id).save().action_log_call()

    def test_typed_in_call_is_not_automatic(self):
        """The user typed the call in: it is theirs to correct, not the
        engine's audit trail."""
        wizard_form = self._open(self.contact)
        wizard_form.save().action_log_call()
        entry = self.entries_of(self.contact).with_user(self.user_employee)
        self.assertFalse(entry.is_automatic)
        entry.write({"name": "Call about the renewal", "contact_via": "040 1234"})
        self.assertEqual(entry.name, "Call about the renewal")

    def test_incoming_call_is_inbound_whatever_the_template(self):
        self.doc_call_in.with_company(self.company).template_id = self.template_call
        wizard_form = self._open(self.contact)
        wizard_form.direction = "incoming"
        wizard_form.save().action_log_call()
        self.assertRecordValues(
            self.entries_of(self.contact),
            [
                {
                    "template_id": self.template_call.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                }
            ],
        )
        # An outgoing call is ours, even under an inbound template.
        self.doc_call.with_company(self.company).template_id = self.template_call_in
        self._open(self.contact_2).save().action_log_call()
        self.assertRecordValues(
            self.entries_of(self.contact_2),
            [{"information_flow": "outbound", "initiated_by": "us"}],
        )
