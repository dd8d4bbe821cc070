import logging
from unittest.mock import patch

from odoo.tests import tagged

from .common import InteractionAccountCase

INVOICE_REPORT = "account.report_invoice_with_payments"

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestAccountPrint(InteractionAccountCase):
    def _check_print_twice(self, move_type, code, post=True, report=None):
        move = self._create_moves(move_type, post=post)
        report = report or "account.report_invoice_with_payments"
        self._print(move, report_name=report)
        self._assert_paper_entries(move, code)
        self._print(move, report_name=report)
        self._assert_paper_entries(move, code, versions=(1, 2))
        self.assertEqual(move.interaction_log_count, 2)
        action = move.action_view_interaction_log()
        self.assertEqual(self.Entry.search(action["domain"]), self._entries(move))

    def test_print_sale_invoice(self):
        self._check_print_twice("out_invoice", "sale_invoice")

    def test_print_sale_draft_invoice(self):
        self._check_print_twice(
            "out_invoice",
            "sale_draft_invoice",
            post=False,
            report="account.report_invoice",
        )

    def test_print_sale_credit_note(self):
        self._check_print_twice("out_refund", "sale_credit_note")

    def test_print_purchase_invoice(self):
        self._check_print_twice(
            "in_invoice", "purchase_invoice", report="account.report_invoice"
        )

    def test_print_purchase_credit_note(self):
        self._check_print_twice("in_refund", "purchase_credit_note")

    def test_print_draft_then_posted(self):
        """The same report logs a draft invoice and, once posted, an invoice."""
        invoice = self._create_moves("out_invoice", post=False)
        self._print(invoice, report_name="account.report_invoice")
        invoice.action_post()
        self._print_action(invoice.action_print_pdf())
        self.assertEqual(
            [
                (e.document_type_id.code, e.document_version)
                for e in self._entries(invoice)
            ],
            [("sale_draft_invoice", 1), ("sale_invoice", 1)],
        )

    def test_print_button(self):
        """The invoice's Print button ends in the report download."""
        invoice = self._create_moves("out_invoice")
        self._print_action(invoice.action_print_pdf())
        self._assert_paper_entries(invoice, "sale_invoice")

    def test_download_invoice_documents(self):
        """The invoice "Download" route logs a print, draft or posted."""
        invoice = self._create_moves("out_invoice")
        draft = self._create_moves("out_invoice", post=False)
        refund = self._create_moves("out_refund")
        self._open_url(invoice.action_invoice_download_pdf())
        self._assert_paper_entries(invoice, "sale_invoice")
        self._open_url(invoice.action_invoice_download_pdf())
        self._assert_paper_entries(invoice, "sale_invoice", versions=(1, 2))
        self._open_url(draft.action_invoice_download_pdf())
        self._assert_paper_entries(draft, "sale_draft_invoice")
        self._open_url((invoice + refund).action_invoice_download_pdf())
        self._assert_paper_entries(invoice, "sale_invoice", versions=(1, 2, 3))
        self._assert_paper_entries(refund, "sale_credit_note")

    def test_send_and_print_download(self):
        """The Send & Print wizard's download is a print, not an email."""
        invoice = self._create_moves("out_invoice")
        action = self._send_and_print(invoice, methods=("manual",))
        # Generating the PDF in the wizard is not a print yet ...
        self.assertFalse(self._entries(invoice))
        self.assertTrue(invoice.invoice_pdf_report_id)
        self.assertIn("/account/download_invoice_attachments/", action["url"])
        # ... the download the client then makes is.
        self._open_url(action)
        self._assert_paper_entries(invoice, "sale_invoice")
        # The stored PDF downloaded again later: a new version.
        self._open_url(invoice.action_invoice_download_pdf())
        self._assert_paper_entries(invoice, "sale_invoice", versions=(1, 2))

    def test_every_print_route_logs_through_one_entry_point(self):
        """The Print menu, the invoice Download and the Send & Print download
        each log the print once, through the report model's entry point."""
        Report = type(self.env["ir.actions.report"])
        log_print = Report._interaction_log_print
        calls = []

        def observe(report_model, report_ref, res_ids, converter=None):
            # Only watches: the print is logged exactly as it would be.
            calls.append((report_ref, list(res_ids), converter))
            return log_print(report_model, report_ref, res_ids, converter=converter)

        invoice = self._create_moves("out_invoice")
        other = self._create_moves("out_invoice")
        with patch.object(Report, "_interaction_log_print", observe):
            self._print(invoice, report_name="account.report_invoice")
            self.assertEqual(calls, [("account.report_invoice", invoice.ids, "pdf")])
            calls.clear()
            self._open_url((invoice + other).action_invoice_download_pdf())
            self.assertEqual(calls, [(INVOICE_REPORT, (invoice + other).ids, "pdf")])
            calls.clear()
            self._open_url(self._send_and_print(other, methods=("manual",)))
            self.assertEqual(calls, [(INVOICE_REPORT, other.ids, "pdf")])
        self._assert_paper_entries(invoice, "sale_invoice", versions=(1, 2))
        self._assert_paper_entries(other, "sale_invoice", versions=(1, 2))

    def test_print_blank_template(self):
        """A blank template: prints and downloads work, nothing is logged."""
        self.doc_types["sale_invoice"].with_company(self.company).template_id = False
        self.doc_types["sale_draft_invoice"].with_company(
            self.company
        ).template_id = False
        invoice = self._create_moves("out_invoice")
        draft = self._create_moves("out_invoice", post=False)
        response = self._print(invoice)
        self.assertIn(invoice.name, response.text)
        self._print(draft, report_name="account.report_invoice")
        self._open_url(invoice.action_invoice_download_pdf())
        self._open_url(draft.action_invoice_download_pdf())
        self._open_url(self._send_and_print(invoice, methods=("manual",)))
        self.assertFalse(self._entries(invoice + draft))
        # Other documents still log.
        refund = self._create_moves("out_refund")
        self._print(refund)
        self._assert_paper_entries(refund, "sale_credit_note")

    def test_print_fifty_invoices(self):
        """50 invoices printed or downloaded at once log 50 entries."""
        invoices = self._create_moves("out_invoice", count=50)
        self._print(invoices)
        self.assertEqual(len(self._entries(invoices)), 50)
        self._open_url(invoices.action_invoice_download_pdf())
        entries = self._entries(invoices)
        self.assertEqual(len(entries), 100)
        self.assertEqual(sorted(set(entries.mapped("document_version"))), [1, 2])

    def test_print_query_count_constant(self):
        """Logging a print costs the same queries for 1 and for 50 invoices."""
        Report = self.env["ir.actions.report"]
        one = self._create_moves("out_invoice")
        fifty = self._create_moves("out_invoice", count=50)
        counts = {}
        for records in (one, fifty):
            self.env.invalidate_all()
            self.env.registry.clear_cache()
            Report._interaction_log_print("account.account_invoices", [], "pdf")
            before = self.cr.sql_log_count
            entries = Report._interaction_log_print(
                "account.account_invoices", records.ids, converter="pdf"
            )
            counts[len(records)] = self.cr.sql_log_count - before
            self.assertEqual(len(entries), len(records))
        _logger.info("Queries to log a print of 1 / 50 invoices: %s", counts)
        self.assertEqual(counts[1], counts[50], counts)

    def test_batch_keeps_only_what_the_type_covers(self):
        """A batch of invoices (here twelve: a type's domain is answered in
        SQL from ten on) logs only those its type's domain covers, in the
        order given, each with its own version."""
        drafts = self._create_moves("out_invoice", count=6, post=False)
        posted = self._create_moves("out_invoice", count=6)
        mixed = self.env["account.move"].browse(
            [move.id for pair in zip(drafts, posted) for move in pair]
        )
        self.Entry._log_interaction(posted[:1], "sale_invoice")
        entries = self.Entry._log_interaction(mixed, "sale_invoice")
        self.assertEqual(entries.mapped("res_id"), posted.ids)
        self.assertEqual(entries.mapped("document_version"), [2, 1, 1, 1, 1, 1])
        # Below ten, the same answer from Python.
        entries = self.Entry._log_interaction(mixed[:4], "sale_invoice")
        self.assertEqual(entries.mapped("res_id"), posted[:2].ids)
