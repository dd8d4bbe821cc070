from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestCallActivity(InteractionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.doc_call = cls.env.ref("interaction_autolog.document_type_phone_call")
        cls.type_call = cls.env.ref("mail.mail_activity_data_call")
        cls.type_todo = cls.env.ref("mail.mail_activity_data_todo")

    def _plan(
        self, record, summary="Discuss the renewal", activity_type=None, user=None
    ):
        user = user or self.user_employee
        return (
            record.with_user(user)
            .activity_schedule(
                activity_type_id=(activity_type or self.type_call).id,
                summary=summary,
                user_id=user.id,
            )
            .with_user(user)
        )

    def _calls(self, record):
        return self.entries_of(record, "phone_call")

    def test_feedback_logs_call_with_summary_and_note(self):
        activity = self._plan(self.contact)
        activity.action_feedback(feedback="Agreed to meet next week.")
        self.assertFalse(activity.exists())
        self.assertRecordValues(
            self._calls(self.contact),
            [
                {
                    "partner_id": self.contact.id,
                    "document_type_id": self.doc_call.id,
                    "channel": "phone",
                    "name": "Discuss the renewal",
                    "note": "Agreed to meet next week.",
                    "user_id": self.user_employee.id,
                    "res_model": "res.partner",
                    "res_id": self.contact.id,
                    "is_automatic": True,
                }
            ],
        )

    def test_done_button_without_summary_uses_type_name(self):
        activity = self._plan(self.contact, summary=False)
        activity.action_done()
        entry = self._calls(self.contact)
        self.assertEqual(entry.name, self.type_call.name)
        self.assertFalse(entry.note)

    def test_done_and_schedule_next(self):
        activity = self._plan(self.contact)
        action = activity.action_feedback_schedule_next(feedback="Call back Monday")
        self.assertEqual(action["res_model"], "mail.activity")
        self.assertEqual(self._calls(self.contact).note, "Call back Monday")

    def test_html_feedback_is_stored_as_text(self):
        activity = self._plan(self.contact)
        activity.action_feedback(feedback="<p>Agreed on <b>price</b></p>")
        self.assertEqual(self._calls(self.contact).note, "Agreed on *price*")

    def test_other_activities_are_not_calls(self):
        self._plan(self.contact, activity_type=self.type_todo).action_feedback(
            feedback="Done"
        )
        self.assertFalse(self.entries_of(self.contact))

    def test_logged_once_per_activity(self):
        """A "Call" type that keeps done activities archives them: marking
        the archived activity done again does not log a second call."""
        self.type_call.keep_done = True
        activity = self._plan(self.contact)
        activity.action_feedback(feedback="First")
        self.assertFalse(activity.active)
        activity.action_done()
        activity.action_feedback(feedback="Again")
        self.assertEqual(len(self._calls(self.contact)), 1)

    def test_several_activities_at_once(self):
        activities = self._plan(self.contact, "First call") | self._plan(
            self.contact_2, "Second call"
        )
        activities.action_feedback(feedback="Both reached")
        self.assertEqual(self._calls(self.contact).name, "First call")
        self.assertEqual(self._calls(self.contact_2).name, "Second call")

    def test_call_on_a_document_logs_its_contact(self):
        """On a document the call is with the document's contact and is
        linked to the document."""
        if "sale.order" not in self.env:
            self.skipTest("needs a document model with a contact (sale)")
        product = self.env["product.product"].create({"name": "Desk"})
        order = self.env["sale.order"].create(
            {
                "partner_id": self.contact.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        self._plan(
            order, "Follow up the quotation", user=self.user_admin
        ).action_feedback(feedback="Will sign tomorrow")
        self.assertRecordValues(
            self._calls(order),
            [
                {
                    "partner_id": self.contact.id,
                    "res_model": "sale.order",
                    "res_id": order.id,
                    "name": "Follow up the quotation",
                    "note": "Will sign tomorrow",
                }
            ],
        )
