"""Upgrade the core addon (``odoo -u``) the way an administrator does.

Plain pytest like test_install_flow.py, on a database of its own: what an
upgrade does to the shipped document types can only be seen by running the
real upgrade.

Document types are shipped as data and reloaded by every upgrade. What a
type *is* (code, model, trigger, category, direction) follows the code; what
it logs (name, description, domain, reports, log_emails, sequence) is the
administrator's once they changed it, and follows the code until then. The
setup (the company-dependent template) is never overwritten.
"""

import configparser
import io
import json
import subprocess
import tarfile
from pathlib import Path

import psycopg2
import pytest
import test_install_flow as flow
from test_install_flow import CORE, REPO, install, odoo

# The install flow's fixtures: its configuration file and a fresh database.
conf = flow.conf
database = flow.database

SETUP_SCRIPT = """
from odoo import Command
cover = env.ref("interaction_autolog.document_type_cover_sheet")
email = env.ref("interaction_autolog.document_type_email")
call = env.ref("interaction_autolog.document_type_phone_call")
# The administrator's changes, as the form saves them.
cover.write({
    "name": "Contact Sheet",
    "domain": "[('is_company', '=', False)]",
    "log_emails": True,
    "sequence": 3,
    "report_ids": [Command.clear()],
})
call.with_company(env.company).template_id = False
# Someone changed what the type is (it is read-only in the form).
email.write({"category": "other", "trigger": "print"})
# A value shipped by an older release that nobody changed since.
env.cr.execute(
    "UPDATE interaction_document_type SET name = %s, sequence = 99 WHERE id = %s",
    [json.dumps({"en_US": "Old Call"}), call.id],
)
# History: an entry for a contact of a company.
company = env["res.partner"].create({"name": "History Oy", "is_company": True})
person = env["res.partner"].create({"name": "Hanna", "parent_id": company.id})
env["interaction.log.entry"]._log_interaction(person, "email_inbound")
env.cr.commit()
"""

READ_SCRIPT = """
from odoo.tools import sql
ref = env.ref
cover = ref("interaction_autolog.document_type_cover_sheet")
email = ref("interaction_autolog.document_type_email")
inbound = ref("interaction_autolog.document_type_email_inbound")
call = ref("interaction_autolog.document_type_phone_call")
entry = env["interaction.log.entry"].search(
    [("partner_id.name", "=", "Hanna")], limit=1
)
print("RESULT " + json.dumps({
    "cover": cover.read(["name", "domain", "log_emails", "sequence"])[0]
    | {"reports": len(cover.report_ids)},
    "email": email.read(["category", "trigger", "direction"])[0],
    "inbound": inbound.read(["domain", "log_emails", "direction"])[0],
    "call": call.read(["name", "sequence"])[0]
    | {"template": call.with_company(env.company).template_id.id},
    "api_key_model": env["ir.model"].search_count(
        [("model", "=", "interaction.api.key")]
    ),
    "api_key_tables": [
        table
        for table in ("interaction_api_key", "interaction_api_key_wizard")
        if sql.table_exists(env.cr, table)
    ],
    "entry": {
        "group": entry.group_id.code,
        "template_group": entry.template_id.group_id.code,
        "company_contact": entry.commercial_partner_id.name,
        "contact_company": entry.partner_id.commercial_partner_id.name,
    },
}))
"""


def shell(conf, db, script):
    output = odoo(
        conf,
        "-d",
        db,
        "--no-http",
        "--log-level=warn",
        command=["shell"],
        stdin="import json\n" + script,
    )
    lines = [line for line in output.splitlines() if line.startswith("RESULT ")]
    return json.loads(lines[-1].removeprefix("RESULT ")) if lines else None


def upgrade(conf, db):
    odoo(
        conf,
        "-d",
        db,
        "-u",
        CORE,
        "--stop-after-init",
        "--no-http",
        "--log-level=warn",
    )


def sql(conf, db, query, params=None):
    """Run one statement on ``db``, on the server of Odoo's configuration."""
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf)
    options = parser["options"]
    server = {
        key: options[f"db_{key}"]
        for key in ("host", "port", "user", "password")
        if options.get(f"db_{key}", "False") not in ("", "False")
    }
    conn = psycopg2.connect(dbname=db, **server)
    try:
        with conn, conn.cursor() as cr:
            cr.execute(query, params)
    finally:
        conn.close()


def test_upgrade_keeps_the_administrators_setup(conf, database):
    install(conf, database, CORE)
    shell(conf, database, SETUP_SCRIPT)
    upgrade(conf, database)
    state = shell(conf, database, READ_SCRIPT)

    # The administrator's changes are kept.
    assert state["cover"]["name"] == "Contact Sheet"
    assert state["cover"]["domain"] == "[('is_company', '=', False)]"
    assert state["cover"]["log_emails"] is True
    assert state["cover"]["sequence"] == 3
    assert state["cover"]["reports"] == 0
    assert state["call"]["template"] is False
    # What the type is follows the code.
    assert state["email"]["category"] == "communication"
    assert state["email"]["trigger"] == "email"
    assert state["email"]["direction"] == "outbound"
    # What nobody changed is brought up to date.
    assert state["call"]["name"] == "Phone Call"
    assert state["call"]["sequence"] == 30

    # The same database as it was under 18.0.1.0.0, where nothing tracked
    # the administrator's changes and an entry's group and company contact
    # followed its template and contact: upgraded to this version.
    inbound_domain = "[('message_type', '=', 'email')]"
    for query, params in [
        (
            "UPDATE ir_module_module SET latest_version = '18.0.1.0.0' WHERE name = %s",
            [CORE],
        ),
        ("ALTER TABLE interaction_document_type DROP COLUMN customized_fields", None),
        ("ALTER TABLE interaction_document_type DROP COLUMN direction", None),
        # Changed by the administrator under 18.0.1.0.0, untracked.
        (
            "UPDATE interaction_document_type SET domain = %s, log_emails = false"
            " WHERE code = 'email_inbound'",
            [inbound_domain],
        ),
        # Since logged, the template moved to another group and the contact
        # to another company; the entry keeps what it was logged with.
        (
            "UPDATE interaction_template SET group_id = ("
            "  SELECT id FROM interaction_group WHERE code = 'SALES')"
            " WHERE id = (SELECT template_id FROM interaction_log_entry LIMIT 1)",
            None,
        ),
        (
            "UPDATE res_partner SET parent_id = NULL, commercial_partner_id = id"
            " WHERE name = 'Hanna'",
            None,
        ),
        # The API key model of 18.0.1.1.0 and before, with a key: its code
        # is gone, its tables and registry entries are left.
        (
            "CREATE TABLE interaction_api_key (id serial PRIMARY KEY,"
            " name varchar, key_hash varchar)",
            None,
        ),
        (
            "CREATE TABLE interaction_api_key_wizard (id serial PRIMARY KEY,"
            " api_key_id integer REFERENCES interaction_api_key(id))",
            None,
        ),
        ("INSERT INTO interaction_api_key (name, key_hash) VALUES ('PBX', 'x')", None),
        (
            "WITH model AS ("
            '  INSERT INTO ir_model (model, name, "order", state, transient)'
            "  VALUES ('interaction.api.key', '{\"en_US\": \"Interaction API Key\"}',"
            "          'id', 'base', false) RETURNING id)"
            " INSERT INTO ir_model_data (module, name, model, res_id, noupdate)"
            " SELECT %s, 'model_interaction_api_key', 'ir.model', id, false"
            " FROM model",
            [CORE],
        ),
    ]:
        sql(conf, database, query, params)
    upgrade(conf, database)
    state = shell(conf, database, READ_SCRIPT)

    assert state["inbound"]["domain"] == inbound_domain
    assert state["inbound"]["log_emails"] is False
    assert state["inbound"]["direction"] == "inbound"
    assert state["cover"]["name"] == "Contact Sheet"
    assert state["cover"]["sequence"] == 3
    assert state["email"]["category"] == "communication"
    assert state["entry"]["template_group"] == "SALES"
    assert state["entry"]["group"] == "EMAIL"
    assert state["entry"]["contact_company"] == "Hanna"
    assert state["entry"]["company_contact"] == "History Oy"
    # The API key model is gone, tables included.
    assert state["api_key_model"] == 0
    assert state["api_key_tables"] == []


# The last release whose core held the log address (18.0.1.2.0).
LOG_ADDRESS_IN_CORE = "acbd58a59ae124b4790177518c335d315d03f61f"
GATEWAY = "interaction_autolog_mail_gateway"

PLANT_LOG_ADDRESS = '''
env["mail.alias.domain"].create({"name": "example.com"})
company = env.company
alias = company._interaction_set_log_alias("log")
company.interaction_log_alias_create_contact = True
company.interaction_never_log = "*@spam.example.com"
env.user.email = "admin@example.com"
contact = env["res.partner"].create(
    {"name": "Mikko", "email": "mikko@nordlight.example.fi"}
)
raw = """Delivered-To: log@example.com
From: Admin <admin@example.com>
To: Mikko <mikko@nordlight.example.fi>
Cc: junk@spam.example.com
Subject: Lighting offer
Message-ID: <upgrade-offer@example.com>
Content-Type: text/plain

Here is our offer.
"""
env["mail.thread"].message_process("interaction.log.mail", raw)
env.cr.commit()
print("RESULT " + json.dumps({
    "log_mails": env["interaction.log.mail"].search_count([]),
    "alias": alias.id,
}))
'''

READ_LOG_ADDRESS = """
module = env["ir.module.module"].search(
    [("name", "=", "interaction_autolog_mail_gateway")]
)
log_mail = env["interaction.log.mail"].search([])
company = env.company
print("RESULT " + json.dumps({
    "state": module.state,
    "log_mails": [
        {
            "name": m.name,
            "partners": m.partner_ids.mapped("name"),
            "body": m.message_ids.mapped("body"),
            "entries": m.interaction_log_count,
            "skipped": m.skipped_reasons,
            "skipped_text": m.skipped_addresses,
        }
        for m in log_mail
    ],
    "alias": company.interaction_log_alias_id.id,
    "alias_model": company.interaction_log_alias_id.alias_model_id.model,
    "create_contact": company.interaction_log_alias_create_contact,
    "require_auth": company.interaction_log_alias_require_auth,
    "model_module": env["ir.model.data"].search(
        [("model", "=", "ir.model"), ("name", "=", "model_interaction_log_mail")]
    ).module,
    "field_module": env["ir.model.data"].search(
        [("name", "=", "field_res_company__interaction_log_alias_id")]
    ).mapped("module"),
    "menu": bool(env.ref(
        "interaction_autolog_mail_gateway.menu_interaction_log_mail",
        raise_if_not_found=False,
    )),
    "rule": bool(env.ref(
        "interaction_autolog_mail_gateway.interaction_log_mail_rule_company",
        raise_if_not_found=False,
    )),
}))
"""


def old_core_conf(conf, tmp_path):
    """A copy of Odoo's configuration whose addons path has the core as it
    was when it held the log address, instead of the repository's addons."""
    found = subprocess.run(
        ["git", "-C", str(REPO), "cat-file", "-e", f"{LOG_ADDRESS_IN_CORE}^{{commit}}"],
        capture_output=True,
        check=False,
    )
    if found.returncode:
        pytest.skip("the repository's history (git) is not available")
    old = tmp_path / "old_addons"
    old.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", LOG_ADDRESS_IN_CORE, CORE],
        capture_output=True,
        check=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        # The "data" filter where this Python has it (3.11.4 and later).
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        tar.extractall(old, **safe)
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(conf)
    paths = [
        path
        for path in parser["options"]["addons_path"].split(",")
        if Path(path).resolve() != REPO
    ]
    parser["options"]["addons_path"] = ",".join([*paths, str(old)])
    path = tmp_path / "old.conf"
    with path.open("w") as file:
        parser.write(file)
    return str(path)


def test_upgrade_moves_the_log_address_to_its_addon(conf, database, tmp_path):
    # A database made by the release whose core held the log address, with
    # a log address and a logged email: upgraded by the core's -u.
    old_conf = old_core_conf(conf, tmp_path)
    install(old_conf, database, CORE)
    planted = shell(old_conf, database, PLANT_LOG_ADDRESS)
    assert planted["log_mails"] == 1

    upgrade(conf, database)
    state = shell(conf, database, READ_LOG_ADDRESS)

    assert state["state"] == "installed"
    [log_mail] = state["log_mails"]
    assert log_mail["name"] == "Lighting offer"
    assert log_mail["partners"] == ["Mikko"]
    assert log_mail["entries"] == 1
    assert log_mail["skipped"] == [["junk@spam.example.com", "never"]]
    assert log_mail["skipped_text"] == "junk@spam.example.com: on the never-log list"
    assert any("Here is our offer." in body for body in log_mail["body"])
    assert state["alias"] == planted["alias"]
    assert state["alias_model"] == "interaction.log.mail"
    assert state["create_contact"] is True
    assert state["require_auth"] is True
    assert state["model_module"] == GATEWAY
    assert state["field_module"] == [GATEWAY]
    assert state["menu"] and state["rule"]
