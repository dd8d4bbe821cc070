from odoo import fields, models


class InteractionLogRollupChange(models.Model):
    """A UTC day whose entries a transaction changed after they may have
    been summed up: an entry canceled, restored, deleted, moved, or created
    with a past date. Only inserted (never updated), so that any number of
    writers mark the same day without waiting on each other."""

    _name = "interaction.log.rollup.change"
    _description = "Interaction Analysis Change"
    _log_access = False

    day = fields.Date(required=True, index=True, help="The UTC day.")
    xid = fields.Char(
        string="Transaction", required=True, help="pg_current_xact_id() of the change."
    )
    date = fields.Datetime(
        string="Changed On", required=True, help="When it was marked (clean-up)."
    )
