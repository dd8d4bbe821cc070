import json
from urllib.parse import quote

from odoo import http
from odoo.tests import Form, HttpCase, tagged

from .common import InteractionCommon

REPORT = "interaction_autolog.report_cover_sheet"


@tagged("post_install", "-at_install")
class TestCoverSheet(InteractionCommon, HttpCase):
    """The contact cover sheet, printed from the browser or emailed."""

    def _download(self, url, user):
        """Post to /report/download what the web client's report action does."""
        self.authenticate(user.login, user.login)
        response = self.url_open(
            "/report/download",
            data={
                "data": json.dumps([url, "qweb-pdf"]),
                "context": json.dumps(
                    {
                        "lang": "en_US",
                        "uid": user.id,
                        "allowed_company_ids": [self.company.id],
                    }
                ),
                "token": "dummy-because-api-expects-one",
                "csrf_token": http.Request.csrf_token(self),
            },
            timeout=120,
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        return response

    @staticmethod
    def _client_report_url(action):
        """The URL the web client builds for a report action (see
        web/static/src/webclient/actions/reports/utils.js)."""
        url = f"/report/pdf/{action['report_name']}"
        if action.get("data"):
            return (
                f"{url}?options={quote(json.dumps(action['data']))}"
                f"&context={quote(json.dumps(action['context']))}"
            )
        return f"{url}/{','.join(map(str, action['context']['active_ids']))}"

    def _wizard(self, partners, user):
        action = self.env.ref(
            "interaction_autolog.action_interaction_cover_sheet_wizard"
        )
        context = {"default_partner_ids": partners.ids, "active_ids": partners.ids}
        return Form(self.env[action.res_model].with_user(user).with_context(**context))

    def test_print_menu_logs_cover_sheet_on_paper(self):
        response = self._download(
            f"/report/pdf/{REPORT}/{self.contact.id}", self.user_employee
        )
        self.assertIn(b"Alice Buyer", response.content)
        self.assertNotIn(b"Subject:", response.content)
        self.assertRecordValues(
            self.entries_of(self.contact),
            [
                {
                    "partner_id": self.contact.id,
                    "document_type_id": self.doc_cover.id,
                    "template_id": self.template_cover.id,
                    "channel": "paper",
                    "cost": 2.5,
                    "duration": 3.0,
                    "user_id": self.user_employee.id,
                    "document_version": 1,
                }
            ],
        )

    def test_wizard_prints_subject_and_message_and_logs(self):
        wizard_form = self._wizard(self.contact | self.contact_2, self.user_employee)
        wizard_form.subject = "Signed contract"
        wizard_form.message = "Please sign both copies\nand return one."
        action = wizard_form.save().action_print()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], REPORT)
        # The action carries data, so the client leaves the ids out of the
        # URL: the route must still print (and log) these contacts.
        url = self._client_report_url(action)
        self.assertNotIn(f"{REPORT}/", url)
        response = self._download(url, self.user_employee)
        for text in (
            b"Signed contract",
            b"Please sign both copies",
            b"Alice Buyer",
            b"Bob Accounts",
            b"Ernest Employee",
        ):
            self.assertIn(text, response.content)
        entries = self.entries_of(self.contact | self.contact_2, "cover_sheet")
        self.assertEqual(entries.partner_id, self.contact | self.contact_2)
        self.assertEqual(set(entries.mapped("channel")), {"paper"})

    def test_email_cover_sheet_logs_cover_sheet_by_email(self):
        wizard_form = self._wizard(self.contact, self.user_employee)
        wizard_form.subject = "Signed contract"
        wizard_form.message = "Both copies attached."
        action = wizard_form.save().action_send_email()
        composer_form = Form(
            self.env[action["res_model"]]
            .with_user(self.user_employee)
            .with_context(**action["context"])
        )
        self.assertEqual(composer_form.subject, "Signed contract")
        composer = composer_form.save()
        self.assertEqual(len(composer.attachment_ids), 1)
        # Rendered with the wizard's subject, and rendering is not a print.
        self.assertIn(b"Signed contract", composer.attachment_ids.raw)
        self.assertFalse(self.entries_of(self.contact))
        with self.mock_mail_gateway():
            composer.action_send_mail()

        entries = self.entries_of(self.contact)
        self.assertRecordValues(
            entries,
            [
                {
                    "partner_id": self.contact.id,
                    "document_type_id": self.doc_cover.id,
                    "channel": "email",
                    "contact_via": "alice@acme.example.com",
                    "user_id": self.user_employee.id,
                }
            ],
        )
        self.assertTrue(entries.mail_message_id)
        # (.pdf, or .html in test mode where reports render as HTML)
        self.assertTrue(
            entries.mail_message_id.attachment_ids.name.startswith(
                "Cover Sheet - Alice Buyer."
            )
        )
        self.assertFalse(self.entries_of(self.contact, "email"), "not a plain email")

    def test_plain_message_to_a_contact_is_an_email(self):
        with self.mock_mail_gateway():
            self.contact.with_user(self.user_employee).message_post(
                body="<p>See you tomorrow.</p>",
                partner_ids=self.contact.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        entry = self.entries_of(self.contact)
        self.assertEqual(entry.document_type_id, self.doc_email)

    def test_email_cover_sheets_to_several_contacts(self):
        wizard_form = self._wizard(self.contact | self.contact_2, self.user_employee)
        wizard_form.subject = "Our new address"
        action = wizard_form.save().action_send_email()
        self.assertEqual(action["context"]["default_composition_mode"], "mass_mail")
        composer = Form(
            self.env[action["res_model"]]
            .with_user(self.user_employee)
            .with_context(**action["context"])
        ).save()
        with self.mock_mail_gateway():
            composer.action_send_mail()
        entries = self.entries_of(self.contact | self.contact_2)
        self.assertEqual(entries.partner_id, self.contact | self.contact_2)
        self.assertEqual(entries.document_type_id, self.doc_cover)
        self.assertEqual(set(entries.mapped("channel")), {"email"})
