import json
from unittest.mock import patch

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, HttpCase, tagged
from odoo.tools import mute_logger

from ..models import interaction_group
from .common import InteractionCommon, call_kw


@tagged("post_install", "-at_install")
class TestRetention(InteractionCommon, HttpCase):
    """A group's "Keep for (months)": Odoo's daily auto-vacuum deletes its
    older entries and records how many, without saying whose."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Group = cls.env["interaction.group"]
        cls.Run = cls.env["interaction.retention.run"]
        cls.group_email = cls.env.ref("interaction_autolog.interaction_group_email")
        cls.template_letter = cls.env.ref(
            "interaction_autolog.interaction_template_letter"
        )
        cls.group_letter.retention_months = 12

    def _entry(self, template, months_ago, days=0, canceled=False, **values):
        """An entry the engine logged ``months_ago`` months (and ``days``
        days) ago."""
        date = fields.Datetime.now() - relativedelta(months=months_ago, days=days)
        return self.Entry._as_engine().create(
            {
                "partner_id": self.contact.id,
                "template_id": template.id,
                "name": "Offer letter to Alice Buyer",
                "date": date,
                "canceled": canceled,
                "is_automatic": True,
                **values,
            }
        )

    def _vacuum(self):
        """Run Odoo's auto-vacuum as its daily cron does: every
        ``@api.autovacuum`` method, committing after each one (on a test
        cursor, which commits to a savepoint: HttpCase runs in test mode)."""
        self.env.flush_all()
        with self.registry.cursor() as cr:
            self.env(cr=cr)["ir.autovacuum"]._run_vacuum_cleaner()
        self.env.invalidate_all()

    def _runs(self):
        return self.Run.search([("group_id", "=", self.group_letter.id)])

    def test_old_entries_deleted_by_autovacuum(self):
        old = self._entry(self.template_letter, 13)
        old_canceled = self._entry(self.template_cover, 24, canceled=True)
        young = self._entry(self.template_letter, 11)
        other_group_old = self._entry(self.template_email, 40)
        self._vacuum()
        self.assertFalse(old.exists())
        self.assertFalse(old_canceled.exists(), "canceled old entries go too")
        self.assertTrue(young.exists())
        self.assertTrue(other_group_old.exists(), "the email group keeps forever")

    def test_zero_keeps_forever(self):
        self.group_letter.retention_months = 0
        ancient = self._entry(self.template_letter, 240)
        self.Group._gc_retention()
        self.assertTrue(ancient.exists())
        self.assertFalse(self._runs())

    def test_run_recorded_without_personal_data(self):
        oldest = self._entry(self.template_letter, 30)
        newest = self._entry(self.template_cover, 12, days=1)
        oldest_date, newest_date = oldest.date, newest.date
        self._entry(self.template_letter, 2)
        self.Group._gc_retention()
        run = self._runs()
        self.assertEqual(len(run), 1)
        self.assertEqual(run.entry_count, 2)
        self.assertEqual(run.oldest_date, oldest_date)
        self.assertEqual(run.newest_date, newest_date)
        self.assertEqual(run.retention_months, 12)
        self.assertEqual(run.company_id, self.company)
        self.assertEqual(run.group_name, self.group_letter.display_name)
        self.assertEqual(self.group_letter.retention_run_ids, run)
        # Nothing in the run points at or names the contact.
        self.assertFalse(
            [
                name
                for name, field in self.Run._fields.items()
                if field.type in ("many2one", "many2many", "one2many")
                and field.comodel_name not in ("interaction.group", "res.company")
                and not field.automatic
                and name not in ("create_uid", "write_uid")
            ]
        )
        values = json.dumps(run.read()[0], default=str)
        for personal in ("Alice", "alice@", "Acme", "Offer letter"):
            self.assertNotIn(personal, values)

    def test_nothing_to_delete_records_no_run(self):
        self._entry(self.template_letter, 3)
        self.Group._gc_retention()
        self.assertFalse(self._runs())

    def test_batches_add_up_in_one_run_per_company(self):
        company_2 = self.env["res.company"].create({"name": "Retention Two Ltd"})
        for months in (13, 14, 15, 16, 17):
            self._entry(self.template_letter, months)
        other = self._entry(self.template_letter, 20, company_id=company_2.id)
        other_date = other.date
        with patch.object(interaction_group, "RETENTION_BATCH_SIZE", 2):
            self.Group._gc_retention()
        self.assertFalse(
            self.Entry.sudo().search([("group_id", "=", self.group_letter.id)])
        )
        runs = self._runs()
        self.assertEqual(len(runs), 2)
        run_1 = runs.filtered(lambda r: r.company_id == self.company)
        run_2 = runs - run_1
        self.assertEqual(run_1.entry_count, 5)
        self.assertEqual(run_2.company_id, company_2)
        self.assertEqual(run_2.entry_count, 1)
        self.assertEqual(run_2.oldest_date, other_date)

    def test_rests_after_each_batch_longer_than_it_took(self):
        # Logging runs beside it: after each batch the retention leaves the
        # machine to the users for longer than the batch took.
        for months in (13, 14, 15, 16, 17):
            self._entry(self.template_letter, months)
        with (
            patch.object(interaction_group, "RETENTION_BATCH_SIZE", 2),
            patch.object(interaction_group.time, "sleep") as rest,
        ):
            self.Group._gc_retention()
        self.assertEqual(rest.call_count, 3, "one rest per batch of 2, 2 and 1")
        self.assertTrue(all(call.args[0] > 0 for call in rest.call_args_list))

    def test_time_cap_leaves_the_rest_for_the_next_run(self):
        old = self._entry(self.template_letter, 13)
        autovacuum = self.env.ref("base.autovacuum_job")
        triggers = self.env["ir.cron.trigger"].search([("cron_id", "=", autovacuum.id)])
        with patch.object(interaction_group, "RETENTION_TIME_LIMIT", 0):
            self.Group._gc_retention()
        self.assertTrue(old.exists())
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", autovacuum.id)])
            - triggers,
            "the auto-vacuum is asked to run again",
        )
        self.Group._gc_retention()
        self.assertFalse(old.exists())

    def test_deleted_group_keeps_its_runs(self):
        group = self.Group.create(
            {"code": "RETAIN", "name": "Short-lived", "retention_months": 1}
        )
        template = self.template_letter.copy({"code": "RETAIN1", "group_id": group.id})
        self._entry(template, 2)
        self.Group._gc_retention()
        run = self.Run.search([("group_id", "=", group.id)])
        self.assertEqual(run.entry_count, 1)
        template.unlink()
        group.unlink()
        self.assertTrue(run.exists())
        self.assertFalse(run.group_id)
        self.assertEqual(run.group_name, "RETAIN - Short-lived")

    def test_set_on_the_group_form_never_negative(self):
        manager = self.user_interaction_manager
        form = Form(self.group_email.with_user(manager))
        form.retention_months = 36
        form.save()
        self.assertEqual(self.group_email.retention_months, 36)
        form = Form(self.group_email.with_user(manager))
        form.retention_months = -1
        with self.assertRaises(ValidationError):
            form.save()
        with self.assertRaises(ValidationError):
            self.group_letter.with_user(manager).retention_months = -1

    def test_versions_go_on_after_deletion(self):
        """The version counters are not the entries: a document logged again
        after its old entries were deleted gets its next version, not 1."""
        first = self.Entry._log_interaction(self.contact, "cover_sheet")
        second = self.Entry._log_interaction(self.contact, "cover_sheet")
        self.assertEqual((first | second).mapped("document_version"), [1, 2])
        self.assertEqual(first.group_id, self.group_letter)
        old = fields.Datetime.now() - relativedelta(years=2)
        (first | second)._as_engine().write({"date": old})
        self.Group._gc_retention()
        self.assertFalse((first | second).exists())
        again = self.Entry._log_interaction(self.contact, "cover_sheet")
        self.assertEqual(again.document_version, 3)

    def test_users_cannot_delete_entries_or_write_runs(self):
        entry = self._entry(self.template_letter, 13)
        user = self.user_employee
        with self.assertRaises(AccessError):
            entry.with_user(user).with_context(interaction_erasure=True).unlink()
        # A manager deletes only canceled entries, whatever context comes along.
        with self.assertRaises(UserError):
            entry.with_user(self.user_interaction_manager).with_context(
                interaction_erasure=True
            ).unlink()
        for someone in (user, self.user_interaction_manager):
            with self.assertRaises(AccessError):
                self.Run.with_user(someone).create(
                    {"group_id": self.group_letter.id, "entry_count": 1}
                )
        self.Group._gc_retention()
        run = self._runs()
        with self.assertRaises(AccessError):
            run.with_user(self.user_interaction_manager).write({"entry_count": 0})
        with self.assertRaises(AccessError):
            run.with_user(self.user_interaction_manager).unlink()
        self.assertEqual(run.with_user(self.user_interaction_manager).entry_count, 1)
        with self.assertRaises(AccessError):
            run.with_user(user).read(["entry_count"])

    @mute_logger("odoo.http")
    def test_rpc_cannot_delete_entries_or_create_runs(self):
        entry = self._entry(self.template_letter, 13)
        context = {"interaction_erasure": True}
        for user in (self.user_employee, self.user_interaction_manager):
            _result, error = call_kw(
                self,
                user,
                "interaction.log.entry",
                "unlink",
                [[entry.id]],
                {"context": context},
            )
            self.assertTrue(error, user.login)
            self.assertTrue(entry.exists())
            _result, error = call_kw(
                self,
                user,
                "interaction.retention.run",
                "create",
                [{"group_id": self.group_letter.id, "entry_count": 99}],
            )
            self.assertEqual(error["name"], "odoo.exceptions.AccessError")
            # Only the auto-vacuum, as superuser, runs the retention.
            _result, error = call_kw(
                self, user, "interaction.group", "_gc_retention", []
            )
            self.assertTrue(error, user.login)
            self.assertTrue(entry.exists())
        self.assertFalse(self._runs())
