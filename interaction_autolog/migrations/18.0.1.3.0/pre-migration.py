"""Since 18.0.1.3.0 the log address is its own addon,
interaction_autolog_mail_gateway.

A database whose core held the log address keeps it: before Odoo drops
what the core no longer declares (at the end of this upgrade), the records
that moved (the interaction.log.mail model and its fields, the company's
alias fields, views, action, menu, access, rules, demo alias domain) are
handed to the new addon, which is then installed in the same run. Its
table, the logged emails, their messages and the aliases are left as they
are.
"""

import logging

from odoo.tools import SQL

_logger = logging.getLogger(__name__)

CORE = "interaction_autolog"
GATEWAY = "interaction_autolog_mail_gateway"
MOVED_FIELDS = [
    "field_res_company__interaction_log_alias_id",
    "field_res_company__interaction_log_alias_create_contact",
    "field_res_config_settings__interaction_log_alias_name",
    "field_res_config_settings__interaction_log_alias_domain",
    "field_res_config_settings__interaction_log_alias_create_contact",
]


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        "SELECT 1 FROM ir_model_data WHERE module = %s AND name = %s",
        [CORE, "model_interaction_log_mail"],
    )
    if not cr.rowcount:
        return
    cr.execute("SELECT id, state FROM ir_module_module WHERE name = %s", [GATEWAY])
    row = cr.fetchone()
    if not row:
        # Not on the addons path: the log address would be dropped with its
        # records. Stop the upgrade rather than lose them.
        raise RuntimeError(
            f"{GATEWAY} must be on the addons path to upgrade {CORE}: "
            "it holds the log address and its logged emails"
        )
    cr.execute(
        SQL(
            """
            UPDATE ir_model_data SET module = %(gateway)s
             WHERE module = %(core)s
               AND (name LIKE %(log_mail)s OR name = ANY(%(fields)s)
                    OR name = 'demo_mail_alias_domain')
               AND NOT EXISTS (
                   SELECT 1 FROM ir_model_data other
                    WHERE other.module = %(gateway)s
                      AND other.name = ir_model_data.name)
            """,
            gateway=GATEWAY,
            core=CORE,
            log_mail="%interaction_log_mail%",
            fields=MOVED_FIELDS,
        )
    )
    _logger.info("%s records of the log address handed to %s", cr.rowcount, GATEWAY)
    # The model's constraints and many2many tables are the module's too.
    for table in ("ir_model_constraint", "ir_model_relation"):
        cr.execute(
            SQL(
                """
                UPDATE %(table)s SET module = %(gateway_id)s
                 WHERE module = (SELECT id FROM ir_module_module WHERE name = %(core)s)
                   AND model = (SELECT id FROM ir_model
                                 WHERE model = 'interaction.log.mail')
                """,
                table=SQL.identifier(table),
                gateway_id=row[0],
                core=CORE,
            )
        )
    if row[1] in ("uninstalled", "to remove"):
        cr.execute(
            "UPDATE ir_module_module SET state = 'to install' WHERE id = %s", [row[0]]
        )
