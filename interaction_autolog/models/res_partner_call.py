import re

from odoo import api, fields, models

# A number is looked up by its last digits, which every way of writing it
# shares ("+358 40 123 4567", "040-1234567", "(040) 123 4567"); candidates
# are then compared on all their significant digits.
PHONE_KEY_DIGITS = 7


def phone_significant_digits(number):
    """Digits of ``number`` without its international or trunk prefix.

    "+358 40 123 4567" and "00358 40 123 4567" give "358401234567" (country
    code kept: it is part of the number), "040-1234567" gives "401234567".
    """
    if not number:
        return ""
    number = number.strip()
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    return digits.lstrip("0")


def phone_key(number):
    """Indexed lookup key of ``number``; empty for too short a number."""
    digits = phone_significant_digits(number)
    if len(digits) < PHONE_KEY_DIGITS:
        return False
    return digits[-PHONE_KEY_DIGITS:]


def phone_numbers_match(number, other):
    """Whether two numbers are the same, however each is written.

    One written with its country code and the other in national form match
    when the national digits end the international ones.
    """
    first, second = phone_significant_digits(number), phone_significant_digits(other)
    if len(first) < PHONE_KEY_DIGITS or len(second) < PHONE_KEY_DIGITS:
        return False
    return first.endswith(second) or second.endswith(first)


class ResPartner(models.Model):
    """Calls with contacts: the "Call" button and the lookup by number."""

    _inherit = "res.partner"

    interaction_phone_key = fields.Char(
        compute="_compute_interaction_phone_keys",
        store=True,
        index=True,
        copy=False,
        help="Last digits of the phone number, to find the contact of a call.",
    )
    interaction_mobile_key = fields.Char(
        compute="_compute_interaction_phone_keys",
        store=True,
        index=True,
        copy=False,
        help="Last digits of the mobile number, to find the contact of a call.",
    )

    @api.depends("phone", "mobile")
    def _compute_interaction_phone_keys(self):
        for partner in self:
            partner.interaction_phone_key = phone_key(partner.phone)
            partner.interaction_mobile_key = phone_key(partner.mobile)

    def action_interaction_call(self):
        self.ensure_one()
        return self.env["interaction.call.wizard"]._action_open(self)

    @api.model
    def _interaction_find_by_phone(self, number, company):
        """The contact of ``company`` (or shared) whose phone or mobile is
        ``number``, however either is written; empty when there is none.

        One indexed query; among several contacts sharing the number the one
        written exactly alike wins, then a person over a company, then the
        oldest.
        """
        key = phone_key(number)
        if not key:
            return self.browse()
        candidates = self.search_fetch(
            [
                ("company_id", "in", [company.id, False]),
                "|",
                ("interaction_phone_key", "=", key),
                ("interaction_mobile_key", "=", key),
            ],
            ["phone", "mobile", "is_company"],
            order="id",
        )
        digits = phone_significant_digits(number)

        def rank(partner):
            numbers = [n for n in (partner.phone, partner.mobile) if n]
            exact = any(phone_significant_digits(n) == digits for n in numbers)
            return (not exact, partner.is_company, partner.id)

        matching = candidates.filtered(
            lambda p: any(
                phone_numbers_match(number, n) for n in (p.phone, p.mobile) if n
            )
        )
        return min(matching, key=rank, default=self.browse())
