"""Since 18.0.1.2.0 the telephony webhook takes Odoo's own API keys
(res.users.apikeys, scope ``interaction_autolog_call``) instead of the keys
of the interaction.api.key model, which is gone.

Odoo deletes what the model's records in its registry were (the model, its
fields, access rules, record rule, views, actions) at the end of this
upgrade, but not the tables of a model whose code is gone: they are dropped
here. The old keys were stored as hashes only and cannot be carried over: an
administrator makes a new key for each telephony system (see README).
"""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    for table in ("interaction_api_key_wizard", "interaction_api_key"):
        cr.execute(SQL("DROP TABLE IF EXISTS %s CASCADE", SQL.identifier(table)))
