from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    interaction_log_inbound_email = fields.Boolean(
        related="company_id.interaction_log_inbound_email", readonly=False
    )
    interaction_never_log = fields.Text(
        related="company_id.interaction_never_log", readonly=False
    )
    interaction_document_type_count = fields.Integer(
        compute="_compute_interaction_document_type_count"
    )

    def _compute_interaction_document_type_count(self):
        DocType = self.env["interaction.document.type"]
        for settings in self:
            settings.interaction_document_type_count = DocType.with_company(
                settings.company_id
            ).search_count([("is_logged", "=", True)])
