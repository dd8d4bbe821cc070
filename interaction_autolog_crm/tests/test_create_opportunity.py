from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.interaction_autolog.tests.common import log_call_from

from .common import InteractionCrmCase


@tagged("post_install", "-at_install")
class TestCreateOpportunity(InteractionCrmCase):
    """Business Central's "Create Opportunity" on an interaction log entry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.prospect = cls.env["res.partner"].create(
            {"name": "Paula Prospect", "phone": "+358 40 555 0111"}
        )

    def _save_dialog(self, action, user, **values):
        """The quick create dialog the action opens, filled in and saved as
        the user does it."""
        self.assertEqual(action["target"], "new")
        self.assertEqual(
            action["views"],
            [(self.env.ref("crm.quick_create_opportunity_form").id, "form")],
        )
        form = Form(
            self.env[action["res_model"]]
            .with_user(user)
            .with_context(**action["context"]),
            view=action["views"][0][0],
        )
        for fname, value in values.items():
            setattr(form, fname, value)
        return form.save()

    def test_create_opportunity_from_a_call(self):
        """A call with a contact turns out to be a deal: the button opens the
        pipeline's quick create dialog for the contact (name proposed,
        expected revenue to fill in); saving it files the call under the new
        opportunity."""
        call = log_call_from(
            self.prospect, self.salesman, name="Asked for a lighting offer"
        )
        self.assertFalse(call.opportunity_id)
        entry = (
            self.env["interaction.log.entry"].with_user(self.salesman).browse(call.id)
        )
        # The button as the form shows it, for the salesperson.
        form = Form(entry)
        self.assertFalse(form.opportunity_id)
        action = entry.action_create_opportunity()
        self.assertEqual(action["res_model"], "crm.lead")
        # Nothing is saved until the dialog is.
        self.assertFalse(
            self.env["crm.lead"].search([("partner_id", "=", self.prospect.id)])
        )
        self.assertFalse(call.opportunity_id)

        lead = self._save_dialog(action, self.salesman, expected_revenue=12000)
        self.assertRecordValues(
            lead,
            [
                {
                    "partner_id": self.prospect.id,
                    "type": "opportunity",
                    "user_id": self.salesman.id,
                    "company_id": self.company.id,
                    "name": "Paula Prospect: Asked for a lighting offer",
                    "expected_revenue": 12000,
                }
            ],
        )
        self.assertEqual(call.opportunity_id, lead)
        self.assertEqual(lead.with_user(self.salesman).interaction_count, 1)
        self.assertEqual(lead.last_interaction_date, call.date)

        # Once filed, the entry does not make a second opportunity.
        with self.assertRaisesRegex(UserError, "already belongs"):
            entry.action_create_opportunity()
        self.assertEqual(
            self.env["crm.lead"].search_count([("partner_id", "=", self.prospect.id)]),
            1,
        )

    def test_opportunity_takes_the_entry_campaign(self):
        self.env.ref(
            "interaction_autolog.interaction_template_call_out"
        ).campaign_id = self.campaign
        call = log_call_from(self.prospect, self.salesman, name="Met at the fair")
        self.assertEqual(call.campaign_id, self.campaign)
        action = (
            self.env["interaction.log.entry"]
            .with_user(self.salesman)
            .browse(call.id)
            .action_create_opportunity()
        )
        lead = self._save_dialog(action, self.salesman)
        self.assertEqual(lead.campaign_id, self.campaign)
        self.assertEqual(call.opportunity_id, lead)

    def test_user_without_sales_rights_cannot(self):
        call = log_call_from(self.prospect, self.salesman)
        clerk = new_test_user(
            self.env, login="crm_clerk", groups="base.group_user", name="Clerk"
        )
        with self.assertRaises(AccessError):
            self.env["interaction.log.entry"].with_user(clerk).browse(
                call.id
            ).action_create_opportunity()
        self.assertFalse(call.opportunity_id)
        self.assertFalse(
            self.env["crm.lead"].search([("partner_id", "=", self.prospect.id)])
        )

    def test_dialog_context_does_not_refile_an_entry(self):
        """The entries to file come from the client with the dialog's
        context: one already filed under a deal is not moved by it."""
        call = log_call_from(self.prospect, self.salesman)
        action = (
            self.env["interaction.log.entry"]
            .with_user(self.salesman)
            .browse(call.id)
            .action_create_opportunity()
        )
        first = self._save_dialog(action, self.salesman)
        self.assertEqual(call.opportunity_id, first)
        with self.assertRaisesRegex(UserError, "already belongs"):
            self._save_dialog(action, self.salesman, name="Second deal")
        self.assertEqual(call.opportunity_id, first)
