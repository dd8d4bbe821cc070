from odoo import fields, models


class InteractionApiKeyWizard(models.TransientModel):
    """Create an API key for a telephony system and show it once.

    The key is shown in a dialog that is never saved: once closed, only its
    hash remains.
    """

    _name = "interaction.api.key.wizard"
    _description = "New Interaction API Key"
    _check_company_auto = True

    name = fields.Char(
        string="Used By", required=True, help="e.g. the name of the telephony system"
    )
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
    )
    user_id = fields.Many2one(
        "res.users",
        string="Log Calls As",
        required=True,
        default=lambda self: self.env.user,
        check_company=True,
        domain="[('share', '=', False)]",
    )
    key = fields.Char(readonly=True)
    api_key_id = fields.Many2one("interaction.api.key", readonly=True)

    def action_generate(self):
        self.ensure_one()
        self.env["interaction.api.key"].check_access("create")
        # Only the hash is stored, and it is readable by system administrators
        # only: the key record is written as superuser once access is checked.
        api_key, key = (
            self.env["interaction.api.key"]
            .sudo()
            ._generate(self.name, self.company_id, self.user_id)
        )
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Your New API Key"),
            "res_model": self._name,
            "view_mode": "form",
            "views": [
                (
                    self.env.ref(
                        "interaction_autolog.interaction_api_key_wizard_view_form_show"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            # Passed as defaults of a record that is never saved, so the key
            # is not written to the database.
            "context": {
                "default_key": key,
                "default_api_key_id": api_key.id,
                "default_name": self.name,
                "default_company_id": self.company_id.id,
                "default_user_id": self.user_id.id,
            },
        }
