from types import MappingProxyType

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError

from .interaction_log_entry import CHANNELS


class InteractionTemplate(models.Model):
    _name = "interaction.template"
    _inherit = ["interaction.coded.mixin"]
    _description = "Interaction Template"
    _order = "group_id, code"
    _interaction_entry_field = "template_id"

    group_id = fields.Many2one(
        "interaction.group",
        string="Interaction Group",
        required=True,
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    information_flow = fields.Selection(
        [("outbound", "Outbound"), ("inbound", "Inbound")],
        required=True,
        default="outbound",
        help="Outbound: we sent or handed something to the contact. "
        "Inbound: the contact sent something to us.",
    )
    initiated_by = fields.Selection(
        [("us", "Us"), ("them", "Them")],
        required=True,
        default="us",
    )
    channel = fields.Selection(
        CHANNELS,
        string="Default Channel",
        help="Channel proposed when an interaction is logged by hand under "
        "this template (it can be changed there). What Odoo logs by itself "
        "has its own channel: paper for a print, email for an email.",
    )
    # A unit value per template: a sum over templates means nothing.
    unit_cost = fields.Monetary(
        currency_field="currency_id",
        aggregator=None,
        help="Cost of one interaction, in the company currency. "
        "Copied to each entry, where it can be changed.",
    )
    unit_duration = fields.Float(
        aggregator=None,
        help="Time one interaction takes, in minutes; shown as hours:minutes. "
        "Copied to each entry, where it can be changed.",
    )
    description = fields.Text(translate=True)
    campaign_id = fields.Many2one(
        "utm.campaign",
        ondelete="set null",
        help="Campaign the interactions logged under this template belong to, "
        "unless their document has a campaign of its own.",
    )
    document_type_count = fields.Integer(
        compute="_compute_document_type_count",
        string="Used in Setup",
        help="Number of document types that log under this template "
        "in the current company.",
    )

    @api.constrains("unit_cost", "unit_duration")
    def _check_units(self):
        for template in self:
            if template.unit_cost < 0 or template.unit_duration < 0:
                raise ValidationError(
                    self.env._(
                        "The unit cost and unit duration of template %s "
                        "cannot be negative.",
                        template.display_name,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        # Archiving the last template in use stops all logging: the hooks'
        # cached answer (_logging_company_ids) must follow, and so must what
        # the engine keeps of each template (_logging_values).
        self.env.registry.clear_cache()
        return result

    def _update_field_translations(self, field_name, translations, *args, **kwargs):
        # A name translated in the dialog is not a write (see write).
        result = super()._update_field_translations(
            field_name, translations, *args, **kwargs
        )
        self.env.registry.clear_cache()
        return result

    def _logging_values(self):
        """What the engine copies from this template to an entry, with what
        it checks of it (read-only, cached: see write)."""
        self.ensure_one()
        return self._logging_values_of(self.id, self.env.lang)

    @tools.ormcache("template_id", "lang")
    def _logging_values_of(self, template_id, lang):
        template = self.sudo().with_context(lang=lang, active_test=False)
        template = template.browse(template_id)
        return MappingProxyType(
            {
                "id": template.id,
                "code": template.code,
                "name": template.name,
                "active": template.active,
                "company_id": template.company_id.id,
                "group_id": template.group_id.id,
                "information_flow": template.information_flow,
                "initiated_by": template.initiated_by,
                "channel": template.channel,
                "unit_cost": template.unit_cost,
                "unit_duration": template.unit_duration,
                "campaign_id": template.campaign_id.id,
            }
        )

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    def _compute_document_type_count(self):
        counts = dict(
            self.env["interaction.document.type"]
            .with_context(active_test=False)
            ._read_group(
                [("template_id", "in", self.ids)], ["template_id"], ["__count"]
            )
        )
        for template in self:
            template.document_type_count = counts.get(template, 0)

    @api.ondelete(at_uninstall=True)
    def _unlink_except_logged(self):
        # Also while uninstalling: refusing in Python lets Odoo skip the
        # record quietly instead of tripping over the foreign key of entries.
        entries = (
            self.env["interaction.log.entry"]
            .sudo()
            .search_count([("template_id", "in", self.ids)], limit=1)
        )
        if entries:
            raise UserError(
                self.env._(
                    "This interaction template has logged interactions and "
                    "cannot be deleted. Archive it instead: nothing more "
                    "will be logged under it."
                )
            )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used_in_setup(self):
        # Odoo refuses it too (the setup's company-dependent column is
        # ondelete="restrict"), but after this and in words that do not say
        # what to do: look in every company's setup and say it here.
        self.env.cr.execute(
            """
            SELECT 1 FROM interaction_document_type t,
                   jsonb_each_text(t.template_id) v
             WHERE v.value::int = ANY(%s)
             LIMIT 1
            """,
            [self.ids],
        )
        if self.env.cr.fetchone():
            raise UserError(
                self.env._(
                    "This interaction template is used in the Interaction "
                    "Template Setup. Choose another template there first, "
                    "or archive this one."
                )
            )

    @api.readonly
    def action_view_document_types(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Interaction Template Setup"),
            "res_model": "interaction.document.type",
            "view_mode": "list",
            "domain": [("template_id", "=", self.id)],
        }
