from odoo.tests import Form, HttpCase, tagged

from .common import (
    DOC_TYPE_LOGGER,
    InteractionCommon,
    assert_domain_warning,
    break_domain,
    download_report,
)

REPORT = "interaction_autolog.report_cover_sheet"


@tagged("post_install", "-at_install")
class TestConfigurationProblems(InteractionCommon, HttpCase):
    """A document type whose domain names a removed field costs its entries,
    never the user's action, and says so in the server log."""

    def test_print_goes_through(self):
        break_domain(self.doc_cover)
        with self.assertLogs(DOC_TYPE_LOGGER, "WARNING") as logs:
            response = download_report(
                self, REPORT, self.contact, self.user_employee.login
            )
        self.assertIn(b"Alice Buyer", response.content)
        self.assertFalse(self.entries_of(self.contact))
        assert_domain_warning(self, logs, self.doc_cover)

    def test_emailed_cover_sheet_goes_through(self):
        break_domain(self.doc_cover)
        wizard = (
            self.env["interaction.cover.sheet.wizard"]
            .with_user(self.user_employee)
            .create({"partner_ids": self.contact.ids, "subject": "Price list"})
        )
        action = wizard.action_send_email()
        composer = Form(
            self.env[action["res_model"]]
            .with_user(self.user_employee)
            .with_context(**action["context"])
        ).save()
        with (
            self.assertLogs(DOC_TYPE_LOGGER, "WARNING") as logs,
            self.mock_mail_gateway(),
        ):
            composer.action_send_mail()
        self.assertSentEmail(self.user_employee.partner_id, [self.contact])
        # Not logged as a cover sheet, nor as a plain email instead.
        self.assertFalse(self.entries_of(self.contact))
        self.assertFalse(
            self.Entry.sudo().search([("partner_id", "=", self.contact.id)])
        )
        assert_domain_warning(self, logs, self.doc_cover)

    def test_call_activity_done_goes_through(self):
        doc_call = self.env.ref("interaction_autolog.document_type_phone_call")
        break_domain(doc_call)
        activity = self.contact.with_user(self.user_employee).activity_schedule(
            activity_type_id=self.env.ref("mail.mail_activity_data_call").id,
            summary="Renewal",
            user_id=self.user_employee.id,
        )
        with self.assertLogs(DOC_TYPE_LOGGER, "WARNING") as logs:
            activity.with_user(self.user_employee).action_feedback(feedback="Agreed")
        self.assertFalse(activity.exists())
        self.assertEqual(self.contact.message_ids[0].body.count("Agreed"), 1)
        self.assertFalse(self.entries_of(self.contact))
        assert_domain_warning(self, logs, doc_call)

    def test_valid_types_before_the_broken_one_still_log(self):
        """Only what the broken type might cover is lost."""
        doc_other = self.doc_cover.copy(
            {
                "code": "cover_sheet_vip",
                "sequence": 1,
                "domain": f"[('id', '=', {self.contact_2.id})]",
            }
        )
        doc_other.with_company(self.company).template_id = self.template_cover
        break_domain(self.doc_cover)
        with self.assertLogs(DOC_TYPE_LOGGER, "WARNING"):
            download_report(
                self,
                REPORT,
                self.contact | self.contact_2,
                self.user_employee.login,
            )
        self.assertFalse(self.entries_of(self.contact))
        self.assertEqual(self.entries_of(self.contact_2).document_type_id, doc_other)
