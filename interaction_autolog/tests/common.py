import json

from lxml import etree

from odoo import http
from odoo.tests import Form, HttpCase

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


# Where the engine says that a document type's domain cannot be evaluated.
DOC_TYPE_LOGGER = "odoo.addons.interaction_autolog.models.interaction_document_type"


def break_domain(doc_type, field="x_removed_field"):
    """Leave ``doc_type`` with a domain naming a field that no longer exists,
    as when a custom field is removed after the domain was saved (the
    constraint checks a domain when it is saved, not when a field goes).
    Shared by the glue addons' tests."""
    env = doc_type.env
    env.cr.execute(
        "UPDATE interaction_document_type SET domain = %s WHERE id = %s",
        [f"[('{field}', '=', True)]", doc_type.id],
    )
    doc_type.invalidate_recordset(["domain"])
    # Whatever caches the document types must see the change, as after a
    # restart of the server.
    env.registry.clear_cache()


def assert_domain_warning(case, logs, doc_type):
    """``logs`` (from assertLogs on DOC_TYPE_LOGGER) name ``doc_type``."""
    case.assertTrue(
        any(
            record.levelname == "WARNING" and doc_type.code in record.getMessage()
            for record in logs.records
        ),
        logs.output,
    )


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


def download_report(case, report_name, records, login, context=None):
    """Print as the web client's report action does: log in, then post the
    report URL and type to ``/report/download``. Shared by the glue addons'
    tests (an ``HttpCase`` is needed)."""
    case.authenticate(login, login)
    ids = ",".join(str(record_id) for record_id in records.ids)
    response = case.url_open(
        "/report/download",
        data={
            "data": json.dumps([f"/report/pdf/{report_name}/{ids}", "qweb-pdf"]),
            "context": json.dumps(context or {"lang": "en_US"}),
            "token": "dummy-because-api-expects-one",
            "csrf_token": http.Request.csrf_token(case),
        },
        timeout=120,
    )
    case.assertEqual(response.status_code, 200, response.text[:500])
    return response


def call_kw(case, user, model, method, args, kwargs=None, route="call_kw"):
    """Call ``method`` through ``/web/dataset/call_kw`` (``call_button``: a
    button's) as ``user``, with a client's access checks: (result, error
    data). ``case`` is an HttpCase."""
    case.authenticate(user.login, user.login)
    response = case.url_open(
        f"/web/dataset/{route}",
        data=json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            }
        ),
        headers={"Content-Type": "application/json"},
    )
    case.assertEqual(response.status_code, 200)
    answer = response.json()
    return answer.get("result"), answer.get("error", {}).get("data")


class InteractionDocumentCase(MailCommon, HttpCase):
    """Print and email documents the way a user does and read what got logged.

    MailCommon (not BaseCommon) so that mail behaves as in production, with
    only the SMTP connection patched by ``mock_mail_gateway``; HttpCase so
    that prints go through the report download route like the browser's.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Entry = cls.env["interaction.log.entry"].sudo()

    def print_document(self, report, records, login):
        """Download ``report`` for ``records`` as the web client does."""
        return download_report(self, report.report_name, records, login)

    def entries_of(self, records, code=None):
        domain = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        if code:
            domain.append(("document_type_id.code", "=", code))
        return self.Entry.search(domain, order="id")

    def assert_logged(self, entries, record, doc_type, partners, channel, version):
        """Each of ``partners`` has exactly one of ``entries``, as expected."""
        self.assertEqual(entries.partner_id, partners)
        self.assertEqual(len(entries), len(partners))
        template = doc_type.with_company(record.company_id).template_id
        for entry in entries:
            self.assertEqual(entry.document_type_id, doc_type)
            self.assertEqual(entry.template_id, template)
            self.assertEqual(entry.channel, channel)
            self.assertEqual(entry.res_model, record._name)
            self.assertEqual(entry.res_id, record.id)
            self.assertEqual(entry.document_name, record.display_name)
            self.assertEqual(entry.document_version, version)
            self.assertEqual(entry.cost, template.unit_cost)
            self.assertEqual(entry.company_id, record.company_id)
            self.assertTrue(entry.is_automatic)

    def assert_one_sent_one_failed(self, entries, good_partner, bad_partner, address):
        """An email to a valid and an invalid address: one entry each, the
        first sent, the other failed as an attempt, with the address used."""
        good = entries.filtered(lambda e: e.partner_id == good_partner)
        bad = entries - good
        self.assertEqual(len(good), 1)
        self.assertEqual(bad.partner_id, bad_partner)
        self.assertEqual(good.delivery_status, "sent")
        self.assertFalse(good.attempt_failed)
        self.assertEqual(bad.delivery_status, "failed")
        self.assertTrue(bad.attempt_failed)
        self.assertEqual(bad.contact_via, address)


def assert_call_away_from_cancel(case, record, user):
    """The "Call" button of ``record``'s form header sits among the ways of
    reaching the contact, not at the end of the header next to Cancel.

    Shared by the glue addons' tests: every document form has the button.
    """
    arch = etree.fromstring(
        record.with_user(user).get_views([(False, "form")])["views"]["form"]["arch"]
    )
    buttons = [button.get("name") or "" for button in arch.xpath("//header/button")]
    index = buttons.index("action_interaction_call")
    neighbours = buttons[max(index - 1, 0) : index] + buttons[index + 1 : index + 2]
    case.assertTrue(neighbours, "Call is not alone in the header")
    for name in neighbours:
        case.assertNotIn("cancel", name, f"Call next to {name}: {buttons}")
    case.assertNotEqual(index, len(buttons) - 1, "Call ends the header")
