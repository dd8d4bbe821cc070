from odoo import api, models

# Actions of the contact's gear menu that are not everyday work: drawn
# apart, below a separator, after the everyday ones (the web client puts
# a separator between groups of actions and orders the groups by number;
# bound actions are group 100).
APART_ACTIONS = ("interaction_autolog.action_interaction_erasure_wizard",)
APART_GROUP_NUMBER = 200


class IrActionsActions(models.Model):
    _inherit = "ir.actions.actions"

    @api.model
    def get_bindings(self, model_name):
        result = super().get_bindings(model_name)
        if model_name != "res.partner" or not result.get("action"):
            return result
        apart = {
            action.id
            for xmlid in APART_ACTIONS
            if (action := self.env.ref(xmlid, raise_if_not_found=False))
        }
        result["action"] = [
            dict(action, groupNumber=APART_GROUP_NUMBER)
            if action["id"] in apart
            else action
            for action in result["action"]
        ]
        return result
