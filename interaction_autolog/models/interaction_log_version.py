from odoo import api, fields, models

# Takes the next version of each document in ids; its inner lookup of the
# highest logged version reads the entries' (res_model, res_id,
# document_type_id) index.
NEXT_VERSION_QUERY = """
INSERT INTO interaction_log_version AS counter
            (res_model, res_id, document_type_id, last_version)
     SELECT %(model)s, doc.id, %(type)s,
            COALESCE((SELECT MAX(entry.document_version)
                        FROM interaction_log_entry entry
                       WHERE entry.res_id = doc.id
                         AND entry.res_model = %(model)s
                         AND entry.document_type_id = %(type)s), 0) + 1
       FROM unnest(%(ids)s::int[]) AS doc(id)
   ORDER BY doc.id
ON CONFLICT (res_model, res_id, document_type_id) DO UPDATE
        SET last_version = GREATEST(
                counter.last_version + 1, EXCLUDED.last_version)
  RETURNING res_id, last_version
"""


class InteractionLogVersion(models.Model):
    """The last ``document_version`` given to a document under a type.

    One row per (document, document type), taken with ``INSERT … ON
    CONFLICT DO UPDATE``: two requests logging the same document at once
    cannot both read the same last version. The second one waits for the
    first to finish and then fails with a serialization error, which Odoo
    answers by running the request again, now seeing the new version.
    Entries logged before this table existed are counted in lazily: a
    document's first row starts after its highest existing version.
    """

    _name = "interaction.log.version"
    _description = "Interaction Document Version Counter"
    _log_access = False

    res_model = fields.Char(string="Document Model", required=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", required=True
    )
    document_type_id = fields.Many2one(
        "interaction.document.type", required=True, ondelete="cascade"
    )
    last_version = fields.Integer(required=True, default=0)

    _sql_constraints = [
        (
            "document_uniq",
            "unique (res_model, res_id, document_type_id)",
            "A document has one version counter per document type.",
        ),
    ]

    @api.model
    def _next(self, res_model, res_ids, document_type_id):
        """Take the next version of each of ``res_ids``: ``{res_id: version}``.

        Locks each document's counter row until the transaction ends. Ids
        are taken in order so that two batches cannot deadlock.
        """
        if not res_ids:
            return {}
        # The entries table may hold versions the counter has not seen yet
        # (data from before the counter, or an entry given its version
        # explicitly): never go below them.
        self.env["interaction.log.entry"].flush_model(
            ["res_model", "res_id", "document_type_id", "document_version"]
        )
        self.env.cr.execute(
            NEXT_VERSION_QUERY,
            {
                "model": res_model,
                "type": document_type_id,
                "ids": sorted(set(res_ids)),
            },
        )
        return dict(self.env.cr.fetchall())
