import logging

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

_logger = logging.getLogger(__name__)

EVALUATIONS = [
    ("very_positive", "Very Positive"),
    ("positive", "Positive"),
    ("neutral", "Neutral"),
    ("negative", "Negative"),
    ("very_negative", "Very Negative"),
]
CHANNELS = [
    ("paper", "Paper"),
    ("email", "Email"),
    ("phone", "Phone"),
    ("meeting", "Meeting"),
    ("other", "Other"),
]
# Fields only the engine or a manager may change: they say what happened.
MANAGER_ONLY_FIELDS = {"canceled"}


class InteractionLogEntry(models.Model):
    _name = "interaction.log.entry"
    _description = "Interaction Log Entry"
    _order = "date desc, id desc"
    _rec_name = "name"
    _check_company_auto = True

    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        index=True,
        ondelete="restrict",
    )
    commercial_partner_id = fields.Many2one(
        "res.partner",
        string="Company Contact",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    name = fields.Char(string="Description", required=True)
    template_id = fields.Many2one(
        "interaction.template",
        string="Interaction Template",
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    group_id = fields.Many2one(
        "interaction.group",
        string="Interaction Group",
        related="template_id.group_id",
        store=True,
        index=True,
    )
    document_type_id = fields.Many2one(
        "interaction.document.type",
        ondelete="restrict",
        index=True,
    )
    information_flow = fields.Selection(
        [("outbound", "Outbound"), ("inbound", "Inbound")], default="outbound"
    )
    initiated_by = fields.Selection([("us", "Us"), ("them", "Them")], default="us")
    channel = fields.Selection(CHANNELS, default="other", required=True)
    cost = fields.Monetary(currency_field="currency_id")
    duration = fields.Float(string="Duration (min)")
    currency_id = fields.Many2one("res.currency", related="company_id.currency_id")
    user_id = fields.Many2one(
        "res.users", default=lambda self: self.env.user, index=True
    )
    salesperson_id = fields.Many2one("res.users")
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
    )
    res_model = fields.Char(string="Document Model", index=True)
    res_id = fields.Many2oneReference(
        string="Document ID", model_field="res_model", index=True
    )
    document_name = fields.Char(string="Document")
    campaign_id = fields.Many2one(
        "utm.campaign",
        ondelete="set null",
        index="btree_not_null",
        help="The document's campaign, else the template's.",
    )
    document_version = fields.Integer(
        string="Version",
        default=1,
        help="1 the first time this document was logged under this document "
        "type, then 2, 3 …",
    )
    attempt_failed = fields.Boolean()
    evaluation = fields.Selection(EVALUATIONS)
    canceled = fields.Boolean(index=True)
    subject = fields.Char()
    contact_via = fields.Char(help="Email address or phone number used.")
    delivery_status = fields.Selection(
        [("queued", "Queued"), ("sent", "Sent"), ("failed", "Failed")],
        help="For emails: follows the message from Odoo's queue to the mail server.",
    )
    mail_message_id = fields.Many2one(
        "mail.message", string="Email", ondelete="set null", index="btree_not_null"
    )
    is_automatic = fields.Boolean(
        string="Logged Automatically", readonly=True, default=False
    )
    note = fields.Text()
    external_call_id = fields.Char(
        string="Call ID",
        size=128,
        readonly=True,
        copy=False,
        help="Identifier the telephony system gave the call: the same call "
        "sent again is not logged twice.",
    )

    _sql_constraints = [
        (
            "cost_positive",
            "CHECK (cost >= 0)",
            "The cost of an interaction cannot be negative.",
        ),
        (
            "duration_positive",
            "CHECK (duration >= 0)",
            "The duration of an interaction cannot be negative.",
        ),
    ]

    def init(self):
        # An email is logged once per contact, whatever re-enters the
        # notification process.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS interaction_log_entry_message_partner_uniq
                ON interaction_log_entry (mail_message_id, partner_id)
             WHERE mail_message_id IS NOT NULL
            """
        )
        # A call from the telephony webhook is logged once per company, even
        # when two deliveries of it race each other.
        self.env.cr.execute(
            """
            CREATE UNIQUE INDEX IF NOT EXISTS interaction_log_entry_external_call_uniq
                ON interaction_log_entry (company_id, external_call_id)
             WHERE external_call_id IS NOT NULL
            """
        )
        # The Interactions list opens on non-canceled entries, newest first:
        # read in index order, without sorting the entries logged in one batch
        # (same date) by id. The predicate is the SQL of ("canceled", "=", False).
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS interaction_log_entry_recent_idx
                ON interaction_log_entry (date DESC, id DESC)
             WHERE canceled IS NULL OR canceled = FALSE
            """
        )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------

    @api.constrains("cost", "duration")
    def _check_cost_duration(self):
        for entry in self:
            if entry.cost < 0:
                raise ValidationError(
                    _("The cost of an interaction cannot be negative.")
                )
            if entry.duration < 0:
                raise ValidationError(
                    _("The duration of an interaction cannot be negative.")
                )

    @api.model
    def _check_selection_values(self, vals_list):
        # The ORM rejects an unknown selection key with a bare ValueError;
        # say in words which value is wrong and what is allowed.
        for vals in vals_list:
            for fname in ("evaluation", "channel", "delivery_status"):
                value = vals.get(fname)
                if not value:
                    continue
                allowed = [key for key, _label in self._fields[fname].selection]
                if value not in allowed:
                    labels = dict(self._fields[fname]._description_selection(self.env))
                    raise ValidationError(
                        _(
                            "%(value)s is not a valid %(field)s. "
                            "Choose one of: %(allowed)s.",
                            value=value,
                            field=self._fields[fname]._description_string(self.env),
                            allowed=", ".join(labels[key] for key in allowed),
                        )
                    )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_selection_values(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_selection_values([vals])
        if MANAGER_ONLY_FIELDS & set(vals) and not self.env.su:
            self._check_manager()
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_only_canceled(self):
        if self.env.su and self.env.context.get("interaction_erasure"):
            return
        self._check_manager()
        if any(not entry.canceled for entry in self):
            raise UserError(
                _(
                    "Interaction log entries are an audit trail and cannot be "
                    "deleted. Cancel the entry first; only canceled entries "
                    "can be deleted."
                )
            )

    def _check_manager(self):
        if not self.env.user.has_group("interaction_autolog.group_interaction_manager"):
            raise AccessError(
                _("Only an Interactions Administrator can cancel or delete entries.")
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_cancel(self):
        self._check_manager()
        self.filtered(lambda e: not e.canceled).write({"canceled": True})
        return True

    def action_restore(self):
        self._check_manager()
        self.filtered("canceled").write({"canceled": False})
        return True

    def action_open_document(self):
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            raise UserError(_("This interaction is not linked to a document."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(
                _("The document %s no longer exists.", self.document_name or "")
            )
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
            "views": [(False, "form")],
        }

    @api.model
    def _action_open_entries(self, domain, name=None, context=None):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "interaction_autolog.action_interaction_log_entry"
        )
        action["domain"] = domain
        # Same default as the menu: canceled entries count nowhere, so the
        # list behind a count must not show them either (a filter away).
        action["context"] = dict(context or {}, search_default_not_canceled=1)
        if name:
            action["display_name"] = _("Interactions: %s", name)
        return action

    # ------------------------------------------------------------------
    # Statistics
    # ------------------------------------------------------------------

    @api.model
    def _statistics_by(self, fname, ids, extra_domain=None):
        """Count, cost and duration of non-canceled entries per ``fname``."""
        if not ids:
            return {}
        domain = [(fname, "in", list(ids)), ("canceled", "=", False)]
        domain += extra_domain or []
        groups = self.sudo()._read_group(
            domain, [fname], ["__count", "cost:sum", "duration:sum"]
        )
        return {
            record.id: (count, cost or 0.0, duration or 0.0)
            for record, count, cost, duration in groups
        }

    # ------------------------------------------------------------------
    # The logging API
    # ------------------------------------------------------------------

    @api.model
    def _log_interaction(
        self,
        records,
        code,
        channel=None,
        partners=None,
        partner_values=None,
        **overrides,
    ):
        """Log one entry per contact of each of ``records`` under ``code``.

        :param records: the documents (or contacts) the business talked about
        :param code: ``interaction.document.type`` code, e.g. ``sale_quote``
        :param channel: ``paper``, ``email`` …; defaults from the trigger
        :param partners: contacts to log against instead of each record's own:
            a ``res.partner`` recordset for every record, or a dict
            ``{record_id: partners}``
        :param partner_values: ``{partner_id: {field: value}}`` per contact,
            e.g. the address an email went to
        :param overrides: field values for every entry (name, subject, note …)
        :return: the created entries, empty when nothing is configured

        Never raises for configuration reasons; database errors propagate so
        that the entries commit or roll back with the action.
        """
        doc_type = self.env["interaction.document.type"]._get_by_code(code)
        if not doc_type or not doc_type.active:
            _logger.debug("Interaction %s not logged: unknown or inactive type", code)
            return self.sudo().browse()
        return self._log_matched(
            {doc_type: records},
            channel=channel,
            partners=partners,
            partner_values=partner_values,
            **overrides,
        )

    @api.model
    def _log_matched(
        self, matched, channel=None, partners=None, partner_values=None, **overrides
    ):
        """Log ``{document type: records}`` in one ``create``.

        The engine's single way in: prints, emails and the API all end here.
        """
        Entry = self.sudo()
        vals_list = []
        for doc_type, records in matched.items():
            records = records.exists() if records else records
            if not records or not doc_type.active:
                continue
            vals_list += self._prepare_log_values(
                records, doc_type, channel, partners, partner_values or {}, overrides
            )
        if not vals_list:
            return Entry.browse()
        return Entry.create(vals_list)

    @api.model
    def _prepare_log_values(
        self, records, doc_type, channel, partners, partner_values, overrides
    ):
        # Everything below is batched per company / per model so that the
        # number of queries does not grow with the number of records.
        channel = channel or doc_type._channel_for_trigger()
        companies = records._interaction_companies()
        templates = {}
        for company in set(companies.values()):
            template = doc_type.with_company(company).template_id
            if not template or not template.active:
                _logger.debug(
                    "Interaction %s not logged for %s: no active template",
                    doc_type.code,
                    company.name,
                )
                continue
            if template.company_id and template.company_id != company:
                _logger.debug(
                    "Interaction %s not logged for %s: template of another company",
                    doc_type.code,
                    company.name,
                )
                continue
            templates[company] = template
        if not templates:
            return []

        if partners is None:
            partners_by_record = records._interaction_partners()
        elif isinstance(partners, dict):
            partners_by_record = partners
        else:
            partners_by_record = {record.id: partners for record in records}
        all_partners = self.env["res.partner"].union(*partners_by_record.values())
        internal = self._internal_partners(all_partners)
        # One read for every contact: the loop below works on per-record
        # recordsets, which would not prefetch together.
        all_partners.fetch(["commercial_partner_id"])
        versions = self._next_versions(records, doc_type)
        salespeople = records._interaction_salespeople()
        campaigns = records._interaction_campaigns()
        user = self.env.user
        now = fields.Datetime.now()
        vals_list = []
        for record in records:
            company = companies[record.id]
            template = templates.get(company)
            if not template:
                continue
            record_partners = (
                partners_by_record.get(record.id) or self.env["res.partner"]
            ) - internal
            if not record_partners:
                _logger.debug(
                    "Interaction %s not logged for %s: no contact",
                    doc_type.code,
                    record,
                )
                continue
            document_name = record.display_name
            for partner in record_partners:
                vals = {
                    "partner_id": partner.id,
                    # Given rather than computed: the ORM would build a
                    # record in memory per entry to precompute them.
                    "commercial_partner_id": partner.commercial_partner_id.id,
                    "group_id": template.group_id.id,
                    "date": now,
                    "name": doc_type.name,
                    "template_id": template.id,
                    "document_type_id": doc_type.id,
                    "information_flow": template.information_flow,
                    "initiated_by": template.initiated_by,
                    "channel": channel,
                    "cost": template.unit_cost,
                    "duration": template.unit_duration,
                    "user_id": user.id,
                    "salesperson_id": salespeople.get(record.id, False),
                    "company_id": company.id,
                    "res_model": record._name,
                    "res_id": record.id,
                    "document_name": document_name,
                    "document_version": versions.get(record.id, 1),
                    "campaign_id": campaigns.get(record.id) or template.campaign_id.id,
                    "is_automatic": True,
                }
                vals.update(overrides)
                vals.update(partner_values.get(partner.id, {}))
                vals_list.append(vals)
        return vals_list

    @api.model
    def _internal_partners(self, partners):
        """The partners of internal users: colleagues are never contacts."""
        if not partners:
            return partners
        users = (
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search([("partner_id", "in", partners.ids), ("share", "=", False)])
        )
        return users.partner_id

    @api.model
    def _next_versions(self, records, doc_type):
        """Version each record's next entry gets under ``doc_type``.

        One user action is one version, whatever the number of contacts.
        """
        self.env["interaction.log.entry"].flush_model(
            ["res_model", "res_id", "document_type_id", "document_version"]
        )
        self.env.cr.execute(
            """
            SELECT res_id, MAX(document_version)
              FROM interaction_log_entry
             WHERE res_model = %s AND document_type_id = %s AND res_id = ANY(%s)
          GROUP BY res_id
            """,
            [records._name, doc_type.id, records.ids],
        )
        return {res_id: version + 1 for res_id, version in self.env.cr.fetchall()}
