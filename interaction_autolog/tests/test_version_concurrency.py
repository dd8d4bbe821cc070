import threading
import time
from contextlib import closing

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
from odoo.sql_db import db_connect
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestVersionConcurrency(TransactionCase):
    """Two requests print the same document at the same moment.

    Each request is a transaction of its own, so the test uses real cursors
    on their own connections (not the test's cursor) and commits, then
    removes what it committed.
    """

    def _new_cursor(self):
        # A connection of its own, as each request has: also under Odoo's
        # test runner, whose registry.cursor() shares the test's connection.
        return db_connect(self.env.cr.dbname).cursor()

    def setUp(self):
        super().setUp()
        if Registry._lock._is_owned():
            # Odoo's runner holds the registry lock while it runs the tests
            # of a loading registry: a second thread cannot open an
            # environment, so two requests cannot race. pytest runs it.
            self.skipTest("two requests cannot run while the registry loads")
        with self._new_cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            doc_type = env.ref("interaction_autolog.document_type_cover_sheet")
            company = env.ref("base.main_company")
            self.assertTrue(
                doc_type.with_company(company).template_id,
                "the default setup logs the cover sheet",
            )
            partner = env["res.partner"].create(
                {"name": "Racing Customer", "email": "racing@example.com"}
            )
            self.partner_id = partner.id
        self.addCleanup(self._remove_committed_data)

    def _remove_committed_data(self):
        with self._new_cursor() as cr:
            cr.execute(
                "DELETE FROM interaction_log_entry WHERE partner_id = %s",
                [self.partner_id],
            )
            cr.execute(
                "DELETE FROM interaction_log_version"
                " WHERE res_model = 'res.partner' AND res_id = %s",
                [self.partner_id],
            )
            cr.execute("DELETE FROM res_partner WHERE id = %s", [self.partner_id])

    def _print(self, cr):
        """What a print of the contact's cover sheet logs, in ``cr``."""
        env = api.Environment(cr, SUPERUSER_ID, {})
        partner = env["res.partner"].browse(self.partner_id)
        entries = env["interaction.log.entry"]._log_interaction(partner, "cover_sheet")
        env.flush_all()
        return entries.document_version

    def _committed_versions(self):
        with closing(self._new_cursor()) as cr:
            cr.execute(
                "SELECT document_version FROM interaction_log_entry"
                " WHERE partner_id = %s ORDER BY document_version",
                [self.partner_id],
            )
            return [version for (version,) in cr.fetchall()]

    def _wait_until_blocked(self, cr, thread, timeout=10):
        """Whether ``cr``'s connection ends up waiting for a lock (before
        ``thread`` finishes)."""
        pid = cr.connection.get_backend_pid()
        deadline = time.monotonic() + timeout
        with closing(self._new_cursor()) as probe:
            while time.monotonic() < deadline and thread.is_alive():
                probe.execute(
                    "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s",
                    [pid],
                )
                row = probe.fetchone()
                probe.rollback()  # a fresh view of pg_stat_activity each time
                if row and row[0] == "Lock":
                    return True
                time.sleep(0.05)
        return False

    @mute_logger("odoo.sql_db")
    def test_simultaneous_prints_get_the_next_versions(self):
        # A request of its own, on its own connection: it must commit.
        with closing(self._new_cursor()) as cr:
            self.assertEqual(self._print(cr), 1)
            cr.commit()  # pylint: disable=invalid-commit

        with (
            closing(self._new_cursor()) as cr_a,
            closing(self._new_cursor()) as cr_b,
        ):
            # Both requests start before either has logged: each sees the
            # document at version 1.
            for cr in (cr_a, cr_b):
                cr.execute("SELECT 1 FROM interaction_log_entry LIMIT 1")
            self.assertEqual(self._print(cr_a), 2)

            outcome = {}

            def second_request():
                try:
                    outcome["version"] = self._print(cr_b)
                    cr_b.commit()
                except Exception as error:  # noqa: BLE001 - reported below
                    outcome["error"] = error
                    cr_b.rollback()

            thread = threading.Thread(target=second_request)
            thread.start()
            blocked = self._wait_until_blocked(cr_b, thread)
            cr_a.commit()
            thread.join(timeout=30)
            self.assertFalse(thread.is_alive())
            if "error" in outcome:
                # The error Odoo answers by running the request again ...
                self.assertIsInstance(
                    outcome["error"], PG_CONCURRENCY_EXCEPTIONS_TO_RETRY
                )
                # ... in a new transaction, which sees the first one's entry.
                self.assertEqual(self._print(cr_b), 3)
                cr_b.commit()

        # Without the counter's lock both requests read version 1 as the last
        # one and logged version 2: [1, 2, 2].
        self.assertEqual(self._committed_versions(), [1, 2, 3])
        self.assertTrue(blocked, "the second request waited for the first")
        self.assertNotIn("version", outcome, "and did not log before it")


@tagged("post_install", "-at_install")
class TestVersionCounter(InteractionCommon):
    def _set_version(self, entry, version):
        # What the ORM cannot do: entries as an older database holds them.
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE interaction_log_entry SET document_version = %s WHERE id = %s",
            [version, entry.id],
        )
        self.env.invalidate_all()

    def test_counter_continues_existing_versions(self):
        """A database from before the counter: the next version follows the
        highest one logged."""
        entry = self.Entry._log_interaction(self.contact, "cover_sheet")
        self._set_version(entry, 5)
        self.env.cr.execute(
            "DELETE FROM interaction_log_version"
            " WHERE res_model = 'res.partner' AND res_id = %s",
            [self.contact.id],
        )
        again = self.Entry._log_interaction(self.contact, "cover_sheet")
        self.assertEqual(again.document_version, 6)
        # An entry the counter did not number (given its version when it was
        # created) is not numbered again.
        self._set_version(again, 9)
        self.assertEqual(
            self.Entry._log_interaction(self.contact, "cover_sheet").document_version,
            10,
        )
