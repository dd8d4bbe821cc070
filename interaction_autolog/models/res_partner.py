import re
from collections import defaultdict

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression

# What an erased contact's name, address or number becomes in the text of
# the entries kept (other contacts' notes that named them).
ERASED = "***"

# Interactions listed on a contact's page; the smart button opens them all.
RECENT_INTERACTIONS = 20

# A number is looked up by its last digits, which every way of writing it
# shares ("+358 40 123 4567", "040-1234567", "(040) 123 4567"); candidates
# are then compared on all their significant digits.
PHONE_KEY_DIGITS = 7


def phone_significant_digits(number):
    """Digits of ``number`` without its international or trunk prefix.

    "+358 40 123 4567" and "00358 40 123 4567" give "358401234567" (country
    code kept: it is part of the number), "040-1234567" gives "401234567".
    """
    if not number:
        return ""
    number = number.strip()
    digits = re.sub(r"\D", "", number)
    if number.startswith("+"):
        return digits
    if digits.startswith("00"):
        return digits[2:]
    return digits.lstrip("0")


def phone_key(number):
    """Indexed lookup key of ``number``; empty for too short a number."""
    digits = phone_significant_digits(number)
    if len(digits) < PHONE_KEY_DIGITS:
        return False
    return digits[-PHONE_KEY_DIGITS:]


def phone_numbers_match(number, other):
    """Whether two numbers are the same, however each is written.

    One written with its country code and the other in national form match
    when the national digits end the international ones.
    """
    first, second = phone_significant_digits(number), phone_significant_digits(other)
    if len(first) < PHONE_KEY_DIGITS or len(second) < PHONE_KEY_DIGITS:
        return False
    return first.endswith(second) or second.endswith(first)


class ResPartner(models.Model):
    _inherit = "res.partner"

    interaction_log_ids = fields.One2many(
        "interaction.log.entry", "partner_id", string="Interactions"
    )
    interaction_recent_ids = fields.Many2many(
        "interaction.log.entry",
        compute="_compute_interaction_recent_ids",
        string="Recent Interactions",
        groups="interaction_autolog.group_interaction_user",
        help="The latest interactions of the contact and its contact persons, "
        "the same ones its statistics count.",
    )
    interaction_count = fields.Integer(
        compute="_compute_interaction_statistics",
        string="No. of Interactions",
        groups="interaction_autolog.group_interaction_user",
    )
    interaction_cost = fields.Monetary(
        compute="_compute_interaction_statistics",
        string="Cost of Interactions",
        currency_field="interaction_currency_id",
        groups="interaction_autolog.group_interaction_user",
    )
    interaction_duration = fields.Float(
        compute="_compute_interaction_statistics",
        string="Duration of Interactions",
        groups="interaction_autolog.group_interaction_user",
    )
    last_interaction_date = fields.Datetime(
        compute="_compute_interaction_statistics",
        string="Date of Last Interaction",
        groups="interaction_autolog.group_interaction_user",
        help="Last interaction that reached the contact (failed attempts excluded).",
    )
    last_attempt_date = fields.Datetime(
        compute="_compute_interaction_statistics",
        string="Last Date Attempted",
        groups="interaction_autolog.group_interaction_user",
        help="Last time we tried to reach the contact, successfully or not.",
    )
    interaction_currency_id = fields.Many2one(
        "res.currency",
        compute="_compute_interaction_currency_id",
        groups="interaction_autolog.group_interaction_user",
    )
    interaction_phone_key = fields.Char(
        compute="_compute_interaction_phone_keys",
        store=True,
        index=True,
        copy=False,
        help="Last digits of the phone number, to find the contact of a call.",
    )
    interaction_mobile_key = fields.Char(
        compute="_compute_interaction_phone_keys",
        store=True,
        index=True,
        copy=False,
        help="Last digits of the mobile number, to find the contact of a call.",
    )

    @api.depends("phone", "mobile")
    def _compute_interaction_phone_keys(self):
        for partner in self:
            partner.interaction_phone_key = phone_key(partner.phone)
            partner.interaction_mobile_key = phone_key(partner.mobile)

    @api.depends_context("company")
    def _compute_interaction_currency_id(self):
        for partner in self:
            partner.interaction_currency_id = self.env.company.currency_id

    @api.depends_context("allowed_company_ids")
    def _compute_interaction_statistics(self):
        """Figures of each contact, its child contacts included.

        One grouped query for any number of partners, over every contact
        below them, rolled up to the partners asked for through the parents.
        """
        self._interaction_set_statistics(self._interaction_statistics())

    @api.depends_context("allowed_company_ids")
    def _compute_interaction_recent_ids(self):
        Entry = self.env["interaction.log.entry"]
        for partner in self:
            partner.interaction_recent_ids = (
                Entry.search(
                    [
                        ("partner_id", "child_of", partner.id),
                        ("canceled", "=", False),
                    ],
                    limit=RECENT_INTERACTIONS,
                )
                if partner.id
                else Entry
            )

    def _interaction_set_statistics(self, stats):
        for partner in self:
            count, cost, duration, last_ok, last_any = stats.get(
                partner.id, (0, 0.0, 0.0, False, False)
            )
            partner.interaction_count = count
            partner.interaction_cost = cost
            partner.interaction_duration = duration
            partner.last_interaction_date = last_ok
            partner.last_attempt_date = last_any

    def _interaction_statistics(self):
        partners = self.filtered("id")
        if not partners:
            return {}
        Entry = self.env["interaction.log.entry"]
        base_domain = [
            ("partner_id", "child_of", partners.ids),
            ("canceled", "=", False),
        ]
        rows = Entry._read_group(
            base_domain,
            ["partner_id", "attempt_failed", "initiated_by"],
            ["__count", "cost:sum", "duration:sum", "date:max"],
        )
        wanted = set(partners.ids)
        stats = defaultdict(lambda: [0, 0.0, 0.0, False, False])
        for contact, failed, initiated_by, count, cost, duration, last in rows:
            # Every ancestor that was asked for gets the contact's figures.
            ancestors = set()
            node = contact
            while node and node.id not in ancestors:
                ancestors.add(node.id)
                node = node.parent_id
            for partner_id in wanted & ancestors:
                figures = stats[partner_id]
                figures[0] += count
                figures[1] += cost or 0.0
                figures[2] += duration or 0.0
                if not failed and (not figures[3] or last > figures[3]):
                    figures[3] = last
                # An attempt is ours (BC's "Last Date Attempted"): a call
                # taken or an email received moves only the last interaction.
                if initiated_by == "us" and (not figures[4] or last > figures[4]):
                    figures[4] = last
        return {pid: tuple(values) for pid, values in stats.items()}

    @api.ondelete(at_uninstall=False)
    def _unlink_except_interactions(self):
        Entry = self.env["interaction.log.entry"].sudo()
        # The audit trail is what reached the contact and was committed. Two
        # kinds of entries do not hold a contact, and go with it:
        # - an email or text message still in Odoo's queue: deleting the
        #   contact drops its pending notification, so it never reaches it;
        # - entries logged in this very transaction (create_date is the
        #   transaction's time): nobody has seen them yet, as when an import
        #   or automation creates a contact from an address, emails it and
        #   removes it again in one go (as Odoo's own mail tests do).
        # Anything else blocks deletion: archive the contact instead.
        logged = Entry.search(
            [
                ("partner_id", "in", self.ids),
                ("delivery_status", "!=", "queued"),
                ("create_date", "!=", self.env.cr.now()),
            ],
            limit=1,
        )
        if not logged:
            Entry.search([("partner_id", "in", self.ids)]).with_context(
                interaction_erasure=True
            ).unlink()
        if logged:
            raise UserError(
                self.env._(
                    "%s has logged interactions and cannot be deleted. Archive "
                    "the contact instead; an Interactions Administrator can "
                    "erase the interaction history for an erasure request.",
                    logged.partner_id.display_name,
                )
            )

    def _interaction_erase_personal_data(self):
        """Erase what our addons store about these contacts, for an erasure
        request; returns how many interaction entries were erased.

        Addons that keep more about a contact (logged emails, counters)
        extend this and call ``super()``. Runs as superuser: the erasure
        wizard has checked that a manager asked for it.
        """
        entries = self._interaction_erasable_entries()
        count = len(entries)
        entries.with_context(interaction_erasure=True).unlink()
        # The counters of the contacts as documents (a cover sheet, a call
        # logged on the contact): they would still say that it was logged.
        self.env["interaction.log.version"].sudo().search(
            [("res_model", "=", "res.partner"), ("res_id", "in", self.ids)]
        ).unlink()
        # Dialogs left open on them (a call being typed in keeps the number).
        for model, fname in (
            ("interaction.call.wizard", "partner_id"),
            ("interaction.log.wizard", "partner_ids"),
            ("interaction.cover.sheet.wizard", "partner_ids"),
        ):
            self.env[model].sudo().search([(fname, "in", self.ids)]).unlink()
        self._interaction_erase_mentions()
        return count

    def _interaction_erasable_entries(self):
        """The entries an erasure of these contacts deletes: theirs, and the
        ones logged against them as a document (named after them) in every
        company, canceled or not."""
        return (
            self.env["interaction.log.entry"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    "|",
                    ("partner_id", "in", self.ids),
                    "&",
                    ("res_model", "=", "res.partner"),
                    ("res_id", "in", self.ids),
                ]
            )
        )

    def _interaction_personal_strings(self):
        """What names these contacts in text: names, addresses, numbers.
        Very short values (initials) would blank out unrelated words."""
        strings = set()
        for partner in self.sudo().with_context(active_test=False):
            for value in (
                partner.name,
                partner.email,
                partner.email_normalized,
                partner.phone,
                partner.mobile,
            ):
                if value and len(value.strip()) >= 3:
                    strings.add(value.strip())
        return strings

    def _interaction_erase_mentions(self):
        """Blank out these contacts in what other contacts' entries say of
        them: a note naming them, a subject, an address or number used."""
        strings = self._interaction_personal_strings()
        if not strings:
            return
        fnames = ["name", "subject", "note", "contact_via", "document_name"]
        domain = expression.OR(
            [[(fname, "ilike", value)] for fname in fnames for value in strings]
        )
        Entry = self.env["interaction.log.entry"]._as_engine()
        pattern = re.compile(
            "|".join(
                re.escape(value) for value in sorted(strings, key=len, reverse=True)
            ),
            re.IGNORECASE,
        )
        for entry in Entry.with_context(active_test=False).search(domain):
            vals = {}
            for fname in fnames:
                value = entry[fname]
                if value and pattern.search(value):
                    vals[fname] = pattern.sub(ERASED, value)
            if vals:
                entry.write(vals)

    @api.readonly
    def action_view_interactions(self):
        self.ensure_one()
        return self.env["interaction.log.entry"]._action_open_entries(
            [("partner_id", "child_of", self.id)],
            name=self.display_name,
            context={
                "default_partner_id": self.id,
                # Every line is this contact: the list leaves out its column.
                "interaction_single_contact": not self.child_ids,
            },
        )

    def action_log_interaction(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Interaction"),
            "res_model": "interaction.log.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.ids},
        }

    def action_interaction_call(self):
        self.ensure_one()
        return self.env["interaction.call.wizard"]._action_open(self)

    @api.model
    def _interaction_find_by_phone(self, number, company):
        """The contact of ``company`` (or shared) whose phone or mobile is
        ``number``, however either is written; empty when there is none.

        One indexed query; among several contacts sharing the number the one
        written exactly alike wins, then a person over a company, then the
        oldest.
        """
        key = phone_key(number)
        if not key:
            return self.browse()
        candidates = self.search_fetch(
            [
                ("company_id", "in", [company.id, False]),
                "|",
                ("interaction_phone_key", "=", key),
                ("interaction_mobile_key", "=", key),
            ],
            ["phone", "mobile", "is_company"],
            order="id",
        )
        digits = phone_significant_digits(number)

        def rank(partner):
            numbers = [n for n in (partner.phone, partner.mobile) if n]
            exact = any(phone_significant_digits(n) == digits for n in numbers)
            return (not exact, partner.is_company, partner.id)

        matching = candidates.filtered(
            lambda p: any(
                phone_numbers_match(number, n) for n in (p.phone, p.mobile) if n
            )
        )
        return min(matching, key=rank, default=self.browse())
