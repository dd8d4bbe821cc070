import textwrap

from odoo import models
from odoo.tools.mail import html_to_inner_content

from odoo.addons.interaction_autolog.models.mail_message import NEVER_LOGGED_MODELS
from odoo.addons.interaction_autolog.models.mail_notification import DELIVERY_BY_TYPE

SUBJECT_WIDTH = 80


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _interaction_log_sms(self, notifications, record=None, check_existing=True):
        """Log this text message once per contact it was sent to.

        :param notifications: the message's ``mail.notification`` records of
            type sms; their number is the one the message went to.
        :param record: the document the message is on, when the caller has it
        :param check_existing: whether entries of this message may exist
            from an earlier transaction (a resend): entries logged in this
            transaction are always looked for.
        """
        self.ensure_one()
        Entry = self.env["interaction.log.entry"].sudo()
        if self.model in NEVER_LOGGED_MODELS:
            return Entry.browse()
        if record is None:
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
        if partners and (check_existing or self.id in Entry._messages_logged_now()):
            partners -= Entry.search(
                [("mail_message_id", "=", self.id), ("partner_id", "in", partners.ids)]
            ).partner_id
        if not partners:
            return Entry.browse()
        partner_values = {}
        for partner in partners:
            notification = by_partner[partner]
            delivery = DELIVERY_BY_TYPE["sms"].get(
                notification.notification_status, "queued"
            )
            partner_values[partner.id] = {
                "contact_via": notification.sms_number or False,
                "delivery_status": delivery,
                "attempt_failed": delivery == "failed",
            }
        # The record exists: the message was just posted on it.
        return Entry._log_existing(
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
