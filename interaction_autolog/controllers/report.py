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
    The only override of the report route in the addons: a report that
    needs its record ids found another way says so in
    ``_interaction_report_docids``.
    """

    @http.route(readonly=_readonly_unless_logged)
    def report_routes(self, reportname, docids=None, converter=None, **data):
        docids = self._interaction_report_docids(reportname, docids, data)
        response = super().report_routes(
            reportname, docids=docids, converter=converter, **data
        )
        if (
            docids
            and response.status_code == 200
            and reportname in request.env["interaction.document.type"]._logged_reports()
        ):
            ids = [int(i) for i in str(docids).split(",") if i.isdigit()]
            deferred = getattr(request, "interaction_deferred_prints", None)
            if deferred is not None:
                deferred.append((reportname, ids, converter))
            else:
                request.env["ir.actions.report"]._interaction_log_print(
                    reportname, ids, converter=converter
                )
        return response

    def _interaction_report_docids(self, reportname, docids, data):
        """The ids of the records printed, as the route's ``docids`` string.

        The URL carries them, except for a report action with data, whose
        URL the web client builds without ids: a report printed that way
        finds them in its data here, or is rendered and logged for nothing.
        """
        return docids

    @http.route()
    def report_download(self, data, context=None, token=None, readonly=True):
        # The web client's print. Odoo answers any error raised while the
        # download is built with an error page, so a concurrency error of
        # the logging (two users printing the same document at once) would
        # reach the user instead of making Odoo run the request again: log
        # once the download is built, outside of that.
        request.interaction_deferred_prints = deferred = []
        try:
            response = super().report_download(
                data, context=context, token=token, readonly=readonly
            )
        finally:
            request.interaction_deferred_prints = None
        if response is not None and response.status_code == 200:
            for reportname, ids, converter in deferred:
                request.env["ir.actions.report"]._interaction_log_print(
                    reportname, ids, converter=converter
                )
        return response
