"""Since 18.0.1.3.0 an entry without duration ends a minute after it
starts (``date_end``), so that the calendar draws it as a point at its time
rather than as an hour. Stored entries get the same end here, in SQL as the
rest of an upgrade (the ORM would refuse to touch the audit trail)."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """
            UPDATE interaction_log_entry
               SET date_end = date + INTERVAL '1 minute'
             WHERE COALESCE(duration, 0) = 0
               AND date IS NOT NULL
            """
        )
    )
