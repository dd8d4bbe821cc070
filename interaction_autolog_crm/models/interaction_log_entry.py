from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError

# Documents of no deal of their own whose entries belong to the contact's
# open opportunity (the log address's logged emails).
CONTACT_DEAL_MODELS = {"interaction.log.mail"}
# The context key of the quick create dialog opened from entries: the
# entries to file under the opportunity it saves.
FILE_ENTRIES_KEY = "interaction_file_entry_ids"


class InteractionLogEntry(models.Model):
    _inherit = "interaction.log.entry"

    # Indexed by init, with the date of each entry: see there.
    opportunity_id = fields.Many2one(
        "crm.lead",
        ondelete="set null",
        check_company=True,
        help="The opportunity this interaction belongs to: the lead it was "
        "logged on, or the lead its quotation or meeting was made from.",
    )

    def init(self):
        result = super().init()
        # A lead's entries, newest last, and whether each is canceled: its
        # last interaction date is one probe at the end of its part of the
        # index (crm.lead), its count reads the index alone. It replaces
        # the plain index of opportunity_id.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS interaction_log_entry_opportunity_idx
                ON interaction_log_entry (opportunity_id, date) INCLUDE (canceled)
             WHERE opportunity_id IS NOT NULL
            """
        )
        self.env.cr.execute(
            "DROP INDEX IF EXISTS interaction_log_entry__opportunity_id_index"
        )
        return result

    @api.model_create_multi
    def create(self, vals_list):
        vals_list = [dict(vals) for vals in vals_list]
        self._fill_opportunity(vals_list)
        return super().create(vals_list)

    @api.model
    def _fill_opportunity(self, vals_list):
        """File each entry under the opportunity of the document it is about.

        Here rather than in the engine's value building so that every way
        an entry is made (the engine, the Log Interaction wizard on a lead)
        gets it; one read per model for the whole batch.
        """
        wanted = defaultdict(set)
        for vals in vals_list:
            if "opportunity_id" not in vals and vals.get("res_model"):
                if vals.get("res_id"):
                    wanted[vals["res_model"]].add(vals["res_id"])
        found = {}
        for model, ids in wanted.items():
            if model not in self.env:
                continue
            records = self.env[model].sudo().browse(ids)
            for record_id, lead_id in records._interaction_opportunities().items():
                found[model, record_id] = lead_id
        # An entry is filed only under an opportunity its company may see
        # (entries check it): a meeting made from another company's lead
        # still logs its invitation, unfiled.
        lead_companies = {
            lead.id: lead.company_id
            for lead in self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .browse({lead_id for lead_id in found.values() if lead_id})
        }
        for vals in vals_list:
            lead_id = found.get((vals.get("res_model"), vals.get("res_id")))
            if lead_id and "opportunity_id" not in vals:
                lead_company = lead_companies.get(lead_id)
                if lead_company and lead_company.id != vals.get(
                    "company_id", self.env.company.id
                ):
                    continue
                vals["opportunity_id"] = lead_id
        self._fill_contact_opportunity(vals_list)

    @api.model
    def _fill_contact_opportunity(self, vals_list):
        """File an email logged through the log address (a document of no
        deal) under the contact's open opportunity, when there is exactly
        one: as the quotations made from it are. Keyed on the model's name,
        so that CRM needs nothing of the log address addon."""
        pending = [
            vals
            for vals in vals_list
            if "opportunity_id" not in vals
            and vals.get("res_model") in CONTACT_DEAL_MODELS
            and vals.get("partner_id")
        ]
        if not pending:
            return
        partners = (
            self.env["res.partner"]
            .sudo()
            .browse({vals["partner_id"] for vals in pending})
        )
        commercial = {p.id: p.commercial_partner_id.id for p in partners}
        groups = (
            self.env["crm.lead"]
            .sudo()
            ._read_group(
                [
                    ("type", "=", "opportunity"),
                    ("stage_id.is_won", "=", False),
                    ("partner_id", "child_of", list(set(commercial.values()))),
                ],
                ["partner_id"],
                ["id:array_agg"],
            )
        )
        deals = defaultdict(set)
        for partner, lead_ids in groups:
            deals[partner.commercial_partner_id.id].update(lead_ids)
        only_deal = {
            partner_id: next(iter(lead_ids))
            for partner_id, lead_ids in deals.items()
            if len(lead_ids) == 1
        }
        for vals in pending:
            lead_id = only_deal.get(commercial[vals["partner_id"]])
            if lead_id:
                vals["opportunity_id"] = lead_id

    @api.model
    def _file_contact_deals(self):
        """File the entries of logged emails made before CRM's glue was
        there (the demo's, an addon installed in another order)."""
        entries = self._as_engine().search(
            [
                ("res_model", "in", list(CONTACT_DEAL_MODELS)),
                ("opportunity_id", "=", False),
                ("partner_id", "!=", False),
            ]
        )
        vals_list = [
            {"res_model": entry.res_model, "partner_id": entry.partner_id.id}
            for entry in entries
        ]
        self._fill_contact_opportunity(vals_list)
        for entry, vals in zip(entries, vals_list, strict=True):
            if vals.get("opportunity_id"):
                entry.opportunity_id = vals["opportunity_id"]
        return entries

    def action_create_opportunity(self):
        """Business Central's "Create Opportunity": the pipeline's own quick
        create dialog (name, expected revenue) for the entry's contact; the
        opportunity saved there gets the entry filed under it (see
        ``crm.lead.create``)."""
        self.ensure_one()
        self._check_can_file_under_opportunity()
        self.env["crm.lead"].check_access("create")
        context = {
            f"default_{fname}": value
            for fname, value in self._prepare_opportunity_values().items()
        }
        context[FILE_ENTRIES_KEY] = self.ids
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Create Opportunity"),
            "res_model": "crm.lead",
            "view_mode": "form",
            "views": [(self.env.ref("crm.quick_create_opportunity_form").id, "form")],
            "target": "new",
            "context": context,
        }

    def _check_can_file_under_opportunity(self):
        for entry in self:
            if entry.opportunity_id:
                raise UserError(
                    self.env._(
                        "This interaction already belongs to the opportunity %s.",
                        entry.opportunity_id.display_name,
                    )
                )
            if entry.canceled:
                raise UserError(
                    self.env._("A canceled interaction cannot start an opportunity.")
                )

    def _file_under_opportunity(self, lead):
        """File these entries under ``lead``, the opportunity just made from
        them. The user must be able to read them; filing is the engine's
        doing, not a user's edit of the audit trail: where entries are
        protected, the engine's pass (_as_engine) is what may write them."""
        self.check_access("read")
        self._check_can_file_under_opportunity()
        Entry = self.env["interaction.log.entry"]
        engine = Entry._as_engine()
        engine.browse(self.ids).write({"opportunity_id": lead.id})

    def _prepare_opportunity_values(self):
        self.ensure_one()
        return {
            "name": self.env._(
                "%(contact)s: %(interaction)s",
                contact=self.partner_id.display_name,
                interaction=self.subject or self.name,
            ),
            "type": "opportunity",
            "partner_id": self.partner_id.id,
            "user_id": self.env.user.id,
            "company_id": self.company_id.id,
            "campaign_id": self.campaign_id.id,
        }
