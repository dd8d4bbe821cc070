from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InteractionCrmCase


@tagged("post_install", "-at_install")
class TestOpportunityCompany(InteractionCrmCase):
    """An entry is filed only under an opportunity of its own company."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Branch B Ltd"})
        cls.lead_b = cls.env["crm.lead"].create(
            {
                "name": "Deal of B",
                "type": "opportunity",
                "partner_id": cls.customer.id,
                "company_id": cls.company_b.id,
            }
        )
        cls.salesman.company_ids |= cls.company_b
        cls.template = cls.env.ref(
            "interaction_autolog.interaction_template_cover_sheet"
        )

    def test_manual_entry_refuses_another_companys_opportunity(self):
        Entry = self.env["interaction.log.entry"].with_user(self.salesman)
        vals = {
            "partner_id": self.customer.id,
            "name": "Visit",
            "template_id": self.template.id,
            "company_id": self.company.id,
        }
        count = self.Entry.search_count([])
        with self.assertRaises(UserError):
            Entry.create(dict(vals, opportunity_id=self.lead_b.id))
        entry = Entry.create(dict(vals, opportunity_id=self.lead.id))
        with self.assertRaises(UserError):
            entry.write({"opportunity_id": self.lead_b.id})
        self.assertEqual(self.Entry.search_count([]), count + 1)
        self.assertEqual(entry.opportunity_id, self.lead)

    def test_engine_leaves_entry_unfiled(self):
        """A meeting (no company of its own) made from company B's lead and
        logged in company A still logs, without the opportunity."""
        event = self.env["calendar.event"].create(
            {
                "name": "Demo at B",
                "start": "2026-03-02 09:00:00",
                "stop": "2026-03-02 10:00:00",
                "opportunity_id": self.lead_b.id,
            }
        )
        entries = self.Entry.with_company(self.company)._log_interaction(
            event, "phone_call", channel="phone", partners=self.customer
        )
        self.assertEqual(len(entries), 1)
        self.assertEqual(entries.company_id, self.company)
        self.assertFalse(entries.opportunity_id)
        # Filed when the lead is the company's own.
        event.opportunity_id = self.lead
        entries = self.Entry.with_company(self.company)._log_interaction(
            event, "phone_call", channel="phone", partners=self.customer
        )
        self.assertEqual(entries.opportunity_id, self.lead)
