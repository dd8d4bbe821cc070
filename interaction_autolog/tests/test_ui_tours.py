from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestUiTours(HttpCase):
    """The setup and the call wizard driven in a real browser (headless Chromium).

    The tours (static/tests/tours/) click through the UI; these tests prepare
    the data and check on the server what the clicks saved.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.ref("base.main_company")
        cls.other_company = cls.env["res.company"].create({"name": "Other Oy"})
        cls.doc_cover = cls.env.ref("interaction_autolog.document_type_cover_sheet")
        cls.doc_call = cls.env.ref("interaction_autolog.document_type_phone_call")
        cls.doc_call_in = cls.env.ref(
            "interaction_autolog.document_type_phone_call_inbound"
        )
        cls.template_cover = cls.env.ref(
            "interaction_autolog.interaction_template_cover_sheet"
        )
        cls.template_call = cls.env.ref(
            "interaction_autolog.interaction_template_call_out"
        )
        cls.template_call_in = cls.env.ref(
            "interaction_autolog.interaction_template_call_in"
        )

    def test_admin_changes_setup_from_settings(self):
        # A known starting point: cover sheets logged, incoming calls not.
        self.doc_cover.with_company(self.company).template_id = self.template_cover
        self.doc_call_in.with_company(self.company).template_id = False

        self.start_tour("/odoo/settings", "interaction_setup_tour", login="admin")

        self.env.invalidate_all()
        self.assertFalse(self.doc_cover.with_company(self.company).template_id)
        self.assertEqual(
            self.doc_call_in.with_company(self.company).template_id,
            self.template_call_in,
        )
        # The setup is per company: the other company's is untouched.
        self.assertEqual(
            self.doc_cover.with_company(self.other_company).template_id,
            self.template_cover,
        )
        self.assertEqual(
            self.doc_call_in.with_company(self.other_company).template_id,
            self.template_call_in,
        )

    def test_user_logs_call_from_contact(self):
        user = new_test_user(
            self.env,
            login="call_user",
            name="Carla Caller",
            groups="base.group_user",
            company_id=self.company.id,
        )
        contact = self.env["res.partner"].create(
            {
                "name": "Dora Customer",
                "phone": "+358 40 555 0101",
                "email": "dora@customer.example.com",
            }
        )
        self.doc_call.with_company(self.company).template_id = self.template_call

        self.start_tour(
            f"/odoo/res.partner/{contact.id}", "interaction_call_tour", login=user.login
        )

        entries = self.env["interaction.log.entry"].search(
            [("partner_id", "=", contact.id)]
        )
        self.assertRecordValues(
            entries,
            [
                {
                    "document_type_id": self.doc_call.id,
                    "template_id": self.template_call.id,
                    "channel": "phone",
                    "name": "Asked for a quote on the spring range",
                    "duration": 25,
                    "evaluation": "positive",
                    "contact_via": "+358 40 555 0101",
                    "user_id": user.id,
                    "res_model": "res.partner",
                    "res_id": contact.id,
                    "company_id": self.company.id,
                }
            ],
        )
