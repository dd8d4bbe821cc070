import email.utils
import logging
import re
from datetime import timedelta, timezone

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.tools import SQL, file_open, is_html_empty
from odoo.tools.mail import (
    decode_message_header,
    email_normalize,
    email_split_and_format,
    formataddr,
    generate_tracking_message_id,
)

from ..tools import mail_parsing

_logger = logging.getLogger(__name__)

# Headers by which robots (auto-replies, mailing lists, delivery reports)
# say what they are. A refusal is never sent back to them: it could start a
# loop, or land on a forged sender.
# A forwarded email may claim any date: older claims than this are logged on
# the day the email reached Odoo.
MAX_CLAIMED_AGE_DAYS = 30
# Contacts one email may create when the company creates unknown contacts.
MAX_NEW_CONTACTS = 20

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


class InteractionLogMail(models.Model):
    """An email that reached the log address, kept with what it logged.

    The company's log address (``res.company.interaction_log_alias_id``) is a
    mail alias of this model: every email a user sends to it (in Bcc, in
    copy, or forwarded) becomes one record, holding the message itself
    (body and attachments in its chatter) and the document the entries of
    its contacts point at. Routing, refusals and loop protection of the log
    address are decided here (see ``_log_address_routes``), not in the
    generic alias machinery: the log address receives dozens of emails a day
    from the same user, by design.
    """

    _name = "interaction.log.mail"
    _inherit = ["mail.thread", "interaction.document.mixin"]
    _description = "Logged Email"
    _order = "date desc, id desc"
    _check_company_auto = True

    name = fields.Char(string="Subject", required=True, readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    user_id = fields.Many2one(
        "res.users",
        string="Logged By",
        readonly=True,
        index=True,
        help="The user who sent or forwarded the email to the log address.",
    )
    date = fields.Datetime(
        readonly=True,
        default=fields.Datetime.now,
        help="When the logged email was written: for a forwarded email, the "
        "date of the original when it can be read.",
    )
    email_from = fields.Char(string="From", readonly=True)
    email_to = fields.Text(string="To", readonly=True)
    email_cc = fields.Text(string="Cc", readonly=True)
    source = fields.Selection(
        [
            ("copy", "Log address in copy"),
            ("forward", "Forwarded"),
            ("attachment", "Forwarded as attachment"),
        ],
        string="Received As",
        default="copy",
        readonly=True,
        help="Log address in copy: the recipients are those of the email "
        "itself (To and Cc). Forwarded: those of the original email, read "
        "from the forwarded text or the attached message.",
    )
    direction = fields.Selection(
        [("outbound", "Sent to contacts"), ("inbound", "Received from a contact")],
        default="outbound",
        readonly=True,
        help="Sent to contacts: logged for each contact in To and Cc. Received "
        "from a contact: a forwarded email a contact wrote, logged for them.",
    )
    partner_ids = fields.Many2many(
        "res.partner",
        string="Contacts",
        readonly=True,
        help="The contacts the email was logged for.",
    )
    claimed_date = fields.Datetime(
        readonly=True,
        help="The date the email claimed when it was older than Odoo "
        "believes: it is logged on the day it reached Odoo instead.",
    )
    skipped_reasons = fields.Json(
        readonly=True,
        help="[[address, reason code]] of the addresses that were not logged.",
    )
    skipped_addresses = fields.Text(
        string="Not Logged",
        compute="_compute_skipped_addresses",
        help="Addresses of the email that were not logged, and why.",
    )
    log_pending = fields.Boolean(
        readonly=True,
        help="Logging its contacts failed when the email arrived: retried by "
        "a scheduled action. The email itself is kept.",
    )
    mail_message_id = fields.Many2one(
        "mail.message", string="Email", readonly=True, ondelete="set null"
    )

    @api.depends("skipped_reasons")
    @api.depends_context("lang")
    def _compute_skipped_addresses(self):
        # Reasons are kept as codes: each reader sees them in their language.
        reasons = self._skipped_reason_labels()
        for log_mail in self:
            log_mail.skipped_addresses = (
                "\n".join(
                    f"{address}: {reasons.get(code, code)}"
                    for address, code in log_mail.skipped_reasons or []
                )
                or False
            )

    def _skipped_reason_labels(self):
        return {
            "never": self.env._("on the never-log list"),
            "unknown": self.env._("no contact with this address"),
            "too_many": self.env._(
                "not made a contact: at most %(count)s new contacts per email",
                count=MAX_NEW_CONTACTS,
            ),
            "logged": self.env._("logged with the document the email reached"),
        }

    # ------------------------------------------------------------------
    # Mail thread
    # ------------------------------------------------------------------

    @api.model
    def _detect_loop_sender_domain(self, email_from_normalized):
        # Odoo bounces a sender who creates 20 records of one model in two
        # hours, against auto-repliers looping with an alias. Here that is a
        # salesperson's normal day, and no loop can start: the log address
        # sends nothing to users, and what it sends to others carries the
        # gateway's loop-detection reference.
        return []

    def _creation_subtype(self):
        # The email was sent to contacts: a message, not an internal note.
        return self.env.ref("mail.mt_comment")

    def message_post(self, **kwargs):
        # A logged email is an archive: the people in the conversation have
        # it in their own mailbox and are not made followers of it, so a
        # reply that reaches it notifies nobody a second time.
        return super(
            InteractionLogMail, self.with_context(mail_create_nosubscribe=True)
        ).message_post(**kwargs)

    def _message_post_after_hook(self, message, msg_values):
        if (
            len(self) == 1
            and msg_values.get("message_type") == "email"
            and not self.mail_message_id
        ):
            # The email that created the record: logged for its contacts
            # here, not as an email received from its author (a user).
            result = super(
                InteractionLogMail, self.with_context(interaction_inbound=False)
            )._message_post_after_hook(message, msg_values)
            self._interaction_log_contacts(message)
            return result
        # Later emails are replies from contacts: logged as received.
        return super()._message_post_after_hook(message, msg_values)

    @api.model
    def _demo_receive(self, path, days):
        """Demo data: receive the email of ``path`` through the mail gateway,
        dated ``days`` from now (its Date header reads ``{date}``), so that
        it takes its place in the demo story whenever the demo is loaded."""
        with file_open(path, "rb") as eml:
            raw = eml.read().decode()
        date = fields.Datetime.now().replace(
            hour=9, minute=15, second=0, microsecond=0
        ) + timedelta(days=days)
        raw = raw.replace(
            "{date}", email.utils.format_datetime(date.replace(tzinfo=timezone.utc))
        )
        return self.env["mail.thread"].message_process(self._name, raw)

    # ------------------------------------------------------------------
    # Mail gateway: routing of the log address
    # ------------------------------------------------------------------

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
        if not alias and fallback_model != self._name:
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
            return [(self._name, False, values, user.id, alias or None)]
        if not accepted:
            self._log_address_refuse(message, message_dict, alias, company)
        return []

    @api.model
    def _log_address_ignore(self, message_dict, alias, reason):
        _logger.info(
            "Ignored mail from %s to the log address %s with Message-Id %s: %s",
            message_dict.get("email_from"),
            alias.display_name if alias else self._name,
            message_dict.get("message_id"),
            reason,
        )

    @api.model
    def _log_address_authenticity(self, message, email_from, company):
        """``pass`` when a server ``company`` trusts vouches for the sender's
        domain, ``fail`` when one says it is forged, ``none`` otherwise.

        Results of other servers are ignored: anyone can write the header.
        DMARC decides when present; else DKIM (the signing domain) or SPF
        (the envelope sender's domain) for the From domain.
        """
        results = mail_parsing.authentication_results(message)
        if not results:
            return "none"
        trusted = company._interaction_trusted_authserv_ids()
        from_domain = (email_normalize(email_from) or "").rpartition("@")[2]
        passed = failed = False
        for authserv_id, method, result, properties in results:
            if not trusted(authserv_id):
                continue
            if method == "dmarc":
                if properties.get("header.from", from_domain) != from_domain:
                    continue
                if result == "pass":
                    passed = True
                elif result == "fail":
                    return "fail"
            elif method in ("dkim", "spf"):
                keys = (
                    ("header.d", "header.i")
                    if method == "dkim"
                    else ("smtp.mailfrom", "smtp.helo")
                )
                domain = next(
                    (properties[key] for key in keys if properties.get(key)), ""
                )
                if not mail_parsing.domain_aligned(domain, from_domain):
                    continue
                if result == "pass":
                    passed = True
                elif result == "fail":
                    failed = True
        if passed:
            return "pass"
        return "fail" if failed else "none"

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
            "name": message_dict.get("subject") or _("(no subject)"),
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
            alias.display_name if alias else self._name,
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
                _("Hello,"),
                _(
                    "Your message was not accepted by %(address)s. This address "
                    "keeps a record of the emails that the users of %(company)s "
                    "write to their contacts, and your address is not one of "
                    "theirs.",
                    address=address,
                    company=company.name,
                ),
                _("To write to us, please use %(contact)s.", contact=contact),
                _("Kind regards,"),
                company.name,
            )
        return self.env["ir.qweb"]._render(
            "mail.mail_bounce_alias_security",
            {"body": content, "message": message_dict},
            minimal_qcontext=True,
        )

    # ------------------------------------------------------------------
    # Logging
    # ------------------------------------------------------------------

    def _interaction_log_contacts(self, message):
        """Log ``message`` for its contacts without ever losing the email:
        a failure (a serialization conflict with a concurrent transaction,
        an address nobody foresaw) rolls back the logging alone, which a
        scheduled action retries; the email itself is kept."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._interaction_log_contacts_now(message)
        except Exception:
            _logger.warning(
                "Logging the contacts of logged email %s failed: retried later",
                self.id,
                exc_info=True,
            )
            self.sudo().write({"log_pending": True, "mail_message_id": message.id})
            cron = self.env.ref(
                "interaction_autolog_mail_gateway.ir_cron_interaction_log_mail_retry",
                raise_if_not_found=False,
            )
            if cron:
                cron.sudo()._trigger()

    @api.model
    def _cron_retry_logging(self, limit=100):
        """Log the contacts of the emails whose logging failed on arrival."""
        pending = self.sudo().search([("log_pending", "=", True)], limit=limit)
        for log_mail in pending:
            message = log_mail.mail_message_id
            if not message:
                log_mail.log_pending = False
                continue
            try:
                with self.env.cr.savepoint():
                    log_mail._interaction_log_contacts_now(message)
                    log_mail.log_pending = False
            except Exception:
                _logger.warning(
                    "Logging the contacts of logged email %s failed again",
                    log_mail.id,
                    exc_info=True,
                )

    def _interaction_log_contacts_now(self, message):
        """Log ``message`` for the contacts of this email, matched by address.

        Outbound: each external contact in To and Cc. Inbound (a contact's
        email forwarded): its sender. Unknown addresses are skipped, or made
        contacts (at most MAX_NEW_CONTACTS) when the company says so; the
        never-log list and Odoo's own aliases are skipped; colleagues are
        never contacts. A contact that another route of the same email
        logged already (a reply posted on its document) is not logged twice.
        """
        record = self.sudo()
        company = record.company_id
        if record.direction == "inbound":
            pairs = mail_parsing.address_pairs(record.email_from)[:1]
        else:
            pairs = mail_parsing.address_pairs(
                f"{record.email_to or ''},{record.email_cc or ''}"
            )
        odoo_addresses = self._odoo_addresses()
        never_logged = company._interaction_address_never_logged()
        skipped = []
        candidates = []
        for name, address in pairs:
            if address in odoo_addresses:
                continue
            if never_logged(address):
                skipped.append((address, "never"))
                continue
            candidates.append((name, address))
        found = record._mail_find_partner_from_emails(
            [formataddr(pair) for pair in candidates], records=record
        )
        unknown = [
            pair for pair, partner in zip(candidates, found, strict=True) if not partner
        ]
        created = {}
        if unknown and company.interaction_log_alias_create_contact:
            to_create = unknown[:MAX_NEW_CONTACTS]
            new_partners = (
                self.env["res.partner"]
                .sudo()
                .create(
                    [
                        {
                            "name": name or address,
                            "email": address,
                            "company_id": company.id,
                        }
                        for name, address in to_create
                    ]
                )
            )
            created = {
                address: partner
                for (_name, address), partner in zip(
                    to_create, new_partners, strict=True
                )
            }
        Entry = self.env["interaction.log.entry"].sudo()
        logged_elsewhere = record._logged_by_other_routes(message)
        contacts = self.env["res.partner"]
        partner_values = {}
        for (_name, address), partner in zip(candidates, found, strict=True):
            partner = partner or created.get(address)
            if not partner:
                reason = "too_many" if created else "unknown"
                skipped.append((address, reason))
                continue
            if partner in contacts:
                continue
            if partner in logged_elsewhere:
                skipped.append((address, "logged"))
                continue
            contacts |= partner
            partner_values[partner.id] = {
                "contact_via": address,
                "salesperson_id": (
                    partner.user_id or partner.commercial_partner_id.user_id
                ).id,
            }
        contacts -= Entry._internal_partners(contacts)
        # Who reached whom follows the document type (Email is outbound,
        # Email Received inbound).
        if record.direction == "inbound":
            code = "email_inbound"
            extra = {}
        else:
            code = "email"
            # It reached our mail server: it was sent.
            extra = {"delivery_status": "sent"}
        if record.claimed_date:
            lang = company.partner_id.lang or self.env.lang
            extra["note"] = self.with_context(lang=lang).env._(
                "The forwarded email claims to have been written on %(date)s "
                "(UTC), more than %(days)s days before it reached Odoo.",
                date=record.claimed_date,
                days=MAX_CLAIMED_AGE_DAYS,
            )
        if contacts:
            Entry._log_interaction(
                record,
                code,
                channel="email",
                partners={record.id: contacts},
                partner_values=partner_values,
                subject=record.name,
                mail_message_id=message.id,
                date=record.date,
                user_id=record.user_id.id,
                **extra,
            )
        record.write(
            {
                "mail_message_id": message.id,
                "partner_ids": [Command.set(contacts.ids)],
                "skipped_reasons": [list(pair) for pair in skipped] or False,
            }
        )

    def _logged_by_other_routes(self, message):
        """Contacts already logged for the same email by Odoo's own routing
        (a reply posted on a document, another alias), which runs first."""
        if not message.message_id:
            return self.env["res.partner"]
        others = (
            self.env["mail.message"]
            .sudo()
            .search([("message_id", "=", message.message_id), ("id", "!=", message.id)])
        )
        if not others:
            return self.env["res.partner"]
        return (
            self.env["interaction.log.entry"]
            .sudo()
            .search([("mail_message_id", "in", others.ids)])
            .partner_id
        )

    # ------------------------------------------------------------------
    # Erasure
    # ------------------------------------------------------------------

    @api.model
    def _interaction_erase_partners(self, partners):
        """Anonymise the logged emails that name ``partners``: their
        addresses and names leave the headers and the list of contacts, and
        the kept message (body, attachments) is erased: it is the user's
        copy of the correspondence, still in their own mailbox."""
        partners = partners.sudo().with_context(active_test=False)
        emails = {p.email_normalized for p in partners if p.email_normalized}
        needles = self._erasure_needles(partners)
        if not needles:
            return self.browse()
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
        log_mails = self.sudo().browse([row[0] for row in self.env.cr.fetchall()])
        erased = self.env._("(erased)")
        for log_mail in log_mails:
            values = {
                "name": self._erase_text(log_mail.name, needles, erased) or erased,
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
            .search([("model", "=", self._name), ("res_id", "in", log_mails.ids)])
        )
        body = Markup("<p>%s</p>") % self.env._(
            "The content of this email was erased at the request of one of "
            "its contacts."
        )
        messages.attachment_ids.unlink()
        self.env["ir.attachment"].sudo().search(
            [("res_model", "=", self._name), ("res_id", "in", log_mails.ids)]
        ).unlink()
        for message in messages:
            message.write(
                {
                    "body": body,
                    "subject": self._erase_text(message.subject, needles, erased),
                    "record_name": self._erase_text(
                        message.record_name, needles, erased
                    ),
                    "email_from": False
                    if message.author_id in partners
                    or self._erase_text(message.email_from, needles, "")
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
                    cleaned = self._erase_text(text, needles, erased)
                    if cleaned != text:
                        values[fname] = cleaned
            if values:
                message.write(values)
        # The entries of the other contacts repeat the subject.
        entries = (
            self.env["interaction.log.entry"]
            ._as_engine()
            .with_context(active_test=False)
            .search([("res_model", "=", self._name), ("res_id", "in", log_mails.ids)])
        )
        for entry in entries:
            subject = self._erase_text(entry.subject, needles, erased)
            name = self._erase_text(entry.document_name, needles, erased)
            if subject != entry.subject or name != entry.document_name:
                entry.write({"subject": subject, "document_name": name})
        return log_mails

    @api.model
    def _erasure_needles(self, partners):
        """The strings that name ``partners``: names, addresses, phones."""
        needles = set()
        for partner in partners:
            for value in (partner.name, partner.email, partner.email_normalized):
                if value and len(value.strip()) > 2:
                    needles.add(value.strip())
            for fname in ("phone", "mobile"):
                if fname in partner._fields and partner[fname]:
                    needles.add(partner[fname].strip())
        return sorted(needles, key=len, reverse=True)

    @api.model
    def _erase_text(self, text, needles, replacement):
        if not text:
            return text
        for needle in needles:
            text = re.sub(re.escape(needle), replacement, text, flags=re.I)
        return text
