from unittest.mock import patch

from odoo import http
from odoo.tests import HttpCase, tagged

from odoo.addons.web.controllers.report import ReportController

from .common import InteractionCommon

COVER_SHEET = "interaction_autolog.report_cover_sheet"
UNLOGGED = "base.report_irmodulereference"


@tagged("post_install", "-at_install")
class TestReportRoute(InteractionCommon, HttpCase):
    """The report route writes only for reports whose print is logged.

    Odoo serves reports on a read-only cursor (a replica when the deployment
    has one); printing a logged report writes an entry, so that one starts
    read/write rather than being rendered twice.
    """

    def _get_report(self, reportname, record):
        """GET the HTML report as the web client's preview does; returns the
        response and whether the request ran on a read-only cursor."""
        modes = []
        dispatch = http.Request._transactioning

        def observe(request, func, readonly):
            # Only watches: the request runs exactly as it would.
            modes.append(readonly)
            return dispatch(request, func, readonly)

        with patch.object(http.Request, "_transactioning", observe):
            response = self.url_open(f"/report/html/{reportname}/{record.id}")
        self.assertEqual(response.status_code, 200, response.text[:300])
        self.assertEqual(len(modes), 1)
        return response, modes[0]

    def test_unlogged_report_runs_readonly(self):
        self.authenticate("admin", "admin")
        module = self.env["ir.module.module"].search([("name", "=", "base")])
        _response, readonly = self._get_report(UNLOGGED, module)
        self.assertTrue(readonly)

    def test_logged_report_runs_read_write_and_logs_once(self):
        self.authenticate(self.user_employee.login, self.user_employee.login)
        response, readonly = self._get_report(COVER_SHEET, self.contact)
        self.assertIn(b"Alice Buyer", response.content)
        self.assertFalse(readonly)
        entries = self.entries_of(self.contact)
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries.document_type_id, self.doc_cover)

    def test_blank_setup_everywhere_runs_readonly(self):
        """The cached list of logged reports follows the setup."""
        companies = self.env["res.company"].search([])
        for company in companies:
            self.doc_cover.with_company(company).template_id = False
        self.authenticate(self.user_employee.login, self.user_employee.login)
        _response, readonly = self._get_report(COVER_SHEET, self.contact)
        self.assertTrue(readonly)
        self.assertFalse(self.entries_of(self.contact))
        # Filled in again for one company: logged again.
        self.doc_cover.with_company(self.company).template_id = self.template_cover
        _response, readonly = self._get_report(COVER_SHEET, self.contact)
        self.assertFalse(readonly)
        self.assertEqual(len(self.entries_of(self.contact)), 1)

    def test_one_override_of_the_report_route(self):
        """Every print reaches the one override of the report route; a
        report that finds its ids another way (the cover sheet) hooks into
        it rather than overriding the route again."""

        def subclasses(cls):
            for sub in cls.__subclasses__():
                yield sub
                yield from subclasses(sub)

        overrides = [
            cls
            for cls in subclasses(ReportController)
            if cls.__module__.startswith("odoo.addons.interaction_autolog")
            and "report_routes" in vars(cls)
        ]
        self.assertEqual(len(overrides), 1, overrides)
