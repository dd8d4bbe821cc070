import json

from odoo import http

from .report import InteractionReportController

COVER_SHEET_REPORT = "interaction_autolog.report_cover_sheet"


class CoverSheetReportController(InteractionReportController):
    """Print the cover sheet from its wizard as a print of its contacts.

    A report action that carries data (the wizard's subject and message)
    makes the web client build the URL without the record ids, so the route
    would render and log nothing: take the contacts from the data.
    """

    @http.route()
    def report_routes(self, reportname, docids=None, converter=None, **data):
        if not docids and reportname == COVER_SHEET_REPORT and data.get("options"):
            docids = self._cover_sheet_docids(data["options"])
        return super().report_routes(
            reportname, docids=docids, converter=converter, **data
        )

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
