"""Bench data: ``make bench`` and ``make load`` (tools/perf.py) fill a
throw-away database with these, never an addon's data files or a test.

Odoo 18's ``odoo-bin populate`` multiplies the records a database already
has (``--models``, ``--factors``): the dimension data is made here with the
ORM, then multiplied by it. The entries are inserted by one
``INSERT ... SELECT generate_series``: creating millions with the ORM would
take hours, and copies of a few seed entries would pile onto the same
documents and dates.
"""

from odoo import Command
from odoo.tools import SQL
from odoo.tools.populate import PopulateContext

# 3 years in batches of 50 at one timestamp (as the engine logs a print or a
# mail), ~5 entries per document, ~3 % canceled, 1/7 in the second company,
# 1 in 6 inbound (a reply, a call taken), 1 in 100 of a campaign, 1 in 10
# under a lead when the CRM glue is there.
ENTRIES = """
INSERT INTO interaction_log_entry (
    partner_id, commercial_partner_id, date, name, template_id, group_id,
    document_type_id, information_flow, initiated_by, channel, cost, duration,
    user_id, company_id, res_model, res_id, document_name, document_version,
    attempt_failed, canceled, is_automatic, campaign_id, %(lead_column)s
    create_uid, write_uid, create_date, write_date)
SELECT p.ids[1 + mod(g * 7919, p.n)], p.coms[1 + mod(g * 7919, p.n)],
    now() - make_interval(days => %(age)s,
                          secs => mod(g / 50 * 104729, %(total)s / 50)
                                  * (1095 * 86400.0 / (%(total)s / 50))),
    t.names[1 + mod(g / 7, t.n)], t.ids[1 + mod(g / 7, t.n)],
    t.groups[1 + mod(g / 7, t.n)], d.ids[1 + mod(g / 5, d.n)],
    CASE WHEN mod(g, 6) = 5 THEN 'inbound' ELSE 'outbound' END,
    CASE WHEN mod(g, 6) = 5 THEN 'them' ELSE 'us' END,
    (ARRAY['paper', 'email', 'phone', 'meeting'])[1 + mod(g, 4)], 1.5, 5, %(uid)s,
    CASE WHEN mod(g, 7) = 0 THEN %(other)s ELSE %(company)s END,
    (ARRAY['account.move', 'sale.order', 'purchase.order', 'stock.picking'])
        [1 + mod(g, 4)],
    1 + mod(g / 4, %(total)s / 20), 'DOC/' || g, 1, mod(g, 41) = 0, mod(g, 33) = 0,
    true, CASE WHEN mod(g, 100) = 0 THEN (%(camps)s::int[])[1 + mod(g / 100, 20)] END,
    %(lead_value)s
    %(uid)s, %(uid)s, now(), now()
FROM generate_series(%(first)s::bigint, %(total)s) g,
    (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n,
            array_agg(commercial_partner_id ORDER BY id) AS coms
       FROM res_partner) p,
    (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n,
            array_agg(group_id ORDER BY id) AS groups,
            array_agg(name->>'en_US' ORDER BY id) AS names
       FROM interaction_template
      WHERE company_id IS NULL OR company_id = %(company)s) t,
    (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n
       FROM interaction_document_type) d
"""


def users_and_documents(env, prefix, users, groups, customers, invoices, orders=0):
    """``users`` users of ``groups`` (one password: the prefix), customers with
    an email and a phone, posted invoices and quotations for them, all in
    the main company. Returns (users, customers, invoices, quotations)."""
    groups = [Command.link(env.ref(g).id) for g in ("base.group_user", *groups)]
    users = env["res.users"].create(
        [
            {"name": f"{prefix} {n}", "login": f"{prefix}{n}", "groups_id": groups}
            | {"email": f"{prefix}{n}@example.com", "password": f"{prefix}-pw"}
            for n in range(users)
        ]
    )
    partners = env["res.partner"].create(
        [
            {"name": f"{prefix} customer {n}", "is_company": True}
            | {"email": f"c{n}@{prefix}.example.com", "phone": f"+358 9 555 {n:04d}"}
            for n in range(customers)
        ]
    )
    line = Command.create({"name": "Desk", "quantity": 2, "price_unit": 250.0})
    moves = env["account.move"].create(
        [
            {"move_type": "out_invoice", "partner_id": partners[n % customers].id}
            | {"invoice_line_ids": [line], "invoice_date": "2026-01-15"}
            for n in range(invoices)
        ]
    )
    moves.action_post()
    quotes = []
    if orders:
        product = env["product.product"].create({"name": "Desk", "list_price": 250})
        line = Command.create({"product_id": product.id})
        quotes = env["sale.order"].create(
            [
                {"partner_id": partners[n].id, "order_line": [line]}
                for n in range(orders)
            ]
        )
    return users, partners, moves, quotes


def dimensions(env, user, contacts=20_000):
    """A second company for ``user``, 70 companies with 2 contacts each, 20
    campaigns, 500 opportunities (with CRM), then ``odoo-bin populate``'s
    duplication of the contacts up to ``contacts``. Returns (company B, a
    company contact, campaigns, leads)."""
    other = env["res.company"].create({"name": "Bench Company B"})
    user.company_ids = [Command.link(other.id)]
    Partner = env["res.partner"].with_context(tracking_disable=True)
    tops = Partner.create(
        [{"name": f"Bench Co {n}", "is_company": True} for n in range(70)]
    )
    Partner.create(
        [{"name": f"Contact {n}", "parent_id": c.id} for c in tops for n in "12"]
    )
    campaigns = env["utm.campaign"].create([{"name": f"Bench {n}"} for n in range(20)])
    leads = env["crm.lead"].browse()
    if "crm.lead" in env:
        leads = leads.create(
            [{"name": f"Deal {n}", "type": "opportunity"} for n in range(500)]
        )
    env.flush_all()
    # Odoo's own populate command, as odoo-bin populate --models runs it.
    from odoo.cli.populate import Populate

    env.cr.execute("SELECT count(*) FROM res_partner")
    factor = -(-contacts // env.cr.fetchone()[0]) - 1
    Populate.populate(env, {"res.partner": factor}, ord("_"))
    return other, tops[0], campaigns, leads


def entries(env, first, total, user, company, other, campaigns, leads, age=0):
    """Entries ``first`` to ``total``, ``age`` days older than the 3 years
    they spread over, by SQL (vacuum the table after)."""
    Entry, bulk = env["interaction.log.entry"], PopulateContext()
    lead_value = SQL(
        "CASE WHEN mod(g, 10) = 1 THEN (%s::int[])[1 + mod(g / 10, %s)] END,",
        leads.ids,
        len(leads),
    )
    query = SQL(
        ENTRIES,
        first=first,
        total=total,
        age=age,
        uid=user.id,
        camps=campaigns.ids,
        company=company.id,
        other=other.id,
        lead_column=SQL("opportunity_id,") if leads else SQL(),
        lead_value=lead_value if leads else SQL(),
    )
    # As Odoo's populate does: without the secondary indexes and the foreign
    # key checks, put back after.
    with bulk.ignore_indexes(Entry), bulk.ignore_fkey_constraints(Entry):
        env.cr.execute(query)
