from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL

from odoo.addons.base.models.res_users import INDEX_SIZE, KEY_CRYPT_CONTEXT

from .res_users_apikeys_description import CALL_KEY_SCOPE

# How long before a telephony key expires Settings starts warning: calls stop
# being logged the moment it does.
EXPIRY_WARNING_DAYS = 14


class ResUsersApikeys(models.Model):
    _inherit = "res.users.apikeys"

    interaction_expires_soon = fields.Boolean(
        string="Expires Soon",
        compute="_compute_interaction_expires_soon",
        help="The key expires within two weeks: calls will no longer be logged "
        "after that date.",
    )

    @api.depends("expiration_date")
    def _compute_interaction_expires_soon(self):
        limit = fields.Datetime.now() + timedelta(days=EXPIRY_WARNING_DAYS)
        for key in self:
            key.interaction_expires_soon = bool(
                key.expiration_date and key.expiration_date <= limit
            )

    @api.model
    def _interaction_call_keys(self):
        """The live keys made for the telephony webhook (sudo)."""
        return self.sudo().search(
            [
                ("scope", "=", CALL_KEY_SCOPE),
                "|",
                ("expiration_date", "=", False),
                ("expiration_date", ">=", fields.Datetime.now()),
            ],
            order="expiration_date, id",
        )

    @api.model
    def _interaction_check_call_key(self, key):
        """The id of the active user whose live key ``key`` is, when the key
        was made for the telephony webhook, else None.

        Odoo's own check also accepts a key without scope for any scope: the
        personal key a user makes in Preferences, good for the whole account.
        A telephony system holds a key of exactly this scope, which only an
        administrator makes (Settings ▸ Interactions), so it may log calls in
        other users' names; a personal key may not.
        """
        self.env.cr.execute(
            SQL(
                """
                SELECT k.user_id, k.key
                  FROM res_users_apikeys k
                  JOIN res_users u ON u.id = k.user_id
                 WHERE u.active
                   AND k.index = %s
                   AND k.scope = %s
                   AND (k.expiration_date IS NULL
                        OR k.expiration_date >= now() at time zone 'utc')
                """,
                key[:INDEX_SIZE],
                CALL_KEY_SCOPE,
            )
        )
        for user_id, hashed in self.env.cr.fetchall():
            if KEY_CRYPT_CONTEXT.verify(key, hashed):
                return user_id
        return None
