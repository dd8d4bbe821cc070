from odoo.tests import Form, tagged
from odoo.tools import SQL

from .common import InteractionCommon, log_call_from

TEXT_TYPES = ("char", "text", "html", "json")


@tagged("post_install", "-at_install")
class TestErasureScan(InteractionCommon):
    """After an erasure, no table of our addons holds the contact's name,
    email or phone: every stored text field of every model our addons
    define is searched, so a model added later is covered at once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.erika = cls.env["res.partner"].create(
            {
                "name": "Erika Erasable",
                "email": "erika.erasable@erase.example.com",
                "phone": "+358 40 765 4321",
                "mobile": "+358 50 765 4321",
            }
        )
        cls.personal = [cls.erika.name, cls.erika.email, cls.erika.phone]

    def _our_text_columns(self):
        """(table, column) of every stored text field of the models our
        addons define (not the ones they extend), transient ones included."""
        self.env.cr.execute(
            """
            SELECT DISTINCT m.model
              FROM ir_model_data d
              JOIN ir_model m ON m.id = d.res_id
             WHERE d.model = 'ir.model' AND d.module LIKE 'interaction_autolog%%'
            """
        )
        models = [model for (model,) in self.env.cr.fetchall()]
        self.assertIn("interaction.log.entry", models)
        self.assertIn("interaction.log.version", models)
        columns = []
        for model in models:
            if model not in self.env:
                continue
            Model = self.env[model]
            if not Model._original_module.startswith("interaction_autolog"):
                continue
            if Model._abstract or not Model._auto:
                continue
            for name, field in Model._fields.items():
                if field.store and field.column_type and field.type in TEXT_TYPES:
                    columns.append((Model._table, name))
        self.assertIn(("interaction_log_entry", "contact_via"), columns)
        self.assertIn(("interaction_call_wizard", "phone_number"), columns)
        return columns

    def _found(self):
        """Where the contact's name, email or phone is still stored."""
        self.env.flush_all()
        found = []
        for table, column in self._our_text_columns():
            for value in self.personal:
                self.env.cr.execute(
                    SQL(
                        "SELECT COUNT(*) FROM %s WHERE %s::text ILIKE %s",
                        SQL.identifier(table),
                        SQL.identifier(column),
                        f"%{value}%",
                    )
                )
                if self.env.cr.fetchone()[0]:
                    found.append(f"{table}.{column}: {value}")
        return found

    def test_erasure_leaves_nothing_in_our_tables(self):
        erika, colleague = self.erika, self.contact_2
        # An email to her (her address), a call from her page (her number),
        # a cover sheet of her for a colleague (her name as the document),
        # a colleague's note naming her, a call dialog left open.
        with self.mock_mail_gateway():
            erika.with_user(self.user_employee).message_post(
                body="<p>Offer</p>",
                subject=f"Offer for {erika.name}",
                partner_ids=erika.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        log_call_from(erika, self.user_employee, note=f"{erika.name} called back")
        self.Entry._log_interaction(erika, "cover_sheet", partners=colleague)
        self.Entry.with_user(self.user_employee).create(
            {
                "partner_id": colleague.id,
                "name": "Visit",
                "template_id": self.template_cover.id,
                "note": f"Met {erika.name} ({erika.email}, {erika.phone})",
            }
        )
        self.env["interaction.call.wizard"].with_user(self.user_employee).create(
            {"partner_id": erika.id}
        )
        found = self._found()
        for value in self.personal:
            self.assertTrue(any(value in where for where in found), found)

        form = Form(
            self.env["interaction.erasure.wizard"]
            .with_user(self.user_interaction_manager)
            .with_context(default_partner_id=erika.id)
        )
        form.reason = "Erasure request"
        self.assertEqual(form.entry_count, 3)
        form.save().action_erase()

        self.assertEqual(self._found(), [])
        record = self.env["interaction.erasure"].search([], limit=1)
        self.assertEqual(record.entry_count, 3)
        # The colleague's entry is kept, without her in it.
        note = self.Entry.search(
            [("partner_id", "=", colleague.id), ("name", "=", "Visit")]
        )
        self.assertEqual(note.note, "Met *** (***, ***)")
        self.assertFalse(
            self.env["interaction.log.version"].search(
                [("res_model", "=", "res.partner"), ("res_id", "=", erika.id)]
            )
        )


@tagged("post_install", "-at_install")
class TestContactMerge(InteractionCommon):
    """Odoo's Merge Contacts gives the kept contact the whole history."""

    def _merge(self, partners, dst):
        wizard = (
            self.env["base.partner.merge.automatic.wizard"]
            .with_user(self.user_admin)
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create({})
        )
        wizard.dst_partner_id = dst
        wizard.action_merge()

    def test_merge_moves_entries_and_counters(self):
        kept, merged = (
            self.contact,
            self.env["res.partner"].create(
                {"name": "Alice B. (old)", "email": "alice.old@acme.example.com"}
            ),
        )
        # One email to both addresses, then each one's own history.
        with self.mock_mail_gateway():
            message = kept.with_user(self.user_employee).message_post(
                body="<p>Both</p>",
                partner_ids=(kept | merged).ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )
        emailed = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(emailed.partner_id, kept | merged)
        own_kept = self.Entry._log_interaction(kept, "cover_sheet")
        own_merged = self.Entry._log_interaction(merged, "cover_sheet")
        own_merged |= self.Entry._log_interaction(merged, "cover_sheet")
        own_merged |= self.Entry._log_interaction(merged, "cover_sheet")
        self.assertEqual(own_merged.mapped("document_version"), [1, 2, 3])
        own_merged[0].with_user(self.user_interaction_manager).action_cancel()
        about_merged = self.Entry._log_interaction(
            merged, "cover_sheet", partners=self.contact_2
        )

        self._merge(kept | merged, kept)

        self.assertFalse(merged.exists())
        self.assertTrue((own_kept | own_merged | about_merged).exists())
        self.assertEqual((own_kept | own_merged).partner_id, kept)
        self.assertEqual((own_merged | about_merged).mapped("res_id"), [kept.id] * 4)
        self.assertTrue(own_merged[0].canceled)
        # The email: one entry for the one contact now.
        emailed = self.Entry.search([("mail_message_id", "=", message.id)])
        self.assertEqual(len(emailed), 1)
        self.assertEqual(emailed.partner_id, kept)
        # One counter, continuing after the highest version of either.
        Version = self.env["interaction.log.version"]
        self.assertFalse(
            Version.search(
                [("res_model", "=", "res.partner"), ("res_id", "=", merged.id)]
            )
        )
        counter = Version.search(
            [
                ("res_model", "=", "res.partner"),
                ("res_id", "=", kept.id),
                ("document_type_id", "=", self.doc_cover.id),
            ]
        )
        self.assertEqual(counter.last_version, 4)
        again = self.Entry._log_interaction(kept, "cover_sheet")
        self.assertEqual(again.document_version, 5)
