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

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        # A new company starts with the default Interaction Template Setup,
        # like the companies that existed when the app was installed; but
        # while every company's setup is blank, logging is switched off for
        # the database and a new company must not switch it back on (and
        # cost every email and print of the others the engine's queries):
        # it starts blank too.
        DocType = self.env["interaction.document.type"].sudo()
        DocType._apply_default_setup(companies, blank=not DocType._logging_enabled())
        return companies

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
