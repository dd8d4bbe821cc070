import json

from odoo import http
from odoo.tests import tagged

from .common import InteractionAccountCase

REPORT = "account.report_invoice"
# Absolute ceilings for printing one invoice through /report/download (the
# Print menu), as the accountant, caches warm, the whole request counted:
# session, routing, rendering (HTML in tests) and logging. Logging adds
# LOGGING_QUERIES of them. Measured numbers: lower them when Odoo or the
# engine gets cheaper.
PRINT_QUERIES = 26
LOGGING_QUERIES = 4


@tagged("post_install", "-at_install", "is_query_count")
class TestAccountPrintHotPath(InteractionAccountCase):
    """What logging costs the print of an invoice, in queries."""

    def _download(self, invoice):
        response = self.url_open(
            "/report/download",
            data={
                "data": json.dumps([f"/report/pdf/{REPORT}/{invoice.id}", "qweb-pdf"]),
                "context": json.dumps(self._user_context()),
                "token": "dummy-because-api-expects-one",
                "csrf_token": http.Request.csrf_token(self),
            },
            timeout=120,
        )
        self.assertEqual(response.status_code, 200, response.text[:300])

    def _print_counted(self, invoice, expected):
        self.authenticate("admin", "admin")
        for _run in range(2):  # warm up, as on a running server
            self._download(invoice)
        self.env.flush_all()
        with self.assertQueryCount(expected):
            self._download(invoice)

    def test_print_one_invoice_ceiling(self):
        invoice = self._create_moves("out_invoice")
        self._print_counted(invoice, PRINT_QUERIES)
        self.assertEqual(self._entries(invoice).mapped("document_version"), [1, 2, 3])

    def test_print_unlogged_costs_logging_nothing(self):
        """With the invoice types blank in every company the report is not
        logged at all: the same print costs LOGGING_QUERIES fewer queries."""
        invoice = self._create_moves("out_invoice")
        for company in self.env["res.company"].search([]):
            for doc_type in self.doc_types.values():
                doc_type.with_company(company).template_id = False
        self._print_counted(invoice, PRINT_QUERIES - LOGGING_QUERIES)
        self.assertFalse(self._entries(invoice))
