from odoo import fields, models


class InteractionGroup(models.Model):
    _name = "interaction.group"
    _inherit = ["interaction.coded.mixin"]
    _description = "Interaction Group"
    _order = "sequence, code"
    _interaction_entry_field = "group_id"

    sequence = fields.Integer(default=10)
    template_ids = fields.One2many(
        "interaction.template", "group_id", string="Templates"
    )
