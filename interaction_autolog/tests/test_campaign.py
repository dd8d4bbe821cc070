import ast

from lxml import etree

from odoo.tests import Form, freeze_time, tagged

from .common import InteractionCommon
from .test_email import INBOUND


@tagged("post_install", "-at_install")
class TestCampaignInteractions(InteractionCommon):
    """Entries filed under a campaign, and the campaign form's figures."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.campaign = cls.env["utm.campaign"].create({"title": "Spring Fair"})
        cls.carol = cls.env["res.partner"].create(
            {"name": "Carol Other", "email": "carol@other.example.com"}
        )

    def _post(self, record, partners, subject="Invitation to the Spring Fair"):
        """Send an email from ``record``'s chatter, as a salesperson does."""
        with self.mock_mail_gateway():
            return record.with_user(self.user_employee).message_post(
                body="<p>Come and see us at the fair.</p>",
                subject=subject,
                partner_ids=partners.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _reply(self, partner, message, msg_id):
        """``partner`` answers ``message``: the gateway receives the reply."""
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(
                None,
                INBOUND.format(
                    email_from=partner.email,
                    to=f"{self.alias_catchall}@{self.alias_domain}",
                    subject=f"Re: {message.subject}",
                    extra=f"In-Reply-To: {message.message_id}\n",
                    msg_id=msg_id,
                ),
            )

    def _campaign_form(self, user=None):
        return Form(self.campaign.with_user(user or self.user_employee))

    def test_email_takes_the_template_campaign(self):
        """BC's template campaign: what is logged under the template is
        filed under its campaign."""
        self.template_email.campaign_id = self.campaign
        message = self._post(self.customer, self.contact | self.contact_2)
        entries = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(entries.partner_id, self.contact | self.contact_2)
        self.assertEqual(entries.campaign_id, self.campaign)

        # A template without a campaign files nothing under one.
        self.template_email.campaign_id = False
        message = self._post(self.customer, self.contact, subject="Price list")
        entry = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertTrue(entry)
        self.assertFalse(entry.campaign_id)

    def test_log_interaction_wizard_takes_the_template_campaign(self):
        self.template_cover.campaign_id = self.campaign
        action = self.contact.with_user(self.user_employee).action_log_interaction()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.user_employee)
            .with_context(**action["context"])
        )
        form.template_id = self.template_cover
        self.assertEqual(form.campaign_id, self.campaign)
        form.save().action_log()
        entry = self.Entry.search([("partner_id", "=", self.contact.id)])
        self.assertRecordValues(
            entry, [{"campaign_id": self.campaign.id, "is_automatic": False}]
        )

    def test_campaign_form_counts_reached_and_answered(self):
        """Interactions, contacts reached, and contacts who answered: with an
        inbound entry after the campaign's first entry."""
        email_in = self.env.ref("interaction_autolog.document_type_email_inbound")
        form = self._campaign_form()
        self.assertEqual(
            (
                form.interaction_count,
                form.interaction_partner_count,
                form.interaction_answered_count,
            ),
            (0, 0, 0),
        )
        # Each contact is written to on its own record, so that a reply is
        # not copied to the others as followers.
        with freeze_time("2026-03-02 09:00:00"):
            # Bob wrote to us before the campaign: not an answer to it.
            earlier = self._post(self.contact_2, self.contact_2, subject="Catalogue")
            self._reply(self.contact_2, earlier, "before-campaign")
        self.template_email.campaign_id = self.campaign
        with freeze_time("2026-03-03 09:00:00"):
            invitations = {
                partner: self._post(partner, partner)
                for partner in self.contact | self.contact_2 | self.carol
            }
        with freeze_time("2026-03-04 15:00:00"):
            # Alice answers by email; Carol's answer was logged by mistake
            # and canceled; Bob only gets another email from us.
            self._reply(self.contact, invitations[self.contact], "alice-answers")
            carol_answer = self.Entry._log_interaction(
                self.carol, "email_inbound", channel="email"
            )
            carol_answer.with_user(self.user_interaction_manager).action_cancel()
            self._post(self.contact_2, self.contact_2, subject="Reminder")

        campaign_entries = self.Entry.search([("campaign_id", "=", self.campaign.id)])
        self.assertEqual(
            campaign_entries.mail_message_id.mapped("subject"),
            ["Reminder"] + ["Invitation to the Spring Fair"] * 3,
        )
        alice_answer = self.Entry.search(
            [
                ("partner_id", "=", self.contact.id),
                ("document_type_id", "=", email_in.id),
            ]
        )
        self.assertEqual(alice_answer.information_flow, "inbound")

        form = self._campaign_form()
        # The invitation to three and the reminder to Bob (same template).
        self.assertEqual(form.interaction_count, 4)
        self.assertEqual(form.interaction_partner_count, 3)
        self.assertEqual(form.interaction_answered_count, 1)

        # The smart buttons open what the figures count.
        campaign = self.campaign.with_user(self.user_employee)
        action = campaign.action_view_interactions()
        self.assertEqual(
            self.Entry.with_user(self.user_employee)
            .with_context(**action["context"])
            .search(action["domain"] + [("canceled", "=", False)]),
            campaign_entries,
        )
        Partner = self.env["res.partner"]
        reached = campaign.action_view_interaction_contacts()
        self.assertEqual(
            Partner.search(reached["domain"]),
            self.contact | self.contact_2 | self.carol,
        )
        answered = campaign.action_view_interaction_answered()
        self.assertEqual(Partner.search(answered["domain"]), self.contact)

    def test_figures_count_the_users_companies_only(self):
        other_company = self.env["res.company"].create({"name": "Other Oy"})
        self.Entry._log_interaction(
            self.contact, "cover_sheet", campaign_id=self.campaign.id
        )
        elsewhere = self.Entry.with_company(other_company)._log_interaction(
            self.carol.with_company(other_company),
            "cover_sheet",
            campaign_id=self.campaign.id,
        )
        self.assertEqual(elsewhere.company_id, other_company)
        form = self._campaign_form()
        self.assertEqual(form.interaction_count, 1)
        self.assertEqual(form.interaction_partner_count, 1)

    def test_search_and_group_entries_by_campaign(self):
        other = self.env["utm.campaign"].create({"title": "Autumn Mailing"})
        self.Entry._log_interaction(
            self.contact | self.contact_2, "cover_sheet", campaign_id=self.campaign.id
        )
        self.Entry._log_interaction(self.carol, "cover_sheet", campaign_id=other.id)
        self.Entry._log_interaction(self.customer, "cover_sheet")

        Entry = self.Entry.with_user(self.user_employee)
        arch = etree.fromstring(
            Entry.get_views([(False, "search")])["views"]["search"]["arch"]
        )
        self.assertTrue(arch.xpath("//field[@name='campaign_id']"))
        group_filter = arch.xpath("//filter[@name='group_by_campaign']")
        self.assertTrue(group_filter)
        groupby = ast.literal_eval(group_filter[0].get("context"))["group_by"]
        groups = Entry.read_group([], ["campaign_id"], [groupby])
        counts = {
            group["campaign_id"] and group["campaign_id"][0]: group["campaign_id_count"]
            for group in groups
        }
        self.assertEqual(counts[self.campaign.id], 2)
        self.assertEqual(counts[other.id], 1)
        self.assertEqual(
            Entry.search([("campaign_id", "=", self.campaign.id)]).partner_id,
            self.contact | self.contact_2,
        )
