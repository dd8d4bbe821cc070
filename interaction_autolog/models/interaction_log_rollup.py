"""The analysis figures of closed days, summed up once.

The Interactions pivot and graph sum a year of entries by template, group
and month: at ten million entries that is millions of rows read per view.
Like TimescaleDB's continuous aggregates, the days that are over are summed
up once, and only the days still open are read from the entries, in the
same query. Logging never touches these rows: it writes today's entries,
and today (and yesterday: see CLOSE_DELAY) is always read live.

The unit is the UTC day, not the month: Odoo groups ``date:month`` in the
reader's time zone, and a period's bounds (local midnight from the web
client's filters, UTC midnight from a date in a domain) fall inside a
month. With days, only the part of a day a bound cuts is read live. Each
row is per time zone, UTC day, company, template, group and the month its
entries fall in in that time zone (the first and last UTC day of a month
give two rows in zones east or west of UTC): months are the same as Odoo's
own grouping in every time zone, a half-hour one included. Time zones are
summed up when first read (a user's time zone ahead of time, daily).

A change to entries of a closed day (cancel, restore, deletion, erasure,
retention, an entry moved or created with a past date, its cost changed)
inserts an ``interaction.log.rollup.change`` for that day; the day is
summed up again before it is read (``interaction.log.rollup.day`` says from
which transaction's snapshot it was). Rejected: sums kept per key by each
logging transaction, as Business Central's SIFT does: every worker logging
the same template in the same month would update the same row and wait for
each other's commit.
"""

import logging
from datetime import date, datetime, time, timedelta

import psycopg2
import pytz

from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# A day is summed up only this long after it ended: a transaction that logs
# into it (entries are dated when their transaction began) has committed by
# then, so no entry of a summed-up day can appear later without a change
# being marked.
CLOSE_DELAY = timedelta(days=1)
# Changes to entries dated at least this long ago are marked. Logging dates
# its entries now: it never marks anything, and costs no query here.
MARK_AFTER = timedelta(hours=1)
# Marks every summed-up day has taken in are deleted after this long: by
# then no transaction that started before them is still computing a day.
CHANGE_KEEP = timedelta(days=1)
# How far back the daily auto-vacuum sums up days ahead of the readers.
PRECOMPUTE_DAYS = 400
# What the rollup answers: these groupings, these aggregates, and domains
# filtering on these fields besides the date and canceled = False.
GROUPBY_COLUMNS = {
    "company_id": "company_id",
    "template_id": "template_id",
    "group_id": "group_id",
    "date:month": "month",
}
AGGREGATE_SUMS = {
    "__count": "sum(entry_count)::bigint",
    "cost:sum": "sum(cost)",
    "duration:sum": "sum(duration)",
}
FILTER_FIELDS = ("company_id", "template_id", "group_id")
DAY = timedelta(days=1)
ENTRY_FIELDS = [
    "date",
    "canceled",
    "company_id",
    "template_id",
    "group_id",
    "cost",
    "duration",
]
# Whether change c is not in the sums of day d: made by a transaction d's
# snapshot does not see, or by the very transaction that summed d up (its
# changes until then were summed up and their marks deleted).
STALE = SQL(
    "(c.xid = d.xid"
    " OR NOT pg_visible_in_snapshot(c.xid::xid8, d.snapshot::pg_snapshot))"
)


class InteractionLogRollup(models.Model):
    _name = "interaction.log.rollup"
    _description = "Interaction Analysis Figures"
    _log_access = False

    tz = fields.Char(string="Time Zone", required=True)
    day = fields.Date(required=True, help="The UTC day of the entries.")
    month = fields.Date(
        required=True, help="The month the entries fall in, in the time zone."
    )
    company_id = fields.Many2one("res.company", ondelete="cascade")
    template_id = fields.Many2one("interaction.template", ondelete="cascade")
    group_id = fields.Many2one("interaction.group", ondelete="cascade")
    entry_count = fields.Integer(string="Interactions")
    # Numeric, as the entries' cost: sums of sums are exact.
    cost = fields.Float(digits=(16, 2))
    duration = fields.Float()

    def init(self):
        # A period is read from the index alone (once vacuumed).
        self.env.cr.execute(
            """
            CREATE INDEX IF NOT EXISTS interaction_log_rollup_tz_day_idx
                ON interaction_log_rollup (tz, day)
                   INCLUDE (company_id, template_id, group_id, month,
                            entry_count, cost, duration)
            """
        )

    # ------------------------------------------------------------------
    # Serving the entries' read_group
    # ------------------------------------------------------------------

    @api.model
    def _entries_read_group(self, entries, domain, groupby, aggregates):
        """``entries._read_group(domain, groupby, aggregates)`` in no
        particular order, from the summed-up days and the entries of the
        others; None when the rollup cannot answer exactly (then the entries
        answer alone)."""
        if not set(groupby) <= set(GROUPBY_COLUMNS) or not aggregates:
            return None
        if not set(aggregates) <= set(AGGREGATE_SUMS):
            return None
        entries.browse().check_access("read")
        # The sums and the live part are read in SQL: pending writes first.
        entries.flush_model(ENTRY_FIELDS)
        parsed = self._parse_domain(domain)
        if parsed is None:
            return None
        first, end, filters = parsed
        companies = self._rule_companies(entries)
        if companies is False:
            return None
        if companies is not None:
            filters.append(("company_id", companies))
        tz = entries.env.context.get("tz")
        tz = tz if tz in pytz.all_timezones_set else "UTC"
        closed_end = (fields.Datetime.now() - CLOSE_DELAY).date()
        end = min(end, closed_end) if end else closed_end
        if first is None:
            first = self._first_day()
        if first is None or first >= end:
            return None
        fresh = self._fresh_days(tz, first, end)
        missing = [
            first + DAY * n
            for n in range((end - first).days)
            if first + DAY * n not in fresh
        ]
        if missing:
            fresh |= self._refresh(tz, missing)
        spans = self._spans(sorted(fresh))
        if not spans:
            return None
        return self._query(entries, domain, groupby, aggregates, tz, spans, filters)

    @api.model
    def _parse_domain(self, domain):
        """(first day, end day, filters) of the UTC days fully inside a
        domain the rollup understands, else None. The days are those whose
        every entry the date conditions keep; None when unbounded."""
        first = end = None
        filters = []
        canceled = False
        for leaf in expression.normalize_domain(domain):
            if leaf == "&":
                continue
            if not isinstance(leaf, (list, tuple)) or len(leaf) != 3:
                return None
            fname, operator, value = leaf
            if fname == "canceled" and operator == "=" and value is False:
                canceled = True
            elif fname == "date" and operator in (">=", ">", "<", "<="):
                moment = self._domain_moment(operator, value)
                if moment is None:
                    return None
                if operator in (">=", ">"):
                    day = moment.date()
                    if operator == ">" or moment.time() != time.min:
                        day += DAY
                    first = max(first, day) if first else day
                else:
                    # The day ending at or before the moment.
                    day = moment.date()
                    end = min(end, day) if end else day
            elif fname in FILTER_FIELDS and operator in ("=", "in"):
                ids = [value] if operator == "=" else value
                if not isinstance(ids, (list, tuple)) or not all(
                    isinstance(i, int) and not isinstance(i, bool) and i for i in ids
                ):
                    return None
                filters.append((fname, list(ids)))
            else:
                return None
        if not canceled:
            return None
        return first, end, filters

    @api.model
    def _domain_moment(self, operator, value):
        """The UTC moment a date condition compares with, as Odoo's domain
        reads it (a day alone: its start, or its end for > and <=)."""
        if (
            isinstance(value, str)
            and len(value) == 10
            or (isinstance(value, date) and not isinstance(value, datetime))
        ):
            day = fields.Date.to_date(value)
            return datetime.combine(
                day, time.max if operator in (">", "<=") else time.min
            )
        try:
            return fields.Datetime.to_datetime(value)
        except (TypeError, ValueError):
            return None

    @api.model
    def _rule_companies(self, entries):
        """The companies the reader's record rules keep: None when none
        apply (superuser), False when any other rule applies (the rollup
        cannot apply it to sums)."""
        if entries.env.su:
            return None
        rule_domain = self.env["ir.rule"]._compute_domain(entries._name, "read")
        companies = entries.env.companies.ids
        if [tuple(leaf) for leaf in rule_domain] == [("company_id", "in", companies)]:
            return companies
        return False

    @api.model
    def _first_day(self):
        self.env.cr.execute("SELECT min(date)::date FROM interaction_log_entry")
        return self.env.cr.fetchone()[0]

    @api.model
    def _fresh_days(self, tz, first, end):
        """The days of [first, end) summed up in ``tz`` that no change
        since has made stale."""
        self.env.cr.execute(
            SQL(
                """
                SELECT d.day FROM interaction_log_rollup_day d
                 WHERE d.tz = %(tz)s AND d.day >= %(first)s AND d.day < %(end)s
                   AND NOT EXISTS (
                       SELECT 1 FROM interaction_log_rollup_change c
                        WHERE c.day = d.day AND %(stale)s)
                """,
                stale=STALE,
                tz=tz,
                first=first,
                end=end,
            )
        )
        return {day for (day,) in self.env.cr.fetchall()}

    @api.model
    def _refresh(self, tz, days):
        """Sum up ``days`` in ``tz`` again; return those summed up.

        In the reader's transaction, so that it reads what it just summed
        up. Two readers never sum up the same time zone at once: the second
        one does not wait, it reads the days from the entries. When another
        transaction summed them up after this one began, its rows are not
        visible here: writing them again fails (unique day, or a
        serialization failure), and the days are read from the entries. A
        read-only transaction (the web client's reads) cannot write: it
        reads the days from the entries, and the days are summed up after
        it, in a transaction of their own.
        """
        cr = self.env.cr
        if cr.readonly:
            uid, context, registry = (
                self.env.uid,
                dict(self.env.context),
                self.env.registry,
            )

            @cr.postcommit.add
            def refresh_later():
                # The read is answered already: a failure here only leaves
                # the days to the next reader.
                try:
                    with registry.cursor() as new_cr:
                        env = api.Environment(new_cr, uid, context)
                        env[self._name].sudo()._refresh(tz, days)
                except psycopg2.Error:
                    _logger.warning(
                        "Interaction analysis days not summed up", exc_info=True
                    )

            return set()
        cr.execute(
            SQL(
                "SELECT pg_try_advisory_xact_lock(hashtext(%s), hashtext(%s))",
                self._table,
                tz,
            )
        )
        if not cr.fetchone()[0]:
            return set()
        try:
            with cr.savepoint(flush=False):
                self._compute_days(tz, days)
        except (psycopg2.errors.SerializationFailure, psycopg2.errors.UniqueViolation):
            _logger.info("Interaction analysis days in %s summed up meanwhile", tz)
            return set()
        return set(days)

    @api.model
    def _compute_days(self, tz, days):
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                INSERT INTO interaction_log_rollup_day (tz, day, snapshot, xid)
                SELECT %(tz)s, day, pg_current_snapshot()::text,
                       pg_current_xact_id()::text
                  FROM unnest(%(days)s::date[]) day
                    ON CONFLICT (tz, day) DO UPDATE
                   SET snapshot = EXCLUDED.snapshot, xid = EXCLUDED.xid
                """,
                tz=tz,
                days=days,
            )
        )
        # This transaction's own marks are in what it sums up now; the
        # snapshot it records does not show them as done.
        cr.execute(
            SQL(
                """
                DELETE FROM interaction_log_rollup_change
                 WHERE day = ANY(%(days)s) AND xid = pg_current_xact_id()::text
                """,
                days=days,
            )
        )
        cr.execute(
            SQL(
                "DELETE FROM interaction_log_rollup WHERE tz = %s AND day = ANY(%s)",
                tz,
                days,
            )
        )
        cr.execute(
            SQL(
                """
                INSERT INTO interaction_log_rollup (
                    tz, day, month, company_id, template_id, group_id,
                    entry_count, cost, duration)
                SELECT %(tz)s, date::date,
                       date_trunc(
                           'month', timezone(%(tz)s, timezone('UTC', date)))::date,
                       company_id, template_id, group_id,
                       count(*), sum(cost), sum(duration)
                  FROM interaction_log_entry
                 WHERE (canceled IS NULL OR canceled = FALSE)
                   AND date >= %(first)s AND date < %(end)s
                   AND date::date = ANY(%(days)s::date[])
              GROUP BY 2, 3, 4, 5, 6
                """,
                tz=tz,
                days=days,
                first=min(days),
                end=max(days) + DAY,
            )
        )

    @api.model
    def _spans(self, days):
        """Consecutive days as [first, end) spans."""
        spans = []
        for day in days:
            if spans and spans[-1][1] == day:
                spans[-1][1] = day + DAY
            else:
                spans.append([day, day + DAY])
        return spans

    @api.model
    def _query(self, entries, domain, groupby, aggregates, tz, spans, filters):
        """The groups of the summed-up ``spans`` and of the entries
        outside them, added up in one query."""
        # One range scan per stretch of days not summed up (before, between
        # and after the spans): an OR of them would walk the whole period.
        bounds = [None] + [moment for span in spans for moment in span] + [None]
        month = SQL(
            "date_trunc('month', timezone(%s, timezone('UTC', %s)))",
            tz,
            SQL.identifier(entries._table, "date"),
        )
        live = []
        for start, stop in zip(bounds[::2], bounds[1::2]):
            stretch = []
            if start:
                stretch.append(("date", ">=", datetime.combine(start, time.min)))
            if stop:
                stretch.append(("date", "<", datetime.combine(stop, time.min)))
            query = entries._search(expression.AND([domain, stretch]))
            if query.is_empty():
                continue
            select = query.select(
                SQL.identifier(entries._table, "company_id"),
                SQL.identifier(entries._table, "template_id"),
                SQL.identifier(entries._table, "group_id"),
                SQL("%s AS month", month),
                SQL("count(*) AS entry_count"),
                SQL("sum(%s) AS cost", SQL.identifier(entries._table, "cost")),
                SQL("sum(%s) AS duration", SQL.identifier(entries._table, "duration")),
            )
            live.append(SQL("(%s GROUP BY 1, 2, 3, 4)", select))
        conditions = [
            SQL("tz = %s", tz),
            SQL(" OR ").join(
                SQL("(day >= %s AND day < %s)", first, end) for first, end in spans
            ),
        ]
        conditions += [
            SQL("%s = ANY(%s)", SQL.identifier(fname), ids) for fname, ids in filters
        ]
        summed = SQL(
            """SELECT company_id, template_id, group_id, month::timestamp,
                      entry_count, cost, duration
                 FROM interaction_log_rollup WHERE %s""",
            SQL(" AND ").join(SQL("(%s)", c) for c in conditions),
        )
        columns = [SQL.identifier(GROUPBY_COLUMNS[spec]) for spec in groupby]
        select = SQL(", ").join(
            columns + [SQL(AGGREGATE_SUMS[spec]) for spec in aggregates]
        )
        sql = SQL(
            "SELECT %s FROM (%s) figures%s",
            select,
            SQL(" UNION ALL ").join([*live, SQL("(%s)", summed)]),
            SQL(" GROUP BY %s", SQL(", ").join(columns)) if columns else SQL(),
        )
        rows = self.env.execute_query(sql)
        if not rows:
            return rows
        columns_out = list(zip(*rows))
        result = [
            entries._read_group_postprocess_groupby(spec, values)
            for spec, values in zip(groupby, columns_out)
        ]
        result += [
            entries._read_group_postprocess_aggregate(spec, values)
            for spec, values in zip(aggregates, columns_out[len(groupby) :])
        ]
        return list(zip(*result))

    # ------------------------------------------------------------------
    # Marking changes
    # ------------------------------------------------------------------

    @api.model
    def _mark_entries(self, entry_ids):
        """Mark the closed days of these entries as changed (before they
        change: their current dates)."""
        if not entry_ids:
            return
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO interaction_log_rollup_change (day, xid, date)
                SELECT DISTINCT date::date, pg_current_xact_id()::text,
                       now() at time zone 'UTC'
                  FROM interaction_log_entry
                 WHERE id = ANY(%s) AND date < %s
                """,
                list(entry_ids),
                fields.Datetime.now() - MARK_AFTER,
            )
        )

    @api.model
    def _mark_dates(self, dates):
        """Mark the days of these entry dates as changed, when they may be
        summed up already. No query for dates of the last hour."""
        limit = fields.Datetime.now() - MARK_AFTER
        days = sorted(
            {
                moment.date()
                for moment in map(fields.Datetime.to_datetime, dates)
                if moment and moment < limit
            }
        )
        if days:
            self.env.cr.execute(
                SQL(
                    """
                    INSERT INTO interaction_log_rollup_change (day, xid, date)
                    SELECT day, pg_current_xact_id()::text, now() at time zone 'UTC'
                      FROM unnest(%s::date[]) day
                    """,
                    days,
                )
            )

    # ------------------------------------------------------------------
    # Daily
    # ------------------------------------------------------------------

    @api.autovacuum
    def _gc_rollup(self):
        """Sum up the closed days ahead of the readers, in the time zones
        they read in, and forget the changes every day has taken in."""
        self.env.cr.execute(
            """
            SELECT DISTINCT tz FROM interaction_log_rollup_day
             UNION SELECT DISTINCT p.tz FROM res_users u
              JOIN res_partner p ON p.id = u.partner_id
             WHERE u.active AND NOT u.share AND p.tz IS NOT NULL
            """
        )
        timezones = {
            tz for (tz,) in self.env.cr.fetchall() if tz in pytz.all_timezones_set
        }
        end = (fields.Datetime.now() - CLOSE_DELAY).date()
        # Days without entries too: a pivot's period may start before them.
        first = end - DAY * PRECOMPUTE_DAYS
        for tz in sorted(timezones):
            fresh = self._fresh_days(tz, first, end)
            missing = [
                first + DAY * n
                for n in range((end - first).days)
                if first + DAY * n not in fresh
            ]
            if missing:
                self._refresh(tz, missing)
        self.env.cr.execute(
            SQL(
                """
                DELETE FROM interaction_log_rollup_change c
                 WHERE c.date < %s
                   AND NOT EXISTS (
                       SELECT 1 FROM interaction_log_rollup_day d
                        WHERE d.day = c.day AND %s)
                """,
                fields.Datetime.now() - CHANGE_KEEP,
                STALE,
            )
        )
