import logging
import re
from collections import defaultdict

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
        Entry = self.env["interaction.log.entry"].sudo()
        if not check_existing:
            # No earlier transaction logged it: its delivery follows the
            # entries logged now without a search (mail.notification).
            Entry._messages_new_now().add(self.id)
        if not partners or not self._interaction_is_loggable():
            return Entry.browse()
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
            return Entry._log_matched(
                self._interaction_email_types(record, document_type),
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

    @api.model
    def _interaction_email_types(self, records, document_type=None):
        """``{document type: records}`` the emails sent on ``records`` are
        logged under: the type ``document_type`` names where its domain
        covers them, else the first type matching each of them, else a
        plain ``email``. A type whose domain cannot be evaluated keeps the
        records it would have judged (as an empty recordset): they are
        logged under no type, never as a plain email."""
        DocType = self.env["interaction.document.type"]
        matched = {}
        remaining = records
        if document_type:
            doc_type = DocType._get_by_code(document_type)
            covered = records
            if doc_type and records._name == doc_type.model:
                covered = doc_type._filter_records(records)
            if doc_type and covered is None:
                return {doc_type: records.browse()}
            if doc_type and covered:
                matched[doc_type] = covered
                remaining -= covered
        if remaining:
            by_type = DocType._match_records(remaining, email=True)
            for doc_type, typed in by_type.items():
                matched[doc_type] = matched.get(doc_type, records.browse()) | typed
                remaining -= typed
            if any(not typed for typed in by_type.values()):
                # A broken domain: the records it would have judged stay out.
                return matched
        if remaining:
            email = DocType._get_by_code("email")
            matched[email] = matched.get(email, records.browse()) | remaining
        return matched

    def _interaction_log_outgoing_batch(
        self, partners_by_message, document_type=None, records=None
    ):
        """Log these outgoing emails, each to its ``partners_by_message``
        ``{message id: partners}``, in one ``create``: what the composer
        sends to many documents at once (one message per document) costs
        the queries of one.

        The messages are new (the composer just made them): only entries
        logged in this transaction are looked for. Messages on no document,
        or on the same document as another one of the batch, are logged one
        by one (see ``_interaction_log_outgoing``). ``records``: documents
        the caller has just used (they exist), e.g. the composer's.
        """
        used_model, used = (records._name, set(records.ids)) if records else (None, ())
        Entry = self.env["interaction.log.entry"].sudo()
        entries = Entry.browse()
        # New messages without notifications: their mails find their
        # entries without a search once sent (mail.mail).
        Entry._messages_new_now().update(partners_by_message)
        Entry._plain_messages_now().update(partners_by_message)
        messages = self.sudo().filtered(
            lambda message: (
                message.id in partners_by_message and message._interaction_is_loggable()
            )
        )
        single = messages.filtered(
            lambda message: (
                not (message.model and message.res_id and message.model in self.env)
            )
        )
        by_model = defaultdict(lambda: messages.browse())
        for message in messages - single:
            by_model[message.model] |= message
        for model, model_messages in by_model.items():
            message_by_res_id = {}
            for message in model_messages:
                if message.res_id in message_by_res_id:
                    single |= message
                else:
                    message_by_res_id[message.res_id] = message
            records = self.env[model].sudo().browse(list(message_by_res_id))
            if model != used_model or not set(message_by_res_id) <= used:
                records = records.exists()
            # A message whose document is gone is about its contacts alone.
            for res_id in set(message_by_res_id) - set(records.ids):
                single |= message_by_res_id.pop(res_id)
            if not records:
                continue
            companies = records._interaction_companies()
            all_partners = (
                self.env["res.partner"]
                .sudo()
                .union(*(partners_by_message[m.id] for m in message_by_res_id.values()))
            )
            # One read of the addresses for the whole batch.
            all_partners.fetch(["email", "email_normalized"])
            recipients = {}
            for record in records:
                message = message_by_res_id[record.id]
                partners = partners_by_message[message.id] - message.author_id
                recipients[record.id] = self._interaction_never_log_filter(
                    partners, companies.get(record.id)
                )
            # One entry per (message, contact): entries logged earlier in
            # this transaction (a glue addon's) keep theirs.
            logged_now = Entry._messages_logged_now()
            recent = [m.id for m in message_by_res_id.values() if m.id in logged_now]
            if recent:
                already = Entry.search([("mail_message_id", "in", recent)])
                for entry in already:
                    res_id = entry.mail_message_id.res_id
                    if res_id in recipients:
                        recipients[res_id] -= entry.partner_id
            records = records.filtered(lambda record: recipients[record.id])
            if not records:
                continue
            partner_values = {
                partner.id: {
                    "contact_via": partner.email or False,
                    "delivery_status": "queued",
                    "attempt_failed": False,
                }
                for partner in all_partners
            }
            record_values = {}
            for record in records:
                message = message_by_res_id[record.id]
                record_values[record.id] = {
                    "subject": message.subject or record.display_name,
                    "mail_message_id": message.id,
                }
            entries |= Entry._log_matched(
                self._interaction_email_types(records, document_type),
                channel="email",
                partners=recipients,
                partner_values=partner_values,
                record_values=record_values,
            )
        for message in single:
            entries |= message._interaction_log_outgoing(
                partners_by_message[message.id], document_type=document_type
            )
        return entries

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
