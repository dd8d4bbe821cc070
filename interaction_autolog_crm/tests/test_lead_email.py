from odoo.tests import tagged

from odoo.addons.interaction_autolog.tests.test_email import INBOUND

from .common import InteractionCrmCase


@tagged("post_install", "-at_install")
class TestLeadEmail(InteractionCrmCase):
    """Emails and activities on a lead are filed under it, for its contact."""

    def test_chatter_email_logs_the_contact_once_under_the_lead(self):
        """The composer on a lead: its followers (the salesperson, a colleague)
        get the email too, but only the customer is a contact, once."""
        self.assertIn(self.colleague, self.lead.message_partner_ids)
        self.assertIn(self.salesman.partner_id, self.lead.message_partner_ids)
        self.lead.message_subscribe(partner_ids=self.customer.ids)
        message = self.send_from_chatter(self.lead, self.customer)
        # Everyone was emailed: the colleague follows the lead.
        notified = message.notification_ids.filtered(
            lambda n: n.notification_type == "email"
        ).res_partner_id
        self.assertIn(self.colleague, notified)
        self.assertIn(self.customer, notified)

        entries = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertRecordValues(
            entries,
            [
                {
                    "partner_id": self.customer.id,
                    "opportunity_id": self.lead.id,
                    "campaign_id": self.campaign.id,
                    "document_type_id": self.doc_email.id,
                    "channel": "email",
                    "res_model": "crm.lead",
                    "res_id": self.lead.id,
                    "user_id": self.salesman.id,
                    "contact_via": self.customer.email,
                    "delivery_status": "sent",
                }
            ],
        )
        self.assertEqual(self.lead.with_user(self.salesman).interaction_count, 1)
        self.assertEqual(self.lead.last_interaction_date, entries.date)

    def test_lead_without_contact_gets_one_from_the_suggested_recipient(self):
        """A lead with only an email address: the composer creates the
        contact (crm makes it the lead's customer) and it is logged once."""
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Website enquiry",
                    "type": "opportunity",
                    "email_from": "pekka@prospect.example.com",
                    "contact_name": "Pekka Prospect",
                }
            )
        )
        prospect = self.env["res.partner"].create(
            {"name": "Pekka Prospect", "email": "pekka@prospect.example.com"}
        )
        message = self.send_from_chatter(lead, prospect)
        self.assertEqual(lead.partner_id, prospect)
        entries = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(entries.partner_id, prospect)
        self.assertEqual(entries.opportunity_id, lead)

    def test_reply_received_is_filed_under_the_lead(self):
        message = self.send_from_chatter(self.lead, self.customer)
        with self.mock_mail_gateway():
            self.env["mail.thread"].sudo().message_process(
                None,
                INBOUND.format(
                    email_from=self.customer.email,
                    to=f"{self.alias_catchall}@{self.alias_domain}",
                    subject="Re: Proposal",
                    extra=f"In-Reply-To: {message.message_id}\n",
                    msg_id="lead-reply-1",
                ),
            )
        reply = self.Entry.search(
            [
                ("opportunity_id", "=", self.lead.id),
                ("document_type_id.code", "=", "email_inbound"),
            ]
        )
        self.assertRecordValues(
            reply,
            [
                {
                    "partner_id": self.customer.id,
                    "information_flow": "inbound",
                    "res_model": "crm.lead",
                    "res_id": self.lead.id,
                }
            ],
        )
        self.assertEqual(self.lead.with_user(self.salesman).interaction_count, 2)

    def test_call_activity_done_logs_the_contact_once(self):
        """A call planned on the lead for the salesperson, marked done: one
        call with the customer, under the lead; the salesperson, notified of
        the activity, is not a contact."""
        activity = self.lead.with_user(self.salesman).activity_schedule(
            activity_type_id=self.env.ref("mail.mail_activity_data_call").id,
            summary="Talk about the budget",
            user_id=self.salesman.id,
        )
        with self.mock_mail_gateway():
            activity.with_user(self.salesman).action_feedback(
                feedback="Budget approved in March."
            )
        entries = self.lead_entries()
        self.assertRecordValues(
            entries,
            [
                {
                    "partner_id": self.customer.id,
                    "document_type_id": self.doc_call.id,
                    "channel": "phone",
                    "name": "Talk about the budget",
                    "note": "Budget approved in March.",
                    "res_model": "crm.lead",
                    "res_id": self.lead.id,
                    "campaign_id": self.campaign.id,
                }
            ],
        )

    def test_meeting_planned_from_the_lead_is_filed_under_it(self):
        """The lead's Meeting button plans a meeting with the customer: the
        invitation is logged under the lead, not for the salesperson."""
        action = self.lead.with_user(self.salesman).action_schedule_meeting()
        context = {
            key: value
            for key, value in action["context"].items()
            if key.startswith("default_")
        }
        with self.mock_mail_gateway():
            event = (
                self.env["calendar.event"]
                .with_user(self.salesman)
                .with_context(**context)
                .create(
                    {
                        "start": "2030-01-07 09:00:00",
                        "stop": "2030-01-07 10:00:00",
                    }
                )
            )
        self.assertEqual(event.opportunity_id, self.lead)
        entries = self.lead_entries()
        self.assertRecordValues(
            entries,
            [
                {
                    "partner_id": self.customer.id,
                    "channel": "meeting",
                    "res_model": "calendar.event",
                    "res_id": event.id,
                }
            ],
        )
