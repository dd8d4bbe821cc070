from odoo.tests import Form, HttpCase

from odoo.addons.mail.tests.common import MailCommon, mail_new_test_user


class InteractionCrmCase(MailCommon, HttpCase):
    """A salesperson's opportunity with a customer, and a colleague following it.

    MailCommon rather than BaseCommon: email behaviour is under test and
    BaseCommon switches mail tracking off. HttpCase for the quotation
    printed through the report download route.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_admin
        cls.Entry = cls.env["interaction.log.entry"].sudo()
        cls.campaign = cls.env["utm.campaign"].create({"title": "Office Fair"})
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Nora Nordlight",
                "email": "nora@nordlight.example.com",
                "phone": "+358 40 555 0199",
            }
        )
        cls.salesman = mail_new_test_user(
            cls.env,
            login="crm_salesman",
            name="Sanna Sales",
            email="sanna@test.example.com",
            company_id=cls.company.id,
            groups="sales_team.group_sale_salesman,base.group_partner_manager",
            notification_type="email",
        )
        # A colleague without a user: filed under our company, following the
        # lead for the installation planning.
        cls.colleague = cls.env["res.partner"].create(
            {
                "name": "Ilkka Installer",
                "email": "ilkka@test.example.com",
                "parent_id": cls.company.partner_id.id,
            }
        )
        cls.lead = (
            cls.env["crm.lead"]
            .with_user(cls.salesman)
            .create(
                {
                    "name": "Lighting for the new office",
                    "type": "opportunity",
                    "partner_id": cls.customer.id,
                    "user_id": cls.salesman.id,
                    "campaign_id": cls.campaign.id,
                }
            )
        )
        cls.lead.message_subscribe(partner_ids=cls.colleague.ids)
        cls.doc_email = cls.env.ref("interaction_autolog.document_type_email")
        cls.doc_call = cls.env.ref("interaction_autolog.document_type_phone_call")
        cls.template_meeting = cls.env.ref(
            "interaction_autolog.interaction_template_meeting"
        )

    def lead_entries(self, lead=None):
        return self.Entry.search(
            [("opportunity_id", "=", (lead or self.lead).id)], order="id"
        )

    def send_from_chatter(self, record, partners, user=None, body="Our proposal"):
        """The chatter's full composer ("Send message", then expand): the
        recipients ticked, then Send."""
        user = user or self.salesman
        composer_form = Form(
            self.env["mail.compose.message"]
            .with_user(user)
            .with_context(
                default_model=record._name,
                default_res_ids=record.ids,
                default_composition_mode="comment",
                default_subtype_xmlid="mail.mt_comment",
            )
        )
        for partner in partners:
            composer_form.partner_ids.add(partner)
        composer_form.subject = "Proposal"
        composer_form.body = f"<p>{body}</p>"
        composer = composer_form.save()
        with self.mock_mail_gateway():
            composer.action_send_mail()
            self.env["mail.mail"].sudo().process_email_queue()
        return self.env["mail.message"].search(
            [("model", "=", record._name), ("res_id", "=", record.id)],
            order="id desc",
            limit=1,
        )
