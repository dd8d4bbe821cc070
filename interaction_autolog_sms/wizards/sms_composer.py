from odoo import models

from odoo.addons.interaction_autolog.models.mail_notification import DELIVERY_BY_TYPE

from ..models.mail_message import sms_subject


class SmsComposer(models.TransientModel):
    _inherit = "sms.composer"

    def _prepare_mass_sms(self, records, sms_record_values):
        # Mass mode (the composer on a selection of documents) creates the
        # text messages directly, without a message to notify: log them here.
        sms_all = super()._prepare_mass_sms(records, sms_record_values)
        if (
            not self._interaction_is_campaign()
            and self.env["interaction.document.type"]._logging_enabled()
        ):
            self._interaction_log_mass_sms(records, sms_record_values)
        return sms_all

    def _interaction_is_campaign(self):
        # SMS marketing sends through this composer with its mailing: such
        # campaigns have their own statistics and are not logged, like mass
        # mailings.
        return "mailing_id" in self._fields and bool(self.mailing_id)

    def _interaction_log_mass_sms(self, records, sms_record_values):
        """One entry per document and contact, followed through a tracker."""
        Entry = self.env["interaction.log.entry"].sudo()
        Partner = self.env["res.partner"].sudo()
        companies = records._interaction_companies()
        never_logged = {
            company: company._interaction_number_never_logged()
            for company in set(companies.values())
        }
        # The engine takes values per contact (number, status, text): a
        # contact texted from two documents goes in a second batch.
        batches = []
        for record in records:
            values = sms_record_values.get(record.id) or {}
            partner = Partner.browse(values.get("partner_id") or [])
            # A number that was already texted in this batch is not sent twice.
            if not partner or values.get("failure_type") == "sms_duplicate":
                continue
            company = companies[record.id]
            if never_logged[company](values.get("number")):
                continue
            if not self.env["mail.message"]._interaction_never_log_filter(
                partner, company
            ):
                continue
            state = "ready" if values.get("state") == "outgoing" else "exception"
            delivery = DELIVERY_BY_TYPE["sms"][state]
            batch = next((b for b in batches if partner.id not in b["values"]), None)
            if batch is None:
                batch = {"records": [], "partners": {}, "values": {}}
                batches.append(batch)
            batch["records"].append(record.id)
            batch["partners"][record.id] = partner
            batch["values"][partner.id] = {
                "contact_via": values.get("number") or False,
                "delivery_status": delivery,
                "attempt_failed": delivery == "failed",
                "subject": sms_subject(values.get("body")),
            }
        trackers = []
        for batch in batches:
            # The composer just read the records: they exist.
            entries = Entry._log_existing(
                records.browse(batch["records"]),
                "sms",
                channel="sms",
                partners=batch["partners"],
                partner_values=batch["values"],
            )
            for entry in entries:
                values = sms_record_values[entry.res_id]
                if values.get("state") == "outgoing" and values.get("uuid"):
                    trackers.append(
                        {
                            "sms_uuid": values["uuid"],
                            "interaction_log_entry_id": entry.id,
                        }
                    )
        if trackers:
            self.env["sms.tracker"].sudo().create(trackers)
