from odoo import models
from odoo.exceptions import MissingError


class Base(models.AbstractModel):
    _inherit = "base"

    def _interaction_opportunities(self):
        """Opportunity (``crm.lead`` id) each record's interactions belong to.

        A document made from an opportunity carries it in ``opportunity_id``
        (a quotation or order with sale_crm, a meeting); a lead is its own
        (see crm.lead).
        """
        field = self._fields.get("opportunity_id")
        if field is None or field.comodel_name != "crm.lead":
            return {}
        opportunities = {}
        for record in self:
            # Usually in the cache already (the engine has read the document),
            # so no query just to know that the document still exists.
            try:
                opportunities[record.id] = record.opportunity_id.id
            except MissingError:
                continue
        return opportunities
