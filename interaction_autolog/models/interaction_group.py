import logging
import threading
import time

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# Entries deleted per transaction: small enough that each batch commits in
# seconds, so the rows it touches (the entries, the stored figures that
# depend on them) are never held for long.
RETENTION_BATCH_SIZE = 5000
# Seconds one auto-vacuum run may spend deleting old entries, well under the
# time a cron worker is given (limit_time_real_cron): a large backlog is
# worked off over several runs instead of one that is killed halfway.
RETENTION_TIME_LIMIT = 60
# After each batch, the retention rests this many times as long as the batch
# took, as PostgreSQL's own autovacuum rests (autovacuum_vacuum_cost_delay):
# it runs beside users who log, and must leave them the machine (on two
# cores, resting only as long as it worked cost the loggers a third of their
# pace). Deleting a large backlog takes four times as long; nothing waits
# for it.
RETENTION_REST_RATIO = 3.0


class InteractionGroup(models.Model):
    _name = "interaction.group"
    _inherit = ["interaction.coded.mixin"]
    _description = "Interaction Group"
    _order = "sequence, code"
    _interaction_entry_field = "group_id"

    sequence = fields.Integer(default=10)
    template_ids = fields.One2many(
        "interaction.template", "group_id", string="Templates"
    )
    retention_months = fields.Integer(
        string="Keep for (months)",
        default=0,
        help="Interactions of this group older than this many months are "
        "deleted by the daily clean-up, canceled or not. 0 keeps them "
        "forever.",
    )
    retention_run_ids = fields.One2many(
        "interaction.retention.run",
        "group_id",
        string="Retention Runs",
        groups="interaction_autolog.group_interaction_manager",
    )

    @api.constrains("retention_months")
    def _check_retention_months(self):
        for group in self:
            if group.retention_months < 0:
                raise ValidationError(
                    self.env._(
                        "Keep for (months) cannot be negative: enter 0 to "
                        "keep the interactions of %(group)s forever.",
                        group=group.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # Retention
    # ------------------------------------------------------------------

    @api.autovacuum
    def _gc_retention(self):
        """Delete the entries older than their group keeps them.

        Runs in Odoo's daily auto-vacuum, at most ``RETENTION_TIME_LIMIT``
        seconds; what is left is taken up by the auto-vacuum again, which
        it asks to run once more.
        """
        deadline = time.monotonic() + RETENTION_TIME_LIMIT
        groups = (
            self.sudo()
            .with_context(active_test=False)
            .search([("retention_months", ">", 0)], order="id")
        )
        for group in groups:
            if not group._retention_delete_old_entries(deadline):
                _logger.info(
                    "Interaction retention stopped after %s s, more to delete: "
                    "the auto-vacuum runs again",
                    RETENTION_TIME_LIMIT,
                )
                self.env.ref("base.autovacuum_job")._trigger()
                return

    def _retention_delete_old_entries(self, deadline):
        """Delete this group's entries older than its retention, in batches
        committed one by one; record the run per company. Returns whether
        every old entry is gone (False when ``deadline`` came first)."""
        self.ensure_one()
        cutoff = fields.Datetime.now() - relativedelta(months=self.retention_months)
        # Deleting entries that are not canceled is what the audit trail
        # guard refuses to users; it lets through the superuser on the
        # erasure context, which no RPC call can set up (it needs sudo).
        # The ORM unlink keeps what is computed from the entries (the
        # figures stored on opportunities) up to date.
        Entry = (
            self.env["interaction.log.entry"]
            .sudo()
            .with_context(active_test=False, interaction_erasure=True)
        )
        Run = self.env["interaction.retention.run"].sudo()
        runs = {}
        while time.monotonic() < deadline:
            started = time.monotonic()
            entries = Entry.search(
                [("group_id", "=", self.id), ("date", "<", cutoff)],
                order="date, id",
                limit=RETENTION_BATCH_SIZE,
            )
            if not entries:
                return True
            self.env.cr.execute(
                SQL(
                    """SELECT company_id, count(*), min(date), max(date)
                         FROM interaction_log_entry
                        WHERE id = ANY(%s)
                     GROUP BY company_id""",
                    entries.ids,
                )
            )
            figures = self.env.cr.fetchall()
            entries.unlink()
            for company_id, count, oldest, newest in figures:
                run = runs.get(company_id)
                if run:
                    run.write(
                        {
                            "entry_count": run.entry_count + count,
                            "oldest_date": min(run.oldest_date, oldest),
                            "newest_date": max(run.newest_date, newest),
                        }
                    )
                    continue
                runs[company_id] = Run.create(
                    {
                        "group_id": self.id,
                        "group_name": self.display_name,
                        "company_id": company_id,
                        "retention_months": self.retention_months,
                        "entry_count": count,
                        "oldest_date": oldest,
                        "newest_date": newest,
                    }
                )
            self._retention_commit()
            rest = (time.monotonic() - started) * RETENTION_REST_RATIO
            time.sleep(max(0.0, min(rest, deadline - time.monotonic())))
        return False

    def _retention_commit(self):
        # Each batch is its own transaction, so that logging never waits on
        # a long one. A test runs in one transaction it rolls back: no commit
        # there (as Odoo's own code tells tests apart).
        testing = getattr(threading.current_thread(), "testing", False)
        if not testing and not self.env.registry.in_test_mode():
            # The auto-vacuum commits after each method; this one commits
            # after each batch too, with the batch's run figures.
            self.env.cr.commit()  # pylint: disable=invalid-commit
