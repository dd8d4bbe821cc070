from odoo import api, fields, models
from odoo.exceptions import UserError


class InteractionErasureWizard(models.TransientModel):
    """Erase a contact's whole interaction history, for an erasure request."""

    _name = "interaction.erasure.wizard"
    _description = "Erase Interaction History"

    partner_id = fields.Many2one("res.partner", string="Contact", required=True)
    entry_count = fields.Integer(
        compute="_compute_entry_count", string="Entries to Erase"
    )
    reason = fields.Char(
        required=True,
        default=lambda self: self.env._("Erasure request"),
        help="Kept in the erasure record; do not write personal data here.",
    )

    def _entries(self):
        # Every company's entries: an erasure request covers the whole
        # database, not the companies the manager happens to work in.
        return self.partner_id._interaction_erasable_entries()

    @api.depends("partner_id")
    def _compute_entry_count(self):
        for wizard in self:
            wizard.entry_count = len(wizard._entries()) if wizard.partner_id else 0

    def action_erase(self):
        self.ensure_one()
        self.env["interaction.log.entry"]._check_manager()
        entries = self._entries()
        if not entries:
            raise UserError(
                self.env._(
                    "%s has no interaction history to erase.", self.partner_id.name
                )
            )
        count = self.partner_id._interaction_erase_personal_data()
        self.env["interaction.erasure"].sudo().create(
            {"entry_count": count, "reason": self.reason}
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%s interactions erased.", count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
