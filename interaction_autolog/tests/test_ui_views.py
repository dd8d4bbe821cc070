from datetime import timedelta

from lxml import etree

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionViews(InteractionCommon):
    """What the views promise a user, checked on the views the web client
    gets (``get_views``) and on the records behind them."""

    def _arch(self, model, view_type, user=None):
        env = self.env(user=user or self.user_employee)
        arch = env[model].get_views([(False, view_type)])["views"][view_type]["arch"]
        return etree.fromstring(arch)

    def test_calendar_is_fixed_in_time(self):
        """An audit log: no dragging, no deleting, no creating from the
        calendar; each entry drawn as long as it lasted."""
        calendar = self._arch("interaction.log.entry", "calendar")
        for attribute in ("edit", "delete", "create", "quick_create"):
            self.assertEqual(calendar.get(attribute), "0", attribute)
        self.assertEqual(calendar.get("date_stop"), "date_end")
        entry = self.Entry._log_interaction(self.contact, "cover_sheet")
        self.assertEqual(entry.date_end, entry.date + timedelta(minutes=3))
        entry.duration = 90
        self.assertEqual(entry.date_end, entry.date + timedelta(minutes=90))
        # Without duration, a point at its time on its own day: a minute,
        # not the hour the calendar gives an event ending when it starts.
        entry.duration = 0
        self.assertEqual(entry.date_end, entry.date + timedelta(minutes=1))

    def test_entries_are_not_deleted_from_the_menus(self):
        """No Delete offered on entries; a manager deletes a canceled entry
        with its own button, which an active entry does not have."""
        for view_type in ("list", "form"):
            arch = self._arch("interaction.log.entry", view_type)
            self.assertEqual(arch.get("delete"), "0", view_type)
        form = self._arch(
            "interaction.log.entry", "form", user=self.user_interaction_manager
        )
        (button,) = form.xpath("//header/button[@name='action_delete']")
        self.assertEqual(button.get("invisible"), "not canceled")

        entry = self.Entry._log_interaction(self.contact, "cover_sheet")
        entry = entry.with_user(self.user_interaction_manager)
        with self.assertRaises(UserError):
            entry.action_delete()
        entry.action_cancel()
        action = entry.action_delete()
        self.assertFalse(entry.exists())
        self.assertEqual(action["res_model"], "interaction.log.entry")

    def test_canceled_entry_is_read_only_in_the_form(self):
        form = self._arch("interaction.log.entry", "form")
        editable = [
            "name",
            "contact_via",
            "subject",
            "date",
            "salesperson_id",
            "channel",
            "information_flow",
            "initiated_by",
            "attempt_failed",
            "evaluation",
            "cost",
            "duration",
            "note",
        ]
        for fname in editable:
            for node in form.xpath(f"//field[@name='{fname}']"):
                self.assertIn("canceled", node.get("readonly", ""), fname)

    def test_entry_list_shows_what_fits(self):
        """Eight columns by default; the template (which the description
        repeats) one click away; the contact column left out when the list
        is one contact's own."""
        arch = self._arch("interaction.log.entry", "list")
        shown = [
            node.get("name")
            for node in arch.xpath("./field")
            if node.get("optional") != "hide"
            and node.get("column_invisible") not in ("1", "True")
        ]
        self.assertEqual(
            shown,
            [
                "date",
                "partner_id",
                "display_name",
                "document_name",
                "channel",
                "user_id",
                "evaluation",
                "duration",
            ],
        )
        (partner,) = arch.xpath("./field[@name='partner_id']")
        self.assertIn("interaction_single_contact", partner.get("column_invisible"))
        (document,) = arch.xpath("./field[@name='document_name']")
        self.assertEqual(document.get("invisible"), "res_model == 'res.partner'")

        person = self.contact.with_user(self.user_employee)
        self.assertTrue(
            person.action_view_interactions()["context"]["interaction_single_contact"]
        )
        company = self.customer.with_user(self.user_employee)
        self.assertFalse(
            company.action_view_interactions()["context"]["interaction_single_contact"]
        )

    def test_contact_smart_button_is_in_sight(self):
        """Odoo shows the first buttons of a form's button box (four, then
        "More", from 1200 to 1533 px wide): the Interactions button must be
        one of them whatever apps add theirs."""
        # The administrator sees the buttons of every installed app.
        form = self._arch("res.partner", "form", user=self.user_admin)
        buttons = [
            node.get("name") for node in form.xpath("//div[@name='button_box']/*")
        ]
        self.assertIn("action_view_interactions", buttons[:4], buttons)

    def test_pivot_opens_on_the_count(self):
        pivot = self._arch("interaction.log.entry", "pivot")
        self.assertFalse(pivot.xpath("//field[@type='measure']"))
        self.assertFalse(pivot.xpath("//field[@interval]"), "no 12 month columns")

    def test_durations_read_as_hours_and_minutes(self):
        views = {
            "interaction.log.entry": ["list", "form", "pivot", "calendar"],
            "interaction.template": ["list", "form"],
            "interaction.log.wizard": ["form"],
            "interaction.call.wizard": ["form"],
        }
        for model, view_types in views.items():
            for view_type in view_types:
                arch = self._arch(model, view_type, user=self.user_interaction_manager)
                nodes = arch.xpath(
                    "//field[@name='duration' or @name='unit_duration' "
                    "or @name='duration_total']"
                )
                self.assertTrue(nodes, (model, view_type))
                for node in nodes:
                    self.assertEqual(
                        node.get("widget"), "interaction_minutes", (model, view_type)
                    )
        partner_form = self._arch("res.partner", "form")
        (node,) = partner_form.xpath("//field[@name='interaction_duration']")
        self.assertEqual(node.get("widget"), "interaction_minutes")

    def test_template_unit_values_are_not_summed(self):
        """Group rows of the templates list add up no unit cost or duration."""
        Template = self.env["interaction.template"]
        info = Template.fields_get(["unit_cost", "unit_duration"], ["aggregator"])
        self.assertFalse(info["unit_cost"].get("aggregator"))
        self.assertFalse(info["unit_duration"].get("aggregator"))
        # The web client asks group rows for the sums of the fields that
        # have an aggregator: these have none (Odoo's default is a sum).
        self.assertEqual(
            type(Template._fields["unit_cost"]).aggregator, "sum", "default changed"
        )

    def test_interactions_have_a_readable_url(self):
        action = self.env.ref("interaction_autolog.action_interaction_log_entry")
        self.assertEqual(action.path, "interactions")

    def test_automatic_description_in_the_reader_language(self):
        """The engine stores the document type's name in the language of the
        moment; a Finnish reader sees the Finnish name, a written
        description stays as written."""
        self.env["res.lang"]._activate_lang("fi_FI")
        self.doc_cover.with_context(lang="fi_FI").name = "Saatesivu"
        entry = self.Entry.with_context(lang="en_US")._log_interaction(
            self.contact, "cover_sheet"
        )
        self.assertEqual(entry.name, "Cover Sheet")
        self.assertEqual(entry.with_context(lang="fi_FI").display_name, "Saatesivu")
        self.assertEqual(entry.with_context(lang="en_US").display_name, "Cover Sheet")
        # Logged while the user works in Finnish: English readers see English.
        entry_fi = self.Entry.with_context(lang="fi_FI")._log_interaction(
            self.contact_2, "cover_sheet"
        )
        self.assertEqual(entry_fi.name, "Saatesivu")
        self.assertEqual(
            entry_fi.with_context(lang="en_US").display_name, "Cover Sheet"
        )
        # Found by the name in the reader's language, too.
        found = self.Entry.with_context(lang="fi_FI").search(
            [
                "|",
                ("name", "ilike", "Saatesivu"),
                ("document_type_id.name", "ilike", "Saatesivu"),
            ]
        )
        self.assertIn(entry, found)
        written = self.Entry._log_interaction(
            self.customer, "cover_sheet", name="Sent with the samples"
        )
        self.assertEqual(
            written.with_context(lang="fi_FI").display_name, "Sent with the samples"
        )
