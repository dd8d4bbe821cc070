from odoo import models


class CalendarAttendee(models.Model):
    _inherit = "calendar.attendee"

    def _send_mail_to_attendees(self, mail_template, force_send=False):
        # Every invitation goes through here: event creation, new attendees,
        # a date change and the "Send Invitations" button. A mail sent with a
        # template that a document type lists (the meeting invitation type
        # lists the invitation templates) is logged as that type. Each
        # attendee's mail is logged as it is generated (see calendar.event);
        # one send is one version of the invitation, whatever the number of
        # mails.
        doc_type = self.env["interaction.document.type"]._get_by_mail_template(
            mail_template
        )
        if not doc_type:
            return super()._send_mail_to_attendees(mail_template, force_send=force_send)
        attendees = self.with_context(
            **self.env["interaction.document.type"]._email_type_context(doc_type.code)
        )
        events = self.event_id
        if doc_type.model == events._name and events:
            versions = self.env["interaction.log.entry"]._next_versions(
                events, doc_type
            )
            attendees = attendees.with_context(
                interaction_meeting_invitation={
                    event.id: versions.get(event.id, 1) for event in events
                }
            )
        return super(CalendarAttendee, attendees)._send_mail_to_attendees(
            mail_template, force_send=force_send
        )
