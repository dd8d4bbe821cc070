from datetime import timedelta

from odoo import api, fields, models

# Without wkhtmltopdf the web client shows the HTML version of a report,
# and the preview can load twice for one print: an identical HTML print by
# the same user this many seconds after the last one is the same print.
HTML_PREVIEW_WINDOW = 10


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    @api.model
    def _interaction_log_print(self, report_ref, res_ids, converter=None):
        """Log the print of ``res_ids`` with report ``report_ref`` (its
        name): the one way a print is logged, whichever route served it.

        Each record is logged under the first document type (in sequence
        order) that lists the report and whose domain it satisfies.
        """
        DocType = self.env["interaction.document.type"]
        if not DocType._logging_enabled():
            # A blank setup logs nothing: every print (and every email with
            # a printed attachment) costs no query of ours.
            return self.env["interaction.log.entry"].sudo()
        logged = DocType._logged_reports().get(report_ref)
        if logged:  # by name, from the cache: no query
            report, model = self.sudo().browse(logged[0]), logged[1]
        else:
            report = self._get_report(report_ref)
            model = report.model
        if not report or not res_ids or model not in self.env:
            return self.env["interaction.log.entry"].sudo()
        # Read as the engine logs, with sudo: the user just printed them, and
        # record rules would cost queries without changing the answer.
        records = self.env[model].sudo().browse(res_ids).exists()
        Entry = self.env["interaction.log.entry"]
        matched = self.env["interaction.document.type"]._match_records(
            records, report=report.sudo()
        )
        if converter == "html" and matched:
            matched = self._interaction_skip_preview_reload(matched)
        return Entry._log_matched(matched, channel="paper")

    @api.model
    def _interaction_skip_preview_reload(self, matched):
        since = fields.Datetime.now() - timedelta(seconds=HTML_PREVIEW_WINDOW)
        Entry = self.env["interaction.log.entry"].sudo()
        result = {}
        for doc_type, records in matched.items():
            recent = Entry.search(
                [
                    ("document_type_id", "=", doc_type.id),
                    ("res_model", "=", records._name),
                    ("res_id", "in", records.ids),
                    ("channel", "=", "paper"),
                    ("user_id", "=", self.env.uid),
                    ("date", ">=", since),
                ]
            )
            todo = records.browse(set(records.ids) - set(recent.mapped("res_id")))
            if todo:
                result[doc_type] = todo
        return result
