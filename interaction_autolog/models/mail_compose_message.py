from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _interaction_with_template_type(self):
        # An email sent with a template that a document type lists is logged
        # as that type, whatever document it is sent from; a type server code
        # already chose wins, and so does the cover sheet the user's own
        # cover sheet dialog opened this composer for.
        self.ensure_one()
        DocType = self.env["interaction.document.type"]
        if DocType._email_type_from_context():
            return self
        if not DocType._logging_enabled():
            return self
        if self._interaction_is_cover_sheet():
            return self.with_context(**DocType._email_type_context("cover_sheet"))
        doc_type = DocType._get_by_mail_template(self.template_id)
        if not doc_type:
            return self
        return self.with_context(**DocType._email_type_context(doc_type.code))

    def _interaction_is_cover_sheet(self):
        """Whether the cover sheet dialog opened this composer: the dialog
        the context names is the user's own, for the contacts emailed."""
        wizard_id = self.env.context.get("interaction_cover_sheet_wizard_id")
        if (
            not wizard_id
            or not isinstance(wizard_id, int)
            or self.model != "res.partner"
        ):
            return False
        wizard = self.env["interaction.cover.sheet.wizard"].sudo().browse(wizard_id)
        if not wizard.exists() or wizard.create_uid != self.env.user:
            return False
        res_ids = self._evaluate_res_ids() if self.res_ids else []
        return set(res_ids) <= set(wizard.partner_ids.ids)

    def _action_send_mail_comment(self, res_ids):
        composer = self._interaction_with_template_type()
        return super(MailComposeMessage, composer)._action_send_mail_comment(res_ids)

    def _action_send_mail_mass_mail(self, res_ids, auto_commit=False):
        composer = self._interaction_with_template_type()
        return super(MailComposeMessage, composer)._action_send_mail_mass_mail(
            res_ids, auto_commit=auto_commit
        )
