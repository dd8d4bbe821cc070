from odoo import api, fields, models
from odoo.tools import format_date


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    interaction_log_inbound_email = fields.Boolean(
        related="company_id.interaction_log_inbound_email", readonly=False
    )
    interaction_never_log = fields.Text(
        related="company_id.interaction_never_log", readonly=False
    )
    module_interaction_autolog_mail_gateway = fields.Boolean(
        string="Log Address",
        help="Users log the emails they write outside Odoo by putting a log "
        "address in Bcc or forwarding them to it.",
    )
    interaction_document_type_count = fields.Integer(
        compute="_compute_interaction_document_type_count"
    )
    interaction_document_type_total = fields.Integer(
        compute="_compute_interaction_document_type_count"
    )
    interaction_call_key_ids = fields.Many2many(
        "res.users.apikeys",
        string="Telephony Keys",
        compute="_compute_interaction_call_keys",
        groups="base.group_system",
    )
    interaction_call_key_warning = fields.Text(
        string="Telephony Keys Expiring",
        compute="_compute_interaction_call_keys",
        groups="base.group_system",
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

    @api.depends("company_id")
    def _compute_interaction_call_keys(self):
        keys = self.env["res.users.apikeys"]._interaction_call_keys()
        lines = [
            self.env._(
                "The telephony key %(key)s of %(user)s expires on %(date)s: "
                "calls are no longer logged after that. Make a new key and "
                "give it to the telephony system.",
                key=key.name,
                user=key.user_id.name,
                date=format_date(self.env, key.expiration_date),
            )
            for key in keys
            if key.interaction_expires_soon
        ]
        for settings in self:
            settings.interaction_call_key_ids = keys
            settings.interaction_call_key_warning = "\n".join(lines) or False
