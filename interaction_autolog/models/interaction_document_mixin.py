from odoo import api, fields, models


class InteractionDocumentMixin(models.AbstractModel):
    """Smart button of a logged document: its interactions.

    A glue addon inherits it on the document's model and adds the button to
    the form (see ``interaction_log_count`` and ``action_view_interaction_log``),
    and may add "Call" (``action_interaction_call``) and "Log Interaction"
    (``action_log_interaction``) buttons for the document's contact. Who that
    is comes from the model's ``_interaction_partners()``, its company from
    ``_interaction_companies()``: a model overrides those, not the actions.
    """

    _name = "interaction.document.mixin"
    _description = "Document with an interaction log"

    interaction_log_count = fields.Integer(
        compute="_compute_interaction_log_count",
        string="Interactions",
        compute_sudo=False,
    )

    def _compute_interaction_log_count(self):
        counts = {}
        if self.ids and self.env.user.has_group(
            "interaction_autolog.group_interaction_user"
        ):
            counts = dict(
                self.env["interaction.log.entry"]._read_group(
                    [
                        ("res_model", "=", self._name),
                        ("res_id", "in", self.ids),
                        ("canceled", "=", False),
                    ],
                    ["res_id"],
                    ["__count"],
                )
            )
        for record in self:
            record.interaction_log_count = counts.get(record.id, 0)

    @api.readonly
    def action_view_interaction_log(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("res_model", "=", self._name), ("res_id", "=", self.id)],
            name=self.display_name,
            # Every line is this document: the list leaves out its column.
            context={"interaction_single_document": True},
        ) | {"help": self.env._("<p>Nothing logged for this document yet.</p>")}

    def action_interaction_call(self):
        """Open the call wizard for the document's contact."""
        self.ensure_one()
        return self.env["interaction.call.wizard"]._action_open(self)

    def action_log_interaction(self):
        """Open the Log Interaction wizard for the document's contacts, the
        entry filed under the document."""
        self.ensure_one()
        partners = self._interaction_partners().get(self.id) or self.env["res.partner"]
        # A meeting's attendees include colleagues: they are never contacts.
        partners -= self.env["interaction.log.entry"]._internal_partners(partners)
        company = self._interaction_companies().get(self.id) or self.env.company
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Interaction"),
            "res_model": "interaction.log.wizard",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_ids": partners.ids,
                "default_res_model": self._name,
                "default_res_id": self.id,
                "default_company_id": company.id,
            },
        }
