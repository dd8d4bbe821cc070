from odoo import fields, models


class InteractionLogEntry(models.Model):
    """Calls logged by a telephony system (the call webhook)."""

    _inherit = "interaction.log.entry"

    external_call_id = fields.Char(
        string="Call ID",
        size=128,
        readonly=True,
        copy=False,
        help="Identifier the telephony system gave the call: the same call "
        "sent again is not logged twice.",
    )

    def init(self):
        super().init()
        # A call is logged once per company, even when two deliveries of it
        # race each other; entries without a call id are not concerned.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS interaction_log_entry_external_call_uniq
                ON interaction_log_entry (company_id, external_call_id)
             WHERE external_call_id IS NOT NULL
            """
        )
