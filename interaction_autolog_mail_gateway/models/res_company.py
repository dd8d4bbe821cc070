from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    interaction_log_alias_id = fields.Many2one(
        "mail.alias",
        string="Log Address",
        ondelete="set null",
        copy=False,
        help="Emails sent to this address by the company's users (in Bcc, in "
        "copy or forwarded) are logged for the contacts they went to.",
    )
    interaction_log_alias_create_contact = fields.Boolean(
        string="Create Unknown Contacts",
        help="An address the log address does not know becomes a new contact "
        "instead of being skipped.",
    )
    interaction_log_alias_require_auth = fields.Boolean(
        string="Require Authenticated Senders",
        default=True,
        help="Accept an email at the log address only when a trusted mail "
        "server vouches for its sender (DMARC, DKIM or SPF in its "
        "Authentication-Results header). Without this, anyone on the "
        "internet can write From: a user's address and plant emails, and "
        "contacts, in your interaction log.",
    )
    interaction_log_alias_trusted_servers = fields.Text(
        string="Trusted Mail Servers",
        help="Besides your alias domain and its subdomains, the mail servers "
        "whose Authentication-Results the log address believes, one per "
        "line, as they name themselves in that header (e.g. mx.google.com "
        "for Gmail, the Microsoft 365 servers' names for Outlook).",
    )

    def _interaction_set_log_alias(self, alias_name):
        """Create, rename or (with an empty name) remove the log address."""
        self.ensure_one()
        company = self.sudo()
        alias = company.interaction_log_alias_id
        if not alias_name:
            if alias:
                company.interaction_log_alias_id = False
                alias.unlink()
            return alias.browse()
        if alias:
            alias.alias_name = alias_name
            return alias
        alias = (
            self.env["mail.alias"]
            .sudo()
            .create(
                {
                    "alias_name": alias_name,
                    "alias_domain_id": company.alias_domain_id.id,
                    "alias_model_id": self.env["ir.model"]._get_id(
                        "interaction.log.mail"
                    ),
                    "alias_defaults": repr({"company_id": company.id}),
                    # Who may write to it is decided when a message arrives
                    # (users log, a contact's reply gets through, others are
                    # refused with our own explanation).
                    "alias_contact": "everyone",
                }
            )
        )
        company.interaction_log_alias_id = alias
        return alias

    def _interaction_trusted_authserv_ids(self):
        """A function telling whether an authserv-id (the server named first
        in an Authentication-Results header) is one this company trusts:
        its alias domain, a subdomain of it, or one the admin listed."""
        company = self[:1].sudo()
        domain = (company.alias_domain_id.name or "").strip().lower()
        listed = {
            line.strip().lower()
            for line in (company.interaction_log_alias_trusted_servers or "")
            .replace(",", "\n")
            .splitlines()
            if line.strip()
        }

        def trusted(authserv_id):
            authserv_id = (authserv_id or "").strip().lower().rstrip(".")
            if not authserv_id:
                return False
            if authserv_id in listed:
                return True
            return bool(domain) and (
                authserv_id == domain or authserv_id.endswith("." + domain)
            )

        return trusted
