from odoo.exceptions import UserError
from odoo.tests import Form, freeze_time, tagged

from odoo.addons.interaction_autolog.tests.common import log_call_from

from .common import InteractionCrmCase


@tagged("post_install", "-at_install")
class TestLeadButtons(InteractionCrmCase):
    """The lead form: Call, Log Interaction and its Interactions smart button."""

    def test_call_button_logs_the_call_under_the_lead(self):
        entry = log_call_from(
            self.lead,
            self.salesman,
            name="Discussed the lighting plan",
            duration=12,
            evaluation="positive",
        )
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.customer.id,
                    "opportunity_id": self.lead.id,
                    "campaign_id": self.campaign.id,
                    "document_type_id": self.doc_call.id,
                    "channel": "phone",
                    "name": "Discussed the lighting plan",
                    "duration": 12,
                    "contact_via": self.customer.phone,
                    "user_id": self.salesman.id,
                    "salesperson_id": self.salesman.id,
                    "res_model": "crm.lead",
                    "res_id": self.lead.id,
                }
            ],
        )
        lead = self.lead.with_user(self.salesman)
        self.assertEqual(lead.interaction_count, 1)
        self.assertEqual(lead.last_interaction_date, entry.date)

    def test_call_button_without_contact_says_why(self):
        lead = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create({"name": "No contact yet", "type": "opportunity"})
        )
        with self.assertRaisesRegex(UserError, "no contact to call"):
            lead.action_interaction_call()

    def test_log_interaction_button(self):
        action = self.lead.with_user(self.salesman).action_log_interaction()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .with_context(**action["context"])
        )
        self.assertEqual(form.partner_ids[:], self.customer)
        # The document's campaign, whatever the template says.
        self.assertEqual(form.campaign_id, self.campaign)
        form.template_id = self.template_meeting
        form.name = "Visited the new office"
        form.channel = "meeting"
        form.save().action_log()
        entry = self.lead_entries()
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.customer.id,
                    "opportunity_id": self.lead.id,
                    "campaign_id": self.campaign.id,
                    "name": "Visited the new office",
                    "is_automatic": False,
                    "res_model": "crm.lead",
                    "res_id": self.lead.id,
                }
            ],
        )

    def test_log_interaction_from_a_meeting_of_the_lead(self):
        """Log Interaction works the same on every logged document: on the
        lead's meeting it proposes the customer, not the salesperson
        attending, and files the entry under the lead."""
        with self.mock_mail_gateway():
            event = (
                self.env["calendar.event"]
                .with_user(self.salesman)
                .create(
                    {
                        "name": "Site visit",
                        "start": "2030-01-07 09:00:00",
                        "stop": "2030-01-07 10:00:00",
                        "opportunity_id": self.lead.id,
                        "partner_ids": [
                            (6, 0, (self.salesman.partner_id | self.customer).ids)
                        ],
                    }
                )
            )
        action = event.with_user(self.salesman).action_log_interaction()
        form = Form(
            self.env[action["res_model"]]
            .with_user(self.salesman)
            .with_context(**action["context"])
        )
        self.assertEqual(form.partner_ids[:], self.customer)
        form.template_id = self.template_meeting
        form.name = "Walked through the site"
        form.save().action_log()
        entry = self.lead_entries().filtered(lambda e: not e.is_automatic)
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.customer.id,
                    "opportunity_id": self.lead.id,
                    "name": "Walked through the site",
                    "res_model": "calendar.event",
                    "res_id": event.id,
                }
            ],
        )

    def test_smart_button_counts_non_canceled_entries(self):
        with freeze_time("2026-05-04 09:00:00"):
            first = log_call_from(self.lead, self.salesman, name="First call")
        with freeze_time("2026-05-05 14:00:00"):
            second = log_call_from(self.lead, self.salesman, name="Second call")
        lead = self.lead.with_user(self.salesman)
        self.assertEqual(lead.interaction_count, 2)
        self.assertEqual(lead.last_interaction_date, second.date)

        manager = self.env.ref("base.user_admin")
        second.with_user(manager).action_cancel()
        lead.invalidate_recordset()
        self.assertEqual(lead.interaction_count, 1)
        self.assertEqual(lead.last_interaction_date, first.date)

        action = lead.action_view_interactions()
        entries = (
            self.env["interaction.log.entry"]
            .with_user(self.salesman)
            .with_context(**action["context"])
            .search(action["domain"] + [("canceled", "=", False)])
        )
        self.assertEqual(entries, first)

    def test_merged_leads_keep_their_interactions(self):
        """Merging opportunities (the Merge action on a selection) deletes the
        others: their interactions follow to the one that is kept."""
        duplicate = (
            self.env["crm.lead"]
            .with_user(self.salesman)
            .create(
                {
                    "name": "Lighting, second enquiry",
                    "type": "opportunity",
                    "partner_id": self.customer.id,
                    "user_id": self.salesman.id,
                }
            )
        )
        with freeze_time("2026-05-04 09:00:00"):
            first = log_call_from(self.lead, self.salesman, name="On the first")
        with freeze_time("2026-05-06 09:00:00"):
            second = log_call_from(duplicate, self.salesman, name="On the second")
        leads = self.lead | duplicate
        wizard = Form(
            self.env["crm.merge.opportunity"]
            .with_user(self.salesman)
            .with_context(active_model="crm.lead", active_ids=leads.ids)
        ).save()
        kept = self.env["crm.lead"].browse(wizard.action_merge()["res_id"])
        self.assertEqual(len(leads.exists()), 1)
        self.assertEqual((first | second).opportunity_id, kept)
        self.assertEqual((first | second).mapped("res_id"), [kept.id, kept.id])
        self.assertEqual(kept.with_user(self.salesman).interaction_count, 2)
        self.assertEqual(kept.last_interaction_date, second.date)
