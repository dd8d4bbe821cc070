from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.sql import create_index

from ..fields import EntryCost
from .interaction_log_engine import INSTANT_MINUTES
from .interaction_log_rollup import ENTRY_FIELDS

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
    ("sms", "SMS"),
    # What customers do themselves on the portal or a payment link.
    ("online", "Online"),
    ("other", "Other"),
]


class InteractionLogEntry(models.Model):
    _name = "interaction.log.entry"
    _inherit = [
        "interaction.log.engine",
        "interaction.log.delivery",
        "interaction.log.manual",
        "interaction.log.audit",
    ]
    _description = "Interaction Log Entry"
    _order = "date desc, id desc"
    _rec_name = "name"
    _check_company_auto = True

    # Indexed by init, with what a contact's figures read.
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        required=True,
        ondelete="restrict",
        check_company=True,
    )
    # Copied when the entry is logged, not related: moving the contact to
    # another company later must not move its history with it.
    commercial_partner_id = fields.Many2one(
        "res.partner",
        string="Company Contact",
        readonly=True,
        index=True,
        help="The contact's company when the interaction was logged.",
    )
    date = fields.Datetime(required=True, default=fields.Datetime.now, index=True)
    date_end = fields.Datetime(
        string="End",
        compute="_compute_date_end",
        store=True,
        # Editable only so that the engine's value in create is kept: the
        # entries it logs are not updated again right after their INSERT.
        # The audit trail still refuses it to users on logged entries.
        readonly=False,
        help="Date plus duration: how long the calendar draws the interaction.",
    )
    name = fields.Char(string="Description", required=True)
    template_id = fields.Many2one(
        "interaction.template",
        string="Interaction Template",
        ondelete="restrict",
        index=True,
        check_company=True,
    )
    # Copied when the entry is logged, not related: regrouping a template
    # later must not rewrite (in one huge UPDATE) what was logged before.
    group_id = fields.Many2one(
        "interaction.group",
        string="Interaction Group",
        readonly=True,
        index=True,
        help="The template's group when the interaction was logged.",
    )
    document_type_id = fields.Many2one(
        "interaction.document.type",
        ondelete="restrict",
        index=True,
        copy=False,
    )
    information_flow = fields.Selection(
        [("outbound", "Outbound"), ("inbound", "Inbound")], default="outbound"
    )
    initiated_by = fields.Selection([("us", "Us"), ("them", "Them")], default="us")
    channel = fields.Selection(CHANNELS, default="other", required=True)
    cost = EntryCost(currency_field="currency_id")
    duration = fields.Float(
        help="In minutes; shown as hours:minutes. Type 1:30 or 90.",
    )
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
    # Searched together, through the document index (see init).
    res_model = fields.Char(string="Document Model")
    res_id = fields.Many2oneReference(string="Document ID", model_field="res_model")
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
        copy=False,
        help="1 the first time this document was logged under this document "
        "type, then 2, 3 …",
    )
    attempt_failed = fields.Boolean()
    evaluation = fields.Selection(EVALUATIONS)
    canceled = fields.Boolean(index=True)
    subject = fields.Char()
    contact_via = fields.Char(help="Email address or phone number used.")
    delivery_status = fields.Selection(
        [
            ("queued", "Queued"),
            ("sent", "Sent"),
            ("opened", "Opened"),
            ("failed", "Failed"),
        ],
        copy=False,
        help="For emails and text messages: follows the message from Odoo's "
        "queue to the mail server or SMS provider. Opened: the contact opened "
        "the email (known when an email tracking addon reports it).",
    )
    opened_date = fields.Datetime(
        string="Opened On",
        readonly=True,
        help="When the contact first opened the email, as an email tracking "
        "addon reported it.",
    )
    delivery_failure = fields.Text(
        string="Failure Reason",
        compute="_compute_delivery_failure",
        help="Why the email did not reach the contact, as the mail server said.",
    )
    mail_message_id = fields.Many2one(
        "mail.message",
        string="Email",
        ondelete="set null",
        index="btree_not_null",
        copy=False,
    )
    # Not copied: a duplicate is typed in by a user.
    is_automatic = fields.Boolean(
        string="Logged Automatically", readonly=True, default=False, copy=False
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
        # A document's entries (its smart button), and under one type: its
        # next version (the highest so far is the last of the document's
        # part of the index: one probe however many times it was logged),
        # whether it was already logged once, the HTML preview loaded twice.
        # It replaces the indexes of res_model and res_id alone, and the
        # same one without the version: lookups by res_id alone do not
        # exist, and the planner preferred that index, filtering the
        # document's other entries.
        create_index(
            self.env.cr,
            "interaction_log_entry_document_idx",
            self._table,
            ["res_model", "res_id", "document_type_id", "document_version"],
        )
        self.env.cr.execute(
            """
            DROP INDEX IF EXISTS interaction_log_entry__res_model_index,
                                 interaction_log_entry__res_id_index,
                                 interaction_log_entry_document_type_idx
            """
        )
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
        # The pivot and the graph sum a period of them by template or group and
        # month: with these columns in the index they never read the table.
        self.env.cr.execute(
            """
            SELECT pg_get_indexdef(indexrelid) FROM pg_index
             WHERE indexrelid = to_regclass('interaction_log_entry_recent_idx')
            """
        )
        definition = (self.env.cr.fetchone() or [""])[0]
        if definition and "INCLUDE" not in definition:
            self.env.cr.execute("DROP INDEX interaction_log_entry_recent_idx")
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS interaction_log_entry_recent_idx
                ON interaction_log_entry (date DESC, id DESC)
                   INCLUDE (company_id, template_id, group_id, cost, duration)
             WHERE canceled IS NULL OR canceled = FALSE
            """
        )
        # A contact's entries, with what its figures sum (index only: at ten
        # million entries, a contact's are spread over as many pages). It
        # replaces the plain index of partner_id.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS interaction_log_entry_partner_idx
                ON interaction_log_entry (partner_id)
                   INCLUDE (canceled, company_id, attempt_failed, initiated_by,
                            cost, duration, date)
            """
        )
        self.env.cr.execute(
            "DROP INDEX IF EXISTS interaction_log_entry__partner_id_index"
        )
        # A campaign's figures: its entries by contact (index only), then the
        # replies of those contacts. Without the second one, finding the few
        # inbound entries of thousands of contacts read all their entries.
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS interaction_log_entry_campaign_partner_idx
                ON interaction_log_entry (campaign_id, partner_id, date)
                   INCLUDE (company_id)
             WHERE campaign_id IS NOT NULL AND (canceled IS NULL OR canceled = FALSE)
            """
        )
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS interaction_log_entry_inbound_idx
                ON interaction_log_entry (partner_id, date) INCLUDE (company_id)
             WHERE information_flow = 'inbound'
               AND (canceled IS NULL OR canceled = FALSE)
            """
        )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("date", "duration")
    def _compute_date_end(self):
        # An entry without duration is an instant: a minute long, the
        # calendar draws it as a point at its time. Ending when it starts,
        # the calendar would give it an hour of its own (running into the
        # next day late in the evening).
        for entry in self:
            entry.date_end = entry.date and entry.date + timedelta(
                minutes=entry.duration or INSTANT_MINUTES
            )

    @api.depends("name", "is_automatic", "document_type_id")
    @api.depends_context("lang")
    def _compute_display_name(self):
        # The engine stores the document type's name in the language of
        # whoever caused the log (often English: the mail queue, a webhook).
        # While the description is still that name, show it in the reader's
        # language; a description someone wrote is shown as written.
        doc_types = self.filtered("is_automatic").document_type_id
        stored_names = {}
        if doc_types:
            doc_types.flush_recordset(["name"])
            self.env.cr.execute(
                SQL(
                    "SELECT id, name FROM interaction_document_type WHERE id = ANY(%s)",
                    doc_types.ids,
                )
            )
            stored_names = {
                doc_type_id: set((names or {}).values())
                for doc_type_id, names in self.env.cr.fetchall()
            }
        for entry in self:
            doc_type = entry.document_type_id
            if entry.is_automatic and entry.name in stored_names.get(doc_type.id, ()):
                entry.display_name = doc_type.sudo().name
            else:
                entry.display_name = entry.name

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_create(vals_list)
        vals_list = [dict(vals) for vals in vals_list]
        self._fill_copied_values(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        self._check_write(vals)
        self._rollup_mark_changed(vals)
        return super().write(self._copied_values_on_write(vals))

    def unlink(self):
        self._rollup_mark_changed()
        return super().unlink()

    @api.ondelete(at_uninstall=False)
    def _unlink_only_canceled(self):
        if self.env.su and self.env.context.get("interaction_erasure"):
            return
        self._check_manager()
        if any(not entry.canceled for entry in self):
            raise UserError(
                self.env._(
                    "Interaction log entries are an audit trail and cannot be "
                    "deleted. Cancel the entry first; only canceled entries "
                    "can be deleted."
                )
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

    def action_delete(self):
        """Delete a canceled entry from its form, then show the list."""
        self.unlink()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "interaction_autolog.action_interaction_log_entry"
        )

    @api.readonly
    def action_open_message(self):
        """The chatter's own dialog for a failed email: each recipient's
        failure reason, with Resend and Ignore."""
        self.ensure_one()
        if not self.mail_message_id:
            raise UserError(self.env._("This interaction is not linked to an email."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mail.mail_resend_message_action"
        )
        action["context"] = {"mail_message_to_resend": self.mail_message_id.id}
        return action

    @api.readonly
    def action_open_document(self):
        self.ensure_one()
        if not self.res_model or not self.res_id or self.res_model not in self.env:
            raise UserError(self.env._("This interaction is not linked to a document."))
        record = self.env[self.res_model].browse(self.res_id).exists()
        if not record:
            raise UserError(
                self.env._(
                    "The document %s no longer exists.", self.document_name or ""
                )
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
            action["display_name"] = self.env._("Interactions: %s", name)
        return action

    # ------------------------------------------------------------------
    # Statistics
    # ------------------------------------------------------------------

    @api.model
    def _read_group(
        self,
        domain,
        groupby=(),
        aggregates=(),
        having=(),
        offset=0,
        limit=None,
        order=None,
    ):
        # The pivot and graph views group this (large) table by template or
        # group and by month, in the groups' natural order: in SQL that joins
        # the template and group tables to every entry and sorts all entries
        # before grouping them (seconds at a million entries). Group by id
        # instead and put the few groups in order here. Only for the order
        # read_group uses by default and when every group is wanted.
        # Without an order, _read_group sorts the groups by id; read_group
        # asks for the groups' own order (the order of their model).
        groupby = tuple(groupby)
        if (
            having
            or offset
            or limit
            or (order and order != ",".join(groupby))
            or not all(self._read_group_sortable(spec) for spec in groupby)
        ):
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        ordered_m2o = [
            spec
            for spec in groupby
            if spec in self._fields
            and self._fields[spec].type == "many2one"
            and self.env[self._fields[spec].comodel_name]._order != "id"
            and order
        ]
        # The days that are over are summed up once (see the rollup); the
        # rest is read here.
        rows = self.env["interaction.log.rollup"]._entries_read_group(
            self, domain, groupby, tuple(aggregates)
        )
        if rows is None and not ordered_m2o:
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        if rows is None:
            rows = super()._read_group(domain, groupby, aggregates)
        ranks = {}
        for spec in ordered_m2o:
            index = groupby.index(spec)
            ids = {row[index].id for row in rows if row[index]}
            comodel = self.env[self._fields[spec].comodel_name]
            ordered = (
                comodel.sudo()
                .with_context(active_test=False)
                .search([("id", "in", list(ids))])
            )
            ranks[index] = {
                record_id: rank for rank, record_id in enumerate(ordered.ids)
            }

        def value(row, index):
            group = row[index]
            if index in ranks:
                return ranks[index].get(group.id, 0)
            return group.id if isinstance(group, models.BaseModel) else group

        def key(row):
            # Ascending, empty groups last, as PostgreSQL orders them.
            return [
                (not row[i], value(row, i) if row[i] else 0)
                for i in range(len(groupby))
            ]

        return sorted(rows, key=key)

    def _rollup_mark_changed(self, vals=None):
        """Tell the analysis figures that these entries change (``vals``)
        or go (None): the days they are on, and the day they move to."""
        if vals is not None and not set(ENTRY_FIELDS).intersection(vals):
            return
        Rollup = self.env["interaction.log.rollup"]
        self.flush_recordset(["date"])
        Rollup._mark_entries(self.ids)
        if vals and vals.get("date"):
            Rollup._mark_dates([vals["date"]])

    @api.model
    def _create(self, data_list):
        # Entries logged now change no summed-up day: no query for them.
        records = super()._create(data_list)
        self.env["interaction.log.rollup"]._mark_dates(
            [data["stored"].get("date") for data in data_list]
        )
        return records

    def _read_group_sortable(self, spec):
        """Whether groups by ``spec`` sort in Python as in SQL: many2one (by
        the rank of their comodel order) and periods of a date."""
        fname, _sep, granularity = spec.partition(":")
        field = self._fields.get(fname)
        return bool(field) and (
            field.type == "many2one"
            or (
                field.type in ("date", "datetime")
                and granularity in ("day", "week", "month", "quarter", "year")
            )
        )

    @api.model
    def _statistics_by(self, fname, ids, extra_domain=None):
        """Count, cost and duration of non-canceled entries per ``fname``,
        in the user's allowed companies (as a contact's figures are)."""
        if not ids:
            return {}
        # sudo: a template's figures are read by users who may not open every
        # entry behind them; the companies are the record rule's.
        domain = [
            (fname, "in", list(ids)),
            ("canceled", "=", False),
            ("company_id", "in", self.env.companies.ids),
        ]
        domain += extra_domain or []
        groups = self.sudo()._read_group(
            domain, [fname], ["__count", "cost:sum", "duration:sum"]
        )
        return {
            record.id: (count, cost or 0.0, duration or 0.0)
            for record, count, cost, duration in groups
        }
