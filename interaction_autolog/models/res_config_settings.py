from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    interaction_log_inbound_email = fields.Boolean(
        related="company_id.interaction_log_inbound_email", readonly=False
    )
    interaction_never_log = fields.Text(
        related="company_id.interaction_never_log", readonly=False
    )
    interaction_log_alias_name = fields.Char(
        string="Log Address",
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
    interaction_document_type_count = fields.Integer(
        compute="_compute_interaction_document_type_count"
    )
    interaction_document_type_total = fields.Integer(
        compute="_compute_interaction_document_type_count"
    )

    @api.depends("company_id")
    def _compute_interaction_log_alias_name(self):
        for settings in self:
            settings.interaction_log_alias_name = (
                settings.company_id.interaction_log_alias_id.alias_name
            )

    @api.depends("company_id")
    def _compute_interaction_document_type_count(self):
        DocType = self.env["interaction.document.type"]
        total = DocType.search_count([])
        for settings in self:
            # The settings page is an onchange of a new record: its company
            # is a new record too, which no company-dependent value belongs
            # to. Count in the real company.
            company = settings.company_id._origin or self.env.company
            settings.interaction_document_type_count = DocType.with_company(
                company
            ).search_count([("is_logged", "=", True)])
            settings.interaction_document_type_total = total

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
