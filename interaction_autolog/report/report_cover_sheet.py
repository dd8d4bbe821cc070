from odoo import api, models


class ReportCoverSheet(models.AbstractModel):
    """Values of the contact cover sheet.

    The optional subject and message come from the print wizard, as report
    data when printed, or in the context when the sheet is rendered as the
    attachment of an email (see ``interaction.cover.sheet.wizard``).
    """

    _name = "report.interaction_autolog.report_cover_sheet"
    _description = "Contact Cover Sheet"

    @api.model
    def _get_report_values(self, docids, data=None):
        data = data or {}
        from_context = self.env.context.get("interaction_cover_sheet") or {}
        if not isinstance(from_context, dict):
            from_context = {}
        return {
            "doc_ids": docids,
            "doc_model": "res.partner",
            "docs": self.env["res.partner"].browse(docids),
            "cover_subject": data.get("subject") or from_context.get("subject"),
            "cover_message": data.get("message") or from_context.get("message"),
        }
