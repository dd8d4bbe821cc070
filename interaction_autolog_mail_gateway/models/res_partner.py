import re

from markupsafe import Markup

from odoo import Command, models
from odoo.tools import SQL
from odoo.tools.mail import formataddr

from ..tools import mail_parsing


def _erase_text(text, needles, replacement):
    """``text`` with every needle replaced, whatever its case."""
    if not text:
        return text
    for needle in needles:
        text = re.sub(re.escape(needle), replacement, text, flags=re.I)
    return text


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _interaction_erase_personal_data(self):
        count = super()._interaction_erase_personal_data()
        self.sudo()._interaction_erase_log_mails()
        return count

    def _interaction_erase_log_mails(self):
        """Anonymise the logged emails that name these contacts: their
        addresses and names leave the headers and the list of contacts, and
        the kept message (body, attachments) is erased: it is the user's
        copy of the correspondence, still in their own mailbox."""
        partners = self.sudo().with_context(active_test=False)
        LogMail = self.env["interaction.log.mail"].sudo()
        emails = {p.email_normalized for p in partners if p.email_normalized}
        needles = partners._interaction_erasure_needles()
        if not needles:
            return LogMail
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM interaction_log_mail
                 WHERE concat_ws(' ', name, email_from, email_to, email_cc,
                                 skipped_reasons::text) ILIKE ANY(%(patterns)s)
                UNION
                SELECT interaction_log_mail_id FROM interaction_log_mail_res_partner_rel
                 WHERE res_partner_id = ANY(%(partner_ids)s)
                """,
                patterns=[f"%{needle}%" for needle in needles],
                partner_ids=partners.ids,
            )
        )
        log_mails = LogMail.browse([row[0] for row in self.env.cr.fetchall()])
        erased = self.env._("(erased)")
        for log_mail in log_mails:
            values = {
                "name": _erase_text(log_mail.name, needles, erased) or erased,
                "partner_ids": [Command.unlink(p.id) for p in partners],
                "skipped_reasons": [
                    pair
                    for pair in log_mail.skipped_reasons or []
                    if pair[0] not in emails
                ]
                or False,
            }
            for fname in ("email_from", "email_to", "email_cc"):
                kept = [
                    formataddr(pair)
                    for pair in mail_parsing.address_pairs(log_mail[fname])
                    if pair[1] not in emails
                    and not any(n.lower() in pair[0].lower() for n in needles)
                ]
                values[fname] = ", ".join(kept) or False
            log_mail.write(values)
        if not log_mails:
            return log_mails
        messages = (
            self.env["mail.message"]
            .sudo()
            .search([("model", "=", LogMail._name), ("res_id", "in", log_mails.ids)])
        )
        body = Markup("<p>%s</p>") % self.env._(
            "The content of this email was erased at the request of one of "
            "its contacts."
        )
        messages.attachment_ids.unlink()
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", LogMail._name), ("res_id", "in", log_mails.ids)]
        ).unlink()
        for message in messages:
            message.write(
                {
                    "body": body,
                    "subject": _erase_text(message.subject, needles, erased),
                    "record_name": _erase_text(message.record_name, needles, erased),
                    "email_from": False
                    if message.author_id in partners
                    or _erase_text(message.email_from, needles, "")
                    != (message.email_from or "")
                    else message.email_from,
                    "reply_to": False,
                    "author_id": False
                    if message.author_id in partners
                    else message.author_id.id,
                    "partner_ids": [Command.unlink(p.id) for p in partners],
                }
            )
        # Other addons keep more of the email on its messages (OCA
        # mail_tracking: its recipients): every stored text that names the
        # contact is erased too.
        handled = {"body", "subject", "record_name", "email_from", "reply_to"}
        extra = [
            fname
            for fname, field in messages._fields.items()
            if field.store
            and field.type in ("char", "text")
            and not field.compute
            and not field.related
            and fname not in handled
        ]
        for message in messages:
            values = {}
            for fname in extra:
                text = message[fname]
                if isinstance(text, str):
                    cleaned = _erase_text(text, needles, erased)
                    if cleaned != text:
                        values[fname] = cleaned
            if values:
                message.write(values)
        # The entries of the other contacts repeat the subject.
        entries = (
            self.env["interaction.log.entry"]
            ._as_engine()
            .with_context(active_test=False)
            .search(
                [("res_model", "=", LogMail._name), ("res_id", "in", log_mails.ids)]
            )
        )
        for entry in entries:
            subject = _erase_text(entry.subject, needles, erased)
            name = _erase_text(entry.document_name, needles, erased)
            if subject != entry.subject or name != entry.document_name:
                entry.write({"subject": subject, "document_name": name})
        return log_mails

    def _interaction_erasure_needles(self):
        """The strings that name these contacts: names, addresses, phones."""
        needles = set()
        for partner in self:
            for value in (partner.name, partner.email, partner.email_normalized):
                if value and len(value.strip()) > 2:
                    needles.add(value.strip())
            for fname in ("phone", "mobile"):
                if fname in partner._fields and partner[fname]:
                    needles.add(partner[fname].strip())
        return sorted(needles, key=len, reverse=True)
