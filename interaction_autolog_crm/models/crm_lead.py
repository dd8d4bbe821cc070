from odoo import api, fields, models
from odoo.tools import SQL

from .interaction_log_entry import FILE_ENTRIES_KEY


class CrmLead(models.Model):
    """A lead's interactions: its emails, calls and meetings, and those of
    the quotations made from it, filed under it by ``opportunity_id``. Its
    Call and Log Interaction buttons are those of every logged document."""

    _name = "crm.lead"
    _inherit = ["crm.lead", "interaction.document.mixin"]

    interaction_log_ids = fields.One2many(
        "interaction.log.entry",
        "opportunity_id",
        groups="interaction_autolog.group_interaction_user",
    )
    interaction_count = fields.Integer(
        compute="_compute_interaction_count",
        string="Interactions",
        groups="interaction_autolog.group_interaction_user",
    )
    # Stored so that the pipeline can filter and group by it: the deals
    # nobody has talked about for a while.
    last_interaction_date = fields.Datetime(
        compute="_compute_last_interaction_date",
        store=True,
        index=True,
        string="Last Interaction",
        help="Date of the latest interaction (not canceled) filed under this lead.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        leads = super().create(vals_list)
        # Saved in the quick create dialog of an entry's "Create
        # Opportunity": the entry goes under the new opportunity.
        entry_ids = self.env.context.get(FILE_ENTRIES_KEY)
        if entry_ids and len(leads) == 1 and isinstance(entry_ids, list):
            entries = self.env["interaction.log.entry"].browse(
                [entry_id for entry_id in entry_ids if isinstance(entry_id, int)]
            )
            entries.exists()._file_under_opportunity(leads)
        return leads

    def _compute_interaction_count(self):
        counts = {}
        leads = self.filtered(lambda lead: lead._origin.id)
        if leads:
            counts = {
                lead.id: count
                for lead, count in self.env["interaction.log.entry"]._read_group(
                    [
                        ("opportunity_id", "in", leads._origin.ids),
                        ("canceled", "=", False),
                    ],
                    ["opportunity_id"],
                    ["__count"],
                )
            }
        for lead in self:
            lead.interaction_count = counts.get(lead._origin.id, 0)

    @api.depends("interaction_log_ids.date", "interaction_log_ids.canceled")
    def _compute_last_interaction_date(self):
        # Recomputed for every lead whose entries are logged, canceled or
        # retired: one probe of the opportunity index per lead (the max of
        # a lead's dates is the last of its index entries), where grouping
        # read every entry of the leads (thousands each, retired in batches
        # that touch hundreds of leads).
        last = {}
        leads = self.filtered(lambda lead: lead._origin.id)
        if leads:
            self.env["interaction.log.entry"].flush_model(
                ["opportunity_id", "date", "canceled"]
            )
            self.env.cr.execute(
                SQL(
                    """
                    SELECT lead.id, (
                               SELECT max(entry.date)
                                 FROM interaction_log_entry entry
                                WHERE entry.opportunity_id = lead.id
                                  AND (entry.canceled IS NULL
                                       OR entry.canceled = FALSE))
                      FROM unnest(%s::int[]) AS lead(id)
                    """,
                    leads._origin.ids,
                )
            )
            last = dict(self.env.cr.fetchall())
        for lead in self:
            lead.last_interaction_date = last.get(lead._origin.id) or False

    def _interaction_partners(self):
        # The lead's customer, never a colleague, whoever else follows it.
        colleagues = self.env["interaction.log.entry"]._interaction_colleagues(
            self.partner_id
        )
        return {lead.id: lead.partner_id - colleagues for lead in self}

    def _interaction_opportunities(self):
        # A lead deleted meanwhile (a stale Log Interaction dialog) files
        # nothing.
        return {lead.id: lead.id for lead in self.exists()}

    def _merge_dependences(self, opportunities):
        # Merged leads are deleted: their interactions follow their messages
        # to the lead that is kept, rather than losing their opportunity.
        result = super()._merge_dependences(opportunities)
        Entry = self.env["interaction.log.entry"]
        engine = Entry._as_engine()
        entries = engine.search([("opportunity_id", "in", opportunities.ids)])
        entries.filtered(
            lambda entry: (
                entry.res_model == self._name and entry.res_id in opportunities.ids
            )
        ).write({"res_id": self.id})
        entries.write({"opportunity_id": self.id})
        return result

    @api.readonly
    def action_view_interactions(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("opportunity_id", "=", self.id)],
            name=self.name,
            context={"default_opportunity_id": self.id},
        ) | {"help": self.env._("<p>Nothing logged for this opportunity yet.</p>")}
