from collections import defaultdict

from odoo import models

from .mail_message import NOTIFICATION_DELIVERY


class MailNotification(models.Model):
    _inherit = "mail.notification"

    def write(self, vals):
        result = super().write(vals)
        if (
            "notification_status" in vals
            and self.env["interaction.document.type"]._logging_enabled()
        ):
            self.filtered(
                lambda n: n.notification_type == "email"
            )._interaction_sync_delivery()
        return result

    def _interaction_sync_delivery(self):
        """Let the email's interaction entries follow the mail."""
        if not self:
            return
        # The engine follows the mail: delivery is not the user's to change.
        Entry = self.env["interaction.log.entry"]._as_engine()
        entries = Entry.search(
            [
                ("mail_message_id", "in", self.mail_message_id.ids),
                ("partner_id", "in", self.res_partner_id.ids),
            ]
        )
        if not entries:
            return
        by_key = {
            (n.mail_message_id.id, n.res_partner_id.id): n.notification_status
            for n in self
        }
        # One write per new status, not one per entry: an email to many
        # contacts becomes sent for all of them at once.
        changed = defaultdict(list)
        for entry in entries:
            status = by_key.get((entry.mail_message_id.id, entry.partner_id.id))
            delivery = NOTIFICATION_DELIVERY.get(status)
            if delivery == "sent" and entry.delivery_status == "opened":
                continue  # opened is further than sent: keep it
            if delivery and entry.delivery_status != delivery:
                changed[delivery].append(entry.id)
        for delivery, entry_ids in changed.items():
            Entry.browse(entry_ids).write(
                {
                    "delivery_status": delivery,
                    "attempt_failed": delivery == "failed",
                }
            )
