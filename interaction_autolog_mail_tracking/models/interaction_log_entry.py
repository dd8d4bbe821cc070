from odoo import models

from .mail_tracking_email import FAILED_STATES


class InteractionLogEntry(models.Model):
    _inherit = "interaction.log.entry"

    def _compute_delivery_failure(self):
        # mail_tracking knows why an email failed when Odoo thinks it was
        # sent: its reason wins over the notification's.
        result = super()._compute_delivery_failure()
        failed = self.filtered(
            lambda e: (
                e.delivery_status == "failed"
                and e.channel == "email"
                and e.mail_message_id
            )
        )
        if not failed:
            return result
        trackings = (
            self.env["mail.tracking.email"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "in", failed.mail_message_id.ids),
                    ("partner_id", "in", failed.partner_id.ids),
                    ("state", "in", FAILED_STATES),
                ],
                order="id",
            )
        )
        # The latest tracking of a (message, contact) tells the last attempt.
        by_key = {(t.mail_message_id.id, t.partner_id.id): t for t in trackings}
        labels = dict(trackings._fields["state"]._description_selection(self.env))
        odoo_labels = dict(
            self.env["mail.notification"]
            ._fields["failure_type"]
            ._description_selection(self.env)
        )
        for entry in failed:
            tracking = by_key.get((entry.mail_message_id.id, entry.partner_id.id))
            if not tracking:
                continue
            if tracking.error_type == "no_recipient":
                # No address Odoo could send to: said in Odoo's own words,
                # as without mail_tracking.
                kind = (
                    "mail_email_invalid" if entry.contact_via else "mail_email_missing"
                )
                entry.delivery_failure = odoo_labels.get(kind)
                continue
            reasons = [
                labels.get(tracking.state),
                tracking.error_description or tracking.bounce_description,
            ]
            entry.delivery_failure = "\n".join(filter(None, reasons))
        return result
