import logging

from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.tools import is_html_empty
from odoo.tools.mail import (
    decode_message_header,
    email_normalize,
    formataddr,
    generate_tracking_message_id,
)

from ..tools import mail_parsing

_logger = logging.getLogger(__name__)

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
    skipped_addresses = fields.Text(
        string="Not Logged",
        readonly=True,
        help="Addresses of the email that were not logged, and why.",
    )
    mail_message_id = fields.Many2one(
        "mail.message", string="Email", readonly=True, ondelete="set null"
    )

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

    # ------------------------------------------------------------------
    # Mail gateway: routing of the log address
    # ------------------------------------------------------------------

    @api.model
    def _log_address_routes(self, message, message_dict, fallback_model=None):
        """Routes of a message that reached a log address; ``None`` if it did
        not, for the standard routing.

        The log address is recognised in any header that names a recipient
        (the server's Delivered-To for a Bcc), or because the message comes
        from an incoming mail server set to create Logged Emails (a mailbox
        dedicated to logging, ``fallback_model``).
        """
        alias, company = self._log_address_of(message)
        if not alias and fallback_model != self._name:
            return None
        email_from = message_dict.get("email_from") or ""
        user = self._log_address_user(email_from, company)
        if user:
            company = company or user.company_id
            message_dict["author_id"] = user.partner_id.id
            values = self._log_address_values(message, message_dict, company, user)
            _logger.info(
                "Routing mail from %s with Message-Id %s: log address of %s",
                email_from,
                message_dict.get("message_id"),
                company.name,
            )
            return [(self._name, False, values, user.id, alias or None)]
        reply_route = self._log_address_reply_route(message, message_dict)
        if reply_route:
            return [reply_route]
        self._log_address_refuse(message, message_dict, alias, company)
        return []

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
    def _log_address_other_aliases(self, message):
        """Whether the message was also sent to an alias other than a log
        address."""
        recipients = mail_parsing.header_addresses(
            message, mail_parsing.RECIPIENT_HEADERS
        )
        log_aliases = self.env["res.company"].sudo().search([]).interaction_log_alias_id
        return bool(
            self.env["mail.alias"]
            .sudo()
            .search_count(
                [
                    ("alias_full_name", "in", recipients),
                    ("id", "not in", log_aliases.ids),
                ],
                limit=1,
            )
        )

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
        date = fields.Datetime.to_datetime(message_dict.get("date")) or (
            fields.Datetime.now()
        )
        values = {
            "company_id": company.id,
            "user_id": user.id,
            "name": message_dict.get("subject") or _("(no subject)"),
            "email_from": message_dict.get("email_from") or False,
            "email_to": email_to or False,
            "email_cc": email_cc or False,
            "date": min(date, fields.Datetime.now()),
            "source": "copy",
            "direction": "outbound",
        }
        recipients = [
            address
            for _name, address in mail_parsing.address_pairs(f"{email_to},{email_cc}")
            if address not in own
        ]
        if self._external_addresses(recipients):
            return values
        # Sent to the log address alone (and colleagues): a forward.
        original, source = mail_parsing.attached_message_headers(message), "attachment"
        if not original:
            lines = mail_parsing.html_lines(message_dict.get("body"))
            original, source = mail_parsing.forwarded_block(lines), "forward"
        if not original:
            return values
        original_from = mail_parsing.address_pairs(original.get("from"))
        from_address = original_from[0][1] if original_from else None
        # Forwarding an email a contact wrote logs it as received from them;
        # one a user wrote (or whose sender is not shown) as sent.
        inbound = bool(from_address and self._external_addresses([from_address]))
        subject = original.get("subject") or mail_parsing.strip_subject_prefixes(
            values["name"]
        )
        original_date = mail_parsing.parse_date(original.get("date"), user.tz)
        values.update(
            {
                "name": subject or values["name"],
                "email_from": original.get("from") or values["email_from"],
                "email_to": original.get("to") or False,
                "email_cc": original.get("cc") or False,
                "source": source,
                "direction": "inbound" if inbound else "outbound",
            }
        )
        if original_date and original_date <= values["date"]:
            values["date"] = original_date
        return values

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
    def _log_address_reply_route(self, message, message_dict):
        """A contact's reply to a conversation Odoo knows (e.g. a reply to
        all of an email that had the log address in copy) goes to that
        conversation, where it is logged as an email received."""
        parent = self.env["mail.message"].sudo().browse(message_dict.get("parent_id"))
        if not parent.exists() or not parent.model or not parent.res_id:
            return None
        route = self.env["mail.thread"]._routing_check_route(
            message,
            message_dict,
            (parent.model, parent.res_id, {}, self.env.uid, None),
            raise_exception=False,
        )
        # Only into the conversation itself, never a new document.
        if route and route[1] == parent.res_id:
            return route
        return None

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
        """Log ``message`` for the contacts of this email, matched by address.

        Outbound: each external contact in To and Cc. Inbound (a contact's
        email forwarded): its sender. Unknown addresses are skipped, or made
        contacts when the company says so; the never-log list and Odoo's own
        aliases are skipped; colleagues are never contacts.
        """
        self.ensure_one()
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
            [formataddr(pair) for pair in candidates],
            records=record,
            force_create=company.interaction_log_alias_create_contact,
        )
        Entry = self.env["interaction.log.entry"].sudo()
        contacts = self.env["res.partner"]
        partner_values = {}
        for (_name, address), partner in zip(candidates, found, strict=True):
            if not partner:
                skipped.append((address, "unknown"))
                continue
            if partner in contacts:
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
        lang = record.user_id.lang or self.env.lang
        record.write(
            {
                "mail_message_id": message.id,
                "partner_ids": [Command.set(contacts.ids)],
                "skipped_addresses": record.with_context(
                    lang=lang
                )._skipped_description(skipped)
                or False,
            }
        )

    def _skipped_description(self, skipped):
        reasons = {
            "never": _("on the never-log list"),
            "unknown": _("no contact with this address"),
        }
        return "\n".join(f"{address}: {reasons[reason]}" for address, reason in skipped)
