from datetime import datetime

from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionStatistics(InteractionCommon):
    def _entry(self, partner, date, cost=1.0, duration=10.0, **values):
        return self.Entry.create(
            {
                "partner_id": partner.id,
                "name": "Visit",
                "template_id": self.template_cover.id,
                "date": date,
                "cost": cost,
                "duration": duration,
                **values,
            }
        )

    def test_company_includes_child_contacts(self):
        self._entry(self.customer, datetime(2026, 1, 5), cost=1, duration=5)
        self._entry(self.contact, datetime(2026, 2, 5), cost=2, duration=10)
        self._entry(self.contact_2, datetime(2026, 3, 5), cost=4, duration=20)
        self.assertEqual(self.customer.interaction_count, 3)
        self.assertEqual(self.customer.interaction_cost, 7)
        self.assertEqual(self.customer.interaction_duration, 35)
        self.assertEqual(self.contact.interaction_count, 1)
        self.assertEqual(self.contact.interaction_cost, 2)
        self.assertEqual(self.customer.last_interaction_date, datetime(2026, 3, 5))

    def test_canceled_count_nowhere(self):
        self._entry(self.contact, datetime(2026, 2, 5), cost=2, duration=10)
        canceled = self._entry(self.contact, datetime(2026, 4, 5), cost=50)
        canceled.with_user(self.user_interaction_manager).action_cancel()
        self.env.invalidate_all()
        self.assertEqual(self.customer.interaction_count, 1)
        self.assertEqual(self.customer.interaction_cost, 2)
        self.assertEqual(self.contact.last_attempt_date, datetime(2026, 2, 5))
        self.assertEqual(self.template_cover.interaction_count, 1)
        self.assertEqual(self.template_cover.cost_total, 2)
        self.assertEqual(self.group_letter.interaction_count, 1)
        self.assertEqual(self.group_letter.duration_total, 10)

    def test_last_interaction_and_attempt_dates(self):
        self._entry(self.contact, datetime(2026, 2, 5))
        self._entry(self.contact, datetime(2026, 5, 1), attempt_failed=True)
        self.assertEqual(self.contact.last_interaction_date, datetime(2026, 2, 5))
        self.assertEqual(self.contact.last_attempt_date, datetime(2026, 5, 1))
        self.assertEqual(self.customer.last_attempt_date, datetime(2026, 5, 1))

    def test_template_and_group_statistics(self):
        self._entry(self.contact, datetime(2026, 2, 5), cost=3, duration=7)
        self._entry(self.contact_2, datetime(2026, 2, 6), cost=3, duration=7)
        self.assertEqual(self.template_cover.interaction_count, 2)
        self.assertEqual(self.template_cover.cost_total, 6)
        self.assertEqual(self.template_cover.duration_total, 14)
        self.assertEqual(self.group_letter.cost_total, 6)
        action = self.contact.action_view_interactions()
        self.assertEqual(self.Entry.search_count(action["domain"]), 1)

    def test_contact_page_lists_what_its_figures_count(self):
        """A company's page and smart button show the entries its figures
        count: its contact persons' included, canceled ones left out."""
        own = self._entry(self.customer, datetime(2026, 1, 5))
        child = self._entry(self.contact, datetime(2026, 2, 5))
        canceled = self._entry(self.contact_2, datetime(2026, 3, 5))
        canceled.with_user(self.user_interaction_manager).action_cancel()
        self.assertEqual(self.customer.interaction_recent_ids, child | own)
        self.assertEqual(self.customer.interaction_count, 2)
        action = self.customer.action_view_interactions()
        self.assertEqual(action["context"].get("search_default_not_canceled"), 1)
        filtered = self.Entry.search(action["domain"] + [("canceled", "=", False)])
        self.assertEqual(filtered, child | own)

    def test_template_and_group_figures_per_allowed_company(self):
        """Like a contact's, a template's and a group's figures count the
        entries of the companies the user works in, no others."""
        self._entry(self.contact, datetime(2026, 2, 5), cost=3)
        self._entry(
            self.contact, datetime(2026, 2, 6), cost=5, company_id=self.company_2.id
        )
        employee = self.template_cover.with_user(self.user_employee)
        self.assertEqual(employee.interaction_count, 1)
        self.assertEqual(employee.cost_total, 3)
        self.assertEqual(self.group_letter.with_user(self.user_employee).cost_total, 3)
        self.assertEqual(
            self.template_cover.with_user(self.user_employee_c2).interaction_count, 1
        )
        # A user of both companies sees what the company switcher selects.
        admin = self.template_cover.with_user(self.user_admin)
        both = admin.with_context(
            allowed_company_ids=(self.company | self.company_2).ids
        )
        self.assertEqual(both.interaction_count, 2)
        self.assertEqual(both.cost_total, 8)
        only_2 = admin.with_context(allowed_company_ids=self.company_2.ids)
        self.assertEqual(only_2.interaction_count, 1)
        self.assertEqual(only_2.cost_total, 5)
        group_2 = self.group_letter.with_user(self.user_admin).with_context(
            allowed_company_ids=self.company_2.ids
        )
        self.assertEqual(group_2.cost_total, 5)

    def test_last_attempt_is_ours_last_interaction_any(self):
        """BC's Last Date Attempted: the latest entry we initiated, failed
        or not; the last interaction: the latest that did not fail."""
        self._entry(self.contact, datetime(2026, 2, 5))
        self._entry(
            self.contact, datetime(2026, 3, 1), initiated_by="them", attempt_failed=True
        )
        self._entry(self.contact, datetime(2026, 4, 1), initiated_by="them")
        self.assertEqual(self.contact.last_attempt_date, datetime(2026, 2, 5))
        self.assertEqual(self.contact.last_interaction_date, datetime(2026, 4, 1))
        self._entry(self.contact_2, datetime(2026, 5, 1), attempt_failed=True)
        self.assertEqual(self.customer.last_attempt_date, datetime(2026, 5, 1))
        self.assertEqual(self.customer.last_interaction_date, datetime(2026, 4, 1))
