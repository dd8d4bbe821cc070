from odoo import api, fields, models
from odoo.exceptions import UserError


class InteractionDeleteCanceledWizard(models.TransientModel):
    """Delete canceled interaction log entries in bulk (Business Central's
    "Delete Canceled Interaction Log Entries")."""

    _name = "interaction.delete.canceled.wizard"
    _description = "Delete Canceled Interactions"

    date_to = fields.Date(
        string="Logged Up To",
        help="Delete canceled entries dated up to this day. Leave it empty to "
        "delete every canceled entry.",
    )
    date_from = fields.Date(string="Logged From")
    entry_count = fields.Integer(compute="_compute_entry_count", string="Entries")

    def _entries_domain(self):
        self.ensure_one()
        domain = [("canceled", "=", True)]
        if self.date_from:
            domain.append(("date", ">=", fields.Datetime.to_datetime(self.date_from)))
        if self.date_to:
            domain.append(
                (
                    "date",
                    "<",
                    fields.Datetime.to_datetime(fields.Date.add(self.date_to, days=1)),
                )
            )
        return domain

    @api.depends("date_from", "date_to")
    def _compute_entry_count(self):
        Entry = self.env["interaction.log.entry"]
        for wizard in self:
            wizard.entry_count = Entry.search_count(wizard._entries_domain())

    def action_delete(self):
        self.ensure_one()
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise UserError(self.env._("The start date must be before the end date."))
        entries = self.env["interaction.log.entry"].search(self._entries_domain())
        if not entries:
            raise UserError(self.env._("There are no canceled interactions to delete."))
        count = len(entries)
        entries.unlink()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("%s canceled interactions deleted.", count),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
