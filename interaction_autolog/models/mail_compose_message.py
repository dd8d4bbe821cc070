from odoo import models


class MailComposeMessage(models.TransientModel):
    _inherit = "mail.compose.message"

    def _interaction_with_template_type(self):
        # An email sent with a template that a document type lists is logged
        # as that type, whatever document it is sent from; a type the caller
        # already chose (a cover sheet) wins.
        self.ensure_one()
        DocType = self.env["interaction.document.type"]
        if self.env.context.get("interaction_document_type"):
            return self
        if not DocType._logging_enabled():
            return self
        doc_type = DocType._get_by_mail_template(self.template_id)
        if not doc_type:
            return self
        return self.with_context(interaction_document_type=doc_type.code)

    def _action_send_mail_comment(self, res_ids):
        composer = self._interaction_with_template_type()
        return super(MailComposeMessage, composer)._action_send_mail_comment(res_ids)

    def _action_send_mail_mass_mail(self, res_ids, auto_commit=False):
        composer = self._interaction_with_template_type()
        return super(MailComposeMessage, composer)._action_send_mail_mass_mail(
            res_ids, auto_commit=auto_commit
        )
