from odoo import api, models


class RepairOrder(models.Model):
    _name = "repair.order"
    _inherit = ["repair.order", "interaction.document.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        # Every way in creates here: the form, the return's Repair button and
        # the orders a confirmed sale order creates (directly as confirmed).
        repairs = super().create(vals_list)
        self.env["interaction.log.entry"]._log_interaction(
            repairs, "service_order_create"
        )
        return repairs

    def action_repair_done(self):
        # Every path to "Repaired" ends here, and nothing in Odoo stops a
        # second call on an order already repaired: log each order once, when
        # it actually becomes done.
        todo = self.filtered(lambda repair: repair.state != "done")
        result = super().action_repair_done()
        self.env["interaction.log.entry"]._log_interaction(
            todo.filtered(lambda repair: repair.state == "done"),
            "service_order_post",
        )
        return result
