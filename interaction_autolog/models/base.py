from odoo import models


class Base(models.AbstractModel):
    """Defaults the logging engine uses to read any document.

    A model whose contact is not in ``partner_id`` (or whose company or
    salesperson lives elsewhere) overrides the matching method; everything
    else in the engine is generic.
    """

    _inherit = "base"

    def _interaction_partners(self):
        """Contacts to log an interaction with, as ``{record id: partners}``."""
        if self._name == "res.partner":
            return {record.id: record for record in self}
        if "partner_id" in self._fields and self._fields["partner_id"].type == (
            "many2one"
        ):
            return {record.id: record.partner_id for record in self}
        return {}

    def _interaction_companies(self):
        """Company each record's entries belong to, as ``{record id: company}``."""
        default = self.env.company
        if "company_id" in self._fields and self._fields["company_id"].type == (
            "many2one"
        ):
            return {record.id: record.company_id or default for record in self}
        return {record.id: default for record in self}

    def _interaction_salespeople(self):
        """Salesperson (``res.users`` id) responsible for each record."""
        if self._name == "res.partner":
            return {record.id: record.user_id.id for record in self}
        if "user_id" in self._fields and self._fields["user_id"].comodel_name == (
            "res.users"
        ):
            return {record.id: record.user_id.id for record in self}
        if "partner_id" in self._fields and self._fields["partner_id"].type == (
            "many2one"
        ):
            return {record.id: record.partner_id.user_id.id for record in self}
        return {}

    def _interaction_campaigns(self):
        """Marketing campaign (``utm.campaign`` id) of each record that has one."""
        field = self._fields.get("campaign_id")
        if field is None or field.comodel_name != "utm.campaign":
            return {}
        return {record.id: record.campaign_id.id for record in self}
