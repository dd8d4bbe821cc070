from odoo.tests import tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionMenus(InteractionCommon):
    """The contact's gear menu and the lists opened from a document, as the
    web client gets them (``get_views`` with the toolbar, the actions)."""

    def _toolbar(self, user, view_type="form"):
        views = (
            self.env["res.partner"]
            .with_user(user)
            .get_views([(False, view_type)], {"toolbar": True})
        )
        return views["views"][view_type]["toolbar"]

    def test_contact_gear_menu_lists_each_action_once(self):
        for view_type in ("form", "list"):
            toolbar = self._toolbar(self.user_interaction_manager, view_type)
            names = [
                action["name"]
                for key in ("print", "action")
                for action in toolbar.get(key, [])
            ]
            duplicates = {name for name in names if names.count(name) > 1}
            self.assertFalse(duplicates, f"{view_type}: {names}")
            self.assertIn("Cover Sheet", [a["name"] for a in toolbar["print"]])

    def test_erasure_is_apart_from_everyday_actions(self):
        """The web client draws a separator between groups of actions: the
        erasure is in a group of its own, after the everyday ones."""
        toolbar = self._toolbar(self.user_interaction_manager)
        erase = self.env.ref("interaction_autolog.action_interaction_erasure_wizard")
        groups = {
            action["id"]: action.get("groupNumber", 100) for action in toolbar["action"]
        }
        self.assertIn(erase.id, groups)
        self.assertGreater(groups.pop(erase.id), max(groups.values(), default=100))
        # A user who may not erase does not get it at all.
        user_toolbar = self._toolbar(self.user_employee)
        self.assertNotIn(erase.id, [a["id"] for a in user_toolbar.get("action", [])])

    def test_contact_list_keeps_the_document_column(self):
        """Opened from the menu or a contact, entries are of many documents:
        the Document column stays; in a phone's width they are cards."""
        menu = self.env["ir.actions.act_window"]._for_xml_id(
            "interaction_autolog.action_interaction_log_entry"
        )
        self.assertEqual(menu["view_mode"].split(",")[:2], ["list", "kanban"])
        self.assertEqual(menu["mobile_view_mode"], "kanban")
        action = self.contact.action_view_interactions()
        self.assertFalse(action["context"].get("interaction_single_document"))
