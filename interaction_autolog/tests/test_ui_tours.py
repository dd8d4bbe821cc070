from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tests.common import MockEmail


@tagged("post_install", "-at_install")
class TestUiTours(MockEmail, HttpCase):
    """The app driven in a real browser (headless Chromium): the setup, the
    call and log wizards, a contact's history, the log of an administrator.

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
        # Two cover sheets printed, which the setup line counts.
        contacts = self.env["res.partner"].create(
            [{"name": "Setup Contact 1"}, {"name": "Setup Contact 2"}]
        )
        self.env["interaction.log.entry"]._log_interaction(contacts, "cover_sheet")

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
            # Posts the call in the contact's chatter: Odoo lets only those
            # who may edit contacts do that.
            groups="base.group_user,base.group_partner_manager",
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
                    "is_automatic": False,
                }
            ],
        )

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_manager_goes_through_the_log(self):
        manager = new_test_user(
            self.env,
            login="log_manager",
            name="Maija Manager",
            groups="base.group_user,base.group_partner_manager,"
            "interaction_autolog.group_interaction_manager",
            company_id=self.company.id,
        )
        self.doc_cover.with_company(self.company).template_id = self.template_cover
        contact = self.env["res.partner"].create(
            {"name": "Erik Entry", "email": "erik@entry.example.com"}
        )
        broken = self.env["res.partner"].create(
            {
                "name": "Broken Address",
                "email": "not-an-address",
                "parent_id": contact.id,
            }
        )
        Entry = self.env["interaction.log.entry"]
        cover = Entry._log_interaction(contact, "cover_sheet")
        # An email Odoo could not send: the address is not one. (The SMTP
        # connection is the only thing patched.)
        with self.mock_mail_gateway():
            contact.with_user(manager).message_post(
                body="<p>Our price list</p>",
                subject="Price list",
                partner_ids=broken.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        failed = Entry.search([("partner_id", "=", broken.id)])
        self.assertEqual(failed.delivery_status, "failed")
        self.assertEqual(failed.delivery_failure, "Invalid email address")

        self.start_tour(
            "/odoo/interactions", "interaction_entry_tour", login=manager.login
        )

        self.assertTrue(cover.exists())
        self.assertFalse(cover.canceled, "canceled, then restored")

    def test_contact_history_and_manual_meeting(self):
        contact = self.env["res.partner"].create({"name": "Hanna History"})
        Entry = self.env["interaction.log.entry"]
        letter = self.env.ref("interaction_autolog.interaction_template_letter")
        # 25 letters of 17 minutes: 425 minutes, 7 hours 5 minutes.
        Entry.create(
            [
                {
                    "partner_id": contact.id,
                    "name": f"Letter {number}",
                    "template_id": letter.id,
                    "duration": 17,
                }
                for number in range(25)
            ]
        )

        self.start_tour(
            f"/odoo/res.partner/{contact.id}", "interaction_contact_tour", login="admin"
        )

        meeting = Entry.search(
            [("partner_id", "=", contact.id), ("name", "=", "Visited the showroom")]
        )
        self.assertRecordValues(
            meeting,
            [
                {
                    "channel": "meeting",
                    "template_id": self.env.ref(
                        "interaction_autolog.interaction_template_meeting"
                    ).id,
                    "is_automatic": False,
                }
            ],
        )
