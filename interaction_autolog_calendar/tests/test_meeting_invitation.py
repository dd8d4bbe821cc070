from datetime import timedelta

from odoo import fields
from odoo.tests import Form, tagged

from odoo.addons.interaction_autolog.tests.common import (
    DOC_TYPE_LOGGER,
    InteractionCommon,
    assert_domain_warning,
    break_domain,
)


@tagged("post_install", "-at_install")
class TestMeetingInvitation(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_invitation = cls.env.ref(
            "interaction_autolog_calendar.document_type_meeting_invitation"
        )
        cls.template_invitation = cls.env.ref(
            "interaction_autolog_calendar.interaction_template_meeting_invitation"
        )
        cls.contact_3 = cls.env["res.partner"].create(
            {"name": "Carol Consultant", "email": "carol@consult.example.com"}
        )
        cls.start = fields.Datetime.now().replace(microsecond=0) + timedelta(days=3)

    def _create_event(self, partners, start=None):
        start = start or self.start
        with self.mock_mail_gateway():
            return (
                self.env["calendar.event"]
                .with_user(self.user_employee)
                .create(
                    {
                        "name": "Contract review",
                        "start": start,
                        "stop": start + timedelta(hours=1),
                        "partner_ids": [(6, 0, partners.ids)],
                    }
                )
            )

    def _invitations(self, event):
        return self.entries_of(event, "meeting_invitation")

    def test_creating_a_meeting_invites_attendee_contacts(self):
        colleagues = self.user_employee.partner_id | self.user_admin.partner_id
        event = self._create_event(self.contact | self.contact_2 | colleagues)
        entries = self._invitations(event)
        self.assertEqual(entries.partner_id, self.contact | self.contact_2)
        for entry in entries:
            self.assertRecordValues(
                entry,
                [
                    {
                        "document_type_id": self.doc_invitation.id,
                        "template_id": self.template_invitation.id,
                        "channel": "meeting",
                        "res_model": "calendar.event",
                        "res_id": event.id,
                        "document_version": 1,
                        "contact_via": entry.partner_id.email,
                        "user_id": self.user_employee.id,
                        "duration": 0,
                    }
                ],
            )
            self.assertIn(entry.partner_id, entry.mail_message_id.partner_ids)
        # The invitation mails are not also logged as plain emails.
        self.assertEqual(self.entries_of(event), entries)
        self.assertEqual(event.interaction_log_count, 2)
        arch = event.get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="action_view_interaction_log"', arch)
        action = event.action_view_interaction_log()
        self.assertEqual(self.Entry.search(action["domain"]), entries)

    def test_send_invitations_again_logs_version_2(self):
        event = self._create_event(self.contact | self.contact_2)
        event.with_user(self.user_employee).write({"name": "Contract review (v2)"})
        with self.mock_mail_gateway():
            event.with_user(self.user_employee).action_sendmail()
        entries = self._invitations(event)
        self.assertEqual(len(entries), 4)
        second = entries.filtered(lambda e: e.document_version == 2)
        self.assertEqual(second.partner_id, self.contact | self.contact_2)

    def test_date_change_sends_the_invitation_again(self):
        event = self._create_event(self.contact)
        with self.mock_mail_gateway():
            event.with_user(self.user_employee).write(
                {
                    "start": self.start + timedelta(days=1),
                    "stop": self.start + timedelta(days=1, hours=1),
                }
            )
        self.assertEqual(self._invitations(event).mapped("document_version"), [1, 2])

    def test_new_attendee_gets_an_invitation(self):
        event = self._create_event(self.contact)
        with self.mock_mail_gateway():
            event.with_user(self.user_employee).write(
                {"partner_ids": [(4, self.contact_3.id)]}
            )
        entries = self._invitations(event)
        self.assertEqual(entries.partner_id, self.contact | self.contact_3)
        self.assertEqual(
            entries.filtered(lambda e: e.partner_id == self.contact_3).document_version,
            2,
        )

    def test_past_meeting_sends_and_logs_nothing(self):
        event = self._create_event(
            self.contact, start=fields.Datetime.now() - timedelta(days=2)
        )
        self.assertFalse(self._invitations(event))

    def test_contacting_attendees_is_not_an_invitation(self):
        event = self._create_event(self.contact)
        action = event.with_user(self.user_employee).action_open_composer()
        composer = Form(
            self.env[action["res_model"]]
            .with_user(self.user_employee)
            .with_context(**action["context"])
        ).save()
        with self.mock_mail_gateway():
            composer.action_send_mail()
        self.assertEqual(len(self._invitations(event)), 1)

    def test_unconfigured_setup_logs_nothing(self):
        self.doc_invitation.with_company(self.company).template_id = False
        event = self._create_event(self.contact)
        self.assertFalse(self._invitations(event))

    def test_call_an_attendee_from_the_meeting(self):
        event = self._create_event(self.user_employee.partner_id | self.contact)
        action = event.with_user(self.user_employee).action_interaction_call()
        self.assertEqual(action["context"]["default_partner_id"], self.contact.id)
        self.assertEqual(action["context"]["default_res_model"], "calendar.event")

    def test_uninstall_stops_logging_and_reinstall_resumes(self):
        # What the core does when the addon is uninstalled, and installed
        # again (see ir.module.module and _apply_default_setup).
        DocType = self.env["interaction.document.type"]
        DocType._archive_module_types(["interaction_autolog_calendar"])
        self.assertFalse(self.doc_invitation.active)
        self.assertFalse(self._invitations(self._create_event(self.contact)))
        DocType._apply_default_setup()
        self.assertTrue(self.doc_invitation.active)
        self.assertTrue(self._invitations(self._create_event(self.contact)))

    def test_stale_domain_does_not_block_the_invitation(self):
        """The invitation goes out even when the type's domain names a
        removed field; no invitation is logged, the server log says why."""
        break_domain(self.doc_invitation)
        with self.assertLogs(DOC_TYPE_LOGGER, "WARNING") as logs:
            event = self._create_event(self.contact)
        invitation = self.env["mail.message"].search(
            [
                ("model", "=", event._name),
                ("res_id", "=", event.id),
                ("partner_ids", "in", self.contact.ids),
            ]
        )
        self.assertEqual(len(invitation), 1)
        self.assertEqual(
            invitation.notification_ids.res_partner_id, self.contact, "sent to them"
        )
        self.assertFalse(self._invitations(event))
        assert_domain_warning(self, logs, self.doc_invitation)

    def test_invitation_templates_are_data(self):
        """The type lists the templates that send it: the calendar's
        invitations as shipped, and what an administrator adds."""
        self.assertEqual(
            self.doc_invitation.mail_template_ids,
            self.env.ref("calendar.calendar_template_meeting_invitation")
            | self.env.ref("calendar.calendar_template_meeting_changedate"),
        )
        # An invitation sent from a contact with a template of the
        # administrator's is logged as a meeting invitation too.
        template = self.env["mail.template"].create(
            {
                "name": "Invitation to our open house",
                "model_id": self.env.ref("base.model_res_partner").id,
                "partner_to": "{{ object.id }}",
                "subject": "Join us on Friday",
                "body_html": "<p>You are welcome to our open house.</p>",
            }
        )
        self.doc_invitation.mail_template_ids += template
        composer = Form(
            self.env["mail.compose.message"]
            .with_user(self.user_employee)
            .with_context(
                default_model="res.partner",
                default_res_ids=self.contact.ids,
                default_template_id=template.id,
                default_composition_mode="comment",
            )
        ).save()
        with self.mock_mail_gateway():
            composer.action_send_mail()
        self.assertRecordValues(
            self.entries_of(self.contact),
            [
                {
                    "document_type_id": self.doc_invitation.id,
                    "template_id": self.template_invitation.id,
                    "partner_id": self.contact.id,
                    "res_model": "res.partner",
                }
            ],
        )
        # Taken off the type, the calendar's invitation template sends a
        # notification like its reminders: not an invitation any more.
        self.doc_invitation.mail_template_ids -= self.env.ref(
            "calendar.calendar_template_meeting_invitation"
        )
        event = self._create_event(self.contact)
        self.assertFalse(self.entries_of(event))
        sent = self.env["mail.message"].search(
            [
                ("model", "=", event._name),
                ("res_id", "=", event.id),
                ("partner_ids", "in", self.contact.ids),
            ]
        )
        self.assertEqual(len(sent), 1)
