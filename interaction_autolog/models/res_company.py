from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    interaction_log_inbound_email = fields.Boolean(
        string="Log Inbound Emails",
        default=True,
        help="Log emails received from contacts through the mail gateway.",
    )
    interaction_never_log = fields.Text(
        string="Never Log",
        help="Email addresses (name@example.com) or whole domains "
        "(*@example.com), one per line, that are never logged as "
        "interactions.",
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # A new company starts with the default Interaction Template Setup,
        # like the companies that existed when the app was installed.
        self.env["interaction.document.type"].sudo()._apply_default_setup(companies)
        return companies

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

    def _interaction_address_never_logged(self):
        """A function telling whether an email address is on the company's
        never-log list: whole addresses, or *@domain for a whole domain.
        (Lines without an @ are phone numbers, for text messages.)"""
        exact, domains = set(), set()
        for line in (self[:1].sudo().interaction_never_log or "").splitlines():
            line = line.strip().lower()
            if line.startswith("*@"):
                domains.add(line[2:])
            elif "@" in line:
                exact.add(line)

        def never_logged(address):
            address = (address or "").strip().lower()
            return bool(address) and (
                address in exact or address.rpartition("@")[2] in domains
            )

        return never_logged
