from odoo import api, fields, models
from odoo.exceptions import ValidationError


class InteractionCodedMixin(models.AbstractModel):
    """Code, company and figures shared by interaction groups and templates.

    Both are set up like Business Central's: a short code users type and
    search by, unique per company. An empty company means "shared by every
    company", which is how the shipped defaults work in a multi-company
    database.
    """

    _name = "interaction.coded.mixin"
    _description = "Interaction code, company and statistics"
    _check_company_auto = True
    # Field on interaction.log.entry that points at this model.
    _interaction_entry_field = None

    code = fields.Char(required=True, index=True)
    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company",
        index=True,
        help="Leave empty to share it between all companies.",
    )
    currency_id = fields.Many2one("res.currency", compute="_compute_currency_id")
    interaction_count = fields.Integer(
        compute="_compute_statistics", string="Interactions"
    )
    cost_total = fields.Monetary(compute="_compute_statistics", string="Total Cost")
    duration_total = fields.Float(
        compute="_compute_statistics", string="Total Duration"
    )

    @api.depends("company_id")
    def _compute_currency_id(self):
        for record in self:
            record.currency_id = (record.company_id or self.env.company).currency_id

    @api.depends_context("allowed_company_ids")
    def _compute_statistics(self):
        stats = self.env["interaction.log.entry"]._statistics_by(
            self._interaction_entry_field, self.ids
        )
        for record in self:
            count, cost, duration = stats.get(record.id, (0, 0.0, 0.0))
            record.interaction_count = count
            record.cost_total = cost
            record.duration_total = duration

    @api.depends("code", "name")
    def _compute_display_name(self):
        for record in self:
            record.display_name = (
                f"{record.code} - {record.name}" if record.name else record.code
            )

    @api.model
    def _search_display_name(self, operator, value):
        # Users type the code as often as the name.
        if operator in ("ilike", "like", "=", "=ilike") and value:
            return ["|", ("code", operator, value), ("name", operator, value)]
        return super()._search_display_name(operator, value)

    @api.constrains("code", "company_id")
    def _check_code_unique(self):
        # A SQL unique constraint would let two shared records (company NULL)
        # have the same code, so check in Python as well. A shared record is
        # seen in every company: its code may be no company's code, and a
        # company's code may not be a shared one's.
        for record in self:
            domain = [("id", "!=", record.id), ("code", "=", record.code)]
            if record.company_id:
                domain.append(("company_id", "in", [record.company_id.id, False]))
            clash = (
                self.with_context(active_test=False)
                .sudo()
                .search_count(domain, limit=1)
            )
            if clash and not record.company_id:
                raise ValidationError(
                    self.env._(
                        "The code %(code)s is already used in a company. A "
                        "shared code is used by every company, so it must "
                        "differ from each company's codes: choose another one.",
                        code=record.code,
                    )
                )
            if clash:
                raise ValidationError(
                    self.env._(
                        "The code %(code)s is already used in this company: "
                        "choose another one.",
                        code=record.code,
                    )
                )

    @api.readonly
    def action_view_entries(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [(self._interaction_entry_field, "=", self.id)],
            name=self.display_name,
        )
