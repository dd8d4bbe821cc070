from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, HttpCase, tagged

from .common import InteractionCommon, call_kw

ENGINE_ONLY = {
    "external_call_id": "pbx-planted",
    "delivery_status": "sent",
    "document_version": 4,
}


@tagged("post_install", "-at_install")
class TestIntakeSecurity(InteractionCommon, HttpCase):
    """Nobody logs in someone else's name: what a client sends over JSON-RPC
    never sets what only the engine knows, never picks how an email is
    logged, and never changes a canceled entry."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.entry = cls.Entry._log_interaction(cls.contact, "cover_sheet")
        cls.message = cls.contact.message_post(body="Earlier email")
        cls.manual_vals = {
            "partner_id": cls.contact_2.id,
            "name": "Visit",
            "template_id": cls.template_cover.id,
        }

    def _engine_only_values(self):
        return dict(
            ENGINE_ONLY,
            mail_message_id=self.message.id,
            document_type_id=self.doc_email.id,
        )

    def test_engine_only_fields_refused_on_create(self):
        count = self.Entry.sudo().search_count([])
        for fname, value in self._engine_only_values().items():
            for user in (self.user_employee, self.user_interaction_manager):
                with self.subTest(field=fname, user=user.login):
                    _result, error = call_kw(
                        self,
                        user,
                        "interaction.log.entry",
                        "create",
                        [[dict(self.manual_vals, **{fname: value})]],
                    )
                    self.assertEqual(error["name"], "odoo.exceptions.AccessError")
                    self.assertIn("Only the interaction engine sets", error["message"])
                    # Nor through a default in the context.
                    _result, error = call_kw(
                        self,
                        user,
                        "interaction.log.entry",
                        "create",
                        [[self.manual_vals]],
                        {"context": {f"default_{fname}": value}},
                    )
                    self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.assertEqual(self.Entry.sudo().search_count([]), count)

    def test_engine_only_fields_refused_on_write(self):
        result, error = call_kw(
            self,
            self.user_employee,
            "interaction.log.entry",
            "create",
            [[self.manual_vals]],
        )
        self.assertFalse(error)
        manual = self.Entry.browse(result)
        before = manual.read(list(self._engine_only_values()))
        for fname, value in self._engine_only_values().items():
            with self.subTest(field=fname):
                _result, error = call_kw(
                    self,
                    self.user_interaction_manager,
                    "interaction.log.entry",
                    "write",
                    [manual.ids, {fname: value}],
                )
                self.assertEqual(error["name"], "odoo.exceptions.AccessError")
                self.assertIn("Only the interaction engine sets", error["message"])
        manual.invalidate_recordset()
        self.assertEqual(manual.read(list(self._engine_only_values())), before)
        # What a hand-made entry is about stays the user's to correct.
        _result, error = call_kw(
            self,
            self.user_employee,
            "interaction.log.entry",
            "write",
            [manual.ids, {"name": "Plant visit", "partner_id": self.contact.id}],
        )
        self.assertFalse(error)

    def test_manual_entry_from_the_form(self):
        """An entry typed in with the Log Interaction dialog and corrected
        in its form: the engine's fields are not the user's to fill."""
        form = Form(
            self.env["interaction.log.wizard"]
            .with_user(self.user_employee)
            .with_context(default_partner_ids=self.contact_2.ids)
        )
        form.template_id = self.template_cover
        form.name = "Fair visit"
        form.save().action_log()
        entry = self.Entry.search(
            [("partner_id", "=", self.contact_2.id), ("name", "=", "Fair visit")]
        )
        self.assertRecordValues(
            entry,
            [
                {
                    "is_automatic": False,
                    "document_type_id": False,
                    "mail_message_id": False,
                    "delivery_status": False,
                    "external_call_id": False,
                    "user_id": self.user_employee.id,
                }
            ],
        )
        with Form(entry.with_user(self.user_employee)) as entry_form:
            entry_form.note = "Wants a demo"
            entry_form.evaluation = "positive"
        self.assertEqual(entry.note, "Wants a demo")
        # A duplicate is typed in by hand too: it copies none of them.
        copy = self.entry.with_user(self.user_employee).copy()
        self.assertRecordValues(
            copy,
            [
                {
                    "is_automatic": False,
                    "document_type_id": False,
                    "delivery_status": False,
                }
            ],
        )
        # A canceled entry's form is read-only too.
        entry.with_user(self.user_interaction_manager).action_cancel()
        entry_form = Form(entry.with_user(self.user_interaction_manager))
        for fname in ("note", "evaluation", "cost", "duration"):
            with self.assertRaises(AssertionError):
                setattr(entry_form, fname, "x" if fname == "note" else 1)

    def test_canceled_entry_is_read_only(self):
        self.entry.with_user(self.user_interaction_manager).action_cancel()
        for user in (self.user_employee, self.user_interaction_manager):
            for vals in ({"note": "Rewritten"}, {"evaluation": "negative"}):
                with self.subTest(user=user.login, vals=vals):
                    _result, error = call_kw(
                        self,
                        user,
                        "interaction.log.entry",
                        "write",
                        [self.entry.ids, vals],
                    )
                    self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        # Restoring is the manager's, and only that.
        _result, error = call_kw(
            self,
            self.user_employee,
            "interaction.log.entry",
            "write",
            [self.entry.ids, {"canceled": False}],
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        _result, error = call_kw(
            self,
            self.user_interaction_manager,
            "interaction.log.entry",
            "write",
            [self.entry.ids, {"canceled": False, "note": "Sneaked in"}],
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")
        self.entry.invalidate_recordset()
        self.assertTrue(self.entry.canceled)
        self.assertFalse(self.entry.note)
        self.entry.with_user(self.user_interaction_manager).action_restore()
        self.assertFalse(self.entry.canceled)
        self.entry.with_user(self.user_employee).note = "Fine again"
        self.assertEqual(self.entry.note, "Fine again")

    def test_contact_of_another_company_refused(self):
        company_b = self.env["res.company"].create({"name": "Elsewhere Ltd"})
        self.user_employee.company_ids |= company_b
        stranger = self.env["res.partner"].create(
            {"name": "Carl Elsewhere", "company_id": company_b.id}
        )
        count = self.Entry.sudo().search_count([])
        with self.assertRaises(UserError):
            self.Entry.with_user(self.user_employee).create(
                dict(self.manual_vals, partner_id=stranger.id)
            )
        with self.assertRaises(UserError):
            self.Entry.with_user(self.user_employee).browse(
                self.Entry.with_user(self.user_employee).create(self.manual_vals).ids
            ).write({"partner_id": stranger.id})
        # The engine leaves that contact out rather than fail the action.
        entries = self.Entry._log_interaction(
            self.contact, "cover_sheet", partners=self.contact_2 | stranger
        )
        self.assertEqual(entries.partner_id, self.contact_2)
        self.assertEqual(self.Entry.sudo().search_count([]), count + 1)

    def test_client_context_never_chooses_the_document_type(self):
        """A message posted over JSON-RPC with the document type key in its
        context is logged as what it is, a plain email."""
        with self.mock_mail_gateway():
            _result, error = call_kw(
                self,
                self.user_employee,
                "res.partner",
                "message_post",
                [[self.contact_2.id]],
                {
                    "body": "Hello",
                    "partner_ids": [self.contact_2.id],
                    "message_type": "comment",
                    "subtype_xmlid": "mail.mt_comment",
                    "context": {"interaction_document_type": "cover_sheet"},
                },
            )
        self.assertFalse(error)
        entry = self.entries_of(self.contact_2)
        self.assertEqual(entry.document_type_id, self.doc_email)

    def test_client_context_never_makes_a_cover_sheet(self):
        """The composer logs a cover sheet only for the user's own cover
        sheet dialog of the contacts emailed."""
        other = self.env["interaction.cover.sheet.wizard"].create(
            {"partner_ids": [(6, 0, self.contact_2.ids)]}
        )
        mine = (
            self.env["interaction.cover.sheet.wizard"]
            .with_user(self.user_employee)
            .create({"partner_ids": [(6, 0, self.contact.ids)]})
        )
        for wizard in (other, mine, 0, "x"):
            with self.subTest(wizard=wizard):
                context = {
                    "default_model": "res.partner",
                    "default_res_ids": self.contact_2.ids,
                    "default_composition_mode": "comment",
                    "default_body": "<p>Hi</p>",
                    "interaction_cover_sheet_wizard_id": getattr(wizard, "id", wizard),
                    "interaction_document_type": "cover_sheet",
                }
                composer = (
                    self.env["mail.compose.message"]
                    .with_user(self.user_employee)
                    .with_context(**context)
                    .create({"partner_ids": [(6, 0, self.contact_2.ids)]})
                )
                with self.mock_mail_gateway():
                    composer.action_send_mail()
        entries = self.entries_of(self.contact_2)
        self.assertEqual(len(entries), 4)
        self.assertEqual(entries.document_type_id, self.doc_email)


@tagged("post_install", "-at_install")
class TestWizardDocumentAccess(InteractionCommon):
    """The Log Interaction and Call wizards log against a document only
    when the user may read it and post in its chatter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_b = cls.env["res.company"].create({"name": "Secret Ltd"})
        cls.hidden = cls.env["res.partner"].create(
            {"name": "Hidden Partner", "company_id": cls.company_b.id}
        )
        # May read contacts, not edit them (no "Contact Creation").
        cls.reader = cls.env["res.users"].create(
            {
                "name": "Rita Reader",
                "login": "rita",
                "email": "rita@test.example.com",
                "groups_id": [(6, 0, cls.env.ref("base.group_user").ids)],
                "company_id": cls.company.id,
                "company_ids": [(6, 0, cls.company.ids)],
            }
        )
        cls.doc_call = cls.env.ref("interaction_autolog.document_type_phone_call")

    def _state(self):
        return (
            self.Entry.sudo().search_count([]),
            self.env["mail.message"].sudo().search_count([]),
        )

    def _log_form(self, user, res_model, res_id, partner=None):
        form = Form(
            self.env["interaction.log.wizard"]
            .with_user(user)
            .with_context(
                default_partner_ids=(partner or self.contact).ids,
                default_res_model=res_model,
                default_res_id=res_id,
            )
        )
        form.template_id = self.template_cover
        return form

    def _call_wizard(self, user, res_model, res_id):
        return (
            self.env["interaction.call.wizard"]
            .with_user(user)
            .create(
                {
                    "partner_id": self.contact.id,
                    "res_model": res_model,
                    "res_id": res_id,
                    "name": "Call",
                }
            )
        )

    def test_document_the_user_cannot_read(self):
        state = self._state()
        with self.assertRaises(AccessError):
            self._log_form(
                self.user_employee, "res.partner", self.hidden.id
            ).save().action_log()
        with self.assertRaises(AccessError):
            self._call_wizard(
                self.user_employee, "res.partner", self.hidden.id
            ).action_log_call()
        self.assertEqual(self._state(), state, "nothing logged, nothing posted")

    def test_document_the_user_cannot_post_on(self):
        state = self._state()
        with self.assertRaises(AccessError):
            self._log_form(
                self.reader, "res.partner", self.contact.id
            ).save().action_log()
        with self.assertRaises(AccessError):
            self._log_form(self.reader, False, 0).save().action_log()
        with self.assertRaises(AccessError):
            self._call_wizard(
                self.reader, "res.partner", self.contact.id
            ).action_log_call()
        self.assertEqual(self._state(), state, "nothing logged, nothing posted")

    def test_only_documents_with_a_chatter(self):
        country = self.env.ref("base.fi")
        state = self._state()
        with self.assertRaises(AccessError):
            self._log_form(
                self.user_employee, "res.country", country.id
            ).save().action_log()
        with self.assertRaises(AccessError):
            self._call_wizard(
                self.user_employee, "res.country", country.id
            ).action_log_call()
        for res_model, res_id in (("no.such.model", 1), ("res.partner", 999999999)):
            with self.assertRaises(UserError):
                self._call_wizard(
                    self.user_employee, res_model, res_id
                ).action_log_call()
        self.assertEqual(self._state(), state)

    def test_note_is_posted_as_the_user(self):
        self._log_form(
            self.user_employee, "res.partner", self.contact_2.id
        ).save().action_log()
        self._call_wizard(
            self.user_employee, "res.partner", self.contact.id
        ).action_log_call()
        notes = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", (self.contact | self.contact_2).ids),
                ("body", "ilike", "Interaction logged"),
            ]
        )
        self.assertEqual(len(notes), 2)
        self.assertEqual(notes.author_id, self.user_employee.partner_id)
        self.assertEqual(notes.create_uid, self.user_employee)
