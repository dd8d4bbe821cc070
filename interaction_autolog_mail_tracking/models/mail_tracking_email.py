from odoo import api, models

# mail_tracking's states that mean the email did not reach the contact.
FAILED_STATES = ("error", "rejected", "bounced")


class MailTrackingEmail(models.Model):
    _inherit = "mail.tracking.email"

    @api.model_create_multi
    def create(self, vals_list):
        trackings = super().create(vals_list)
        trackings.filtered(lambda t: t.state in FAILED_STATES)._interaction_sync()
        return trackings

    def write(self, vals):
        result = super().write(vals)
        if vals.get("state") in FAILED_STATES:
            self._interaction_sync()
            # Odoo marks these emails sent right after (see mail.mail):
            # remembered so that only they are looked at again then.
            self._interaction_failed_now().update(self.mail_message_id.ids)
        return result

    def _interaction_failed_now(self):
        """Ids of the mail messages whose tracking failed in this
        transaction (forgotten at commit or rollback)."""
        return self.env.cr.precommit.data.setdefault(
            "interaction_autolog_mail_tracking.failed", set()
        )

    def _interaction_sync(self, opened_at=None):
        """Let the email entries of these trackings follow them: a failed
        tracking fails its entry; ``opened_at``, an opening of the email,
        marks it opened (the first opening's date is kept)."""
        if not self.env["interaction.document.type"]._logging_enabled():
            return
        trackings = self.filtered(lambda t: t.mail_message_id and t.partner_id)
        if not trackings:
            return
        Entry = self.env["interaction.log.entry"]._as_engine()
        entries = Entry.search(
            [
                ("mail_message_id", "in", trackings.mail_message_id.ids),
                ("partner_id", "in", trackings.partner_id.ids),
                ("channel", "=", "email"),
            ]
        )
        if not entries:
            return
        state_of = {(t.mail_message_id.id, t.partner_id.id): t.state for t in trackings}
        Notification = self.env["mail.notification"]

        def values_of(entry):
            state = state_of.get((entry.mail_message_id.id, entry.partner_id.id))
            if state in FAILED_STATES:
                # Failed as if Odoo's own notification had said so.
                return Notification._interaction_delivery_values(
                    entry, "email", "exception"
                )
            if opened_at and state == "opened" and not entry.opened_date:
                return {"delivery_status": "opened", "opened_date": opened_at}
            return {}

        Notification._interaction_write_entries(entries, values_of)

    def _interaction_sync_messages(self, message_ids):
        """Apply the trackings of these mail messages that failed in this
        transaction to their entries again (no query when none did)."""
        failed = self._interaction_failed_now()
        message_ids = [mid for mid in message_ids if mid in failed]
        if not message_ids:
            return
        self.sudo().search(
            [("mail_message_id", "in", message_ids), ("state", "in", FAILED_STATES)]
        )._interaction_sync()
