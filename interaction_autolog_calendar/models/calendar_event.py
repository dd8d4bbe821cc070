from odoo import models


class CalendarEvent(models.Model):
    _name = "calendar.event"
    _inherit = ["calendar.event", "interaction.document.mixin"]

    def _interaction_partners(self):
        # The contacts of a meeting are its attendees, not its organizer.
        return {event.id: event.partner_ids for event in self}

    def _notify_thread_by_email(
        self, message, recipients_data, msg_vals=False, **kwargs
    ):
        # An invitation mail (see calendar.attendee) is logged under the
        # type its template counts as (the meeting invitation), linked to its
        # mail, before the generic email logging runs: that one logs a
        # (mail, contact) pair once, so the invitation is not also logged as
        # a plain email.
        versions = self.env.context.get("interaction_meeting_invitation")
        # Only what calendar.attendee put there: a client's context cannot
        # hold the document type (see EmailDocumentType).
        code = self.env["interaction.document.type"]._email_type_from_context()
        if code and versions and len(self) == 1 and self.id in versions:
            partners = self.env["res.partner"].browse(
                [r["id"] for r in recipients_data if r["notif"] == "email"]
            )
            partners = message._interaction_never_log_filter(partners, self.env.company)
            self.env["interaction.log.entry"]._log_interaction(
                self,
                code,
                channel="meeting",
                partners=partners,
                partner_values={
                    p.id: {"contact_via": p.email, "delivery_status": "queued"}
                    for p in partners
                },
                mail_message_id=message.id,
                subject=message.subject or False,
                document_version=versions[self.id],
            )
        return super()._notify_thread_by_email(
            message, recipients_data, msg_vals=msg_vals, **kwargs
        )
