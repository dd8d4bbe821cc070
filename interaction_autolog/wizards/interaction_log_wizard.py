from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.interaction_log_entry import CHANNELS, EVALUATIONS


class InteractionLogWizard(models.TransientModel):
    """Log an interaction by hand, for one contact or a whole selection."""

    _name = "interaction.log.wizard"
    _description = "Log Interaction"
    _check_company_auto = True

    partner_ids = fields.Many2many("res.partner", string="Contacts", required=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    template_id = fields.Many2one(
        "interaction.template",
        string="Interaction Template",
        required=True,
        check_company=True,
        domain="[('company_id', 'in', [company_id, False])]",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now)
    name = fields.Char(
        string="Description",
        compute="_compute_from_template",
        store=True,
        readonly=False,
        required=True,
    )
    channel = fields.Selection(
        CHANNELS,
        compute="_compute_channel",
        store=True,
        readonly=False,
        required=True,
    )
    cost = fields.Monetary(compute="_compute_from_template", store=True, readonly=False)
    duration = fields.Float(
        help="In minutes; shown as hours:minutes. Type 1:30 or 90.",
        compute="_compute_from_template",
        store=True,
        readonly=False,
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    attempt_failed = fields.Boolean()
    evaluation = fields.Selection(EVALUATIONS)
    subject = fields.Char()
    note = fields.Text()
    res_model = fields.Char()
    res_id = fields.Integer()
    campaign_id = fields.Many2one(
        "utm.campaign",
        compute="_compute_campaign_id",
        store=True,
        readonly=False,
        help="The document's campaign, else the template's.",
    )

    @api.depends("template_id")
    def _compute_from_template(self):
        for wizard in self:
            template = wizard.template_id
            wizard.name = template.name or wizard.name
            wizard.cost = template.unit_cost
            wizard.duration = template.unit_duration

    @api.depends("template_id")
    def _compute_channel(self):
        # A meeting is logged as a meeting, a letter as paper: the template
        # says how, the user may still pick another channel.
        for wizard in self:
            wizard.channel = wizard.template_id.channel or "other"

    @api.depends("template_id", "res_model", "res_id")
    def _compute_campaign_id(self):
        for wizard in self:
            campaign = False
            if wizard.res_model in self.env and wizard.res_id:
                record = self.env[wizard.res_model].browse(wizard.res_id).exists()
                campaign = record._interaction_campaigns().get(record.id)
            wizard.campaign_id = campaign or wizard.template_id.campaign_id

    @api.constrains("cost", "duration")
    def _check_cost_duration(self):
        for wizard in self:
            if wizard.cost < 0 or wizard.duration < 0:
                raise ValidationError(
                    self.env._(
                        "The cost and duration of an interaction cannot be negative."
                    )
                )

    def action_log(self):
        self.ensure_one()
        if not self.template_id.active:
            raise UserError(
                self.env._(
                    "The interaction template %s is archived.",
                    self.template_id.display_name,
                )
            )
        Entry = self.env["interaction.log.entry"].with_company(self.company_id)
        # The line in the chatter goes on the document, else on each contact.
        document = Entry._manual_logging_document(self.res_model, self.res_id)
        Entry._check_manual_logging_access(document or self.partner_ids)
        # Through the engine, under the template the user picked rather than
        # the setup's, with what they typed in: no document type, no
        # version, theirs to correct later (not automatic).
        overrides = {
            "date": self.date,
            "name": self.name,
            "cost": self.cost,
            "duration": self.duration,
            "attempt_failed": self.attempt_failed,
            "evaluation": self.evaluation or False,
            "subject": self.subject or False,
            "note": self.note or False,
            "campaign_id": self.campaign_id.id,
            "is_automatic": False,
        }
        if document:
            records, partners = document, self.partner_ids
        else:
            # About the contacts themselves, not a document of theirs.
            records, partners = self.partner_ids, None
            overrides.update(res_model=False, res_id=False, document_name=False)
        entries = Entry._log_matched(
            {self.env["interaction.document.type"]: records},
            channel=self.channel,
            partners=partners,
            template=self.template_id,
            **overrides,
        )
        if not entries:
            raise UserError(
                self.env._(
                    "Nothing was logged: %(contacts)s are colleagues, or "
                    "contacts of another company than %(company)s.",
                    contacts=", ".join(self.partner_ids.mapped("display_name")),
                    company=self.company_id.name,
                )
            )
        return entries._action_logged()
