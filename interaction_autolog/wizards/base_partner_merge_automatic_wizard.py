from odoo import models
from odoo.tools import SQL


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    """Odoo's Merge Contacts: the kept contact gets the merged contacts'
    interaction history, entries and version counters alike."""

    _inherit = "base.partner.merge.automatic.wizard"

    def _update_foreign_keys(self, src_partners, dst_partner):
        # Odoo moves every column pointing at the merged contacts in one
        # UPDATE per column, and deletes all the rows of a column when that
        # UPDATE breaks a unique index: one email logged for two of the
        # merged contacts would cost the whole history of the others.
        self._interaction_drop_duplicate_emails(src_partners, dst_partner)
        return super()._update_foreign_keys(src_partners, dst_partner)

    def _update_reference_fields(self, src_partners, dst_partner):
        result = super()._update_reference_fields(src_partners, dst_partner)
        # Odoo moves reference fields, not document links (model + id):
        # the entries and counters of the merged contacts as documents.
        self._interaction_move_documents(src_partners, dst_partner)
        return result

    def _interaction_drop_duplicate_emails(self, src_partners, dst_partner):
        """One email is one entry per contact: of the entries of one email
        for several of the merged contacts, the kept contact's (else the
        first) stays."""
        partners = src_partners | dst_partner
        Entry = self.env["interaction.log.entry"]._as_engine()
        entries = Entry.with_context(active_test=False).search(
            [("partner_id", "in", partners.ids), ("mail_message_id", "!=", False)],
            order="id",
        )
        kept = {}
        duplicates = Entry.browse()
        # The kept contact's entries first: they are the ones that stay.
        for entry in entries.sorted(lambda e: (e.partner_id != dst_partner, e.id)):
            if entry.mail_message_id in kept:
                duplicates |= entry
            else:
                kept[entry.mail_message_id] = entry
        duplicates.with_context(interaction_erasure=True).unlink()

    def _interaction_move_documents(self, src_partners, dst_partner):
        Entry = self.env["interaction.log.entry"]._as_engine()
        Entry.with_context(active_test=False).search(
            [("res_model", "=", "res.partner"), ("res_id", "in", src_partners.ids)]
        ).write({"res_id": dst_partner.id})
        # A counter per (document, type): the kept contact's continues after
        # the highest version any of them reached.
        Version = self.env["interaction.log.version"]
        Version.flush_model()
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO interaction_log_version AS counter
                            (res_model, res_id, document_type_id, last_version)
                     SELECT 'res.partner', %(dst)s, document_type_id, MAX(last_version)
                       FROM interaction_log_version
                      WHERE res_model = 'res.partner' AND res_id = ANY(%(ids)s)
                   GROUP BY document_type_id
                ON CONFLICT (res_model, res_id, document_type_id) DO UPDATE
                        SET last_version = GREATEST(
                                counter.last_version, EXCLUDED.last_version)
                """,
                dst=dst_partner.id,
                ids=(src_partners | dst_partner).ids,
            )
        )
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM interaction_log_version
                 WHERE res_model = 'res.partner' AND res_id = ANY(%s)
                """,
                src_partners.ids,
            )
        )
        Version.invalidate_model()
