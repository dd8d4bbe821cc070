"""Before 18.0.1.1.0 nothing recorded which shipped fields of a document
type the administrator had changed, and every upgrade wrote the shipped
values back. Mark the existing types "unknown": when this upgrade loads the
shipped data, what differs from it is taken as the administrator's change
and kept (interaction.document.type._load_records_write).
"""

from odoo.tools import sql


def migrate(cr, version):
    if not version:
        return
    table = "interaction_document_type"
    if sql.column_exists(cr, table, "customized_fields"):
        return
    sql.create_column(cr, table, "customized_fields", "varchar")
    cr.execute("UPDATE interaction_document_type SET customized_fields = '?'")
