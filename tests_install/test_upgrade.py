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
import json

import psycopg2
import test_install_flow as flow
from test_install_flow import CORE, install, odoo

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
