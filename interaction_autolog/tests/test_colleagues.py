import json

from odoo import http
from odoo.exceptions import UserError
from odoo.tests import Form, HttpCase, tagged

from .common import InteractionCommon

REPORT = "interaction_autolog.report_cover_sheet"


@tagged("post_install", "-at_install")
class TestColleagues(InteractionCommon, HttpCase):
    """Whoever works for us is never logged as a contact, on any document:
    our users, and the contacts filed under one of our companies (who follow
    documents and get emails without being users)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_2 = cls.env["res.company"].create({"name": "Sister Company"})
        cls.colleague = cls.env["res.partner"].create(
            {
                "name": "Carl Colleague",
                "parent_id": cls.company.partner_id.id,
                "email": "carl@our.example.com",
            }
        )
        cls.sister_colleague = cls.env["res.partner"].create(
            {
                "name": "Sara Sister",
                "parent_id": cls.company_2.partner_id.id,
                "email": "sara@sister.example.com",
                "company_id": False,
            }
        )

    def _email(self, partners):
        with self.mock_mail_gateway():
            return self.customer.with_user(self.user_employee).message_post(
                body="<p>Minutes of our meeting.</p>",
                subject="Minutes",
                partner_ids=partners.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def test_email_logs_contacts_not_colleagues(self):
        everyone = (
            self.contact
            | self.colleague
            | self.sister_colleague
            | self.company.partner_id
            | self.user_admin.partner_id
        )
        message = self._email(everyone)
        entries = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(entries.partner_id, self.contact)

    def test_print_for_a_colleague_logs_nothing(self):
        self.authenticate(self.user_employee.login, self.user_employee.login)
        ids = ",".join(str(i) for i in (self.colleague | self.contact).ids)
        response = self.url_open(
            "/report/download",
            data={
                "data": json.dumps([f"/report/pdf/{REPORT}/{ids}", "qweb-pdf"]),
                "context": json.dumps({"lang": "en_US"}),
                "token": "dummy-because-api-expects-one",
                "csrf_token": http.Request.csrf_token(self),
            },
            timeout=120,
        )
        self.assertEqual(response.status_code, 200, response.text[:500])
        entries = self.Entry.search([("document_type_id", "=", self.doc_cover.id)])
        self.assertEqual(entries.partner_id, self.contact)

    def test_log_interaction_wizard_skips_colleagues(self):
        def form(partners):
            action = partners.with_user(self.user_employee).action_log_interaction()
            wizard = Form(
                self.env[action["res_model"]]
                .with_user(self.user_employee)
                .with_context(**action["context"])
            )
            wizard.template_id = self.template_cover
            return wizard.save()

        form(self.contact | self.colleague).action_log()
        entries = self.Entry.search([("template_id", "=", self.template_cover.id)])
        self.assertEqual(entries.partner_id, self.contact)
        # Nobody left to log: the user is told, not shown a success.
        with self.assertRaisesRegex(UserError, "Carl Colleague are colleagues"):
            form(self.colleague).action_log()
        self.assertFalse(self.Entry.search([("partner_id", "=", self.colleague.id)]))
