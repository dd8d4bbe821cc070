import json

from odoo.tools.sql import column_exists

from . import models


def post_init_hook(env):
    """A database whose core held the log address brings its logged emails
    along (see the core's 18.0.1.3.0 migration): the reasons why addresses
    were not logged were stored as English text, they become codes shown
    in each reader's language."""
    cr = env.cr
    if not column_exists(cr, "interaction_log_mail", "skipped_addresses"):
        return
    cr.execute(
        "SELECT id, skipped_addresses FROM interaction_log_mail"
        " WHERE skipped_addresses IS NOT NULL"
    )
    for log_mail_id, text in cr.fetchall():
        reasons = []
        for line in text.splitlines():
            address, _sep, reason = line.partition(": ")
            if address.strip():
                code = "never" if "never-log" in reason else "unknown"
                reasons.append([address.strip(), code])
        cr.execute(
            "UPDATE interaction_log_mail SET skipped_reasons = %s WHERE id = %s",
            [json.dumps(reasons) if reasons else None, log_mail_id],
        )
    cr.execute("ALTER TABLE interaction_log_mail DROP COLUMN skipped_addresses")
