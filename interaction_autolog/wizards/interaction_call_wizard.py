from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import clean_context

from ..models.interaction_log_entry import EVALUATIONS

CALL_CODES = {"outgoing": "phone_call", "incoming": "phone_call_inbound"}


class InteractionCallWizard(models.TransientModel):
    """Log a phone call with a contact, started from the contact or a document.

    Odoo Community has no telephony: the number is shown as a ``tel:`` link
    the user clicks to dial with the computer's phone application, then
    describes the call here.
    """

    _name = "interaction.call.wizard"
    _description = "Log Phone Call"

    partner_id = fields.Many2one("res.partner", string="Contact", required=True)
    phone_number = fields.Char(
        string="Number",
        compute="_compute_phone_number",
        store=True,
        readonly=False,
        help="The contact's phone, else mobile number. Click it to dial.",
    )
    direction = fields.Selection(
        [("outgoing", "Outgoing"), ("incoming", "Incoming")],
        required=True,
        default="outgoing",
    )
    name = fields.Char(string="Description")
    attempt_failed = fields.Boolean(
        help="The call did not reach the contact (no answer, busy, voicemail)."
    )
    duration = fields.Float(
        help="In minutes; shown as hours:minutes. Type 1:30 or 90.",
        compute="_compute_duration",
        store=True,
        readonly=False,
    )
    evaluation = fields.Selection(EVALUATIONS)
    note = fields.Text()
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    res_model = fields.Char(string="Document Model")
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model")
    document_name = fields.Char(string="Regarding", compute="_compute_document_name")

    @api.depends("partner_id")
    def _compute_phone_number(self):
        for wizard in self:
            wizard.phone_number = wizard.partner_id.phone or wizard.partner_id.mobile

    @api.depends("direction", "company_id")
    def _compute_duration(self):
        DocType = self.env["interaction.document.type"]
        for wizard in self:
            doc_type = DocType._get_by_code(CALL_CODES[wizard.direction or "outgoing"])
            template = doc_type.with_company(wizard.company_id).template_id
            wizard.duration = template.sudo().unit_duration

    @api.depends("res_model", "res_id")
    def _compute_document_name(self):
        for wizard in self:
            record = wizard._get_record()
            wizard.document_name = (
                record.display_name if record and record._name != "res.partner" else ""
            )

    @api.constrains("duration")
    def _check_duration(self):
        for wizard in self:
            if wizard.duration < 0:
                raise ValidationError(
                    self.env._("The duration of a call cannot be negative.")
                )

    def _get_record(self):
        """The record the call was started from, if it still exists."""
        self.ensure_one()
        if self.res_model and self.res_id and self.res_model in self.env:
            return self.env[self.res_model].browse(self.res_id).exists()
        return None

    @api.model
    def _action_open(self, record):
        """Call wizard for the contact of ``record`` (a contact or a document)."""
        record.ensure_one()
        partners = (
            record._interaction_partners().get(record.id) or self.env["res.partner"]
        )
        # A meeting's attendees include colleagues: call a contact first.
        colleagues = self.env["interaction.log.entry"]._interaction_colleagues(partners)
        partner = (partners - colleagues)[:1] or partners[:1]
        if not partner:
            raise UserError(
                self.env._("%s has no contact to call.", record.display_name)
            )
        company = record._interaction_companies().get(record.id) or self.env.company
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Call %s", partner.display_name),
            "res_model": self._name,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {
                "default_partner_id": partner.id,
                "default_res_model": record._name,
                "default_res_id": record.id,
                "default_company_id": company.id,
            },
        }

    def action_log_call(self):
        self.ensure_one()
        # The dialog's default_* keys must not leak into the entry.
        wizard = self.with_context(clean_context(self.env.context))
        Entry = wizard.env["interaction.log.entry"]
        record = (
            Entry._manual_logging_document(self.res_model, self.res_id)
            or wizard.partner_id
        )
        Entry._check_manual_logging_access(record)
        overrides = {
            "duration": self.duration,
            "attempt_failed": self.attempt_failed,
            "evaluation": self.evaluation or False,
            "note": self.note or False,
            "contact_via": self.phone_number or False,
            # Typed in by the user: theirs to correct later, unlike a call
            # the engine logged from an activity or the telephony system.
            "is_automatic": False,
        }
        if self.name:
            overrides["name"] = self.name
        entries = Entry._log_interaction(
            record,
            CALL_CODES[self.direction],
            channel="phone",
            partners=self.partner_id,
            **overrides,
        )
        if not entries:
            # The user asked for an entry: say why there is none rather than
            # closing the dialog as if it had worked.
            raise UserError(
                self.env._(
                    "The call was not logged: no active interaction template is "
                    "set for phone calls in the Interaction Template Setup of "
                    "%(company)s, or %(contact)s is a colleague, not a contact.",
                    company=self.company_id.name,
                    contact=self.partner_id.display_name,
                )
            )
        return entries._action_logged()
