import logging
from datetime import timedelta

from markupsafe import Markup

from odoo import api, fields, models
from odoo.tools import is_html_empty
from odoo.tools.mail import (
    decode_message_header,
    email_normalize,
    email_split_and_format,
    generate_tracking_message_id,
)

from ..tools import mail_parsing

_logger = logging.getLogger(__name__)

LOG_MAIL_MODEL = "interaction.log.mail"
# A forwarded email may claim any date: older claims than this are logged on
# the day the email reached Odoo.
MAX_CLAIMED_AGE_DAYS = 30

# Headers by which robots (auto-replies, mailing lists, delivery reports)
# say what they are. A refusal is never sent back to them: it could start a
# loop, or land on a forged sender.
AUTOMATIC_HEADERS = ("List-Id", "List-Unsubscribe", "X-Autoreply", "X-Autorespond")
AUTOMATIC_PRECEDENCE = {"bulk", "list", "junk", "auto_reply"}
AUTOMATIC_LOCAL_PARTS = {
    "mailer-daemon",
    "postmaster",
    "noreply",
    "no-reply",
    "do-not-reply",
    "donotreply",
}


class InteractionLogAddress(models.AbstractModel):
    """What the mail gateway does with an email that reached a log address.

    Routing, refusals and loop protection of the log address are decided
    here, not in the generic alias machinery: the log address receives
    dozens of emails a day from the same user, by design. The email a user
    may log becomes an ``interaction.log.mail``, which logs its contacts.
    """

    _name = "interaction.log.address"
    _description = "Log Address Routing"

    @api.model
    def _log_address_routes(
        self, message, message_dict, fallback_model=None, accepted=False
    ):
        """The route of a message that reached a log address, as a list
        (empty when it logs nothing); ``None`` if it did not reach one.

        The log address is recognised in any header that names a recipient
        (the server's Delivered-To for a Bcc), or because the message comes
        from an incoming mail server set to create Logged Emails (a mailbox
        dedicated to logging, ``fallback_model``). ``accepted``: Odoo routes
        the message elsewhere too (a reply, another alias), so a sender who
        may not log is not told so: the message did reach Odoo.
        """
        alias, company = self._log_address_of(message)
        if not alias and fallback_model != LOG_MAIL_MODEL:
            return None
        email_from = message_dict.get("email_from") or ""
        user = self._log_address_user(email_from, company)
        company = company or user.company_id
        verdict = self._log_address_authenticity(message, email_from, company)
        if verdict == "fail":
            # Forged: no record, no contact, no reply to the forged address.
            self._log_address_ignore(message_dict, alias, "authentication failed")
            return []
        if user and verdict == "none" and company.interaction_log_alias_require_auth:
            self._log_address_ignore(
                message_dict, alias, "no trusted Authentication-Results"
            )
            return []
        if user:
            message_dict["author_id"] = user.partner_id.id
            values = self._log_address_values(message, message_dict, company, user)
            _logger.info(
                "Routing mail from %s with Message-Id %s: log address of %s",
                email_from,
                message_dict.get("message_id"),
                company.name,
            )
            return [(LOG_MAIL_MODEL, False, values, user.id, alias or None)]
        if not accepted:
            self._log_address_refuse(message, message_dict, alias, company)
        return []

    @api.model
    def _log_address_ignore(self, message_dict, alias, reason):
        _logger.info(
            "Ignored mail from %s to the log address %s with Message-Id %s: %s",
            message_dict.get("email_from"),
            alias.display_name if alias else LOG_MAIL_MODEL,
            message_dict.get("message_id"),
            reason,
        )

    @api.model
    def _log_address_authenticity(self, message, email_from, company):
        """``pass`` when a server ``company`` trusts vouches for the sender's
        domain, ``fail`` when one says it is forged, ``none`` otherwise."""
        results = mail_parsing.authentication_results(message)
        if not results:
            return "none"
        return mail_parsing.sender_authenticity(
            results,
            company._interaction_trusted_authserv_ids(),
            (email_normalize(email_from) or "").rpartition("@")[2],
        )

    @api.model
    def _log_address_of(self, message):
        """The log address among the message's recipients, and its company."""
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("interaction_log_alias_id", "!=", False)])
        )
        if not companies:
            return self.env["mail.alias"], self.env["res.company"]
        recipients = mail_parsing.header_addresses(
            message, mail_parsing.RECIPIENT_HEADERS
        )
        local_parts = {address.partition("@")[0] for address in recipients}
        for company in companies:
            alias = company.interaction_log_alias_id
            if alias.alias_full_name and alias.alias_full_name.lower() in recipients:
                return alias, company
            if alias.alias_incoming_local and alias.alias_name in local_parts:
                return alias, company
        return self.env["mail.alias"], self.env["res.company"]

    @api.model
    def _log_address_all(self):
        """The log addresses of all companies: ``{full address}`` and
        ``{local part}`` of those matched on their local part alone."""
        aliases = (
            self.env["res.company"]
            .sudo()
            .search([("interaction_log_alias_id", "!=", False)])
            .interaction_log_alias_id
        )
        return {
            alias.alias_full_name.lower() for alias in aliases if alias.alias_full_name
        } | {
            f"{alias.alias_name.lower()}@"
            for alias in aliases
            if alias.alias_incoming_local and alias.alias_name
        }

    @api.model
    def _log_address_without(self, header_value, log_addresses):
        """``header_value`` (a list of addresses) without the log addresses."""
        if not header_value or not log_addresses:
            return header_value
        kept = []
        for item in email_split_and_format(header_value):
            normalized = (email_normalize(item, strict=False) or "").lower()
            local_part = normalized.partition("@")[0] + "@"
            if normalized in log_addresses or local_part in log_addresses:
                continue
            kept.append(item)
        return ", ".join(kept)

    @api.model
    def _log_address_user(self, email_from, company):
        """The internal user who sent the message, of ``company`` if given."""
        normalized = email_normalize(email_from)
        if not normalized:
            return self.env["res.users"]
        users = (
            self.env["res.users"]
            .sudo()
            .search([("email_normalized", "=", normalized), ("share", "=", False)])
        )
        if company:
            users = users.filtered(lambda user: company in user.company_ids)
        return users[:1]

    @api.model
    def _log_address_values(self, message, message_dict, company, user):
        """The record a user's email to the log address creates: whom it
        went to, read from its own To and Cc, or from the original it
        forwards when it went to nobody else."""
        own = self._odoo_addresses() | {user.email_normalized}
        email_to = decode_message_header(message, "To", separator=", ")
        email_cc = decode_message_header(message, "Cc", separator=", ")
        now = fields.Datetime.now()
        try:
            date = fields.Datetime.to_datetime(message_dict.get("date")) or now
        except (TypeError, ValueError, OverflowError):
            date = now
        values = {
            "company_id": company.id,
            "user_id": user.id,
            "name": message_dict.get("subject") or self.env._("(no subject)"),
            "email_from": message_dict.get("email_from") or False,
            "email_to": email_to or False,
            "email_cc": email_cc or False,
            "date": min(date, now),
            "source": "copy",
            "direction": "outbound",
        }
        if values["date"] < now - timedelta(days=MAX_CLAIMED_AGE_DAYS):
            values["claimed_date"] = values["date"]
            values["date"] = now
        recipients = [
            address
            for _name, address in mail_parsing.address_pairs(f"{email_to},{email_cc}")
            if address not in own
        ]
        if self._external_addresses(recipients):
            return values
        try:
            forwarded = self._log_address_forwarded_values(
                message, message_dict, values, user
            )
        except Exception:
            # An email no client writes: logged as it came rather than lost.
            _logger.warning(
                "Could not read the forwarded email in Message-Id %s: logged "
                "as it came",
                message_dict.get("message_id"),
                exc_info=True,
            )
            forwarded = {}
        values.update(forwarded)
        return values

    @api.model
    def _log_address_forwarded_values(self, message, message_dict, values, user):
        """Who and when of the original email of a forward, ``{}`` if the
        message forwards none."""
        original, source = mail_parsing.attached_message_headers(message), "attachment"
        if not original:
            lines = mail_parsing.html_lines(message_dict.get("body"))
            original, source = mail_parsing.forwarded_block(lines), "forward"
        if not original:
            return {}
        original_from = mail_parsing.address_pairs(original.get("from"))
        from_address = original_from[0][1] if original_from else None
        # Forwarding an email a contact wrote logs it as received from them;
        # one a user wrote (or whose sender is not shown) as sent.
        inbound = bool(from_address and self._external_addresses([from_address]))
        subject = original.get("subject") or mail_parsing.strip_subject_prefixes(
            values["name"]
        )
        forwarded = {
            "name": subject or values["name"],
            "email_from": original.get("from") or values["email_from"],
            "email_to": original.get("to") or False,
            "email_cc": original.get("cc") or False,
            "source": source,
            "direction": "inbound" if inbound else "outbound",
        }
        original_date = mail_parsing.parse_date(original.get("date"), user.tz)
        now = fields.Datetime.now()
        if original_date and original_date <= now:
            if original_date >= now - timedelta(days=MAX_CLAIMED_AGE_DAYS):
                forwarded["date"] = original_date
            else:
                # A claim nobody can check: the log keeps the day it
                # reached us, and says what the email claimed.
                forwarded["date"] = now
                forwarded["claimed_date"] = original_date
        return forwarded

    @api.model
    def _odoo_addresses(self):
        """Odoo's own addresses (aliases, catchall, bounce, notifications),
        in lower case: never contacts."""
        aliases = (
            self.env["mail.alias"].sudo().search([("alias_full_name", "!=", False)])
        )
        domains = self.env["mail.alias.domain"].sudo().search([])
        addresses = aliases.mapped("alias_full_name") + [
            address
            for domain in domains
            for address in (
                domain.catchall_email,
                domain.bounce_email,
                domain.default_from_email,
            )
            if address
        ]
        return {address.lower() for address in addresses}

    @api.model
    def _external_addresses(self, addresses):
        """The addresses that are neither an internal user's nor an alias."""
        if not addresses:
            return []
        internal = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("email_normalized", "in", addresses), ("share", "=", False)])
            .mapped("email_normalized")
        )
        odoo_addresses = self._odoo_addresses()
        return [a for a in addresses if a not in internal and a not in odoo_addresses]

    @api.model
    def _log_address_refuse(self, message, message_dict, alias, company):
        """Refuse a message from someone who is not a user: nothing is kept
        or logged, and the sender is told why, unless it is a robot."""
        email_from = message_dict.get("email_from") or ""
        _logger.info(
            "Refused mail from %s to the log address %s with Message-Id %s: "
            "the sender is not a user",
            email_from,
            alias.display_name if alias else LOG_MAIL_MODEL,
            message_dict.get("message_id"),
        )
        if self._is_automatic_message(message, email_from):
            return
        company = company or self.env.company
        body = self.with_context(
            lang=company.partner_id.lang or self.env.lang
        )._log_address_refusal_body(message_dict, alias, company)
        self.env["mail.thread"]._routing_create_bounce_email(
            email_from,
            body,
            message,
            # The gateway ignores a reply to this (loop detection).
            references=(
                f"{message_dict.get('message_id')} "
                f"{generate_tracking_message_id('loop-detection-bounce-email')}"
            ),
        )

    @api.model
    def _is_automatic_message(self, message, email_from):
        auto_submitted = (message.get("Auto-Submitted") or "no").strip().lower()
        precedence = (message.get("Precedence") or "").strip().lower()
        local_part = (email_normalize(email_from) or "").partition("@")[0]
        return (
            auto_submitted != "no"
            or precedence in AUTOMATIC_PRECEDENCE
            or any(message.get(header) for header in AUTOMATIC_HEADERS)
            or local_part in AUTOMATIC_LOCAL_PARTS
        )

    @api.model
    def _log_address_refusal_body(self, message_dict, alias, company):
        if alias and not is_html_empty(alias.alias_bounced_content):
            content = alias.alias_bounced_content
        else:
            address = alias.display_name if alias else company.name
            contact = company.email_formatted or company.name
            content = Markup("<p>%s</p><p>%s</p><p>%s</p><p>%s<br/>%s</p>") % (
                self.env._("Hello,"),
                self.env._(
                    "Your message was not accepted by %(address)s. This address "
                    "keeps a record of the emails that the users of %(company)s "
                    "write to their contacts, and your address is not one of "
                    "theirs.",
                    address=address,
                    company=company.name,
                ),
                self.env._("To write to us, please use %(contact)s.", contact=contact),
                self.env._("Kind regards,"),
                company.name,
            )
        return self.env["ir.qweb"]._render(
            "mail.mail_bounce_alias_security",
            {"body": content, "message": message_dict},
            minimal_qcontext=True,
        )
