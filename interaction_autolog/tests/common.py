from odoo.tests import Form

from odoo.addons.mail.tests.common import MailCommon, mail_new_test_user


class InteractionCommon(MailCommon):
    """Companies, users and contacts shared by the interaction tests.

    Built on mail's MailCommon (not BaseCommon, which switches off mail
    tracking and logging) so emails behave as in production, with only the
    SMTP connection patched by ``mock_mail_gateway``.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Entry = cls.env["interaction.log.entry"]
        cls.DocType = cls.env["interaction.document.type"]
        cls.company = cls.company_admin
        cls.group_letter = cls.env.ref("interaction_autolog.interaction_group_letter")
        cls.template_cover = cls.env.ref(
            "interaction_autolog.interaction_template_cover_sheet"
        )
        cls.template_cover.write({"unit_cost": 2.5, "unit_duration": 3.0})
        cls.template_email = cls.env.ref(
            "interaction_autolog.interaction_template_email_out"
        )
        cls.doc_cover = cls.env.ref("interaction_autolog.document_type_cover_sheet")
        cls.doc_email = cls.env.ref("interaction_autolog.document_type_email")
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Acme Corporation",
                "is_company": True,
                "email": "info@acme.example.com",
                "company_id": False,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {
                "name": "Alice Buyer",
                "parent_id": cls.customer.id,
                "email": "alice@acme.example.com",
            }
        )
        cls.contact_2 = cls.env["res.partner"].create(
            {
                "name": "Bob Accounts",
                "parent_id": cls.customer.id,
                "email": "bob@acme.example.com",
            }
        )
        # Like a salesperson: may edit contacts, so may email them.
        cls.user_employee.groups_id += cls.env.ref("base.group_partner_manager")
        cls.user_interaction_manager = mail_new_test_user(
            cls.env,
            login="interaction_manager",
            name="Ingrid Manager",
            email="ingrid@test.example.com",
            groups="base.group_user,interaction_autolog.group_interaction_manager",
            company_id=cls.company.id,
        )

    def entries_of(self, records, code=None):
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        if code:
            domain.append(("document_type_id.code", "=", code))
        return self.Entry.sudo().search(domain, order="id")


def log_call_from(record, user, **values):
    """Click "Call" on ``record`` as ``user``, fill the wizard, "Log Call".

    Shared by the glue addons' tests: every document form has the button.
    """
    action = record.with_user(user).action_interaction_call()
    wizard_model = record.env[action["res_model"]].with_user(user)
    form = Form(wizard_model.with_context(**action["context"]))
    form.name = values.pop("name", "Follow-up call")
    for fname, value in values.items():
        setattr(form, fname, value)
    form.save().action_log_call()
    return (
        record.env["interaction.log.entry"]
        .sudo()
        .search(
            [("res_model", "=", record._name), ("res_id", "=", record.id)],
            order="id desc",
            limit=1,
        )
    )
