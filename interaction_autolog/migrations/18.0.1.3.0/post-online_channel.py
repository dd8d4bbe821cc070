"""Since 18.0.1.3.0 what customers do on the portal has its own channel,
``online``; entries logged before were filed under ``other``.

Plain SQL, as the rest of an upgrade: the entries are an audit trail the ORM
refuses to rewrite, and this only gives them the channel they would get
today. Entries logged by hand keep the channel their author chose.
"""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """
            UPDATE interaction_log_entry entry
               SET channel = 'online'
              FROM interaction_document_type doc_type
             WHERE entry.document_type_id = doc_type.id
               AND doc_type.trigger = 'portal'
               AND entry.channel = 'other'
               AND entry.is_automatic
            """
        )
    )
