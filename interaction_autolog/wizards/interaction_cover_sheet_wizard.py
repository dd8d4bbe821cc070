from odoo import fields, models


class InteractionCoverSheetWizard(models.TransientModel):
    """Print or email the cover sheet of contacts, with a subject and message.

    Printing goes through the report route, which logs ``cover_sheet`` on
    paper; emailing opens the composer marked so that the email is logged
    as ``cover_sheet`` too, not as a plain email.
    """

    _name = "interaction.cover.sheet.wizard"
    _description = "Print Cover Sheet"

    partner_ids = fields.Many2many("res.partner", string="Contacts", required=True)
    subject = fields.Char()
    message = fields.Text()

    def _report_data(self):
        self.ensure_one()
        return {
            # The web client leaves the ids out of the report URL when the
            # action carries data: the route puts them back (see
            # controllers/cover_sheet.py) so the print is logged.
            "partner_ids": self.partner_ids.ids,
            "subject": self.subject or "",
            "message": self.message or "",
        }

    def action_print(self):
        self.ensure_one()
        report = self.env.ref("interaction_autolog.action_report_cover_sheet")
        return report.report_action(self.partner_ids, data=self._report_data())

    def action_send_email(self):
        self.ensure_one()
        template = self.env.ref(
            "interaction_autolog.mail_template_cover_sheet", raise_if_not_found=False
        )
        data = self._report_data()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Send Cover Sheet"),
            "res_model": "mail.compose.message",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_model": "res.partner",
                "default_res_ids": self.partner_ids.ids,
                "default_template_id": template.id if template else False,
                "default_composition_mode": "comment"
                if len(self.partner_ids) == 1
                else "mass_mail",
                "default_email_layout_xmlid": "mail.mail_notification_light",
                # The composer logs a cover sheet instead of a plain email
                # once it has checked that this dialog is the user's; the
                # report reads the subject and message from here.
                "interaction_cover_sheet_wizard_id": self.id,
                "interaction_cover_sheet": {
                    "subject": data["subject"],
                    "message": data["message"],
                },
            },
        }
