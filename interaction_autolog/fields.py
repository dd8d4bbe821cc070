"""Field types of the interaction log."""

from odoo import fields
from odoo.tools import float_repr, float_round


class EntryCost(fields.Monetary):
    """The cost of an entry, in its company's currency.

    Rounded as Monetary rounds it, with the currency's rounding looked up
    once (cached) instead of through a new record made for every row: the
    engine writes hundreds of entries at once, and the lookup cost Odoo a
    query of the currency on each request that logged.
    """

    def convert_to_column_insert(self, value, record, values=None, validate=True):
        if not values or not values.get("company_id") or "currency_id" in values:
            return super().convert_to_column_insert(value, record, values, validate)
        rounding, digits = record._company_currency_digits(values["company_id"])
        value = float(value or 0.0)
        if not rounding:
            return value
        return float_repr(float_round(value, precision_rounding=rounding), digits)

    def convert_to_cache(self, value, record, validate=True):
        if validate and record._is_engine():
            # The engine gives costs rounded already (_prepare_log_values).
            return float(value or 0.0)
        return super().convert_to_cache(value, record, validate)
