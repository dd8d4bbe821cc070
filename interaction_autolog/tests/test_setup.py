from odoo.exceptions import AccessError
from odoo.tests import Form, tagged

from .common import InteractionCommon


@tagged("post_install", "-at_install")
class TestInteractionSetup(InteractionCommon):
    def test_default_setup_every_company(self):
        """After installation every shipped document type logs under its
        default template, in every company, including ones created later."""
        doc_types = self.DocType.search([])
        self.assertTrue(doc_types)
        for company in self.company | self.company_2:
            for doc_type in doc_types.with_company(company):
                self.assertEqual(
                    doc_type.template_id,
                    doc_type.default_template_id,
                    f"{doc_type.code} in {company.name}",
                )
        new_company = self.env["res.company"].create({"name": "Brand New Oy"})
        self.assertEqual(
            self.doc_cover.with_company(new_company).template_id, self.template_cover
        )

    def test_admin_blank_survives_upgrade(self):
        """An administrator's blank or changed template is kept when the
        setup defaults are applied again (as on a module upgrade)."""
        self.doc_cover.with_company(self.company).template_id = False
        self.doc_email.with_company(self.company).template_id = self.template_cover
        self.DocType._apply_default_setup()
        self.env.invalidate_all()
        self.assertFalse(self.doc_cover.with_company(self.company).template_id)
        self.assertEqual(
            self.doc_email.with_company(self.company).template_id, self.template_cover
        )
        self.assertEqual(
            self.doc_cover.with_company(self.company_2).template_id,
            self.template_cover,
        )

    def test_setup_is_per_company(self):
        self.doc_cover.with_company(self.company_2).template_id = False
        self.assertEqual(
            self.doc_cover.with_company(self.company).template_id, self.template_cover
        )
        self.assertFalse(self.doc_cover.with_company(self.company_2).is_logged)
        self.assertTrue(self.doc_cover.with_company(self.company).is_logged)
        logged = self.DocType.with_company(self.company_2).search(
            [("is_logged", "=", False)]
        )
        self.assertIn(self.doc_cover, logged)

    def test_settings_count_logged_types(self):
        settings = self.env["res.config.settings"].create({})
        total = self.DocType.search_count([])
        self.assertEqual(settings.interaction_document_type_count, total)
        self.doc_cover.with_company(self.company).template_id = False
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.interaction_document_type_count, total - 1)

    def test_settings_page_counts_logged_types(self):
        """The settings page is an onchange: the count is computed on a new
        record there, and must still count the company's setup."""
        total = self.DocType.search_count([])
        form = Form(self.env["res.config.settings"].with_user(self.user_admin))
        self.assertEqual(form.interaction_document_type_count, total)
        self.assertEqual(form.interaction_document_type_total, total)
        self.doc_cover.with_company(self.company).template_id = False
        form = Form(self.env["res.config.settings"].with_user(self.user_admin))
        self.assertEqual(form.interaction_document_type_count, total - 1)

    def test_setup_lines_say_whether_and_how_much_is_logged(self):
        self.Entry._log_interaction(self.contact | self.contact_2, "cover_sheet")
        self.doc_email.with_company(self.company).template_id = False
        doc_types = (self.doc_cover | self.doc_email).with_company(self.company)
        self.assertEqual(doc_types.mapped("log_status"), ["logged", "not_logged"])
        self.assertEqual(doc_types.mapped("interaction_count"), [2, 0])

    def test_setup_opens_in_business_order(self):
        """Categories as declared (sales first), each open, lines in the
        order of the document flow."""
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "interaction_autolog.action_interaction_template_setup"
        )
        arch = self.DocType.get_views([(action["view_id"][0], "list")])["views"][
            "list"
        ]["arch"]
        self.assertIn('expand="1"', arch)
        groups = self.DocType.web_read_group([], ["name"], ["category"], lazy=True)[
            "groups"
        ]
        order = [key for key, _label in self.DocType._fields["category"].selection]
        categories = [group["category"] for group in groups]
        self.assertEqual(categories, sorted(categories, key=order.index))
        flow = [
            "sale_quote",
            "sale_order",
            "sale_draft_invoice",
            "sale_invoice",
            "sale_credit_note",
            "sale_shipment",
            "sale_return_receipt",
        ]
        sales = self.DocType.search(
            [("category", "=", "sales"), ("code", "in", flow)]
        ).mapped("code")
        self.assertEqual(sales, [code for code in flow if code in sales])

    def test_invalid_domain_refused(self):
        from odoo.exceptions import ValidationError

        with self.assertRaisesRegex(ValidationError, "not valid"):
            self.doc_cover.domain = "[('no_such_field', '=', 1)]"

    def test_codes_unique_with_shared_records_both_ways(self):
        """A shared group or template is in every company: its code may not
        be a company's, and a company's code may not be a shared one's."""
        from odoo.exceptions import ValidationError

        for model, extra in (
            ("interaction.group", {}),
            ("interaction.template", {"group_id": self.group_letter.id}),
        ):
            Model = self.env[model].with_user(self.user_interaction_manager)
            with self.subTest(model=model):
                Model.create(
                    {"code": "LOCAL", "name": "Local", "company_id": self.company.id}
                    | extra
                )
                with (
                    self.assertRaisesRegex(ValidationError, "shared code"),
                    self.cr.savepoint(),
                ):
                    Model.create({"code": "LOCAL", "name": "Shared"} | extra)
                Model.create({"code": "SHARED", "name": "Shared"} | extra)
                with (
                    self.assertRaisesRegex(ValidationError, "already used"),
                    self.cr.savepoint(),
                ):
                    Model.create(
                        {
                            "code": "SHARED",
                            "name": "Mine",
                            "company_id": self.company.id,
                        }
                        | extra
                    )
                # Each company may have its own.
                Model.sudo().create(
                    {"code": "LOCAL", "name": "Theirs", "company_id": self.company_2.id}
                    | extra
                )

    def test_administrators_changes_are_tracked(self):
        """What an administrator changes on a shipped type is recorded, so
        that upgrades keep it (the real upgrade is in tests_install)."""
        doc_type = self.doc_cover.with_user(self.user_interaction_manager)
        self.assertFalse(doc_type.customized_fields)
        doc_type.write({"log_emails": False, "sequence": 10})  # unchanged values
        self.assertFalse(doc_type.customized_fields)
        doc_type.write({"name": "Contact Sheet", "log_emails": True})
        self.assertEqual(doc_type.customized_fields, "log_emails,name")
        # The shipped data written again, as an upgrade does.
        shipped = {
            "name": "Cover Sheet",
            "category": "other",
            "trigger": "print",
            "log_emails": False,
            "domain": "[]",
        }
        # What the type is follows the code, whoever changed it.
        doc_type.category = "sales"
        self.doc_cover.with_context(install_mode=True)._load_records_write(shipped)
        self.assertRecordValues(
            self.doc_cover,
            [{"name": "Contact Sheet", "log_emails": True, "category": "other"}],
        )

    def test_reset_to_shipped_values(self):
        """A manager's "Reset to Shipped Values" gives the fields they changed
        back to the addon, and upgrades bring them up to date again."""
        report = self.env.ref("interaction_autolog.action_report_cover_sheet")
        manager = self.user_interaction_manager
        with Form(self.doc_cover.with_user(manager)) as form:
            form.name = "Contact Sheet"
            form.domain = "[('is_company', '=', False)]"
            form.report_ids.remove(id=report.id)
            form.log_emails = True
        self.assertEqual(
            self.doc_cover.customized_fields, "domain,log_emails,name,report_ids"
        )
        form = Form(self.doc_cover.with_user(manager))
        self.assertTrue(form.can_reset_customization)
        # Only managers see the button; users may not change the types.
        arch = self.doc_cover.with_user(self.user_employee).get_views(
            [(False, "form")]
        )["views"]["form"]["arch"]
        self.assertNotIn("action_reset_customization", arch)
        self.assertIn(
            "action_reset_customization",
            self.doc_cover.with_user(manager).get_views([(False, "form")])["views"][
                "form"
            ]["arch"],
        )
        with self.assertRaises(AccessError), self.cr.savepoint():
            self.doc_cover.with_user(self.user_employee).action_reset_customization()

        self.doc_cover.with_user(manager).action_reset_customization()
        self.assertRecordValues(
            self.doc_cover,
            [
                {
                    "name": "Cover Sheet",
                    "domain": "[]",
                    "report_ids": report.ids,
                    "log_emails": False,
                    "customized_fields": False,
                    "can_reset_customization": False,
                }
            ],
        )
        # The addon's data owns the type again: an upgrade's new name is taken.
        self.doc_cover._load_records_write({"name": "Contact Cover Sheet"})
        self.assertEqual(self.doc_cover.name, "Contact Cover Sheet")

    def test_reset_restores_the_shipped_translation(self):
        """A name changed in another language than English gets the
        translation the addon ships back."""
        self.env["res.lang"]._activate_lang("fi_FI")
        self.env["ir.module.module"]._load_module_terms(
            ["interaction_autolog"], ["fi_FI"], overwrite=True
        )
        doc_type = self.doc_cover.with_user(self.user_interaction_manager)
        finnish = doc_type.with_context(lang="fi_FI")
        self.assertEqual(finnish.name, "Kansilehti")
        with Form(finnish) as form:
            form.name = "Yhteystietolehti"
        self.assertEqual(doc_type.customized_fields, "name")

        finnish.action_reset_customization()
        self.assertEqual(finnish.name, "Kansilehti")
        self.assertEqual(doc_type.with_context(lang="en_US").name, "Cover Sheet")
        self.assertFalse(doc_type.customized_fields)
