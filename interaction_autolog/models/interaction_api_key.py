import hashlib
import hmac
import secrets
from datetime import timedelta

from odoo import api, fields, models

# Keys are random, 256 bits: a salted SHA-256 is enough to store them (no
# password stretching needed), and checking one stays cheap per request.
KEY_BYTES = 32
PREFIX_LENGTH = 8
# last_used is written at most this often: a PBX may post many calls at
# once and every write to the same row would serialize them.
LAST_USED_PRECISION = timedelta(minutes=1)


class InteractionApiKey(models.Model):
    """A key a telephony system (PBX) uses to log calls in one company.

    The key itself is shown once, when an administrator creates it; only a
    salted hash is stored. Archiving a key revokes it.
    """

    _name = "interaction.api.key"
    _description = "Interaction API Key"
    _order = "active desc, create_date desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True, help="Which system uses this key.")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        readonly=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Log Calls As",
        required=True,
        default=lambda self: self.env.user,
        check_company=True,
        domain="[('share', '=', False)]",
        help="User of the calls the telephony system does not name a user for.",
    )
    key_prefix = fields.Char(
        readonly=True,
        index=True,
        required=True,
        help="First characters of the key, to tell keys apart.",
    )
    key_salt = fields.Char(readonly=True, required=True, groups="base.group_system")
    key_hash = fields.Char(readonly=True, required=True, groups="base.group_system")
    active = fields.Boolean(default=True, string="Active (not revoked)")
    last_used = fields.Datetime(readonly=True)

    @api.model
    def _hash_key(self, key, salt):
        return hashlib.sha256(f"{salt}:{key}".encode()).hexdigest()

    @api.model
    def _generate(self, name, company, user):
        """Create a key; returns ``(record, key)``. The key is not kept."""
        key = secrets.token_urlsafe(KEY_BYTES)
        salt = secrets.token_hex(16)
        record = self.create(
            {
                "name": name,
                "company_id": company.id,
                "user_id": user.id,
                "key_prefix": key[:PREFIX_LENGTH],
                "key_salt": salt,
                "key_hash": self._hash_key(key, salt),
            }
        )
        return record, key

    @api.model
    def _authenticate(self, key):
        """The active key record matching ``key``, or an empty recordset."""
        if not key or not isinstance(key, str) or len(key) > 256:
            return self.browse()
        candidates = (
            self.sudo()
            .with_context(active_test=True)
            .search([("key_prefix", "=", key[:PREFIX_LENGTH])])
        )
        for candidate in candidates:
            expected = self._hash_key(key, candidate.key_salt)
            if hmac.compare_digest(expected, candidate.key_hash):
                candidate._touch()
                return candidate
        return self.browse()

    def _touch(self):
        now = fields.Datetime.now()
        if not self.last_used or self.last_used < now - LAST_USED_PRECISION:
            self.sudo().last_used = now

    def action_revoke(self):
        self.active = False
        return True
