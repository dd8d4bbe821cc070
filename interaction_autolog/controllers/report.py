from odoo import http
from odoo.http import request

from odoo.addons.web.controllers.report import ReportController


def _read_write(controller):
    # Odoo serves reports on a read-only cursor and, on the first write,
    # rolls back and renders the whole report again on a read/write one.
    # Printing now writes an interaction entry, so start read/write and
    # render once. (A callable keeps Odoo from warning about the override.)
    return False


class InteractionReportController(ReportController):
    """Log a print where the user's request lands.

    Rendering a report elsewhere (email attachments, the composer, the
    portal, invoice sending) is not a print and goes through none of this.
    """

    @http.route(readonly=_read_write)
    def report_routes(self, reportname, docids=None, converter=None, **data):
        response = super().report_routes(
            reportname, docids=docids, converter=converter, **data
        )
        if docids and response.status_code == 200:
            ids = [int(i) for i in str(docids).split(",") if i.isdigit()]
            request.env["ir.actions.report"]._interaction_log_print(
                reportname, ids, converter=converter
            )
        return response
