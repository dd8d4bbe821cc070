from odoo import fields, models


class InteractionRetentionRun(models.Model):
    """How many entries of a group one clean-up deleted for their age.

    Proves that the retention is applied, without personal data: no
    contact, no document, only counts and dates.
    """

    _name = "interaction.retention.run"
    _description = "Interaction Retention Run"
    _order = "date desc, id desc"

    date = fields.Datetime(
        string="Run On", required=True, default=fields.Datetime.now, readonly=True
    )
    # Kept when the group is deleted: the run still happened.
    group_id = fields.Many2one(
        "interaction.group",
        string="Interaction Group",
        ondelete="set null",
        index="btree_not_null",
        readonly=True,
    )
    group_name = fields.Char(
        string="Group", readonly=True, help="The group's name when it ran."
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    retention_months = fields.Integer(string="Kept for (months)", readonly=True)
    entry_count = fields.Integer(string="Entries Deleted", readonly=True)
    oldest_date = fields.Datetime(string="Oldest Deleted", readonly=True)
    newest_date = fields.Datetime(string="Newest Deleted", readonly=True)
