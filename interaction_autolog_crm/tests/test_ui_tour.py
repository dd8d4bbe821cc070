from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestCrmUiTour(HttpCase):
    """The lead's Call button and Interactions smart button in a real browser."""

    def test_salesperson_calls_from_the_opportunity(self):
        company = self.env.ref("base.main_company")
        user = new_test_user(
            self.env,
            login="crm_tour_user",
            name="Tuula Tour",
            groups="sales_team.group_sale_salesman",
            company_id=company.id,
        )
        contact = self.env["res.partner"].create(
            {
                "name": "Olli Office",
                "phone": "+358 40 555 0177",
                "email": "olli@office.example.com",
            }
        )
        lead = self.env["crm.lead"].create(
            {
                "name": "Lighting for the new office",
                "type": "opportunity",
                "partner_id": contact.id,
                "user_id": user.id,
                "company_id": company.id,
            }
        )
        call_type = self.env.ref("interaction_autolog.document_type_phone_call")
        template = self.env.ref("interaction_autolog.interaction_template_call_out")
        call_type.with_company(company).template_id = template

        self.start_tour(
            f"/odoo/crm.lead/{lead.id}", "interaction_crm_tour", login=user.login
        )

        entries = self.env["interaction.log.entry"].search(
            [("opportunity_id", "=", lead.id)]
        )
        self.assertRecordValues(
            entries,
            [
                {
                    "partner_id": contact.id,
                    "document_type_id": call_type.id,
                    "channel": "phone",
                    "name": "Went through the lighting plan",
                    "duration": 15,
                    "contact_via": "+358 40 555 0177",
                    "user_id": user.id,
                    "res_model": "crm.lead",
                    "res_id": lead.id,
                }
            ],
        )
        self.assertEqual(lead.last_interaction_date, entries.date)
