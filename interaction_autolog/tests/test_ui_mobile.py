from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestUiMobile(HttpCase):
    """The app in a phone's hand: a 390 px wide touch screen, where Odoo
    opens a list as cards when the action has a kanban view (its mobile
    view) and a one2many as cards when the field has a kanban."""

    browser_size = "390x844"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.contact = cls.env["res.partner"].create(
            {"name": "Mia Mobile", "phone": "+358 40 111 2222"}
        )
        Entry = cls.env["interaction.log.entry"]
        ref = cls.env.ref
        Entry.create(
            [
                {
                    "partner_id": cls.contact.id,
                    "name": "Asked for a sample",
                    "template_id": ref(
                        "interaction_autolog.interaction_template_call_out"
                    ).id,
                    "channel": "phone",
                    "evaluation": "positive",
                },
                {
                    "partner_id": cls.contact.id,
                    "name": "No answer",
                    "template_id": ref(
                        "interaction_autolog.interaction_template_call_out"
                    ).id,
                    "channel": "phone",
                    "attempt_failed": True,
                },
                {
                    "partner_id": cls.contact.id,
                    "name": "Offer by post",
                    "template_id": ref(
                        "interaction_autolog.interaction_template_letter"
                    ).id,
                    "channel": "paper",
                },
            ]
        )

    def test_menu_list_is_cards(self):
        self.start_tour("/odoo/interactions", "interaction_mobile_tour", login="admin")

    def test_contact_page_is_cards(self):
        self.start_tour(
            f"/odoo/res.partner/{self.contact.id}",
            "interaction_mobile_contact_tour",
            login="admin",
        )
