from odoo import http
from odoo.http import request

from odoo.addons.account.controllers.download_docs import (
    AccountDocumentDownloadController,
)

# The report account renders invoice PDFs with (account.account_invoices).
INVOICE_REPORT = "account.report_invoice_with_payments"


class InteractionDocumentDownloadController(AccountDocumentDownloadController):
    """Invoices downloaded as PDF are printed, like a report download.

    The invoice "Download" actions and the Send & Print wizard's download
    serve stored or freshly rendered invoice PDFs through these routes, not
    through the report controller where the core logs prints. Both routes
    are read/write, so logging here needs no retry.
    """

    @http.route()
    def download_invoice_attachments(self, attachments):
        response = super().download_invoice_attachments(attachments)
        # An electronic invoice (XML) alone is not a print.
        pdfs = attachments.filtered(lambda a: a.mimetype == "application/pdf")
        self._interaction_log_download(set(pdfs.mapped("res_id")))
        return response

    @http.route()
    def download_invoice_documents_filetype(
        self, invoices, filetype, allow_fallback=True
    ):
        response = super().download_invoice_documents_filetype(
            invoices, filetype, allow_fallback=allow_fallback
        )
        if response is not None and filetype in ("pdf", "all"):
            self._interaction_log_download(invoices.ids)
        return response

    def _interaction_log_download(self, invoice_ids):
        # The invoice PDF, stored or rendered here, is the invoice report's:
        # logged as a print of it, as its Print button would.
        request.env["ir.actions.report"]._interaction_log_print(
            INVOICE_REPORT, sorted(invoice_ids), converter="pdf"
        )
