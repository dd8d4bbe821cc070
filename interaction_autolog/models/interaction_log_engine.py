"""The logging engine: how an interaction log entry comes to be.

Every entry is made here, whatever logs it: a print, an email, a call, a
glue addon's hook, or a user in the Log Interaction and Call wizards. The
engine finds the template of each record's company, the contacts (never a
colleague), the document's next version, and creates the whole batch in one
``create`` with its own pass (``_as_engine``), which the audit trail of
``interaction.log.entry`` lets through.

``interaction.log.entry`` inherits this model: call it as
``env["interaction.log.entry"]._log_interaction(records, code, ...)``.
"""

import logging
from collections import defaultdict
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError
from odoo.tools import SQL, float_round

_logger = logging.getLogger(__name__)

# The engine's pass to write automatic entries, in the context. A Python
# object cannot come in over RPC or from a context stored in the database:
# only server code that imports it holds it.
ENGINE_SENTINEL = object()
# How long an entry without duration lasts, in minutes (see the entry's
# date_end): the engine gives it in the values it creates.
INSTANT_MINUTES = 1
# The engine's word, in the context of its create, that it chose each
# entry's contact and template for the entry's company (ENGINE_CHECKED_FIELDS).
COMPANY_CHECKED = object()
ENGINE_CHECKED_FIELDS = {"partner_id", "template_id"}


class EngineBatch(dict):
    """What the rows of one engine batch share, looked up once in its
    create: the defaults of the fields it does not give, per set of fields
    given (see _add_missing_default_values), and its companies' currency
    digits. Only server code makes one: a context from a client cannot
    hold it."""

    def __init__(self):
        super().__init__()
        self.currency_digits = {}


# Information flow and initiator of each direction a document type states.
DIRECTION_VALUES = {
    "outbound": {"information_flow": "outbound", "initiated_by": "us"},
    "inbound": {"information_flow": "inbound", "initiated_by": "them"},
}


class InteractionLogEngine(models.AbstractModel):
    _name = "interaction.log.engine"
    _description = "Interaction Logging Engine"

    # ------------------------------------------------------------------
    # The engine's pass
    # ------------------------------------------------------------------

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

    def _date_back(self, values):
        """Date entries back to when they happened, with who did it: for demo
        data, whose documents are created and completed at install time (and
        logged then, by the apps' own hooks) while the story they tell spans
        past months. The engine's pass, as an upgrade writes entries;
        anything but the date and the user stays as logged."""
        unexpected = set(values) - {"date", "user_id"}
        if unexpected:
            raise UserError(
                self.env._("Only the date and the user of an entry can be dated back.")
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
        return self._log_existing(
            records.exists(),
            code,
            channel=channel,
            partners=partners,
            partner_values=partner_values,
            **overrides,
        )

    @api.model
    def _log_existing(
        self,
        records,
        code,
        channel=None,
        partners=None,
        partner_values=None,
        **overrides,
    ):
        """``_log_interaction`` of ``records`` the caller knows exist (it has
        just used them): no query to check it."""
        doc_type = self.env["interaction.document.type"]._get_by_code(code)
        if not doc_type or not doc_type._logging_facts()["active"]:
            _logger.debug("Interaction %s not logged: unknown or inactive type", code)
            return self.sudo().browse()
        if records and records._name == doc_type._logging_facts()["model"]:
            # The type covers only the records of its model its domain
            # selects; a domain that cannot be evaluated logs nothing.
            covered = doc_type._filter_records(records)
            if covered is None:
                return self.sudo().browse()
            records = records.browse(covered.ids)
        return self._log_matched(
            {doc_type: records},
            channel=channel,
            partners=partners,
            partner_values=partner_values,
            **overrides,
        )

    @api.model
    def _log_matched(
        self,
        matched,
        channel=None,
        partners=None,
        partner_values=None,
        template=None,
        record_values=None,
        **overrides,
    ):
        """Log ``{document type: records}`` in one ``create``.

        The engine's single way in: prints, emails, the API and the wizards
        all end here. ``template`` is logged under instead of the template
        the setup gives each document type, as a user picks it in the Log
        Interaction wizard; with it, records may be keyed by an empty
        document type (an entry of no type, no document version).
        ``record_values`` ``{record id: {field: value}}`` are the values of
        each record's entries, e.g. the message each document was sent in.
        """
        Entry = self.sudo()
        vals_list = []
        # The records exist: the action that logs them just used them.
        for doc_type, records in matched.items():
            facts = doc_type._logging_facts() if doc_type else {}
            if records and facts.get("log_once"):
                records = doc_type._not_logged_yet(records)
            if not records or not (facts["active"] if doc_type else template):
                continue
            try:
                vals_list += self._prepare_log_values(
                    records,
                    doc_type,
                    channel,
                    partners,
                    partner_values or {},
                    overrides,
                    template=template,
                    record_values=record_values or {},
                )
            except UserError as error:
                # Configuration (a template or record the setup points at
                # that is gone or out of reach) costs the entry, never the
                # user's action. Nothing was written yet.
                _logger.warning(
                    "Interaction %s not logged for %s: %s",
                    facts.get("code") or template.code,
                    records,
                    error,
                )
        if not vals_list:
            return Entry.browse()
        entries = Entry.browse(
            self._as_engine()
            .with_context(
                interaction_company_checked=COMPANY_CHECKED,
                interaction_batch=EngineBatch(),
            )
            .create(vals_list)
            .ids
        )
        # Emails logged in this transaction: only those (and re-sends) need
        # a look for entries already logged (mail.message), and their
        # delivery follows them without a search (mail.notification).
        by_message = self._entries_logged_now()
        for entry_id, vals in zip(entries.ids, vals_list):
            if vals.get("mail_message_id"):
                by_message.setdefault(vals["mail_message_id"], []).append(entry_id)
        return entries

    @api.model
    def _prepare_log_values(
        self,
        records,
        doc_type,
        channel,
        partners,
        partner_values,
        overrides,
        template=None,
        record_values=None,
    ):
        # Everything below is batched per company / per model so that the
        # number of queries does not grow with the number of records; what
        # the type and the templates say is cached (no query at all).
        facts = doc_type._logging_facts() if doc_type else {}
        what = facts.get("code") or template.code
        if not channel:
            channel = (
                doc_type._channel_for_trigger()
                if doc_type
                else template.channel or "other"
            )
        # A record without a company (a shared contact) is logged for the
        # company the engine is called in.
        companies = (
            records.sudo().with_company(self.env.company)._interaction_companies()
        )
        templates = {}
        for company in set(companies.values()):
            company_template = template or doc_type._template_for(company)
            values = company_template._logging_values() if company_template else {}
            if not values.get("active"):
                _logger.debug(
                    "Interaction %s not logged for %s: no active template",
                    what,
                    company.name,
                )
                continue
            if values["company_id"] and values["company_id"] != company.id:
                _logger.debug(
                    "Interaction %s not logged for %s: template of another company",
                    what,
                    company.name,
                )
                continue
            templates[company] = values
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
        # One read for every contact: the loop below works on per-record
        # recordsets, which would not prefetch together.
        all_partners.fetch(["commercial_partner_id", "company_id", "partner_share"])
        colleagues = self._interaction_colleagues(all_partners)
        # A version given by the caller (a meeting invitation takes one per
        # send for all its mails) is not taken again; an entry of no
        # document type has none.
        versions = (
            self._next_versions(records, doc_type)
            if doc_type and "document_version" not in overrides
            else {}
        )
        salespeople = records._interaction_salespeople()
        campaigns = records._interaction_campaigns()
        user = self.env.user
        now = fields.Datetime.now()
        # Whether the contact or we started it is a fact of the action (an
        # email received, an incoming call), not a setting of the template.
        direction = DIRECTION_VALUES.get(facts.get("direction"), {})
        # What every entry of a company shares, made once per company.
        shared = {}
        rounding = {
            company: self._company_currency_digits(company.id)[0]
            for company in templates
        }
        for company, values in templates.items():
            shared[company] = {
                "group_id": values["group_id"],
                "date": now,
                "name": facts.get("name") or values["name"],
                "template_id": values["id"],
                "document_type_id": doc_type.id,
                "information_flow": direction.get(
                    "information_flow", values["information_flow"]
                ),
                "initiated_by": direction.get("initiated_by", values["initiated_by"]),
                "channel": channel,
                "cost": values["unit_cost"],
                "duration": values["unit_duration"],
                "user_id": user.id,
                "company_id": company.id,
                "res_model": records._name,
                "is_automatic": True,
            }
        vals_list = []
        for record in records:
            company = companies[record.id]
            company_values = shared.get(company)
            if not company_values:
                continue
            record_partners = (
                partners_by_record.get(record.id) or self.env["res.partner"]
            ) - colleagues
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
                    "Interaction %s not logged for %s: no contact", what, record
                )
                continue
            record_vals = dict(
                company_values,
                salesperson_id=salespeople.get(record.id, False),
                res_id=record.id,
                document_name=record.display_name,
                document_version=versions.get(record.id, 1),
                campaign_id=(
                    campaigns.get(record.id) or templates[company]["campaign_id"]
                ),
            )
            record_vals.update(overrides)
            if record_values:
                record_vals.update(record_values.get(record.id, {}))
            for partner in record_partners:
                vals = dict(
                    record_vals,
                    partner_id=partner.id,
                    # As they are now (see the fields); given here, create
                    # has nothing left to read for them.
                    commercial_partner_id=partner.commercial_partner_id.id,
                )
                vals.update(partner_values.get(partner.id, {}))
                if vals["cost"] and rounding.get(company):
                    # As the entry's currency rounds it: create keeps it so.
                    vals["cost"] = float_round(
                        vals["cost"], precision_rounding=rounding[company]
                    )
                if "date_end" not in vals:
                    vals["date_end"] = fields.Datetime.to_datetime(
                        vals["date"]
                    ) + timedelta(minutes=vals["duration"] or INSTANT_MINUTES)
                vals_list.append(vals)
        return vals_list

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

    @api.model
    def _add_missing_default_values(self, values):
        # The rows of an engine batch give the same fields: the defaults of
        # the others (none of which depends on a row) are the same for
        # every row, looked up once per batch instead of once per row.
        batch = self.env.context.get("interaction_batch")
        if type(batch) is not EngineBatch or not self._is_engine():
            return super()._add_missing_default_values(values)
        key = frozenset(values)
        if key not in batch:
            completed = super()._add_missing_default_values(values)
            batch[key] = {
                name: value for name, value in completed.items() if name not in values
            }
            return completed
        return dict(batch[key], **values)

    def _check_company(self, fnames=None):
        # Odoo checks each entry's contact, template … against the entry's
        # company one entry at a time: a batch of entries is checked per
        # company instead, and only a batch that fails is checked entry by
        # entry, for Odoo's own message. The contact and the template of the
        # entries the engine creates were chosen for their company already
        # (_prepare_log_values): not read again.
        if self.env.context.get("interaction_company_checked") is COMPANY_CHECKED:
            if fnames is None or {"company_id", "company_ids"} & set(fnames):
                fnames = self._fields
            fnames = [
                name
                for name in fnames
                if self._fields[name].relational
                and self._fields[name].check_company
                and name not in ENGINE_CHECKED_FIELDS
            ]
            if not fnames:
                return
        if len(self) > 1 and self._interaction_companies_consistent(fnames):
            return
        return super()._check_company(fnames)

    def _interaction_companies_consistent(self, fnames=None):
        """Whether every record linked by a company-checked field of these
        entries is allowed in its entry's company (False: not sure)."""
        if fnames is None or {"company_id", "company_ids"} & set(fnames):
            fnames = self._fields
        names = []
        for name in fnames:
            field = self._fields[name]
            if field.relational and field.check_company:
                if field.company_dependent:
                    return False
                names.append(name)
        by_company = defaultdict(list)
        for entry in self:
            by_company[entry.company_id].append(entry.id)
        for company, ids in by_company.items():
            entries = self.browse(ids).sudo()
            for name in names:
                linked = entries[name]
                if not linked:
                    continue
                domain = linked._check_company_domain(company)
                if domain and linked != linked.with_context(
                    active_test=False
                ).filtered_domain(domain):
                    return False
        return True

    @api.model
    def _company_currency_digits(self, company_id):
        """``(rounding, decimal places)`` of ``company_id``'s currency, looked
        up once per engine batch (each of its rows asks)."""
        batch = self.env.context.get("interaction_batch")
        known = batch.currency_digits if type(batch) is EngineBatch else {}
        if company_id not in known:
            company = self.env["res.company"].sudo().browse(company_id)
            known[company_id] = self._currency_digits(company.currency_id.id)
        return known[company_id]

    @tools.ormcache("currency_id")
    def _currency_digits(self, currency_id):
        """Cached: a currency's rounding rarely changes, and a change of it
        clears Odoo's caches (see res.currency)."""
        currency = self.env["res.currency"].sudo().browse(currency_id)
        return (currency.rounding, currency.decimal_places) if currency else (0, 0)

    # ------------------------------------------------------------------
    # Colleagues: never contacts
    # ------------------------------------------------------------------

    @api.model
    def _internal_partners(self, partners):
        """The partners of internal users among ``partners``.

        Odoo keeps this on the partner (``partner_share`` is False for the
        partner of an active internal user), as mail does to tell users from
        customers: read with the partner, no query of its own.
        """
        return partners.sudo().filtered(lambda partner: not partner.partner_share)

    @api.model
    def _interaction_colleagues(self, partners):
        """The partners among ``partners`` who work for us: our internal
        users, the contacts filed under one of our companies and, with
        Employees installed, the employees' work contacts, who follow
        documents without being users. No document logs them as contacts.
        """
        if not partners:
            return partners
        partners = partners.sudo()
        ours = self._our_company_partner_ids()
        colleagues = partners.filtered(
            lambda partner: (
                not partner.partner_share or partner.commercial_partner_id.id in ours
            )
        )
        if "hr.employee" in self.env:
            colleagues |= (partners - colleagues).filtered("employee_ids")
        return colleagues.with_env(self.env)

    @tools.ormcache()
    def _our_company_partner_ids(self):
        """The partners of every company of the database, archived ones too.

        Cached: a company created or deleted clears Odoo's caches, so that
        logging costs no query for it.
        """
        companies = (
            self.env["res.company"].sudo().with_context(active_test=False).search([])
        )
        return frozenset(companies.partner_id.ids)
