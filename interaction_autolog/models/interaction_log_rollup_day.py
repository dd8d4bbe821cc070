from odoo import fields, models


class InteractionLogRollupDay(models.Model):
    """A closed day whose entries ``interaction.log.rollup`` holds, in one
    time zone: what the day's rows were computed from.

    ``snapshot`` is the PostgreSQL snapshot (``pg_current_snapshot()``) of
    the transaction that computed them: a change to the day's entries
    (``interaction.log.rollup.change``) made by a transaction that snapshot
    does not see makes the day stale. Comparing transaction ids instead of
    clearing a flag is what lets the writers only INSERT: they never update
    a row a reader may be recomputing, so they never wait on it.
    """

    _name = "interaction.log.rollup.day"
    _description = "Interaction Analysis Day"
    _log_access = False

    tz = fields.Char(string="Time Zone", required=True)
    day = fields.Date(required=True, help="The UTC day.")
    snapshot = fields.Char(required=True)
    xid = fields.Char(
        string="Transaction",
        required=True,
        help="pg_current_xact_id() that computed it.",
    )

    _sql_constraints = [
        (
            "tz_day_uniq",
            "UNIQUE (tz, day)",
            "A day is computed once per time zone.",
        ),
    ]
