import re

from odoo import models

from odoo.addons.phone_validation.tools import phone_validation


class ResCompany(models.Model):
    _inherit = "res.company"

    def _interaction_normalize_number(self, number):
        """``number`` as +<country code><digits>, to compare numbers however
        they were typed: spaces, dashes and brackets dropped, 00 read as +, and
        a national number (one leading 0) read in the company's country.

        With the ``phonenumbers`` library Odoo formats valid numbers to E.164
        first; without it the rules above still apply.
        """
        self.ensure_one()
        number = (number or "").strip()
        if not number:
            return ""
        country = self.country_id
        if country:
            number = (
                phone_validation.phone_format(
                    number,
                    country.code,
                    country.phone_code,
                    force_format="E164",
                    raise_exception=False,
                )
                or number
            )
        digits = re.sub(r"\D", "", number)
        if number.startswith("+"):
            return f"+{digits}"
        if digits.startswith("00"):
            return f"+{digits[2:]}"
        if digits.startswith("0") and country.phone_code:
            return f"+{country.phone_code}{digits[1:]}"
        return digits

    def _interaction_number_never_logged(self):
        """A function telling whether a number is on the never-log list.

        Lines of the list without an @ are numbers: a whole number in any
        format (+358 40 123 4567, 040 1234567) or, ending with *, the start
        of numbers (+35840*, 0035840*, or 040* in the company's country).
        """
        self.ensure_one()
        exact, prefixes = set(), []
        for line in (self.sudo().interaction_never_log or "").splitlines():
            line = line.strip()
            if not line or "@" in line or not re.search(r"\d", line):
                continue
            normalized = self._interaction_normalize_number(line.rstrip("*"))
            if line.endswith("*"):
                prefixes.append(normalized)
            else:
                exact.add(normalized)
        if not exact and not prefixes:
            return lambda number: False

        def never_logged(number):
            normalized = self._interaction_normalize_number(number)
            return bool(normalized) and (
                normalized in exact or normalized.startswith(tuple(prefixes))
            )

        return never_logged
