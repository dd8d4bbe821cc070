from unittest.mock import patch

from odoo import http
from odoo.tests import HttpCase, tagged

from .common import InteractionCommon, call_kw
from .test_report_route import COVER_SHEET


@tagged("post_install", "-at_install")
class TestReplicaReads(InteractionCommon, HttpCase):
    """With a read replica (``db_replica_host``) Odoo serves a request on
    it when the route or the called method is read-only. Odoo's test
    cursor plays the replica: a read-only one refuses writes."""

    def _modes(self, call, start=None):
        """Run ``call``; the cursor mode each request started in (True:
        read-only) and the number of times Odoo ran it again read/write.
        ``start``: start each request so, whatever its route says."""
        modes, dispatch = [], http.Request._transactioning

        def observe(request, func, readonly):
            modes.append(readonly if start is None else start)
            return dispatch(request, func, modes[-1])

        with (
            patch.object(http.Request, "_transactioning", observe),
            self.assertLogs("odoo.http", "WARNING") as logs,
        ):
            result = call()
            http._logger.warning("end")  # assertLogs needs one
        retries = [line for line in logs.output if "read/write cursor" in line]
        return result, modes, len(retries)

    def test_buttons_that_only_read_run_on_the_replica(self):
        """Smart buttons and links that only open a list are read-only."""
        entry = self.Entry._log_interaction(self.contact, self.doc_cover.code)
        campaign = self.env["utm.campaign"].create({"name": "Spring"})
        buttons = [
            (self.contact, "action_view_interactions"),
            (self.template_cover, "action_view_entries"),
            (self.template_cover, "action_view_document_types"),
            (self.group_letter, "action_view_entries"),
            (self.doc_cover, "action_view_entries"),
            (campaign, "action_view_interactions"),
            (campaign, "action_view_interaction_contacts"),
            (campaign, "action_view_interaction_answered"),
            (entry, "action_open_document"),
        ]
        user = self.user_interaction_manager
        for record, method in buttons:
            (action, error), modes, retries = self._modes(
                lambda r=record, m=method: call_kw(
                    self, user, r._name, m, [r.ids], route="call_button"
                )
            )
            self.assertFalse(error, (record, method))
            self.assertEqual(action["type"], "ir.actions.act_window", method)
            self.assertEqual((modes, retries), ([True], 0), (record, method))

    def test_a_print_that_lands_read_only_still_logs_once(self):
        """A logged report starts read/write; should the route still be
        served read-only (the setup changed in between), the entry's write
        makes Odoo run the print again on the primary: logged once."""
        self.authenticate(self.user_employee.login, self.user_employee.login)
        url = f"/report/html/{COVER_SHEET}/{self.contact.id}"
        response, modes, retries = self._modes(lambda: self.url_open(url), True)
        self.assertEqual(response.status_code, 200)
        self.assertEqual((modes, retries), ([True], 1))
        self.assertEqual(len(self.entries_of(self.contact)), 1)
