from odoo import fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.base.models.res_users import check_identity

# The scope of the keys the telephony webhook accepts. Odoo also accepts a
# key without scope (one made in the user's Preferences) for every scope.
CALL_KEY_SCOPE = "interaction_autolog_call"


class ResUsersApikeysDescription(models.TransientModel):
    _inherit = "res.users.apikeys.description"

    interaction_call_user_id = fields.Many2one(
        "res.users",
        string="Log Calls As",
        domain=[("share", "=", False)],
        help="The user the telephony system logs calls as, when a call names "
        "no user; calls are logged in this user's company.",
    )

    @check_identity
    def action_make_interaction_call_key(self):
        """Odoo's "Generate key", for a key that only logs calls, made by an
        administrator for the telephony system's user."""
        self.ensure_one()
        if not self.env.user.has_group("base.group_system"):
            raise AccessError(
                self.env._("Only administrators create keys for telephony systems.")
            )
        user = self.interaction_call_user_id
        if not user or user.share:
            raise UserError(
                self.env._("Choose the internal user the calls are logged as.")
            )
        # A key is always its user's own: generated in that user's name (as
        # superuser, which may give a key no expiration date).
        key = (
            self.env["res.users.apikeys"]
            .with_user(user)
            .sudo()
            ._generate(CALL_KEY_SCOPE, self.name, self.expiration_date)
        )
        self.sudo().unlink()
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.users.apikeys.show",
            "name": self.env._("API Key Ready"),
            "views": [
                (
                    self.env.ref(
                        "interaction_autolog.res_users_apikeys_show_view_form_call"
                    ).id,
                    "form",
                )
            ],
            "target": "new",
            "context": {"default_key": key},
        }
