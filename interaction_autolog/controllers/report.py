from contextlib import closing

from odoo import SUPERUSER_ID, api, http
from odoo.http import request

from odoo.addons.web.controllers.report import ReportController


def _readonly_unless_logged(controller):
    """Serve a report on a read-only cursor (a replica, when the deployment
    has one) unless printing it logs an interaction.

    The path is ``/report/<converter>/<reportname>[/<docids>]``. A logged
    report starts read/write: on a read-only cursor its first write would
    make Odoo roll back and render the whole report again. The set of logged
    reports is cached in the registry; reading it costs no query.
    """
    parts = request.httprequest.path.split("/")
    reportname = parts[3] if len(parts) > 3 else ""
    with closing(request.registry.cursor(readonly=True)) as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        logged = env["interaction.document.type"]._logged_reports()
    return reportname not in logged


class InteractionReportController(ReportController):
    """Log a print where the user's request lands.

    Rendering a report elsewhere (email attachments, the composer, the
    portal, invoice sending) is not a print and goes through none of this.
    """

    @http.route(readonly=_readonly_unless_logged)
    def report_routes(self, reportname, docids=None, converter=None, **data):
        response = super().report_routes(
            reportname, docids=docids, converter=converter, **data
        )
        if (
            docids
            and response.status_code == 200
            and reportname in request.env["interaction.document.type"]._logged_reports()
        ):
            ids = [int(i) for i in str(docids).split(",") if i.isdigit()]
            request.env["ir.actions.report"]._interaction_log_print(
                reportname, ids, converter=converter
            )
        return response
