import email.utils
import logging
from datetime import timedelta, timezone

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import file_open
from odoo.tools.mail import formataddr

from ..tools import mail_parsing
from .interaction_log_address import MAX_CLAIMED_AGE_DAYS

_logger = logging.getLogger(__name__)

# Contacts one email may create when the company creates unknown contacts.
MAX_NEW_CONTACTS = 20


class InteractionLogMail(models.Model):
    """An email that reached the log address, kept with what it logged.

    The company's log address (``res.company.interaction_log_alias_id``) is a
    mail alias of this model: every email a user sends to it (in Bcc, in
    copy, or forwarded) becomes one record, holding the message itself (body,
    attachments, the replies that reach it) and the document the entries of
    its contacts point at. Which emails become one is decided by the log
    address (``interaction.log.address``).
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
    # The email is shown read-only in its form, not in a chatter: a logged
    # email is an audit record of what was sent, nothing is added to it.
    body = fields.Html(related="mail_message_id.body", string="Content")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        string="Attachments",
        compute="_compute_attachment_ids",
    )
    reply_message_ids = fields.Many2many(
        "mail.message",
        string="Replies",
        compute="_compute_reply_message_ids",
        help="Emails that reached this logged email afterwards, such as a "
        "contact's reply to all.",
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

    @api.depends("message_ids.attachment_ids")
    def _compute_attachment_ids(self):
        # sudo: the attachments of the records the user may read, whoever
        # created them (the mail gateway).
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .search(
                [("res_model", "=", self._name), ("res_id", "in", self.ids)],
                order="id",
            )
        )
        for log_mail in self:
            log_mail.attachment_ids = attachments.filtered(
                lambda attachment, log_mail=log_mail: attachment.res_id == log_mail.id
            )

    @api.depends("message_ids", "mail_message_id")
    def _compute_reply_message_ids(self):
        for log_mail in self:
            log_mail.reply_message_ids = log_mail.message_ids.filtered(
                lambda message, log_mail=log_mail: (
                    message.message_type in ("email", "comment")
                    and message != log_mail.mail_message_id
                )
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
        # Only the mail gateway adds to a logged email (the email itself, a
        # contact's reply): it is the record of what was written, not a
        # conversation users take part in.
        if not self.env.su:
            raise AccessError(
                self.env._(
                    "A logged email is a record of the email as it was sent: "
                    "messages cannot be added to it."
                )
            )
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
        odoo_addresses = self.env["interaction.log.address"]._odoo_addresses()
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
