from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    interaction_log_alias_name = fields.Char(
        string="Log Address Name",
        compute="_compute_interaction_log_alias_name",
        store=True,
        readonly=False,
        help="Users put this address in Bcc (or forward an email to it) to log "
        "the email for its contacts.",
    )
    interaction_log_alias_domain = fields.Char(
        related="company_id.alias_domain_name",
        string="Log Address Domain",
        help="The company's alias domain: the part of the address after the @.",
    )
    interaction_log_alias_create_contact = fields.Boolean(
        related="company_id.interaction_log_alias_create_contact", readonly=False
    )
    interaction_log_alias_require_auth = fields.Boolean(
        related="company_id.interaction_log_alias_require_auth", readonly=False
    )
    interaction_log_alias_trusted_servers = fields.Text(
        related="company_id.interaction_log_alias_trusted_servers", readonly=False
    )

    @api.depends("company_id")
    def _compute_interaction_log_alias_name(self):
        for settings in self:
            settings.interaction_log_alias_name = (
                settings.company_id.interaction_log_alias_id.alias_name
            )

    def set_values(self):
        result = super().set_values()
        Alias = self.env["mail.alias"]
        for settings in self:
            company = settings.company_id
            name = Alias._sanitize_alias_name(settings.interaction_log_alias_name)
            if (name or False) != (
                company.interaction_log_alias_id.alias_name or False
            ):
                company._interaction_set_log_alias(name)
        return result
