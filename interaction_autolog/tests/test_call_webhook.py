import ast
import json
import time
from datetime import datetime, timedelta

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import Form, HttpCase, JsonRpcException, new_test_user, tagged

from odoo.addons.interaction_autolog.models.res_users_apikeys_description import (
    CALL_KEY_SCOPE,
)

URL = "/interaction_autolog/call"
BUTTON = "/web/dataset/call_button"


@tagged("post_install", "-at_install")
class TestCallWebhook(HttpCase):
    """The telephony webhook, driven over HTTP as a PBX calls it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Entry = cls.env["interaction.log.entry"]
        cls.ApiKey = cls.env["res.users.apikeys"]
        cls.company = cls.env.company
        cls.company_b = cls.env["res.company"].create({"name": "Other Company Ltd"})
        cls.user_admin = cls.env.ref("base.user_admin")
        cls.user_admin.company_ids |= cls.company_b
        cls.agent = new_test_user(
            cls.env,
            login="agent.anna",
            name="Anna Agent",
            groups="base.group_user",
            company_id=cls.company.id,
        )
        cls.doc_call = cls.env.ref("interaction_autolog.document_type_phone_call")
        cls.doc_call_in = cls.env.ref(
            "interaction_autolog.document_type_phone_call_inbound"
        )
        # A contact shared by all companies, one of each company.
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Customer Oy",
                "phone": "+358 40 123 4567",
                "mobile": "+358 50 999 8888",
                "company_id": False,
            }
        )
        cls.customer_a = cls.env["res.partner"].create(
            {"name": "Only In A", "phone": "044 555 0001", "company_id": cls.company.id}
        )
        cls.customer_b = cls.env["res.partner"].create(
            {
                "name": "Only In B",
                "phone": "+358 44 555 0002",
                "company_id": cls.company_b.id,
            }
        )
        # The telephony system's users: a key logs calls in its user's
        # company.
        cls.pbx_b = new_test_user(
            cls.env,
            login="pbx.b",
            groups="base.group_user",
            company_id=cls.company_b.id,
        )
        cls.key = cls._generate_key(cls.user_admin, "Office PBX")
        cls.key_b = cls._generate_key(cls.pbx_b, "PBX of B")
        cls.key_revoked = cls._generate_key(cls.user_admin, "Old PBX")
        cls.ApiKey.search([("name", "=", "Old PBX")])._remove()
        cls.key_expired = cls._generate_key(
            cls.user_admin, "Expired", datetime.now() - timedelta(minutes=1)
        )
        cls.key_other_scope = cls._generate_key(
            cls.user_admin, "Mail plugin", scope="odoo.plugin.outlook"
        )

    @classmethod
    def _generate_key(cls, user, name, expiration=None, scope=CALL_KEY_SCOPE):
        # As Odoo makes a key: in its user's name.
        return cls.ApiKey.with_user(user).sudo()._generate(scope, name, expiration)

    def setUp(self):
        super().setUp()
        # A session that names the database, as the one-database server a
        # PBX talks to; no user is logged in.
        self.authenticate(None, None)

    def _call(self, **values):
        payload = {
            "direction": "inbound",
            "number": "+358 40 123 4567",
            "start": "2025-03-01T09:30:00+02:00",
            "duration_seconds": 125,
            "status": "answered",
        }
        payload.update(values)
        return {k: v for k, v in payload.items() if v is not None}

    def _post(self, payload=None, key="default", raw=None, headers=None):
        body = raw if raw is not None else json.dumps(payload)
        all_headers = {"Content-Type": "application/json"}
        key = self.key if key == "default" else key
        if key is not None:
            all_headers["Authorization"] = f"Bearer {key}"
        all_headers.update(headers or {})
        return self.opener.post(
            self.base_url() + URL, data=body, headers=all_headers, timeout=30
        )

    def _entry_count(self):
        return self.Entry.sudo().search_count([])

    # ------------------------------------------------------------------
    # Happy paths
    # ------------------------------------------------------------------

    def test_inbound_answered_call_is_logged(self):
        response = self._post(self._call(call_id="pbx-1", note="Asked for a quote"))
        self.assertEqual(response.status_code, 201, response.text)
        entry = self.Entry.browse(response.json()["id"])
        self.assertRecordValues(
            entry,
            [
                {
                    "partner_id": self.customer.id,
                    "document_type_id": self.doc_call_in.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                    "channel": "phone",
                    "date": datetime(2025, 3, 1, 7, 30),
                    "duration": 2.08,
                    "attempt_failed": False,
                    "contact_via": "+358 40 123 4567",
                    "note": "Asked for a quote",
                    "external_call_id": "pbx-1",
                    "company_id": self.company.id,
                    "user_id": self.user_admin.id,
                    "res_model": "res.partner",
                    "res_id": self.customer.id,
                    "is_automatic": True,
                }
            ],
        )

    def test_outbound_missed_call_for_a_user(self):
        response = self._post(
            self._call(
                direction="outbound",
                status="missed",
                duration_seconds=0,
                user_login="agent.anna",
                start="2025-03-01T10:00:00Z",
            )
        )
        self.assertEqual(response.status_code, 201, response.text)
        entry = self.Entry.browse(response.json()["id"])
        self.assertRecordValues(
            entry,
            [
                {
                    "document_type_id": self.doc_call.id,
                    "information_flow": "outbound",
                    "attempt_failed": True,
                    "duration": 0,
                    "user_id": self.agent.id,
                    "date": datetime(2025, 3, 1, 10, 0),
                    "name": f"{self.doc_call.name} (Missed)",
                    "external_call_id": False,
                }
            ],
        )

    def test_any_common_formatting_finds_the_contact(self):
        for number in (
            "+358 40 123 4567",
            "+358401234567",
            "00358 40 123 4567",
            "040-1234567",
            "(040) 123 4567",
            "040 123 45 67",
            "050 999 8888",
        ):
            with self.subTest(number=number):
                response = self._post(self._call(number=number))
                self.assertEqual(response.status_code, 201, response.text)
                entry = self.Entry.browse(response.json()["id"])
                self.assertEqual(entry.partner_id, self.customer)
                self.assertEqual(entry.contact_via, number)

    def test_replayed_call_id_returns_the_same_entry(self):
        first = self._post(self._call(call_id="a1b2-c3d4"))
        self.assertEqual(first.status_code, 201, first.text)
        count = self._entry_count()
        again = self._post(self._call(call_id="a1b2-c3d4", note="changed"))
        self.assertEqual(again.status_code, 200, again.text)
        self.assertEqual(again.json(), first.json())
        self.assertEqual(self._entry_count(), count)

    def test_unknown_number_creates_nothing(self):
        count = self._entry_count()
        for number in ("+1 202 555 0100", "anonymous", "12"):
            with self.subTest(number=number):
                response = self._post(self._call(number=number))
                self.assertEqual(response.status_code, 202, response.text)
                self.assertEqual(response.json(), {"status": "no matching contact"})
        self.assertEqual(self._entry_count(), count)

    def test_each_company_sees_its_own_contacts_and_entries(self):
        # A's key does not reach B's contact, and the reverse.
        count = self._entry_count()
        response = self._post(self._call(number="+358 44 555 0002"))
        self.assertEqual(response.status_code, 202)
        response = self._post(self._call(number="044 555 0001"), key=self.key_b)
        self.assertEqual(response.status_code, 202)
        self.assertEqual(self._entry_count(), count)
        # B's key logs B's own contact and the shared one, in B.
        own = self._post(self._call(number="044 555 0002"), key=self.key_b)
        self.assertEqual(own.status_code, 201, own.text)
        shared = self._post(self._call(call_id="same-id"), key=self.key_b)
        self.assertEqual(shared.status_code, 201, shared.text)
        entries = self.Entry.browse([own.json()["id"], shared.json()["id"]])
        self.assertEqual(entries.company_id, self.company_b)
        self.assertEqual(entries.partner_id, self.customer | self.customer_b)
        # Call ids are per company: A's call with the same id is a new call,
        # and replaying it with B's key does not reveal A's entry.
        in_a = self._post(self._call(call_id="same-id"))
        self.assertEqual(in_a.status_code, 201, in_a.text)
        self.assertNotEqual(in_a.json(), shared.json())
        self.assertEqual(self.Entry.browse(in_a.json()["id"]).company_id, self.company)
        replay_b = self._post(self._call(call_id="same-id"), key=self.key_b)
        self.assertEqual(replay_b.json(), shared.json())

    def test_html_and_sql_in_the_note_are_kept_as_text(self):
        note = "<script>alert(1)</script>'; DELETE FROM res_partner; --"
        response = self._post(self._call(note=note))
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(self.Entry.browse(response.json()["id"]).note, note)
        self.assertTrue(self.customer.exists())

    def test_unconfigured_setup_logs_nothing(self):
        self.doc_call_in.with_company(self.company).template_id = False
        count = self._entry_count()
        response = self._post(self._call())
        self.assertEqual(response.status_code, 202, response.text)
        self.assertEqual(response.json()["status"], "not logged")
        self.assertEqual(self._entry_count(), count)

    def test_entries_are_named_in_english(self):
        """Whatever language the PBX asks for and the users and company
        speak, an entry from the webhook is named in English, like the
        call's status."""
        self.env["res.lang"]._activate_lang("fi_FI")
        self.doc_call.with_context(lang="fi_FI").name = "Lähtevä puhelu"
        self.doc_call_in.with_context(lang="fi_FI").name = "Saapuva puhelu"
        (self.user_admin | self.agent).lang = "fi_FI"
        self.company.partner_id.lang = "fi_FI"
        # The session of a PBX whose first request asked for Finnish.
        self.session.context["lang"] = "fi_FI"
        http.root.session_store.save(self.session)
        headers = {"Accept-Language": "fi-FI,fi;q=0.9"}
        inbound = self._post(self._call(), headers=headers)
        outbound = self._post(
            self._call(direction="outbound", status="busy", user_login="agent.anna"),
            headers=headers,
        )
        self.assertEqual(inbound.status_code, 201, inbound.text)
        self.assertEqual(outbound.status_code, 201, outbound.text)
        self.assertEqual(
            self.Entry.browse(inbound.json()["id"]).name, "Incoming Phone Call"
        )
        self.assertEqual(
            self.Entry.browse(outbound.json()["id"]).name, "Phone Call (Busy)"
        )

    def test_direction_is_the_calls(self):
        """The call's direction decides, not the template the setup picks."""
        template_out = self.doc_call.with_company(self.company).template_id
        template_in = self.doc_call_in.with_company(self.company).template_id
        self.doc_call.with_company(self.company).template_id = template_in
        self.doc_call_in.with_company(self.company).template_id = template_out
        inbound = self._post(self._call())
        outbound = self._post(self._call(direction="outbound"))
        self.assertRecordValues(
            self.Entry.browse([inbound.json()["id"], outbound.json()["id"]]),
            [
                {
                    "template_id": template_out.id,
                    "information_flow": "inbound",
                    "initiated_by": "them",
                },
                {
                    "template_id": template_in.id,
                    "information_flow": "outbound",
                    "initiated_by": "us",
                },
            ],
        )

    def test_last_attempt_is_ours(self):
        """A call the contact made moves the last interaction, not our last
        attempt; a call of ours that failed moves the attempt only."""
        calls = [
            ("outbound", "answered", "2025-03-01T09:00:00Z"),
            ("inbound", "answered", "2025-03-02T09:00:00Z"),
            ("outbound", "missed", "2025-03-03T09:00:00Z"),
            ("inbound", "missed", "2025-03-04T09:00:00Z"),
        ]
        for direction, status, start in calls:
            response = self._post(
                self._call(direction=direction, status=status, start=start)
            )
            self.assertEqual(response.status_code, 201, response.text)
        self.customer.invalidate_recordset()
        self.assertEqual(self.customer.last_attempt_date, datetime(2025, 3, 3, 9))
        self.assertEqual(self.customer.last_interaction_date, datetime(2025, 3, 2, 9))

    def test_lookup_is_one_query(self):
        Partner = self.env["res.partner"]
        Partner.flush_model()
        with self.assertQueryCount(1):
            found = Partner._interaction_find_by_phone("040-1234567", self.company)
        self.assertEqual(found, self.customer)

    def test_exact_number_wins_over_a_suffix_match(self):
        person = self.env["res.partner"].create(
            {"name": "Person", "phone": "040 123 4567", "parent_id": self.customer.id}
        )
        Partner = self.env["res.partner"]
        self.assertEqual(
            Partner._interaction_find_by_phone("0401234567", self.company), person
        )
        self.assertEqual(
            Partner._interaction_find_by_phone("+358401234567", self.company),
            self.customer,
        )

    # ------------------------------------------------------------------
    # Keys
    # ------------------------------------------------------------------

    def _call_button(self, wizard, method="action_make_interaction_call_key"):
        return self.make_jsonrpc_request(
            f"{BUTTON}/{wizard._name}/{method}",
            {
                "model": wizard._name,
                "method": method,
                "args": [wizard.ids],
                "kwargs": {},
            },
        )

    def _confirm_identity(self):
        # What the password dialog of Odoo's identity check records.
        self.session["identity-check-last"] = time.time()
        http.root.session_store.save(self.session)

    def test_administrator_creates_key_shown_once(self):
        """Odoo's "New API Key" dialog, from the settings: the administrator
        makes a key that logs calls for the telephony system's user."""
        self.authenticate("admin", "admin")
        wizard = (
            self.env["res.users.apikeys.description"]
            .with_user(self.user_admin)
            .create(
                {
                    "name": "New PBX",
                    "duration": "0",
                    "interaction_call_user_id": self.agent.id,
                }
            )
        )
        # Odoo asks for the password first.
        action = self._call_button(wizard)
        self.assertEqual(action["res_model"], "res.users.identitycheck")
        self.assertFalse(self.ApiKey.search([("name", "=", "New PBX")]))
        self._confirm_identity()
        action = self._call_button(wizard)
        key = action["context"]["default_key"]
        self.assertEqual(action["res_model"], "res.users.apikeys.show")
        view = self.env.ref("interaction_autolog.res_users_apikeys_show_view_form_call")
        self.assertEqual(action["views"], [[view.id, "form"]])
        api_key = self.ApiKey.search([("name", "=", "New PBX")])
        self.assertRecordValues(
            api_key,
            [
                {
                    "user_id": self.agent.id,
                    "scope": CALL_KEY_SCOPE,
                    "expiration_date": False,
                }
            ],
        )
        self.assertGreaterEqual(len(key), 40)
        # Odoo stores a hash only.
        self.env.cr.execute(
            "SELECT key FROM res_users_apikeys WHERE id = %s", [api_key.id]
        )
        self.assertNotIn(key, self.env.cr.fetchone()[0])
        # The key logs calls as its user, in its user's company.
        self.authenticate(None, None)
        response = self._post(self._call(), key=key)
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(self.Entry.browse(response.json()["id"]).user_id, self.agent)
        # Revoked from Odoo's listing of API keys.
        api_key.with_user(self.user_admin)._remove()
        response = self._post(self._call(), key=key)
        self.assertEqual(response.status_code, 401)

    def test_telephony_key_defaults_to_no_expiry(self):
        """Odoo's dialog defaults to a key of one day: the telephony system
        would stop logging calls the next day."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "interaction_autolog.action_interaction_call_key"
        )
        context = ast.literal_eval(action["context"])
        Description = (
            self.env["res.users.apikeys.description"]
            .with_user(self.user_admin)
            .with_context(**context)
        )
        form = Form(
            Description,
            view="interaction_autolog.res_users_apikeys_description_view_form_call",
        )
        form.name = "Office PBX 2"
        form.interaction_call_user_id = self.agent
        wizard = form.save()
        self.assertEqual(wizard.duration, "0")
        self.assertFalse(wizard.expiration_date)
        # The administrator may still choose a date.
        form = Form(
            Description,
            view="interaction_autolog.res_users_apikeys_description_view_form_call",
        )
        form.name = "Office PBX 3"
        form.interaction_call_user_id = self.agent
        form.duration = "365"
        self.assertTrue(form.save().expiration_date)

    def test_settings_list_telephony_keys_and_warn_before_expiry(self):
        now = datetime.now()
        self._generate_key(self.agent, "Expires soon", now + timedelta(days=10))
        self._generate_key(self.agent, "Expires later", now + timedelta(days=30))
        self._generate_key(self.agent, "Personal", now + timedelta(days=5), None)
        settings = self.env["res.config.settings"].with_user(self.user_admin).create({})
        keys = settings.interaction_call_key_ids
        self.assertEqual(
            set(keys.mapped("name")),
            {"Office PBX", "PBX of B", "Expires soon", "Expires later"},
        )
        self.assertEqual(
            keys.filtered("interaction_expires_soon").mapped("name"), ["Expires soon"]
        )
        warning = settings.interaction_call_key_warning
        self.assertIn("Expires soon", warning)
        self.assertIn(self.agent.name, warning)
        self.assertNotIn("Expires later", warning)
        # Only administrators see the keys.
        manager = new_test_user(
            self.env,
            login="keys.manager",
            groups="base.group_user,interaction_autolog.group_interaction_manager",
        )
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(manager).create({}).read(
                ["interaction_call_key_ids"]
            )

    def test_only_administrators_create_keys(self):
        manager = new_test_user(
            self.env,
            login="pbx.manager",
            password="pbx.manager.password",
            groups="base.group_user,interaction_autolog.group_interaction_manager",
        )
        self.authenticate("pbx.manager", "pbx.manager.password")
        self._confirm_identity()
        wizard = (
            self.env["res.users.apikeys.description"]
            .with_user(manager)
            .create(
                {
                    "name": "Sneaky PBX",
                    "duration": "1",
                    "interaction_call_user_id": self.user_admin.id,
                }
            )
        )
        with self.assertRaises(JsonRpcException) as caught:
            self._call_button(wizard)
        self.assertEqual(caught.exception.args[0], "odoo.exceptions.AccessError")
        self.assertFalse(self.ApiKey.search([("name", "=", "Sneaky PBX")]))

    def test_personal_key_from_preferences_is_refused(self):
        """A key without scope, as a user makes in Preferences ▸ Account
        Security, is good for every scope in Odoo, but not for calls: with
        it a user could log calls in a colleague's name (user_login)."""
        count = self._entry_count()
        for user in (self.agent, self.user_admin):
            key = self._generate_key(user, "Own key", scope=None)
            for payload in (self._call(), self._call(user_login="admin")):
                response = self._post(payload, key=key)
                self.assertEqual(response.status_code, 401, response.text)
                self.assertIn("error", response.json())
        self.assertEqual(self._entry_count(), count)

    def test_telephony_key_logs_calls_of_its_company_users(self):
        """The key an administrator made for the telephony system names the
        user who took the call; the key user's own personal key cannot."""
        personal = self._generate_key(self.user_admin, "Admin's own", scope=None)
        response = self._post(self._call(user_login="agent.anna"), key=personal)
        self.assertEqual(response.status_code, 401, response.text)
        response = self._post(self._call(user_login="agent.anna"))
        self.assertEqual(response.status_code, 201, response.text)
        self.assertEqual(self.Entry.browse(response.json()["id"]).user_id, self.agent)

    def test_keys_of_archived_or_portal_users_are_refused(self):
        portal = new_test_user(self.env, login="pbx.portal", groups="base.group_portal")
        portal_key = self._generate_key(portal, "Portal PBX")
        archived_key = self._generate_key(self.agent, "Agent PBX")
        self.agent.active = False
        count = self._entry_count()
        for key in (portal_key, archived_key):
            response = self._post(self._call(), key=key)
            self.assertEqual(response.status_code, 401, response.text)
        self.assertEqual(self._entry_count(), count)

    # ------------------------------------------------------------------
    # Hostile and malformed requests
    # ------------------------------------------------------------------

    def _hostile_requests(self):
        """(description, request kwargs, expected status, field named)."""
        call = self._call
        deep = "[" * 20000 + "]" * 20000
        return [
            # Authentication
            ("no key", {"payload": call(), "key": None}, 401, None),
            ("empty bearer", {"payload": call(), "key": ""}, 401, None),
            (
                "basic scheme",
                {
                    "payload": call(),
                    "key": None,
                    "headers": {"Authorization": "Basic YWRtaW46YWRtaW4="},
                },
                401,
                None,
            ),
            ("wrong key", {"payload": call(), "key": "x" * 43}, 401, None),
            (
                "right prefix, wrong key",
                {"payload": call(), "key": self.key[:8] + "y" * 35},
                401,
                None,
            ),
            ("revoked key", {"payload": call(), "key": self.key_revoked}, 401, None),
            ("expired key", {"payload": call(), "key": self.key_expired}, 401, None),
            (
                "key of another scope",
                {"payload": call(), "key": self.key_other_scope},
                401,
                None,
            ),
            ("NUL in key", {"payload": call(), "key": "\u0000" * 40}, 401, None),
            ("non-ascii key", {"payload": call(), "key": "ä" * 40}, 401, None),
            ("huge key", {"payload": call(), "key": "k" * 5000}, 401, None),
            ("sql in key", {"payload": call(), "key": "' OR 1=1 --"}, 401, None),
            # Body
            ("invalid json", {"raw": '{"direction": "inbound",'}, 400, "body"),
            ("json array", {"payload": [call()]}, 400, "body"),
            ("json string", {"payload": "call me"}, 400, "body"),
            ("json null", {"payload": None}, 400, "body"),
            ("empty body", {"raw": b""}, 400, "body"),
            ("not utf-8", {"raw": b'{"note": "\xff\xfe"}'}, 400, "body"),
            (
                "NaN duration",
                {"raw": json.dumps(call()).replace("125", "NaN")},
                400,
                "body",
            ),
            ("deep nesting", {"raw": deep}, 400, "body"),
            (
                "body over 64 KB",
                {"payload": call(note="n" * 70000)},
                400,
                "body",
            ),
            (
                "form encoded",
                {
                    "raw": "direction=inbound&number=0401234567",
                    "headers": {"Content-Type": "application/x-www-form-urlencoded"},
                },
                400,
                "body",
            ),
            # Fields
            ("missing direction", {"payload": call(direction=None)}, 400, "direction"),
            (
                "unknown direction",
                {"payload": call(direction="sideways")},
                400,
                "direction",
            ),
            ("direction as number", {"payload": call(direction=1)}, 400, "direction"),
            ("missing number", {"payload": call(number=None)}, 400, "number"),
            ("number as integer", {"payload": call(number=401234567)}, 400, "number"),
            ("empty number", {"payload": call(number="  ")}, 400, "number"),
            (
                "html in number",
                {"payload": call(number="<script>alert(1)</script>")},
                400,
                "number",
            ),
            ("sql in number", {"payload": call(number="1' OR '1'='1")}, 400, "number"),
            ("number too long", {"payload": call(number="4" * 100)}, 400, "number"),
            ("missing start", {"payload": call(start=None)}, 400, "start"),
            ("start not a date", {"payload": call(start="yesterday")}, 400, "start"),
            ("start as timestamp", {"payload": call(start=1740821400)}, 400, "start"),
            (
                "start far in future",
                {"payload": call(start="2999-01-01T00:00:00Z")},
                400,
                "start",
            ),
            (
                "start before 2000",
                {"payload": call(start="1970-01-01T00:00:00")},
                400,
                "start",
            ),
            (
                "missing duration",
                {"payload": call(duration_seconds=None)},
                400,
                "duration_seconds",
            ),
            (
                "duration as string",
                {"payload": call(duration_seconds="60")},
                400,
                "duration_seconds",
            ),
            (
                "negative duration",
                {"payload": call(duration_seconds=-1)},
                400,
                "duration_seconds",
            ),
            (
                "fractional duration",
                {"payload": call(duration_seconds=1.5)},
                400,
                "duration_seconds",
            ),
            (
                "boolean duration",
                {"payload": call(duration_seconds=True)},
                400,
                "duration_seconds",
            ),
            (
                "absurd duration",
                {"payload": call(duration_seconds=10**30)},
                400,
                "duration_seconds",
            ),
            ("unknown status", {"payload": call(status="ringing")}, 400, "status"),
            ("missing status", {"payload": call(status=None)}, 400, "status"),
            ("status as list", {"payload": call(status=["answered"])}, 400, "status"),
            ("call_id as number", {"payload": call(call_id=123)}, 400, "call_id"),
            ("call_id too long", {"payload": call(call_id="c" * 129)}, 400, "call_id"),
            ("html in call_id", {"payload": call(call_id="<b>1</b>")}, 400, "call_id"),
            (
                "sql in call_id",
                {"payload": call(call_id="1'; DROP TABLE interaction_log_entry; --")},
                400,
                "call_id",
            ),
            ("unknown user", {"payload": call(user_login="nobody")}, 400, "user_login"),
            (
                "sql in user",
                {"payload": call(user_login="admin' OR '1'='1")},
                400,
                "user_login",
            ),
            (
                "user of another company only",
                {"payload": call(user_login="agent.anna"), "key": self.key_b},
                400,
                "user_login",
            ),
            ("note too long", {"payload": call(note="n" * 2001)}, 400, "note"),
            ("NUL in note", {"payload": call(note="a\u0000b")}, 400, "note"),
            ("note as object", {"payload": call(note={"a": 1})}, 400, "note"),
        ] + [
            # Half a UTF-16 pair is valid JSON but no text a database stores.
            (
                f"lone surrogate in {field}",
                {"payload": call(**{field: "\ud800"})},
                400,
                field,
            )
            for field in (
                "note",
                "user_login",
                "call_id",
                "number",
                "direction",
                "status",
                "start",
            )
        ]

    def test_hostile_requests_are_refused_cleanly(self):
        requests = self._hostile_requests()
        self.assertGreaterEqual(len(requests), 30)
        count = self._entry_count()
        for description, kwargs, status, field in requests:
            with self.subTest(description):
                response = self._post(**kwargs)
                self.assertLess(response.status_code, 500, response.text)
                self.assertEqual(response.status_code, status, response.text)
                self.assertTrue(
                    response.headers["Content-Type"].startswith("application/json")
                )
                answer = response.json()
                self.assertTrue(answer.get("error"), answer)
                if field:
                    self.assertEqual(answer.get("field"), field, answer)
                self.assertEqual(self._entry_count(), count, "no entry on error")

    def test_other_methods_are_refused(self):
        response = self.opener.get(self.base_url() + URL, timeout=30)
        self.assertEqual(response.status_code, 405)
