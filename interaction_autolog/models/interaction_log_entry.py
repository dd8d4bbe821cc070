import logging
from collections import defaultdict
from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL
from odoo.tools.sql import create_index

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
    ("sms", "SMS"),
    # What customers do themselves on the portal or a payment link.
    ("online", "Online"),
    ("other", "Other"),
]
# How long the calendar draws an entry without duration.
INSTANT_MINUTES = 1
# What a user may change on an entry the engine logged: their judgement of
# it and what it really cost. Everything else says what happened.
USER_EDITABLE_FIELDS = {"note", "evaluation", "cost", "duration", "attempt_failed"}
# What only a manager may change, on any entry.
MANAGER_ONLY_FIELDS = {"canceled"}
# Facts only the engine knows: which call, which email, how it was delivered,
# which version of which document. Typed in by hand they would plant an email
# or a call that never happened, or take a document's next version.
ENGINE_ONLY_FIELDS = {
    "external_call_id",
    "mail_message_id",
    "delivery_status",
    "opened_date",
    "document_version",
    "document_type_id",
}
# The engine's pass to write automatic entries, in the context. A Python
# object cannot come in over RPC or from a context stored in the database:
# only server code that imports it holds it.
ENGINE_SENTINEL = object()
# Information flow and initiator of each direction a document type states.
DIRECTION_VALUES = {
    "outbound": {"information_flow": "outbound", "initiated_by": "us"},
    "inbound": {"information_flow": "inbound", "initiated_by": "them"},
}


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
    cost = fields.Monetary(currency_field="currency_id")
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
        # next version, whether it was already logged once, the HTML preview
        # loaded twice. It replaces the indexes of res_model and res_id
        # alone: lookups by res_id alone do not exist, and the planner
        # preferred that index, filtering the document's other entries.
        create_index(
            self.env.cr,
            "interaction_log_entry_document_type_idx",
            self._table,
            ["res_model", "res_id", "document_type_id"],
        )
        self.env.cr.execute(
            """
            DROP INDEX IF EXISTS interaction_log_entry__res_model_index,
                                 interaction_log_entry__res_id_index
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

    def _compute_delivery_failure(self):
        failed = self.filtered(lambda e: e.delivery_status == "failed")
        (self - failed).delivery_failure = False
        if not failed:
            return
        notifications = (
            self.env["mail.notification"]
            .sudo()
            .search(
                [
                    ("mail_message_id", "in", failed.mail_message_id.ids),
                    ("res_partner_id", "in", failed.partner_id.ids),
                    ("notification_type", "in", ("email", "sms")),
                ]
            )
        )
        # A text message fails in its SMS notification, an email in its email
        # one: the same message can have both for the same contact.
        by_key = {
            (n.mail_message_id.id, n.res_partner_id.id, n.notification_type): n
            for n in notifications
        }
        labels = dict(
            notifications._fields["failure_type"]._description_selection(self.env)
        )
        for entry in failed:
            kind = "sms" if entry.channel == "sms" else "email"
            notification = by_key.get(
                (entry.mail_message_id.id, entry.partner_id.id, kind)
            )
            reasons = entry._delivery_failure_reasons(notification, labels)
            entry.delivery_failure = "\n".join(filter(None, reasons)) or (
                _("The SMS provider gave no reason.")
                if kind == "sms"
                else _("The mail server gave no reason.")
            )

    def _delivery_failure_reasons(self, notification, labels):
        """Why the entry's message did not reach its contact, from the
        contact's notification (``labels``: its failure types' labels)."""
        reasons = []
        if notification and notification.failure_type:
            reasons.append(labels.get(notification.failure_type))
        if notification and notification.failure_reason:
            reasons.append(notification.failure_reason)
        return reasons

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self._is_engine() and any(
            vals.get("is_automatic", self.env.context.get("default_is_automatic"))
            for vals in vals_list
        ):
            raise AccessError(
                _(
                    "Only the interaction engine logs entries automatically: an "
                    "interaction logged by hand cannot be marked as logged "
                    "automatically."
                )
            )
        if not self._is_engine():
            self._check_engine_only_fields(vals_list)
        vals_list = [dict(vals) for vals in vals_list]
        self._fill_copied_values(vals_list)
        return super().create(vals_list)

    def write(self, vals):
        if not self._is_engine():
            self._check_protected_fields(vals)
            self._check_engine_only_fields([vals], self)
            self._check_canceled(vals)
        if MANAGER_ONLY_FIELDS & set(vals) and not self.env.su:
            self._check_manager()
        return super().write(self._copied_values_on_write(vals))

    def _is_engine(self):
        return self.env.context.get("interaction_engine") is ENGINE_SENTINEL

    @api.model
    def _as_engine(self):
        """This model as the engine writes it: sudo, with the engine's pass.

        In the caller's company, so that the new environment does not read
        the user's company again for the defaults of ``create``.
        """
        return (
            self.sudo()
            .with_company(self.env.company)
            .with_context(interaction_engine=ENGINE_SENTINEL)
        )

    def _check_engine_only_fields(self, vals_list, entries=None):
        """Refuse what only the engine may set, typed in or sent over RPC."""
        given = set()
        for vals in vals_list:
            for fname in ENGINE_ONLY_FIELDS:
                value = vals.get(fname)
                if entries is None:
                    value = value or self.env.context.get(f"default_{fname}")
                    # A hand-made entry is the first and only version of
                    # what it is about: the default, not a choice.
                    if fname == "document_version" and value == 1:
                        continue
                    if not value:
                        continue
                elif fname not in vals:
                    continue
                given.add(fname)
        if not given:
            return
        labels = sorted(
            self._fields[fname]._description_string(self.env) for fname in given
        )
        raise AccessError(
            _(
                "Only the interaction engine sets %(fields)s: they record which "
                "email, call or document version an interaction is.",
                fields=", ".join(labels),
            )
        )

    def _check_canceled(self, vals):
        """A canceled entry counts nowhere and is kept as it was: read-only,
        except for the manager who restores it."""
        canceled = self.filtered("canceled")
        if not canceled:
            return
        if self.env.su and self.env.context.get("install_mode"):
            return  # a module's data file loaded again (its demo entries)
        if set(vals) == {"canceled"} and not vals["canceled"]:
            return  # restoring: checked as a manager-only field below
        raise AccessError(
            _(
                "%s is canceled and can no longer be changed. An Interactions "
                "Administrator can restore it first.",
                canceled[:1].display_name,
            )
        )

    def _date_back(self, values):
        """Date entries back to when they happened, with who did it: for demo
        data, whose documents are created and completed at install time (and
        logged then, by the apps' own hooks) while the story they tell spans
        past months. The engine's pass, as an upgrade writes entries;
        anything but the date and the user stays as logged."""
        unexpected = set(values) - {"date", "user_id"}
        if unexpected:
            raise UserError(
                _("Only the date and the user of an entry can be dated back.")
            )
        self._as_engine().browse(self.ids).write(values)
        return True

    @api.model
    def _date_back_documents(self, model):
        """Give documents of ``model`` made after their first entry the date
        of that entry as their creation date: for demo data, whose
        documents are all created at install time while their history,
        dated back, spans past months. Documents created before their first
        entry (every real one) are left alone."""
        Model = self.env[model]
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE %(table)s document
                   SET create_date = first.date
                  FROM (SELECT res_id, MIN(date) AS date
                          FROM interaction_log_entry
                         WHERE res_model = %(model)s
                      GROUP BY res_id) first
                 WHERE document.id = first.res_id
                   AND document.create_date > first.date
                """,
                table=SQL.identifier(Model._table),
                model=model,
            )
        )
        Model.invalidate_model(["create_date"])
        return True

    def _check_protected_fields(self, vals):
        """Entries the engine logged are an audit trail, on the server too."""
        if "is_automatic" in vals and (
            vals["is_automatic"] or any(entry.is_automatic for entry in self)
        ):
            raise AccessError(
                _("Whether an interaction was logged automatically cannot be changed.")
            )
        protected = set(vals) - USER_EDITABLE_FIELDS - MANAGER_ONLY_FIELDS
        if not protected or not any(entry.is_automatic for entry in self):
            return
        labels = sorted(
            self._fields[fname]._description_string(self.env)
            for fname in protected
            if fname in self._fields
        )
        raise AccessError(
            _(
                "Interactions logged automatically are an audit trail: "
                "%(fields)s cannot be changed. You can change the note, the "
                "evaluation, the cost, the duration and whether the attempt "
                "failed.",
                fields=", ".join(labels) or ", ".join(sorted(protected)),
            )
        )

    @api.model
    def _fill_copied_values(self, vals_list):
        """Give entries logged by hand their contact's company and their
        template's group as they are now (the engine gives both)."""
        partner_ids = {
            vals["partner_id"]
            for vals in vals_list
            if vals.get("partner_id") and "commercial_partner_id" not in vals
        }
        template_ids = {
            vals["template_id"]
            for vals in vals_list
            if vals.get("template_id") and "group_id" not in vals
        }
        if not partner_ids and not template_ids:
            return
        partners = self.env["res.partner"].sudo().browse(partner_ids)
        commercial = {p.id: p.commercial_partner_id.id for p in partners}
        templates = self.env["interaction.template"].sudo().browse(template_ids)
        groups = {t.id: t.group_id.id for t in templates}
        for vals in vals_list:
            if "commercial_partner_id" not in vals:
                vals["commercial_partner_id"] = commercial.get(vals.get("partner_id"))
            if "group_id" not in vals:
                vals["group_id"] = groups.get(vals.get("template_id"), False)

    def _copied_values_on_write(self, vals):
        # An entry logged by hand may get another contact or template.
        vals = dict(vals)
        if "partner_id" in vals and "commercial_partner_id" not in vals:
            partner = self.env["res.partner"].sudo().browse(vals["partner_id"])
            vals["commercial_partner_id"] = partner.commercial_partner_id.id
        if "template_id" in vals and "group_id" not in vals:
            template = (
                self.env["interaction.template"].sudo().browse(vals["template_id"])
            )
            vals["group_id"] = template.group_id.id
        return vals

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

    def _check_company(self, fnames=None):
        # The engine logs an action's entries in one batch sharing a company
        # and a template: what the check compares is the same for all of
        # them, so check one entry of each combination (Odoo checks each
        # entry, about a third of a millisecond apiece).
        if len(self) < 2:
            return super()._check_company(fnames)
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        checked = [
            name
            for name in fnames
            if self._fields[name].relational and self._fields[name].check_company
        ]
        representatives = {}
        for entry in self:
            key = (entry.company_id.id, *(entry[name]._ids for name in checked))
            representatives.setdefault(key, entry.id)
        return super(
            InteractionLogEntry, self.browse(representatives.values())
        )._check_company(fnames)

    @api.model
    def _check_manual_logging_access(self, records):
        """Refuse, before anything is written, to log by hand against
        ``records`` what the user may not: link an entry to a document they
        cannot read, or post its line in a chatter they may not post in (as
        the document's model asks: write access for most).

        Only documents with a chatter are logged against by hand.
        """
        if not isinstance(records, self.env.registry["mail.thread"]):
            raise AccessError(
                _(
                    "Interactions are logged only on documents with a chatter, "
                    "not on %s.",
                    records._description,
                )
            )
        documents = records.with_env(self.env(su=False))
        documents.check_access("read")
        documents.check_access(getattr(records, "_mail_post_access", "write"))

    @api.model
    def _manual_logging_document(self, res_model, res_id):
        """The document a wizard logs against, from the model and id the
        client sent; None when it sent none. A model that is not installed
        or a document that is gone is an error, not a dangling link."""
        if not res_model and not res_id:
            return None
        if not res_model or res_model not in self.env or not res_id:
            raise UserError(_("The document this interaction is about is unknown."))
        record = self.env[res_model].browse(res_id).sudo().exists()
        if not record:
            raise UserError(
                _("The document this interaction is about no longer exists.")
            )
        return record.sudo(False)

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

    def action_delete(self):
        """Delete a canceled entry from its form, then show the list."""
        self.unlink()
        return self.env["ir.actions.act_window"]._for_xml_id(
            "interaction_autolog.action_interaction_log_entry"
        )

    def action_open_message(self):
        """The chatter's own dialog for a failed email: each recipient's
        failure reason, with Resend and Ignore."""
        self.ensure_one()
        if not self.mail_message_id:
            raise UserError(_("This interaction is not linked to an email."))
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "mail.mail_resend_message_action"
        )
        action["context"] = {"mail_message_to_resend": self.mail_message_id.id}
        return action

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

    def _action_logged(self):
        """What a wizard returns once it logged these entries by hand: a line
        in the chatter of what they are about, and a notification saying what
        was logged, so the dialog does not close silently."""
        self._post_logged_note()
        if len(self) == 1:
            message = _(
                "%(interaction)s logged for %(contact)s.",
                interaction=self.display_name,
                contact=self.partner_id.display_name,
            )
        else:
            message = _("%(count)s interactions logged.", count=len(self))
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": message,
                "next": {
                    "type": "ir.actions.act_window_close",
                    "infos": {"entry_ids": self.ids},
                },
            },
        }

    def _post_logged_note(self):
        """One line per entry in the chatter of the document it is about (the
        contact when there is none): colleagues reading it see the call."""
        bodies = defaultdict(dict)
        for entry in self:
            model, res_id = entry.res_model, entry.res_id
            if not (model and res_id and model in self.env):
                model, res_id = "res.partner", entry.partner_id.id
            line = _(
                "Interaction logged: %(template)s, %(description)s",
                template=entry.template_id.name or "",
                description=entry.display_name,
            )
            if model == "res.partner" and res_id == entry.partner_id.id:
                line = Markup("%s") % line
            else:
                line = Markup("%s (%s)") % (line, entry.partner_id.display_name)
            previous = bodies[model].get(res_id)
            bodies[model][res_id] = (
                Markup("%s<br/>%s") % (previous, line) if previous else line
            )
        for model, model_bodies in bodies.items():
            # As the user who logged them (the wizards checked that they may
            # post there), not as the superuser the engine creates with.
            Model = self.env[model].sudo(False)
            if not hasattr(Model, "_message_log_batch"):
                continue
            records = Model.browse(list(model_bodies)).exists()
            records._message_log_batch(
                {record.id: model_bodies[record.id] for record in records}
            )

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
        groupby = tuple(groupby)
        ordered_m2o = [
            spec
            for spec in groupby
            if spec in self._fields
            and self._fields[spec].type == "many2one"
            and self.env[self._fields[spec].comodel_name]._order != "id"
        ]
        if not all(self._read_group_sortable(spec) for spec in groupby):
            ordered_m2o = []
        if not ordered_m2o or offset or limit or order != ",".join(groupby):
            return super()._read_group(
                domain, groupby, aggregates, having, offset, limit, order
            )
        rows = super()._read_group(domain, groupby, aggregates, having)
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
        if records and records._name == doc_type.model:
            # The type covers only the records of its model its domain
            # selects; a domain that cannot be evaluated logs nothing.
            covered = doc_type._filter_records(records)
            if covered is None:
                return self.sudo().browse()
            records = records.browse(covered.ids)
        return self._log_matched(
            {doc_type: records.exists()},
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
        # The records exist: the action that logs them just used them.
        for doc_type, records in matched.items():
            if records and doc_type.log_once:
                records = doc_type._not_logged_yet(records)
            if not records or not doc_type.active:
                continue
            try:
                vals_list += self._prepare_log_values(
                    records,
                    doc_type,
                    channel,
                    partners,
                    partner_values or {},
                    overrides,
                )
            except UserError as error:
                # Configuration (a template or record the setup points at
                # that is gone or out of reach) costs the entry, never the
                # user's action. Nothing was written yet.
                _logger.warning(
                    "Interaction %s not logged for %s: %s",
                    doc_type.code,
                    records,
                    error,
                )
        if not vals_list:
            return Entry.browse()
        entries = Entry.browse(self._as_engine().create(vals_list).ids)
        # Emails logged in this transaction: only those (and re-sends) need
        # a look for entries already logged (mail.message).
        self._messages_logged_now().update(
            vals["mail_message_id"] for vals in vals_list if vals.get("mail_message_id")
        )
        return entries

    @api.model
    def _messages_logged_now(self):
        """Ids of the mail messages this transaction logged entries for
        (forgotten at commit or rollback)."""
        return self.env.cr.precommit.data.setdefault(
            "interaction_autolog.logged_message_ids", set()
        )

    @api.model
    def _prepare_log_values(
        self, records, doc_type, channel, partners, partner_values, overrides
    ):
        # Everything below is batched per company / per model so that the
        # number of queries does not grow with the number of records.
        channel = channel or doc_type._channel_for_trigger()
        # A record without a company (a shared contact) is logged for the
        # company the engine is called in.
        companies = (
            records.sudo().with_company(self.env.company)._interaction_companies()
        )
        templates = {}
        for company in set(companies.values()):
            template = doc_type._template_for(company)
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
        # sudo: record rules would cost queries here and change nothing, the
        # caller already decided who the contacts are.
        all_partners = (
            self.env["res.partner"].sudo().union(*partners_by_record.values())
        )
        internal = self._internal_partners(all_partners)
        # One read for every contact: the loop below works on per-record
        # recordsets, which would not prefetch together.
        all_partners.fetch(["commercial_partner_id", "company_id"])
        # A version given by the caller (a meeting invitation takes one per
        # send for all its mails) is not taken again.
        versions = (
            {}
            if "document_version" in overrides
            else self._next_versions(records, doc_type)
        )
        salespeople = records._interaction_salespeople()
        campaigns = records._interaction_campaigns()
        user = self.env.user
        now = fields.Datetime.now()
        # Whether the contact or we started it is a fact of the action (an
        # email received, an incoming call), not a setting of the template.
        direction = DIRECTION_VALUES.get(doc_type.direction, {})
        vals_list = []
        for record in records:
            company = companies[record.id]
            template = templates.get(company)
            if not template:
                continue
            record_partners = (
                partners_by_record.get(record.id) or self.env["res.partner"]
            ) - internal
            # A contact kept for another company is not this company's to
            # log (entries check their contact's company): skipped, never
            # an error that would cost the action.
            record_partners = record_partners.filtered(
                lambda partner, company=company: (
                    not partner.company_id or partner.company_id == company
                )
            )
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
                    # As they are now (see the fields); given here, create
                    # has nothing left to read for them.
                    "commercial_partner_id": partner.commercial_partner_id.id,
                    "group_id": template.group_id.id,
                    "date": now,
                    "name": doc_type.name,
                    "template_id": template.id,
                    "document_type_id": doc_type.id,
                    "information_flow": direction.get(
                        "information_flow", template.information_flow
                    ),
                    "initiated_by": direction.get(
                        "initiated_by", template.initiated_by
                    ),
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
        """The partners of internal users: colleagues are never contacts.

        Odoo keeps this on the partner (``partner_share`` is False for the
        partner of an active internal user), as mail does to tell users from
        customers: read with the partner, no query of its own.
        """
        return partners.sudo().filtered(lambda partner: not partner.partner_share)

    @api.model
    def _next_versions(self, records, doc_type):
        """Take the version each record's next entry gets under ``doc_type``.

        One user action is one version, whatever the number of contacts.
        The version is taken, not peeked at: a second call gives the next
        one, and a concurrent request logging the same document waits and
        is retried (see ``interaction.log.version``).
        """
        return self.env["interaction.log.version"]._next(
            records._name, records.ids, doc_type.id
        )
