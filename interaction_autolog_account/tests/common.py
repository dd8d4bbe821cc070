from odoo import Command, fields
from odoo.tests import Form, HttpCase

from odoo.addons.interaction_autolog.tests.common import download_report
from odoo.addons.mail.tests.common import MailCommon


class InteractionAccountCase(MailCommon, HttpCase):
    """Invoices and bills printed, downloaded and sent as users do it.

    MailCommon rather than BaseCommon: email behaviour is under test and
    BaseCommon switches mail tracking off.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_admin
        # As after the first "Configure your document layout" dialog.
        cls.company.external_report_layout_id = cls.env.ref(
            "web.external_layout_standard"
        )
        cls.Entry = cls.env["interaction.log.entry"]
        cls.doc_types = {}
        cls.templates = {}
        for code, template in (
            ("sale_draft_invoice", "sales_draft_invoice"),
            ("sale_invoice", "sales_invoice"),
            ("sale_credit_note", "sales_credit_memo"),
            ("purchase_invoice", "purchase_invoice"),
            ("purchase_credit_note", "purchase_credit_memo"),
        ):
            cls.doc_types[code] = cls.env.ref(
                f"interaction_autolog_account.document_type_{code}"
            )
            cls.templates[code] = cls.env.ref(
                f"interaction_autolog_account.interaction_template_{template}"
            )
        for cost, template in enumerate(cls.templates.values(), start=1):
            template.unit_cost = cost * 1.5
        cls.customer = cls.env["res.partner"].create(
            {"name": "Deco Addict", "email": "deco@example.com"}
        )
        cls.customer_contact = cls.env["res.partner"].create(
            {
                "name": "Addison Olson",
                "email": "addison@example.com",
                "parent_id": cls.customer.id,
            }
        )
        cls.vendor = cls.env["res.partner"].create(
            {"name": "Wood Corner", "email": "wood@example.com"}
        )
        cls.vendor_contact = cls.env["res.partner"].create(
            {
                "name": "Willie Burke",
                "email": "willie@example.com",
                "parent_id": cls.vendor.id,
            }
        )

    def _create_moves(self, move_type, count=1, partner=None, post=True):
        partner = partner or (
            self.customer if move_type.startswith("out_") else self.vendor
        )
        moves = self.env["account.move"].create(
            [
                {
                    "move_type": move_type,
                    "partner_id": partner.id,
                    "company_id": self.company.id,
                    "invoice_date": fields.Date.today(),
                    "invoice_line_ids": [
                        Command.create(
                            {"name": "Desk", "quantity": 1, "price_unit": 250.0}
                        )
                    ],
                }
                for _index in range(count)
            ]
        )
        if post:
            moves.action_post()
        return moves

    def _user_context(self):
        return {
            "lang": "en_US",
            "tz": "Europe/Brussels",
            "uid": self.env.uid,
            "allowed_company_ids": [self.company.id],
        }

    def _print(self, records, report_name="account.report_invoice_with_payments"):
        """Download a report as the web client's report action does."""
        return download_report(
            self, report_name, records, "admin", context=self._user_context()
        )

    def _print_action(self, action):
        """Follow a report action returned by a button, as the client does."""
        self.assertEqual(action["type"], "ir.actions.report")
        report = self.env["ir.actions.report"]._get_report_from_name(
            action["report_name"]
        )
        records = self.env[report.model].browse(action["context"]["active_ids"])
        return self._print(records, report_name=action["report_name"])

    def _open_url(self, action):
        """Follow an URL action (a download), as the client does."""
        self.assertEqual(action["type"], "ir.actions.act_url")
        self.authenticate("admin", "admin")
        response = self.url_open(action["url"], timeout=120)
        self.assertEqual(response.status_code, 200, response.text[:500])
        return response

    def _entries(self, records, **domain):
        return self.Entry.search(
            [("res_model", "=", records._name), ("res_id", "in", records.ids)]
            + [(fname, "=", value) for fname, value in domain.items()],
            order="id",
        )

    def _send_and_print(self, invoice, partners=None, methods=("email",)):
        """Send an invoice with its "Send" button (the Send & Print wizard)."""
        action = invoice.action_invoice_sent()
        self.assertEqual(action["res_model"], "account.move.send.wizard")
        wizard_form = Form(
            self.env[action["res_model"]].with_context(**action["context"])
        )
        checkboxes = dict(wizard_form.sending_method_checkboxes)
        wizard_form.sending_method_checkboxes = {
            method: dict(values, checked=method in methods)
            for method, values in checkboxes.items()
        }
        if partners is not None:
            wizard_form.mail_partner_ids.clear()
            for partner in partners:
                wizard_form.mail_partner_ids.add(partner)
        wizard = wizard_form.save()
        with self.mock_mail_gateway():
            result = wizard.action_send_and_print()
            self.env["mail.mail"].sudo().process_email_queue()
        return result

    def _send_from_chatter(self, move, partners):
        """Send a message to ``partners`` from the chatter's full composer."""
        composer_form = Form(
            self.env["mail.compose.message"].with_context(
                default_model=move._name,
                default_res_ids=move.ids,
                default_composition_mode="comment",
                default_subtype_xmlid="mail.mt_comment",
            )
        )
        for partner in partners:
            composer_form.partner_ids.add(partner)
        composer_form.subject = f"About {move.name}"
        composer_form.body = "<p>Please find the document attached.</p>"
        composer = composer_form.save()
        with self.mock_mail_gateway():
            composer.action_send_mail()
            self.env["mail.mail"].sudo().process_email_queue()
        return self.env["mail.message"].search(
            [("model", "=", move._name), ("res_id", "=", move.id)],
            order="id desc",
            limit=1,
        )

    def _assert_paper_entries(self, move, code, versions=(1,)):
        template = self.templates[code]
        partner = move.partner_id
        self.assertRecordValues(
            self._entries(move),
            [
                {
                    "partner_id": partner.id,
                    "document_type_id": self.doc_types[code].id,
                    "template_id": template.id,
                    "channel": "paper",
                    "res_model": "account.move",
                    "res_id": move.id,
                    "document_name": move.display_name,
                    "document_version": version,
                    "cost": template.unit_cost,
                    "duration": 5.0,
                    "user_id": self.user_admin.id,
                    "company_id": self.company.id,
                    "delivery_status": False,
                }
                for version in versions
            ],
        )

    def _assert_email_entries(self, move, code, partners, statuses=None):
        template = self.templates[code]
        entries = self._entries(move)
        statuses = statuses or {}
        self.assertEqual(len(entries.mail_message_id), 1)
        self.assertRecordValues(
            entries.sorted(lambda e: e.partner_id.id),
            [
                {
                    "partner_id": partner.id,
                    "document_type_id": self.doc_types[code].id,
                    "template_id": template.id,
                    "channel": "email",
                    "contact_via": partner.email,
                    "res_model": "account.move",
                    "res_id": move.id,
                    "document_name": move.display_name,
                    "document_version": 1,
                    "cost": template.unit_cost,
                    "delivery_status": statuses.get(partner, "sent"),
                    "attempt_failed": statuses.get(partner, "sent") == "failed",
                }
                for partner in partners.sorted("id")
            ],
        )
        # Neither a print nor a generic email.
        self.assertFalse(
            self.Entry.search([("mail_message_id", "in", entries.mail_message_id.ids)])
            - entries
        )
        return entries
