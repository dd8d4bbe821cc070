"""The core's ``odoo -u`` keeps the administrator's changes and moves old data on."""

import re
from pathlib import Path

import pytest
from conftest import CORE, REPO, install, lib, shell

SETUP_SCRIPT = """
from odoo import Command
cover = env.ref("interaction_autolog.document_type_cover_sheet")
email = env.ref("interaction_autolog.document_type_email")
call = env.ref("interaction_autolog.document_type_phone_call")
# The administrator's changes, as the form saves them.
cover.write({"name": "Contact Sheet", "domain": "[('is_company', '=', False)]",
             "log_emails": True, "sequence": 3, "report_ids": [Command.clear()]})
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
"""

READ_SCRIPT = """
from odoo.tools import sql
def read(xmlid, *fields):
    values = env.ref("interaction_autolog.document_type_" + xmlid).read(fields)[0]
    return [values[field] for field in fields]
e = env["interaction.log.entry"].search([("partner_id.name", "=", "Hanna")])
print("RESULT " + json.dumps({
    "cover": read("cover_sheet", "name", "domain", "log_emails", "sequence",
                  "report_ids"),
    "email": read("email", "category", "trigger", "direction"),
    "inbound": read("email_inbound", "domain", "log_emails", "direction"),
    "call": read("phone_call", "name", "sequence", "template_id"),
    "api_key_model": env["ir.model"].search_count(
        [("model", "=", "interaction.api.key")]),
    "api_key_tables": [t for t in ("interaction_api_key", "interaction_api_key_wizard")
                       if sql.table_exists(env.cr, t)],
    "entry": [e.group_id.code, e.template_id.group_id.code,
              e.commercial_partner_id.name, e.partner_id.commercial_partner_id.name],
}))
"""

# The database as 18.0.1.0.0 left it (see below), with the API key model of 18.0.1.1.0.
OLD_DATABASE = """
UPDATE ir_module_module SET latest_version = '18.0.1.0.0' WHERE name = '%(core)s';
ALTER TABLE interaction_document_type DROP COLUMN customized_fields;
ALTER TABLE interaction_document_type DROP COLUMN direction;
-- Changed by the administrator under 18.0.1.0.0, untracked.
UPDATE interaction_document_type SET domain = $$%(inbound)s$$, log_emails = false
 WHERE code = 'email_inbound';
-- Since logged, the template changed group, the contact company: the entry keeps them.
UPDATE interaction_template SET group_id = (SELECT id FROM interaction_group
    WHERE code = 'SALES') WHERE id = (SELECT template_id FROM interaction_log_entry
    LIMIT 1);
UPDATE res_partner SET parent_id = NULL, commercial_partner_id = id
    WHERE name = 'Hanna';
-- The API key model, with a key: its code is gone, its tables and data are left.
CREATE TABLE interaction_api_key (id serial PRIMARY KEY, name varchar, key_hash text);
CREATE TABLE interaction_api_key_wizard (id serial, api_key_id integer
    REFERENCES interaction_api_key(id));
INSERT INTO interaction_api_key (name, key_hash) VALUES ('PBX', 'x');
WITH model AS (
    INSERT INTO ir_model (model, name, "order", state, transient)
    VALUES ('interaction.api.key', '{"en_US": "API Key"}', 'id', 'base', false)
    RETURNING id)
INSERT INTO ir_model_data (module, name, model, res_id, noupdate)
SELECT '%(core)s', 'model_interaction_api_key', 'ir.model', id, false FROM model;
"""


def test_upgrade_keeps_the_administrators_setup(conf, database):
    install(conf, database, CORE)
    shell(conf, database, SETUP_SCRIPT)
    install(conf, database, CORE, update=True)
    state = shell(conf, database, READ_SCRIPT)

    # Kept: the administrator's name, domain, log_emails, sequence, reports.
    domain = "[('is_company', '=', False)]"
    assert state["cover"] == ["Contact Sheet", domain, True, 3, []]
    # What the type is, and what nobody changed, follow the code; the setup stays.
    assert state["email"] == ["communication", "email", "outbound"]
    assert state["call"] == ["Phone Call", 30, False]

    # The same database under 18.0.1.0.0: upgraded to this version.
    inbound = "[('message_type', '=', 'email')]"
    psql = 'tools/pg.sh psql -X -q -v ON_ERROR_STOP=1 -d "$1" -c "$2"'
    lib(psql, database, OLD_DATABASE % {"core": CORE, "inbound": inbound})
    install(conf, database, CORE, update=True)
    state = shell(conf, database, READ_SCRIPT)

    assert state["inbound"] == [inbound, False, "inbound"]
    assert [state["cover"][0], state["cover"][3]] == ["Contact Sheet", 3]
    assert state["email"][0] == "communication"
    # group, template's group, company contact, contact's company
    assert state["entry"] == ["EMAIL", "SALES", "History Oy", "Hanna"]
    # The API key model is gone, tables included.
    assert (state["api_key_model"], state["api_key_tables"]) == (0, [])


LOG_ADDRESS_IN_CORE = "acbd58a59ae124b4790177518c335d315d03f61f"  # its last: 18.0.1.2.0
GATEWAY = "interaction_autolog_mail_gateway"

PLANT_LOG_ADDRESS = '''
env["mail.alias.domain"].create({"name": "example.com"})
company = env.company
alias = company._interaction_set_log_alias("log")
company.interaction_log_alias_create_contact = True
company.interaction_never_log = "*@spam.example.com"
env.user.email = "admin@example.com"
env["res.partner"].create({"name": "Mikko", "email": "mikko@nordlight.example.fi"})
env["mail.thread"].message_process("interaction.log.mail", """\
Delivered-To: log@example.com
From: Admin <admin@example.com>
To: Mikko <mikko@nordlight.example.fi>
Cc: junk@spam.example.com
Subject: Lighting offer
Message-ID: <upgrade-offer@example.com>
Content-Type: text/plain

Here is our offer.
""")
count = env["interaction.log.mail"].search_count([])
print("RESULT " + json.dumps({"log_mails": count, "alias": alias.id}))
'''

READ_LOG_ADDRESS = """
company, Data = env.company, env["ir.model.data"]
print("RESULT " + json.dumps({
    "state": env["ir.module.module"].search([("name", "=", "%(gateway)s")]).state,
    "log_mails": [
        [m.name, m.partner_ids.mapped("name"), m.interaction_log_count,
         m.skipped_reasons, m.skipped_addresses,
         "Here is our offer." in "".join(m.message_ids.mapped("body"))]
        for m in env["interaction.log.mail"].search([])
    ],
    "alias": company.interaction_log_alias_id.id,
    "alias_model": company.interaction_log_alias_id.alias_model_id.model,
    "create_contact": company.interaction_log_alias_create_contact,
    "require_auth": company.interaction_log_alias_require_auth,
    "model_module": Data.search([("model", "=", "ir.model"),
                                 ("name", "=", "model_interaction_log_mail")]).module,
    "field_module": Data.search(
        [("name", "=", "field_res_company__interaction_log_alias_id")]
    ).mapped("module"),
    "menu": bool(env.ref("%(gateway)s.menu_interaction_log_mail", False)),
    "rule": bool(env.ref("%(gateway)s.interaction_log_mail_rule_company", False)),
}))
"""


@pytest.fixture
def old_conf(conf, tmp_path):
    """Odoo's configuration with the core of that release in the addons path."""
    if lib('git cat-file -e "$1"', LOG_ADDRESS_IN_CORE, check=False).returncode:
        pytest.skip("the repository's history (git) is not available")
    (old := tmp_path / "old_addons").mkdir()
    lib('git archive "$1" "$2" | tar -x -C "$3"', LOG_ADDRESS_IN_CORE, CORE, old)
    addons = rf",{re.escape(str(REPO))}(?=,|$)"
    text = re.sub(addons, f",{old}", Path(conf).read_text(), count=1, flags=re.M)
    (path := tmp_path / "old.conf").write_text(text)
    return str(path)


def test_upgrade_moves_the_log_address_to_its_addon(conf, old_conf, database):
    # That release's database, with a log address and a logged email, upgraded.
    install(old_conf, database, CORE)
    planted = shell(old_conf, database, PLANT_LOG_ADDRESS)
    assert planted["log_mails"] == 1

    install(conf, database, CORE, update=True)
    state = shell(conf, database, READ_LOG_ADDRESS % {"gateway": GATEWAY})

    skipped = [["junk@spam.example.com", "never"]]
    reason = "junk@spam.example.com: on the never-log list"
    # name, partners, entries, skipped, skipped as text, body kept
    mail = ["Lighting offer", ["Mikko"], 1, skipped, reason, True]
    expected = dict(state="installed", log_mails=[mail], alias=planted["alias"])
    expected |= dict.fromkeys(["create_contact", "require_auth", "menu", "rule"], True)
    expected |= dict(alias_model="interaction.log.mail", model_module=GATEWAY)
    assert state == expected | {"field_module": [GATEWAY]}
