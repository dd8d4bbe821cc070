from odoo import fields, models


class InteractionErasure(models.Model):
    """What was erased for an erasure request, without personal data.

    The contact's entries are gone for good; this record proves that the
    request was carried out, when and by whom, and how much was erased,
    without keeping who it was about.
    """

    _name = "interaction.erasure"
    _description = "Interaction History Erasure"
    _order = "date desc, id desc"

    date = fields.Datetime(required=True, default=fields.Datetime.now, readonly=True)
    user_id = fields.Many2one(
        "res.users",
        string="Erased By",
        required=True,
        default=lambda self: self.env.user,
        readonly=True,
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    entry_count = fields.Integer(string="Entries Erased", readonly=True)
    reason = fields.Char(readonly=True)
