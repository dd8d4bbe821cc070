import json

from odoo import http
from odoo.tests import HttpCase

from odoo.addons.mail.tests.common import MailCommon


class InteractionDocumentCase(MailCommon, HttpCase):
    """Print and email documents the way a user does and read what got logged.

    MailCommon (not BaseCommon) so that mail behaves as in production, with
    only the SMTP connection patched by ``mock_mail_gateway``; HttpCase so
    that prints go through the report download route like the browser's.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Entry = cls.env["interaction.log.entry"].sudo()

    def print_document(self, report, records, login):
        """Download ``report`` for ``records`` as the web client does."""
        self.authenticate(login, login)
        ids = ",".join(str(record_id) for record_id in records.ids)
        response = self.url_open(
            "/report/download",
            data={
                "data": json.dumps(
                    [f"/report/pdf/{report.report_name}/{ids}", "qweb-pdf"]
                ),
                "context": json.dumps({"lang": "en_US"}),
                "token": "dummy",
                "csrf_token": http.Request.csrf_token(self),
            },
            timeout=60,
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        return response

    def entries_of(self, records, code=None):
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        if code:
            domain.append(("document_type_id.code", "=", code))
        return self.Entry.search(domain, order="id")

    def assert_logged(self, entries, record, doc_type, partners, channel, version):
        """Each of ``partners`` has exactly one of ``entries``, as expected."""
        self.assertEqual(entries.partner_id, partners)
        self.assertEqual(len(entries), len(partners))
        template = doc_type.with_company(record.company_id).template_id
        for entry in entries:
            self.assertEqual(entry.document_type_id, doc_type)
            self.assertEqual(entry.template_id, template)
            self.assertEqual(entry.channel, channel)
            self.assertEqual(entry.res_model, record._name)
            self.assertEqual(entry.res_id, record.id)
            self.assertEqual(entry.document_name, record.display_name)
            self.assertEqual(entry.document_version, version)
            self.assertEqual(entry.cost, template.unit_cost)
            self.assertEqual(entry.company_id, record.company_id)
            self.assertTrue(entry.is_automatic)
