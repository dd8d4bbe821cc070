from odoo import models

# Mails that carry the invitation (with its .ics) to attendees: the first
# one and the one sent again when the meeting's date changes. Reminders and
# free-form emails to attendees are not invitations.
INVITATION_TEMPLATES = (
    "calendar.calendar_template_meeting_invitation",
    "calendar.calendar_template_meeting_changedate",
)


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _send_mail_to_attendees(self, mail_template, force_send=False):
        # Every invitation goes through here: event creation, new attendees,
        # a date change and the "Send Invitations" button. Each attendee's
        # mail is logged as it is generated (see calendar.event); one send
        # is one version of the invitation, whatever the number of mails.
        if not self._interaction_is_invitation(mail_template):
            return super()._send_mail_to_attendees(mail_template, force_send=force_send)
        doc_type = self.env["interaction.document.type"]._get_by_code(
            "meeting_invitation"
        )
        events = self.event_id
        versions = (
            self.env["interaction.log.entry"]._next_versions(events, doc_type)
            if doc_type and events
            else {}
        )
        attendees = self.with_context(
            interaction_meeting_invitation={
                event.id: versions.get(event.id, 1) for event in events
            }
        )
        return super(CalendarAttendee, attendees)._send_mail_to_attendees(
            mail_template, force_send=force_send
        )

    def _interaction_is_invitation(self, mail_template):
        if not mail_template:
            return False
        return any(
            self.env.ref(xmlid, raise_if_not_found=False) == mail_template
            for xmlid in INVITATION_TEMPLATES
        )
