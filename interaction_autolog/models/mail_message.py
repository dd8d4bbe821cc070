import logging
import re

from odoo import api, models

_logger = logging.getLogger(__name__)

# mail.notification status -> entry delivery status
NOTIFICATION_DELIVERY = {
    "ready": "queued",
    "process": "queued",
    "pending": "queued",
    "sent": "sent",
    "bounce": "failed",
    "exception": "failed",
    "canceled": "failed",
}
# Threads whose messages are conversations between colleagues, not with
# contacts.
NEVER_LOGGED_MODELS = {"discuss.channel"}


class MailMessage(models.Model):
    _inherit = "mail.message"

    def _interaction_is_loggable(self):
        """Whether this message can be an interaction with a contact."""
        self.ensure_one()
        # Notes and other internal messages never reach contacts; channels
        # are conversations between colleagues.
        return not (
            self.model in NEVER_LOGGED_MODELS
            or self.is_internal
            or self.subtype_id.internal
        )

    def _interaction_record(self):
        """The document the message is about, if it still exists."""
        self.ensure_one()
        if self.model and self.res_id and self.model in self.env:
            return self.env[self.model].browse(self.res_id).exists()
        return None

    @api.model
    def _interaction_never_log_filter(self, partners, company):
        """Drop the partners whose address is on the company's never-log list."""
        if not partners:
            return partners
        never_logged = company._interaction_address_never_logged()
        return partners.filtered(
            lambda p: not never_logged(p.email_normalized or p.email)
        )

    def _interaction_log_outgoing(
        self,
        partners,
        statuses=None,
        document_type=None,
        record=None,
        check_existing=True,
    ):
        """Log this outgoing email to ``partners``.

        :param statuses: ``{partner_id: mail.notification status}``
        :param document_type: a code forcing the document type (e.g. a cover
            sheet sent by email); by default the document the message was
            posted on decides, else it is a plain ``email``.
        :param record: the document the message is on, when the caller has it
        :param check_existing: whether entries of this message may exist
            from an earlier transaction (a re-send): entries logged in this
            transaction are always looked for.
        """
        self.ensure_one()
        if not partners or not self._interaction_is_loggable():
            return self.env["interaction.log.entry"].sudo()
        Entry = self.env["interaction.log.entry"].sudo()
        DocType = self.env["interaction.document.type"]
        if record is None:
            record = self._interaction_record()
        partners -= self.author_id
        if record:
            company = record._interaction_companies().get(record.id)
            partners = self._interaction_never_log_filter(partners, company)
        else:
            partners = self._interaction_never_log_filter(partners, self.env.company)
        # One entry per (message, contact): a re-send, or a message a glue
        # addon already logged (a meeting invitation), keeps the first one.
        if partners and (check_existing or self.id in Entry._messages_logged_now()):
            already = Entry.search(
                [("mail_message_id", "=", self.id), ("partner_id", "in", partners.ids)]
            ).partner_id
            partners -= already
        if not partners:
            return Entry.browse()

        statuses = statuses or {}
        partner_values = {}
        for partner in partners:
            delivery = NOTIFICATION_DELIVERY.get(statuses.get(partner.id), "queued")
            partner_values[partner.id] = {
                "contact_via": partner.email or False,
                "delivery_status": delivery,
                "attempt_failed": delivery == "failed",
            }
        overrides = {
            "subject": self.subject or (record.display_name if record else False),
            "mail_message_id": self.id,
        }
        if record:
            matched = {}
            if document_type:
                doc_type = DocType._get_by_code(document_type)
                covered = record
                if doc_type and record._name == doc_type.model:
                    # None when its domain cannot be evaluated: then the
                    # email is logged under no type, not as a plain email.
                    covered = doc_type._filter_records(record)
                if doc_type and covered is not None:
                    matched = {doc_type: covered} if covered else {}
                elif doc_type:
                    matched = {doc_type: record.browse()}
            if not matched:
                matched = DocType._match_records(record, email=True)
            if not matched:
                matched = {DocType._get_by_code("email"): record}
            return Entry._log_matched(
                matched,
                channel="email",
                partners={record.id: partners},
                partner_values=partner_values,
                **overrides,
            )
        # A message on no document (e.g. a direct notification): the entry
        # links to the contact itself.
        return Entry._log_matched(
            {DocType._get_by_code(document_type or "email"): partners},
            channel="email",
            partner_values=partner_values,
            **overrides,
        )

    def _interaction_log_inbound(self):
        """Log an email a contact sent us, against its author."""
        self.ensure_one()
        Entry = self.env["interaction.log.entry"].sudo()
        author = self.author_id
        if not author or not self._interaction_is_loggable():
            return Entry.browse()
        record = self._interaction_record()
        company = (
            record._interaction_companies().get(record.id)
            if record
            else self.env.company
        )
        if not company.sudo().interaction_log_inbound_email:
            return Entry.browse()
        if not self._interaction_never_log_filter(author, company):
            return Entry.browse()
        if Entry.search_count([("mail_message_id", "=", self.id)], limit=1):
            return Entry.browse()
        email_from = self.email_from or author.email or ""
        match = re.search(r"[^\s<>\"']+@[^\s<>\"']+", email_from)
        values = {
            "channel": "email",
            "partners": author if record else None,
            "subject": self.subject or False,
            "mail_message_id": self.id,
            "contact_via": match.group(0) if match else False,
        }
        return Entry._log_interaction(record or author, "email_inbound", **values)
