import json

from .report import InteractionReportController

COVER_SHEET_REPORT = "interaction_autolog.report_cover_sheet"


class CoverSheetReportController(InteractionReportController):
    """Print the cover sheet from its wizard as a print of its contacts.

    The wizard's report action carries data (the subject and the message),
    so the web client builds the URL without the record ids: take the
    contacts from the data.
    """

    def _interaction_report_docids(self, reportname, docids, data):
        docids = super()._interaction_report_docids(reportname, docids, data)
        if not docids and reportname == COVER_SHEET_REPORT and data.get("options"):
            docids = self._cover_sheet_docids(data["options"])
        return docids

    @staticmethod
    def _cover_sheet_docids(options):
        try:
            ids = json.loads(options).get("partner_ids")
        except (ValueError, AttributeError):
            return None
        if not isinstance(ids, list):
            return None
        ids = [i for i in ids if isinstance(i, int) and not isinstance(i, bool)]
        return ",".join(str(i) for i in ids) or None
