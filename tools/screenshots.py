"""The README screenshots, taken from the app of `make run` (demo data).

    python tools/screenshots.py [--url http://localhost:$HTTP_PORT] [--login admin]
        [--password admin] [--db DB] [--output docs/screenshots] [--partner-id ID]
        [--chromium /usr/bin/chromium] [--width 1440] [--height 900]

Playwright drives the system's Chromium (it never downloads a browser here),
logs in through the login form and opens each screen as a user would. The
contact shown is the one with the most interactions of its own (preferring
one with a phone number). A screen showing an error is not saved and makes the
script fail.
"""

import argparse
import math
import os
import re
import sys
import urllib.request

from playwright.sync_api import Error, expect, sync_playwright

SETUP_ACTION = "interaction_autolog.action_interaction_template_setup"
ENTRY_ACTION = "interaction_autolog.action_interaction_log_entry"
MAIL_ACTION = "interaction_autolog_mail_gateway.action_interaction_log_mail"
CHROMIUM_ARGS = (
    "--no-sandbox --headless --disable-gpu --disable-background-networking "
    "--disable-component-update --no-first-run"
).split()


def settle(page):
    """The web client shows a view, loads nothing more, its images are in."""
    expect(page.locator(".o_action_manager .o_view_controller").first).to_be_visible()
    # The loading indicator shows only for requests slower than a moment: let
    # one that has just started show it before checking it is gone.
    page.wait_for_timeout(400)
    expect(page.locator(".o_loading_indicator")).to_have_count(0)
    page.wait_for_function("[...document.images].every((img) => img.complete)")


def _grow(pixels, edge, limit):
    """The pixels of the viewport, or enough (up to limit) to show the edge."""
    return pixels if edge <= pixels else min(math.ceil(edge) + 16, limit)


def save(page, path, fit=None):
    """The viewport as PNG, grown (up to 2200 x 1400) to show `fit` whole."""
    settle(page)
    error = page.locator(".o_error_dialog, .o_notification:has(.bg-danger)")
    if error.count():
        sys.exit(
            f"screenshots: {path}: the page shows an error: {error.first.inner_text()}"
        )
    page.mouse.move(-1, -1)  # no hover effect where the last click was
    size = page.viewport_size
    if fit:
        box = fit.bounding_box()
        right, bottom = box["x"] + box["width"], box["y"] + box["height"]
        page.set_viewport_size(
            {
                "width": _grow(size["width"], right, 2200),
                "height": _grow(size["height"], bottom, 1400),
            }
        )
    page.screenshot(path=path)
    page.set_viewport_size(size)


def rpc(page, model, method, *args, **kwargs):
    """A model method called with the browser's session, as the web client does."""
    params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
    reply = page.request.post(
        f"/web/dataset/call_kw/{model}/{method}",
        data={"jsonrpc": "2.0", "method": "call", "params": params},
    ).json()
    if "error" in reply:
        sys.exit(f"screenshots: {model}.{method}: {reply['error']['data']['message']}")
    return reply["result"]


def pick_partner(page):
    """The contact with the most interactions of its own, with a phone: its own
    entries, not a company's figures, so the tab lists what its count says."""
    groups = rpc(
        page,
        "interaction.log.entry",
        "read_group",
        [("canceled", "=", False)],
        ["partner_id"],
        ["partner_id"],
        lazy=False,
    )
    counts = {g["partner_id"][0]: g["__count"] for g in groups if g["partner_id"]}
    domain = [("id", "in", list(counts))] if counts else [("user_ids", "=", False)]
    fields = ["display_name", "phone", "mobile"]
    partners = rpc(page, "res.partner", "search_read", domain, fields, limit=200)
    if not partners:
        sys.exit("screenshots: no contact to show: load the demo data (make run)")
    return max(
        partners,
        key=lambda p: (bool(p["phone"] or p["mobile"]), counts.get(p["id"], 0)),
    )


def template_setup(page, partner_id):
    page.goto(f"/odoo/action-{SETUP_ACTION}")
    settle(page)
    # Unfold every category, one at a time: each one loads its lines.
    folded = page.locator(".o_list_view .o_group_header:not(.o_group_open)")
    for left in reversed(range(folded.count())):
        folded.first.click()
        expect(folded).to_have_count(left)
    page.locator(".o_list_renderer").evaluate("(list) => list.scrollTo(0, 0)")
    return page.locator(".o_list_renderer table")


def open_contact(page, partner_id):
    page.goto(f"/odoo/contacts/{partner_id}")
    expect(page.locator(".o_form_view .o_form_sheet")).to_be_visible()
    settle(page)


def contact_interactions(page, partner_id):
    open_contact(page, partner_id)
    page.locator(".o_notebook a.nav-link[name=interactions]").click()
    expect(
        page.locator(".o_notebook .tab-pane.active .o_field_widget").first
    ).to_be_visible()
    # The statistics and as many entries as fit: the tabs at the top.
    page.locator(".o_notebook .o_notebook_headers").evaluate(
        """(tabs) => {
            tabs.scrollIntoView({block: "start", behavior: "instant"});
            const content = document.querySelector(".o_content");
            content.scrollTo({top: content.scrollTop - 16, behavior: "instant"});
        }"""
    )


def contact_interaction_list(page, partner_id):
    open_contact(page, partner_id)
    click_smart_button(page, "action_view_interactions")


def click_smart_button(page, name):
    # Smart buttons beyond the first few are in the button box's "More" menu.
    button = f"button[name={name}]"
    if not page.locator(f".o_form_view {button}").count():
        page.locator(".o-form-buttonbox .o_button_more").click()
        button = f".o-dropdown--menu {button}"
    page.locator(button).click()
    expect(
        page.locator(".o_action_manager .o_view_controller.o_list_view")
    ).to_be_visible()


def interaction_pivot(page, partner_id):
    page.goto(f"/odoo/action-{ENTRY_ACTION}?view_type=pivot")
    table = page.locator(".o_pivot_view .o_pivot table")
    settle(page)
    box = table.bounding_box()
    if box["x"] + box["width"] > page.viewport_size["width"]:
        # A year of months times two measures does not fit the page: the
        # count instead, one click at a time (each one reloads the pivot).
        page.get_by_role("button", name="Measures").click()
        menu = page.locator(".o-dropdown--menu")
        count = menu.locator(".o_menu_item", has_text=re.compile(r"^Count$"))
        if "selected" not in count.get_attribute("class"):
            count.click()
            expect(count).to_have_class(re.compile(r"\bselected\b"))
        others = menu.locator(".o_menu_item.selected")
        others = others.filter(has_not_text=re.compile(r"^Count$"))
        for left in reversed(range(others.count())):
            others.first.click()
            expect(others).to_have_count(left)
        page.keyboard.press("Escape")
        expect(menu).to_have_count(0)
        page.locator(".o_searchview_input").focus()  # where the view put it
    # Twelve months still need more than the default width: widen the window
    # to the table rather than crop the last months.
    return table


def call_wizard(page, partner_id):
    open_contact(page, partner_id)
    page.locator(".o_form_view button[name=action_interaction_call]").click()
    name = page.locator(".modal .o_field_widget[name=name] input")
    name.fill("Asked about the delivery date")


def logged_email(page, partner_id):
    """An email written outside Odoo, as the log address kept it."""
    mails = rpc(page, "interaction.log.mail", "search_read", [], ["id"], limit=1)
    if not mails:
        sys.exit("screenshots: no logged email: load the demo data (make run)")
    page.goto(f"/odoo/action-{MAIL_ACTION}/{mails[0]['id']}")
    expect(page.locator(".o_form_view .o_form_sheet")).to_be_visible()
    settle(page)
    return page.locator(".o_form_view .o_form_sheet")


def sms_entry(page, partner_id):
    """A text message's entry: the number it went to, its delivery."""
    entries = rpc(
        page,
        "interaction.log.entry",
        "search_read",
        [("channel", "=", "sms"), ("delivery_status", "=", "sent")],
        ["id"],
        limit=1,
        order="date desc",
    )
    if not entries:
        return False  # without interaction_autolog_sms
    page.goto(f"/odoo/action-{ENTRY_ACTION}/{entries[0]['id']}")
    expect(page.locator(".o_form_view .o_form_sheet")).to_be_visible()
    settle(page)
    return page.locator(".o_form_view .o_form_sheet")


def quotation_online(page, partner_id):
    """A quotation the customer opened and signed online: its interactions."""
    accepted = [("document_type_id.code", "=", "sale_quote_accepted")]
    entries = rpc(
        page, "interaction.log.entry", "search_read", accepted, ["res_id"], limit=1
    )
    if not entries:
        return False  # without interaction_autolog_sale
    page.goto(
        f"/odoo/action-sale.action_quotations_with_onboarding/{entries[0]['res_id']}"
    )
    expect(page.locator(".o_form_view .o_form_sheet")).to_be_visible()
    click_smart_button(page, "action_view_interaction_log")
    settle(page)


def campaign_form(page, partner_id):
    """The demo campaign: its interactions, contacts reached, who answered."""
    found = rpc(
        page,
        "ir.model.data",
        "search_read",
        [
            ("module", "=", "interaction_autolog"),
            ("name", "=", "demo_campaign_office_fair"),
        ],
        ["res_id"],
    )
    if not found:
        sys.exit("screenshots: no demo campaign: load the demo data (make run)")
    page.goto(f"/odoo/action-utm.utm_campaign_action/{found[0]['res_id']}")
    expect(
        page.locator(".o_form_view button[name=action_view_interactions]")
    ).to_be_visible()
    settle(page)
    return page.locator(".o_form_view .o_form_sheet_bg")


def pipeline_cold(page, partner_id):
    """The opportunities nobody has talked to for two weeks (with CRM only)."""
    installed = [("name", "=", "interaction_autolog_crm"), ("state", "=", "installed")]
    if not rpc(page, "ir.module.module", "search_count", installed):
        return False
    page.goto("/odoo/crm")  # My Pipeline, from the CRM app as a salesperson
    page.locator(".o_switch_view.o_list").click()
    expect(page.locator(".o_action_manager .o_list_view")).to_be_visible()
    page.locator(".o_searchview_dropdown_toggler").click()
    page.locator(
        ".o_filter_menu .o-dropdown-item", has_text="No Interaction for 14 Days"
    ).click()
    page.keyboard.press("Escape")
    expect(page.locator(".o_searchview_facet", has_text="14 Days")).to_be_visible()
    settle(page)


def sms_failure_dialog(page, partner_id):
    """A text message that never left: its entry's Recipients and Resend
    opens the SMS failure dialog (number and reason per recipient)."""
    entries = rpc(
        page,
        "interaction.log.entry",
        "search_read",
        [
            ("channel", "=", "sms"),
            ("delivery_status", "=", "failed"),
            ("mail_message_id", "!=", False),
        ],
        ["id"],
        limit=1,
    )
    if not entries:
        return False  # without interaction_autolog_sms
    page.goto(f"/odoo/action-{ENTRY_ACTION}/{entries[0]['id']}")
    expect(page.locator(".o_form_view .o_form_sheet")).to_be_visible()
    settle(page)
    page.locator(".o_form_view button[name=action_open_message]").click()
    expect(page.locator(".modal .o_field_widget[name=recipient_ids]")).to_be_visible()


def create_opportunity_dialog(page, partner_id):
    """Create Opportunity on a call: the pipeline's quick create dialog."""
    entries = rpc(
        page,
        "interaction.log.entry",
        "search_read",
        [("channel", "=", "phone"), ("opportunity_id", "=", False)],
        ["id"],
        limit=1,
        order="date desc",
    )
    if not entries or not rpc(
        page,
        "ir.module.module",
        "search_count",
        [("name", "=", "interaction_autolog_crm"), ("state", "=", "installed")],
    ):
        return False
    page.goto(f"/odoo/action-{ENTRY_ACTION}/{entries[0]['id']}")
    expect(page.locator(".o_form_view .o_form_sheet")).to_be_visible()
    settle(page)
    page.locator(".o_form_view button[name=action_create_opportunity]").click()
    revenue = page.locator(".modal .o_field_widget[name=expected_revenue] input")
    revenue.fill("12000")


def phone_interactions(page, partner_id):
    """Contacts ▸ Interactions in a phone's width: cards."""
    page.goto(f"/odoo/action-{ENTRY_ACTION}")
    expect(page.locator(".o_kanban_view .o_kanban_record").first).to_be_visible()


def phone_contact_interactions(page, partner_id):
    """A contact's Interactions page in a phone's width: cards."""
    page.goto(f"/odoo/contacts/{partner_id}")
    expect(page.locator(".o_form_view .o_form_sheet")).to_be_visible()
    settle(page)
    page.locator(".o_notebook a.nav-link[name=interactions]").click()
    cards = page.locator(
        ".o_field_widget[name=interaction_recent_ids] .o_kanban_record"
    )
    expect(cards.first).to_be_visible()
    # The cards from the top of the list.
    page.locator(".o_field_widget[name=interaction_recent_ids]").evaluate(
        """(cards) => {
            const content = document.querySelector(".o_content");
            cards.scrollIntoView({block: "start", behavior: "instant"});
            content.scrollTo({top: content.scrollTop - 8, behavior: "instant"});
        }"""
    )


def phone_interactions_fi(page, partner_id):
    """The phone's cards in Finnish, when the language is installed."""
    if not rpc(page, "res.lang", "search_count", [("code", "=", "fi_FI")]):
        return False
    uid = rpc(page, "res.users", "search", [("login", "=", LOGIN[0])], limit=1)
    rpc(page, "res.users", "write", uid, {"lang": "fi_FI"})
    try:
        phone_interactions(page, partner_id)
        settle(page)
    finally:
        rpc(page, "res.users", "write", uid, {"lang": "en_US"})


SCREENS = (
    template_setup,
    contact_interactions,
    contact_interaction_list,
    interaction_pivot,
    call_wizard,
    campaign_form,
    pipeline_cold,
    logged_email,
    sms_entry,
    quotation_online,
    sms_failure_dialog,
    create_opportunity_dialog,
)
# Taken in a phone's viewport (390 x 844, touch), as a salesperson sees them.
PHONE_SCREENS = (
    phone_interactions,
    phone_contact_interactions,
    phone_interactions_fi,
)
PHONE = {"width": 390, "height": 844}
# The login of the run, for the screens that switch its language.
LOGIN = []


def main():
    port = os.environ.get("HTTP_PORT") or 8069
    repo = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", default=f"http://localhost:{port}")
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--db", help="database, when the server serves several")
    parser.add_argument("--output", default=os.path.join(repo, "docs", "screenshots"))
    parser.add_argument("--partner-id", type=int, help="contact to show")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    args = parser.parse_args()
    url = args.url.rstrip("/")
    try:
        urllib.request.urlopen(f"{url}/web/login", timeout=10).close()
    except OSError as error:
        sys.exit(f"screenshots: Odoo does not answer on {url} ({error}): make run")
    os.makedirs(args.output, exist_ok=True)
    expect.set_options(timeout=60_000)
    js_errors = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium, args=CHROMIUM_ARGS
            )
            size = {"width": args.width, "height": args.height}
            LOGIN.append(args.login)

            def login(viewport, phone=False):
                context = browser.new_context(
                    base_url=url,
                    viewport=viewport,
                    locale="en-US",
                    is_mobile=phone,
                    has_touch=phone,
                )
                page = context.new_page()
                page.set_default_timeout(60_000)
                page.on("pageerror", lambda error: js_errors.append(error.message))
                page.on(
                    "console",
                    lambda msg: msg.type == "error" and js_errors.append(msg.text),
                )
                page.goto("/web/login" + (f"?db={args.db}" if args.db else ""))
                page.locator("input[name=login]").fill(args.login)
                page.locator("input[name=password]").fill(args.password)
                page.locator(".oe_login_form button[type=submit]").click()
                failed = page.locator(".oe_login_form .alert-danger")
                expect(page.locator(".o_action_manager").or_(failed)).to_be_visible()
                if failed.count():
                    sys.exit(
                        f"screenshots: login as {args.login}: {failed.inner_text()}"
                    )
                return page

            def take(page, screens, partner_id):
                for screen in screens:
                    fit = screen(page, partner_id)
                    if fit is False:  # its app is not installed
                        continue
                    path = os.path.join(args.output, f"{screen.__name__}.png")
                    save(page, path, fit=fit)
                    print(f"{path}  {os.path.getsize(path) // 1024} KB")

            page = login(size)
            partner_id = args.partner_id
            if not partner_id:
                partner = pick_partner(page)
                partner_id = partner["id"]
                print(f"contact: {partner['display_name']} (id {partner_id})")
            take(page, SCREENS, partner_id)
            page.context.close()
            take(login(PHONE, phone=True), PHONE_SCREENS, partner_id)
            browser.close()
    except (Error, AssertionError) as error:
        sys.exit(f"screenshots: {error}")
    if js_errors:
        print("JavaScript errors in the page:", *dict.fromkeys(js_errors), sep="\n  ")


if __name__ == "__main__":
    main()
