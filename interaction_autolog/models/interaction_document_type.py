import logging
from types import MappingProxyType

import psycopg2

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from ..context import EMAIL_TYPE_KEY, EmailDocumentType

_logger = logging.getLogger(__name__)

TRIGGER_CHANNEL = {
    "print": "paper",
    "email": "email",
    "call": "phone",
    "meeting": "meeting",
    "sms": "sms",
    "portal": "online",
    "create": "other",
    "done": "other",
}
# Fields an administrator owns: shipped with the type, then theirs. An
# upgrade brings them up to date unless the administrator changed them; the
# lists of reports and email templates are merged (see
# interaction.customized.mixin). The other shipped fields (code, model,
# trigger, category, direction, log_once, the default template) say what the
# type is: they follow the code, read-only in the form.
ADMIN_FIELDS = (
    "name",
    "description",
    "domain",
    "report_ids",
    "mail_template_ids",
    "log_emails",
    "sequence",
)


class InteractionDocumentType(models.Model):
    """One loggable action, e.g. "a quotation is printed or emailed".

    Shipped as data by the addon that owns the action. The company-dependent
    ``template_id`` column is the Interaction Template Setup: each company
    picks the template its entries are logged under, or leaves it blank to
    log nothing.
    """

    _name = "interaction.document.type"
    _inherit = ["interaction.customized.mixin"]
    _description = "Interaction Document Type"
    _order = "category, sequence, id"
    _customizable_fields = ADMIN_FIELDS

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
        group_expand="_group_expand_category",
        readonly=True,
    )
    model = fields.Char(
        required=True,
        readonly=True,
        help="Technical name of the model whose records this type logs.",
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
        readonly=True,
        help="What the business does that gets logged. Printable documents "
        "are logged both when printed and when sent by email.",
    )
    direction = fields.Selection(
        [("outbound", "Outbound, by us"), ("inbound", "Inbound, by the contact")],
        help="Who reached whom is a fact of the action: an email received or "
        "a call taken is inbound and initiated by the contact, a document "
        "sent outbound and initiated by us, whatever the template says. "
        "Empty: the template decides.",
    )
    log_once = fields.Boolean(
        string="First Time Only",
        readonly=True,
        help="Each document is logged under this type once, the first time "
        "it happens (e.g. the first time a customer opens a quotation online).",
    )
    report_ids = fields.Many2many(
        "ir.actions.report",
        string="Reports",
        domain="[('model', '=', model)]",
        help="Printing any of these reports counts as printing the document.",
    )
    mail_template_ids = fields.Many2many(
        "mail.template",
        string="Email Templates",
        help="An email sent with any of these templates is logged as this "
        "document type, whatever document it is sent from.",
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
    log_status = fields.Selection(
        [("logged", "Logged"), ("not_logged", "Not Logged")],
        compute="_compute_is_logged",
        string="Status",
        help="Whether the current company logs this action: a template is set.",
    )
    interaction_count = fields.Integer(
        compute="_compute_interaction_count",
        string="Interactions",
        help="Interactions logged under this document type in your companies "
        "(canceled ones excluded).",
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

    @api.model
    def _group_expand_category(self, values, domain):
        # The setup shows its categories in business order (sales first, as
        # declared), not alphabetically; only those that have lines.
        order = [key for key, _label in self._fields["category"].selection]
        return sorted(
            values,
            key=lambda value: order.index(value) if value in order else len(order),
        )

    @api.depends_context("company")
    @api.depends("template_id")
    def _compute_is_logged(self):
        for doc_type in self:
            doc_type.is_logged = bool(doc_type.template_id.active)
            doc_type.log_status = "logged" if doc_type.is_logged else "not_logged"

    @api.depends_context("allowed_company_ids")
    def _compute_interaction_count(self):
        stats = self.env["interaction.log.entry"]._statistics_by(
            "document_type_id",
            self.ids,
            extra_domain=[("company_id", "in", self.env.companies.ids)],
        )
        for doc_type in self:
            doc_type.interaction_count = stats.get(doc_type.id, (0,))[0]

    def _search_is_logged(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise ValidationError(self.env._("Unsupported search on 'Logged'."))
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
                    self.env._(
                        "The domain of document type %(name)s is not valid: %(error)s",
                        name=doc_type.name,
                        error=error,
                    )
                ) from error

    def _parsed_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"uid": self.env.uid})

    def _logging_facts(self):
        """What the engine reads of this type to log under it (read-only,
        cached: every print and email asks, a type rarely changes)."""
        self.ensure_one()
        return self._logging_facts_of(self.id, self.env.lang)

    @tools.ormcache("type_id", "lang")
    def _logging_facts_of(self, type_id, lang):
        doc_type = self.sudo().with_context(lang=lang, active_test=False)
        doc_type = doc_type.browse(type_id)
        return MappingProxyType(
            {
                "code": doc_type.code,
                "name": doc_type.name,
                "model": doc_type.model,
                "trigger": doc_type.trigger,
                "direction": doc_type.direction,
                "domain": doc_type.domain,
                "log_once": doc_type.log_once,
                "active": doc_type.active,
            }
        )

    def _update_field_translations(self, field_name, translations, *args, **kwargs):
        # A name translated in the dialog is not a write: the cached facts
        # must follow it all the same.
        result = super()._update_field_translations(
            field_name, translations, *args, **kwargs
        )
        self.env.registry.clear_cache()
        return result

    def _filter_records(self, records):
        """The ``records`` this type covers, or None when its domain cannot
        be evaluated.

        The domain was valid when it was saved, but a field it names may be
        gone since (a custom field removed, an addon uninstalled). That is
        the administrator's to fix and must not fail the user's print or
        email: say it in the server log and log nothing under this type.
        """
        self.ensure_one()
        try:
            domain = safe_eval(
                self._logging_facts()["domain"] or "[]", {"uid": self.env.uid}
            )
            if not domain:
                return records
            return records.with_context(active_test=False).filtered_domain(domain)
        except psycopg2.Error:
            raise
        except Exception as error:  # any evaluation error: see above
            _logger.warning(
                "Document type %s (%s): its domain %s cannot be evaluated on %s "
                "(%s: %s). Nothing is logged under it until an administrator "
                "corrects it.",
                self.code,
                self.name,
                self.domain,
                records._name,
                type(error).__name__,
                error,
            )
            return None

    # ------------------------------------------------------------------
    # Lookups
    # ------------------------------------------------------------------

    @api.model
    def _email_type_context(self, code):
        """Context values making the emails sent with them logged as
        ``code`` (see EmailDocumentType)."""
        return {EMAIL_TYPE_KEY: EmailDocumentType(code)}

    @api.model
    def _email_type_from_context(self):
        """The code server code chose for the emails sent in this context;
        None when it chose none (whatever a client put under the key)."""
        choice = self.env.context.get(EMAIL_TYPE_KEY)
        return choice.code if isinstance(choice, EmailDocumentType) else None

    @api.model
    def _get_by_code(self, code):
        """The active document type ``code`` (sudo), empty if there is none."""
        return self.sudo().browse(self._active_id_by_code(code))

    @api.model
    def _not_logged_yet(self, records):
        """``records`` that have no entry of this type yet (``log_once``)."""
        self.ensure_one()
        logged = (
            self.env["interaction.log.entry"]
            .sudo()
            .search(
                [
                    ("res_model", "=", records._name),
                    ("res_id", "in", records.ids),
                    ("document_type_id", "=", self.id),
                ]
            )
        )
        return records - records.browse(logged.mapped("res_id"))

    def _match_records(self, records, trigger=None, report=None, email=False):
        """Split ``records`` by the document type that covers each of them.

        Candidates are the active types of the records' model (restricted to
        a trigger and/or a report when given), tried in sequence order; each
        record goes to the first type whose domain it satisfies. One search
        per candidate type, whatever the number of records.

        A type whose domain cannot be evaluated gets the records not matched
        before it as an empty recordset: they are logged under no type, and
        callers do not fall back to another type (e.g. a plain email).
        """
        if not records:
            return {}
        candidates = self.sudo().browse(
            self._candidate_ids(
                records._name,
                trigger or None,
                report.id if report else None,
                bool(email),
            )
        )
        result = {}
        remaining = records
        for doc_type in candidates:
            if not remaining:
                break
            matched = doc_type._filter_records(remaining)
            if matched is None:
                # What it would have covered cannot be told apart from what
                # the next types cover: the configuration costs the entries.
                result[doc_type] = records.browse()
                break
            if matched:
                result[doc_type] = records.browse(matched.ids)
                remaining -= matched
        return result

    # ------------------------------------------------------------------
    # Cached lookups: every print and email asks them, the setup rarely
    # changes. Any create, write or unlink of a type clears them (in every
    # worker, through the registry's cache signaling).
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        doc_types = super().create(vals_list)
        self.env.registry.clear_cache()
        return doc_types

    def write(self, vals):
        result = super().write(vals)
        self.env.registry.clear_cache()
        return result

    def unlink(self):
        result = super().unlink()
        self.env.registry.clear_cache()
        return result

    @api.model
    @tools.ormcache("code")
    def _active_id_by_code(self, code):
        active = self.sudo().with_context(active_test=True)
        return active.search([("code", "=", code)], limit=1).id

    @api.model
    def _get_by_mail_template(self, template):
        """The active type listing the mail template ``template`` (the first
        in sequence order), or no type."""
        if not template:
            return self.browse()
        return self.browse(self._id_by_mail_template(template.id))

    @api.model
    @tools.ormcache("template_id")
    def _id_by_mail_template(self, template_id):
        active = self.sudo().with_context(active_test=True)
        return active.search(
            [("mail_template_ids", "in", [template_id])], order="sequence, id", limit=1
        ).id

    @api.model
    @tools.ormcache("model", "trigger", "report_id", "email")
    def _candidate_ids(self, model, trigger=None, report_id=None, email=False):
        """Ids of the active types that may cover a record of ``model``, in
        the order ``_match_records`` tries them."""
        domain = [("model", "=", model)]
        if trigger:
            domain.append(("trigger", "=", trigger))
        if report_id:
            domain.append(("report_ids", "in", [report_id]))
        if email:
            # What the business sends by email: its printable documents and
            # the types that are emails by nature.
            domain += [("trigger", "in", ("print", "email")), ("log_emails", "=", True)]
        active = self.sudo().with_context(active_test=True)
        return tuple(active.search(domain, order="sequence, id").ids)

    def _template_for(self, company):
        """The template this type logs under in ``company`` (sudo), the
        Interaction Template Setup's cell."""
        self.ensure_one()
        return (
            self.env["interaction.template"]
            .sudo()
            .browse(self._template_id_for(company.id))
        )

    @tools.ormcache("self.id", "company_id")
    def _template_id_for(self, company_id):
        return self.sudo().with_company(company_id).template_id.id

    @api.model
    def _logging_enabled(self, company=None):
        """Whether anything can be logged at all (in ``company``, when
        given): some active type has an active template in the Interaction
        Template Setup. Answered from memory, so that the mail and print
        hooks cost no query while the setup is blank."""
        company_ids = self._logging_company_ids()
        return company.id in company_ids if company else bool(company_ids)

    @api.model
    @tools.ormcache()
    def _logging_company_ids(self):
        """Ids of the companies whose setup logs at least one type (cached:
        cleared by any change of a type or a template)."""
        doc_types = self.sudo().with_context(active_test=True).search([])
        return frozenset(
            company.id
            for company in self.env["res.company"].sudo().search([])
            if doc_types.with_company(company).filtered(lambda t: t.template_id.active)
        )

    @api.model
    @tools.ormcache()
    def _logged_reports(self):
        """``{report name: (report id, model)}`` of the reports whose print is
        logged: listed on an active type that has a template in at least one
        company. Printing any other report writes nothing, so it is served
        on a read-only cursor. (Cached: do not modify the result.)"""
        doc_types = (
            self.sudo()
            .with_context(active_test=True)
            .search([("report_ids", "!=", False)])
        )
        logged = doc_types.browse()
        # One read of the setup per company, for all the types at once.
        for company in self.env["res.company"].sudo().search([]):
            remaining = doc_types - logged
            if not remaining:
                break
            logged |= remaining.with_company(company).filtered("template_id")
        return MappingProxyType(
            {
                report.report_name: (report.id, report.model)
                for report in logged.report_ids
            }
        )

    @api.model
    def _apply_default_setup(self, companies=None, blank=False):
        """Give every company the default template of each document type.

        Runs after each addon's data is loaded and when a company is created.
        A company is filled in once per document type, so an administrator's
        choice (including a blank one) survives upgrades. With ``blank`` the
        companies are filled in with no template: set up, logging nothing.
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
                if blank or (template.company_id and template.company_id != company):
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
                self.env._(
                    "Interactions were logged under this document type; it "
                    "cannot be deleted."
                )
            )

    @api.readonly
    def action_view_entries(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("document_type_id", "=", self.id)], name=self.name
        )

    def _channel_for_trigger(self):
        self.ensure_one()
        return TRIGGER_CHANNEL.get(self._logging_facts()["trigger"], "other")
