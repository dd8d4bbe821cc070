from datetime import datetime, time, timedelta

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import InteractionCommon, call_kw

MEASURES = ("cost:sum", "duration:sum", "__count")
# The pivot's four calls for template × month, and the graph's one.
PIVOT = ([], ["date:month"], ["template_id"], ["template_id", "date:month"])
GRAPH = ["date:month", "group_id"]
TZ = "Europe/Helsinki"


@tagged("post_install", "-at_install")
class TestRollup(InteractionCommon, HttpCase):
    """The Interactions pivot and graph read the days that are over from
    their sums (interaction.log.rollup): the same groups, in the same order,
    with the same figures as from the entries, whatever changed them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Rollup = cls.env["interaction.log.rollup"]
        cls.template_letter = cls.env.ref(
            "interaction_autolog.interaction_template_letter"
        )
        cls.user_employee.write(
            {
                "tz": TZ,
                "company_ids": [(6, 0, cls.company.ids)],
                "company_id": cls.company.id,
            }
        )
        now = fields.Datetime.now()
        today = datetime.combine(now.date(), time(12))
        # Closed days of past months, the last of a month late in the
        # evening (already the next month in Helsinki), and today.
        cls.since = (today - timedelta(days=150)).replace(day=1, hour=0)
        last_month = now.replace(day=1, hour=22, minute=30) - timedelta(days=1)
        last_of_month = last_month.replace(day=1) - timedelta(days=1)
        values = []
        for days, template, cost in (
            (3, cls.template_cover, 1.5),
            (20, cls.template_email, 2.25),
            (45, cls.template_cover, 4.0),
            (45, cls.template_letter, 0.5),
            (75, cls.template_letter, 3.0),
            (110, cls.template_email, 1.0),
            (0, cls.template_cover, 7.0),
        ):
            values.append(cls._values(today - timedelta(days=days), template, cost))
        values.append(cls._values(last_of_month, cls.template_email, 5.0))
        values.append(cls._values(today - timedelta(days=30), False, 1.25))
        cls.entries = cls.Entry.create(values)
        # The other company's, which a user of the first one never sees.
        cls.other_entries = cls.Entry.create(
            [
                dict(
                    cls._values(today - timedelta(days=days), cls.template_cover, 9),
                    company_id=cls.company_2.id,
                )
                for days in (10, 60)
            ]
        )
        cls.domain = [("canceled", "=", False), ("date", ">=", cls.since)]

    @classmethod
    def _values(cls, date, template, cost):
        return {
            "partner_id": cls.contact.id,
            "name": "Visit",
            "template_id": template and template.id,
            "date": date,
            "cost": cost,
            "duration": 10,
        }

    def _reads(self, env, groupby, domain=None, measures=MEASURES):
        """read_group as the pivot calls it (served from the rollup when it
        can), and with an explicit order (which the entries answer)."""
        measures = list(measures)
        Entry = env["interaction.log.entry"]
        domain = self.domain if domain is None else domain
        served = Entry.read_group(domain, measures, groupby, lazy=False)
        order = ",".join(f"{spec} ASC" for spec in groupby)
        live = Entry.read_group(domain, measures, groupby, orderby=order, lazy=False)
        return served, live

    def assertServedAsLive(self, env, views=PIVOT + (GRAPH,), domain=None):
        for groupby in views:
            with self.subTest(groupby=groupby):
                served, live = self._reads(env, groupby, domain)
                self.assertEqual(served, live)
        return served

    def _employee_env(self, tz=TZ):
        return self.env(
            user=self.user_employee,
            context={"tz": tz, "allowed_company_ids": self.company.ids},
        )

    def _rollup_rows(self, tz=TZ):
        return self.Rollup.search_count(
            [("tz", "=", tz), ("company_id", "=", self.company.id)]
        )

    def test_pivot_and_graph_as_from_the_entries(self):
        env = self._employee_env()
        before = self._reads(env, ["template_id", "date:month"])[1]
        self.assertServedAsLive(env)
        self.assertTrue(self._rollup_rows(), "the closed days are summed up")
        # What is served comes from the sums: change one, the pivot shows it.
        self.env.cr.execute(
            "UPDATE interaction_log_rollup SET entry_count = entry_count + 1000"
            " WHERE tz = %s",
            [TZ],
        )
        served = self._reads(env, ["template_id", "date:month"])[0]
        self.assertEqual(
            sum(row["__count"] for row in served),
            sum(row["__count"] for row in before) + 1000 * self._rollup_rows(),
        )

    def test_time_zones_and_no_time_zone(self):
        for tz in ("America/New_York", "Asia/Kolkata", "UTC", False):
            with self.subTest(tz=tz):
                self.assertServedAsLive(self._employee_env(tz))

    def test_cancel_and_restore(self):
        env = self._employee_env()
        self.assertServedAsLive(env)
        old = self.entries.filtered(lambda e: e.cost == 4.0)
        old.with_user(self.user_interaction_manager).action_cancel()
        served = self.assertServedAsLive(env, [["template_id"]])
        self.assertEqual(sum(row["__count"] for row in served), 8)
        old.with_user(self.user_interaction_manager).action_restore()
        served = self.assertServedAsLive(env, [["template_id"]])
        self.assertEqual(sum(row["__count"] for row in served), 9)

    def test_cost_and_date_changed(self):
        env = self._employee_env()
        self.assertServedAsLive(env)
        entry = self.entries.filtered(lambda e: e.cost == 3.0)
        entry.cost = 30.0
        self.assertServedAsLive(env)
        entry.date -= timedelta(days=20)
        self.assertServedAsLive(env)

    def test_entry_created_with_past_date(self):
        env = self._employee_env()
        self.assertServedAsLive(env)
        self.Entry.create(
            self._values(fields.Datetime.now() - timedelta(days=45), False, 2)
        )
        self.assertServedAsLive(env)

    def test_erasure(self):
        env = self._employee_env()
        self.assertServedAsLive(env)
        self.Entry.create(
            dict(
                self._values(fields.Datetime.now() - timedelta(days=20), False, 2),
                partner_id=self.contact_2.id,
            )
        )
        self.assertServedAsLive(env)
        wizard = (
            self.env["interaction.erasure.wizard"]
            .with_user(self.user_interaction_manager)
            .create({"partner_id": self.contact_2.id})
        )
        wizard.action_erase()
        served = self.assertServedAsLive(env, [[]])
        self.assertEqual(served[0]["__count"], 9)

    def test_retention(self):
        env = self._employee_env()
        self.assertServedAsLive(env)
        group = self.entries.filtered(lambda e: e.cost == 1.0).group_id
        group.sudo().retention_months = 3
        self.env["interaction.group"]._gc_retention()
        served = self.assertServedAsLive(env, [[]])
        self.assertEqual(served[0]["__count"], 8)

    def test_one_company_of_two(self):
        env = self._employee_env()
        served = self.assertServedAsLive(env, [[]])
        self.assertEqual(served[0]["__count"], 9)
        both = self.env(
            user=self.user_admin,
            context={
                "tz": TZ,
                "allowed_company_ids": (self.company + self.company_2).ids,
            },
        )
        served = self.assertServedAsLive(both, [["date:month"]])
        self.assertEqual(sum(row["__count"] for row in served), 11)
        # The user's own company after all, in the pivot's filter.
        domain = self.domain + [("company_id", "in", self.company_2.ids)]
        served = self.assertServedAsLive(both, [["template_id"]], domain)
        self.assertEqual(sum(row["__count"] for row in served), 2)

    def test_other_record_rule_reads_the_entries(self):
        self.env["ir.rule"].create(
            {
                "name": "Own interactions only",
                "model_id": self.env.ref(
                    "interaction_autolog.model_interaction_log_entry"
                ).id,
                "domain_force": "[('user_id', '=', user.id)]",
                "groups": [(4, self.env.ref("base.group_user").id)],
            }
        )
        self.entries[:2].user_id = self.user_employee
        env = self._employee_env()
        served = self.assertServedAsLive(env, [[]])
        self.assertEqual(served[0]["__count"], 2)
        self.assertFalse(self._rollup_rows())

    def test_pivot_query_count(self):
        env = self._employee_env()
        Entry = env["interaction.log.entry"]
        self.assertServedAsLive(env)
        # Summed up days are read, the rest from the entries, in one query;
        # the templates' order in one more.
        with self.assertQueryCount(3):
            Entry.read_group(
                self.domain, MEASURES, ["template_id", "date:month"], lazy=False
            )

    def test_web_client_pivot(self):
        """Through /web/dataset/call_kw, as the pivot view reads: the user's
        time zone and company from the session."""
        self.assertServedAsLive(self._employee_env())
        domain = [("canceled", "=", False), ("date", ">=", str(self.since))]
        for groupby in PIVOT:
            with self.subTest(groupby=groupby):
                args = [domain, list(MEASURES), groupby]
                served, error = call_kw(
                    self,
                    self.user_employee,
                    "interaction.log.entry",
                    "read_group",
                    args,
                    {"lazy": False},
                )
                self.assertFalse(error)
                order = ",".join(f"{spec} ASC" for spec in groupby)
                live, error = call_kw(
                    self,
                    self.user_employee,
                    "interaction.log.entry",
                    "read_group",
                    args,
                    {"lazy": False, "orderby": order},
                )
                self.assertEqual(served, live)

    def test_daily_autovacuum_sums_up_ahead(self):
        """Odoo's daily auto-vacuum sums up the closed days in the users'
        time zones, so that the first pivot of the day finds them."""
        self.assertFalse(self._rollup_rows())
        self.env["interaction.log.rollup"]._gc_rollup()
        self.assertTrue(self._rollup_rows())
        days = self.env["interaction.log.rollup.day"].search_read([], ["snapshot"])
        env = self._employee_env()
        Entry = env["interaction.log.entry"]
        # Once to fill the caches (access rights, rules, templates, language).
        groupby = ["template_id", "date:month"]
        Entry.read_group(self.domain, MEASURES, groupby, lazy=False)
        with self.assertQueryCount(3):
            Entry.read_group(self.domain, MEASURES, groupby, lazy=False)
        self.assertServedAsLive(env)
        self.assertEqual(
            self.env["interaction.log.rollup.day"].search_read([], ["snapshot"]),
            days,
            "the days were not summed up again",
        )

    def test_web_client_pivot_before_anything_is_summed_up(self):
        """A read-only request cannot sum up: it reads the entries."""
        domain = [("canceled", "=", False), ("date", ">=", str(self.since))]
        args = [domain, list(MEASURES), ["template_id", "date:month"]]
        served, error = call_kw(
            self,
            self.user_employee,
            "interaction.log.entry",
            "read_group",
            args,
            {"lazy": False},
        )
        self.assertFalse(error)
        self.assertEqual(sum(row["__count"] for row in served), 9)
        self.assertFalse(self._rollup_rows())
