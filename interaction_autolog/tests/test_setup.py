from odoo.tests import tagged

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

    def test_invalid_domain_refused(self):
        from odoo.exceptions import ValidationError

        with self.assertRaisesRegex(ValidationError, "not valid"):
            self.doc_cover.domain = "[('no_such_field', '=', 1)]"
