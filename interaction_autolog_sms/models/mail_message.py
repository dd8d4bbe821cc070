import textwrap
from collections import defaultdict

from odoo import models
from odoo.tools.mail import html_to_inner_content

from odoo.addons.interaction_autolog.models.mail_message import NEVER_LOGGED_MODELS

# mail.notification status of a text message -> entry delivery status. For
# SMS, "pending" means the provider accepted it (Odoo shows it as Sent) and
# "sent" that it was delivered.
SMS_DELIVERY = {
    "ready": "queued",
    "process": "queued",
    "pending": "sent",
    "sent": "sent",
    "bounce": "failed",
    "exception": "failed",
    "canceled": "failed",
}
SUBJECT_WIDTH = 80


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _interaction_log_sms(self, notifications):
        """Log this text message once per contact it was sent to.

        :param notifications: the message's ``mail.notification`` records of
            type sms; their number is the one the message went to.
        """
        self.ensure_one()
        Entry = self.env["interaction.log.entry"].sudo()
        if self.model in NEVER_LOGGED_MODELS:
            return Entry.browse()
        record = self._interaction_record()
        if not record:
            return Entry.browse()
        company = record._interaction_companies().get(record.id)
        by_partner = {
            n.res_partner_id: n
            for n in notifications
            if n.res_partner_id and n.res_partner_id != self.author_id
        }
        partners = self.env["res.partner"].union(*by_partner)
        partners = self._interaction_never_log_filter(partners, company)
        never_logged = company._interaction_number_never_logged()
        partners = partners.filtered(
            lambda p: not never_logged(by_partner[p].sms_number)
        )
        # One entry per (message, contact), whatever posts it again.
        partners -= Entry.search(
            [("mail_message_id", "=", self.id), ("partner_id", "in", partners.ids)]
        ).partner_id
        if not partners:
            return Entry.browse()
        partner_values = {}
        for partner in partners:
            notification = by_partner[partner]
            delivery = SMS_DELIVERY.get(notification.notification_status, "queued")
            partner_values[partner.id] = {
                "contact_via": notification.sms_number or False,
                "delivery_status": delivery,
                "attempt_failed": delivery == "failed",
            }
        return Entry._log_interaction(
            record,
            "sms",
            channel="sms",
            partners={record.id: partners},
            partner_values=partner_values,
            subject=sms_subject(html_to_inner_content(self.body or "")),
            mail_message_id=self.id,
        )


def sms_subject(text):
    """A text message has no subject: its first words stand for it."""
    text = " ".join((text or "").split())
    return textwrap.shorten(text, SUBJECT_WIDTH, placeholder=" …") or False


def entries_for_update(env):
    """Interaction entries as the engine updates them (delivery status):
    automatic entries are written only through the engine's own pass."""
    return env["interaction.log.entry"]._as_engine()


def sync_delivery(entries, status_of, number_of=None):
    """Set each entry's delivery status from ``status_of(entry)``, a
    mail.notification status (None: unknown, left alone), and its number
    from ``number_of(entry)`` when given (a resend to a corrected number).
    Entries getting the same values are written together: a batch of text
    messages sent by the queue is one write."""
    todo = defaultdict(list)
    for entry in entries:
        vals = {}
        delivery = SMS_DELIVERY.get(status_of(entry))
        if delivery and entry.delivery_status != delivery:
            vals.update(delivery_status=delivery, attempt_failed=delivery == "failed")
        number = number_of(entry) if number_of else None
        if number and entry.contact_via != number:
            vals["contact_via"] = number
        if vals:
            todo[tuple(sorted(vals.items()))].append(entry.id)
    for vals, ids in todo.items():
        entries.browse(ids).write(dict(vals))
