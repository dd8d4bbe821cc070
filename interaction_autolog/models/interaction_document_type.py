import logging

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

TRIGGER_CHANNEL = {
    "print": "paper",
    "email": "email",
    "call": "phone",
    "meeting": "meeting",
    "sms": "sms",
    "portal": "other",
    "create": "other",
    "done": "other",
}


class InteractionDocumentType(models.Model):
    """One loggable action, e.g. "a quotation is printed or emailed".

    Shipped as data by the addon that owns the action. The company-dependent
    ``template_id`` column is the Interaction Template Setup: each company
    picks the template its entries are logged under, or leaves it blank to
    log nothing.
    """

    _name = "interaction.document.type"
    _description = "Interaction Document Type"
    _order = "category, sequence, id"

    code = fields.Char(required=True, index=True, readonly=True)
    name = fields.Char(required=True, translate=True)
    category = fields.Selection(
        [
            ("sales", "Sales"),
            ("purchases", "Purchases"),
            ("service", "Service"),
            ("communication", "Communication"),
            ("other", "Other"),
        ],
        required=True,
        default="other",
    )
    model = fields.Char(
        required=True,
        help="Technical name of the model whose records this type logs.",
    )
    model_id = fields.Many2one(
        "ir.model", compute="_compute_model_id", string="Document Model"
    )
    trigger = fields.Selection(
        [
            ("print", "Print or email"),
            ("email", "Email"),
            ("create", "Creation"),
            ("done", "Completion"),
            ("call", "Phone call"),
            ("meeting", "Meeting invitation"),
            ("sms", "Text message"),
            ("portal", "Customer portal"),
        ],
        required=True,
        help="What the business does that gets logged. Printable documents "
        "are logged both when printed and when sent by email.",
    )
    report_ids = fields.Many2many(
        "ir.actions.report",
        string="Reports",
        domain="[('model', '=', model)]",
        help="Printing any of these reports counts as printing the document.",
    )
    domain = fields.Char(
        default="[]",
        help="Which records of the model this type covers, e.g. quotations "
        "but not confirmed orders. Each record is logged under the first "
        "matching type, in sequence order.",
    )
    template_id = fields.Many2one(
        "interaction.template",
        string="Interaction Template",
        company_dependent=True,
        check_company=True,
        ondelete="restrict",
        help="Template the entries of this document type are logged under in "
        "the current company. Leave it empty to log nothing.",
    )
    default_template_id = fields.Many2one(
        "interaction.template",
        ondelete="set null",
        help="Template a company starts with when the setup is first filled in for it.",
    )
    setup_company_ids = fields.Many2many(
        "res.company",
        string="Companies set up",
        help="Companies whose setup was already filled in with the default "
        "template; an administrator's later choice, even a blank one, is "
        "never overwritten.",
    )
    is_logged = fields.Boolean(
        compute="_compute_is_logged",
        search="_search_is_logged",
        string="Logged",
        help="A template is set for the current company.",
    )
    log_emails = fields.Boolean(
        default=True,
        help="Emails sent from a record this type covers are logged under "
        "this type (e.g. a quotation sent by email) rather than as a plain "
        "email.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    archived_by_uninstall = fields.Boolean(
        readonly=True,
        help="Archived because the addon that ships it was uninstalled; "
        "installing the addon again brings it back.",
    )
    description = fields.Text(translate=True)

    _sql_constraints = [
        ("code_uniq", "unique (code)", "A document type with this code exists."),
    ]

    @api.depends("model")
    def _compute_model_id(self):
        for doc_type in self:
            doc_type.model_id = self.env["ir.model"]._get(doc_type.model)

    @api.depends_context("company")
    @api.depends("template_id")
    def _compute_is_logged(self):
        for doc_type in self:
            doc_type.is_logged = bool(doc_type.template_id.active)

    def _search_is_logged(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(_("Unsupported search on 'Logged'."))
        positive = (operator == "=") == value
        templates = self.env["interaction.template"].search([])
        return [("template_id", "in" if positive else "not in", templates.ids)]

    @api.constrains("model", "domain")
    def _check_domain(self):
        for doc_type in self:
            if doc_type.model not in self.env:
                # The owning addon may be uninstalled later; only check what
                # can be checked.
                continue
            try:
                self.env[doc_type.model].search_count(
                    doc_type._parsed_domain(), limit=1
                )
            except Exception as error:
                raise ValidationError(
                    _(
                        "The domain of document type %(name)s is not valid: %(error)s",
                        name=doc_type.name,
                        error=error,
                    )
                ) from error

    def _parsed_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"uid": self.env.uid})

    @api.model
    def _get_by_code(self, code):
        return self.sudo().search([("code", "=", code)], limit=1)

    @api.model
    def _match_records(self, records, trigger=None, report=None, email=False):
        """Split ``records`` by the document type that covers each of them.

        Candidates are the active types of the records' model (restricted to
        a trigger and/or a report when given), tried in sequence order; each
        record goes to the first type whose domain it satisfies. One search
        per candidate type, whatever the number of records.
        """
        if not records:
            return {}
        domain = [("model", "=", records._name)]
        if trigger:
            domain.append(("trigger", "=", trigger))
        if email:
            # What the business sends by email: its printable documents and
            # the types that are emails by nature.
            domain += [("trigger", "in", ("print", "email")), ("log_emails", "=", True)]
        candidates = self.sudo().search(domain, order="sequence, id")
        if report:
            candidates = candidates.filtered(lambda t: report in t.report_ids)
        result = {}
        remaining = records
        for doc_type in candidates:
            if not remaining:
                break
            domain = doc_type._parsed_domain()
            matched = (
                remaining.with_context(active_test=False).filtered_domain(domain)
                if domain
                else remaining
            )
            if matched:
                result[doc_type] = records.browse(matched.ids)
                remaining -= matched
        return result

    @api.model
    def _apply_default_setup(self, companies=None):
        """Give every company the default template of each document type.

        Runs after each addon's data is loaded and when a company is created.
        A company is filled in once per document type, so an administrator's
        choice (including a blank one) survives upgrades.
        """
        self._restore_module_types()
        companies = companies or self.env["res.company"].sudo().search([])
        doc_types = self.sudo().with_context(active_test=False).search([])
        for doc_type in doc_types:
            todo = companies - doc_type.setup_company_ids
            if not todo:
                continue
            for company in todo:
                template = doc_type.default_template_id
                if template.company_id and template.company_id != company:
                    template = template.browse()
                doc_type.with_company(company).template_id = template
            doc_type.setup_company_ids |= todo

    @api.model
    def _module_types(self, modules):
        data = (
            self.env["ir.model.data"]
            .sudo()
            .search([("model", "=", self._name), ("module", "in", list(modules))])
        )
        return (
            self.sudo()
            .with_context(active_test=False)
            .browse(data.mapped("res_id"))
            .exists()
        )

    @api.model
    def _archive_module_types(self, modules):
        """Stop logging the document types of addons being uninstalled."""
        self._module_types(modules).filtered("active").write(
            {"active": False, "archived_by_uninstall": True}
        )

    @api.model
    def _restore_module_types(self):
        """Bring back the types of an addon installed again."""
        archived = (
            self.sudo()
            .with_context(active_test=False)
            .search([("archived_by_uninstall", "=", True)])
        )
        if not archived:
            return
        installed = (
            self.env["ir.module.module"]
            .sudo()
            .search([("state", "in", ("installed", "to install", "to upgrade"))])
        )
        archived &= self._module_types(installed.mapped("name"))
        archived.write({"active": True, "archived_by_uninstall": False})

    @api.ondelete(at_uninstall=True)
    def _unlink_except_logged(self):
        # Also while uninstalling: refusing in Python lets Odoo skip the
        # record quietly instead of tripping over the foreign key of entries.
        if (
            self.env["interaction.log.entry"]
            .sudo()
            .search_count([("document_type_id", "in", self.ids)], limit=1)
        ):
            raise UserError(
                _(
                    "Interactions were logged under this document type; it "
                    "cannot be deleted."
                )
            )

    def action_open_template(self):
        self.ensure_one()
        if not self.template_id:
            return False
        return {
            "type": "ir.actions.act_window",
            "res_model": "interaction.template",
            "res_id": self.template_id.id,
            "view_mode": "form",
        }

    def action_view_entries(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("document_type_id", "=", self.id)], name=self.name
        )

    def _channel_for_trigger(self):
        self.ensure_one()
        return TRIGGER_CHANNEL.get(self.trigger, "other")
