"""The README screenshots, docs/screenshots/NAME.png, from the app of `make run`:
Playwright drives the system's Chromium through each of SCREENS as a user would
(its URL under /odoo/, {key} a record of FIND, then its steps). Options: --url
--login --password --db --output --partner-id --chromium --width --height."""

import argparse
import os
import re
import sys

from playwright.sync_api import Error, expect, sync_playwright

SCREENS = """
template_setup action-interaction_autolog.action_interaction_template_setup
    ; unfold .o_group_header:not(.o_group_open) ; fit .o_list_renderer table
contact_interactions contacts/{partner} ; click .o_notebook [name=interactions]
    ; top .o_notebook_headers
contact_interaction_list contacts/{partner}
    ; click button[name=action_view_interactions]
interaction_pivot action-{entries}?view_type=pivot ; fit .o_pivot table
call_wizard contacts/{partner} ; click button[name=action_interaction_call]
    ; fill Asked about the delivery date|.modal [name=name] input
campaign_form action-utm.utm_campaign_action/{campaign} ; fit .o_form_sheet_bg
pipeline_cold crm ; need crm ; click .o_switch_view.o_list
    ; click .o_searchview_dropdown_toggler
    ; click .o-dropdown-item:has-text('No Interaction for 14 Days') ; key Escape
logged_email action-interaction_autolog_mail_gateway.action_interaction_log_mail/{mail}
    ; fit .o_form_sheet_bg
sms_entry action-{entries}/{sms} ; fit .o_form_sheet_bg
quotation_online action-sale.action_quotations_with_onboarding/{quote}
    ; click button[name=action_view_interaction_log]
sms_failure_dialog action-{entries}/{sms_failed}
    ; click button[name=action_open_message]
create_opportunity_dialog action-{entries}/{call} ; need crm
    ; click button[name=action_create_opportunity]
    ; fill 12000|.modal [name=expected_revenue] input
phone_interactions action-{entries}
phone_contact_interactions contacts/{partner} ; click .o_notebook [name=interactions]
    ; top [name=interaction_recent_ids]
phone_interactions_fi action-{entries} ; need fi ; lang fi_FI
"""
E, SMS = "interaction.log.entry", ("channel", "=", "sms")
FAILED = ("delivery_status", "=", "failed")
CRM = [("name", "=", "interaction_autolog_crm"), ("state", "=", "installed")]
FIND = {  # key: model, domain, field
    "campaign": (
        "ir.model.data",
        [("name", "=", "demo_campaign_office_fair")],
        "res_id",
    ),
    "mail": ("interaction.log.mail", [], "id"),
    "sms": (E, [SMS, ("delivery_status", "=", "sent")], "id"),
    "sms_failed": (E, [SMS, FAILED, ("mail_message_id", "!=", False)], "id"),
    "quote": (E, [("document_type_id.code", "=", "sale_quote_accepted")], "res_id"),
    "call": (E, [("channel", "=", "phone"), ("opportunity_id", "=", False)], "id"),
    "crm": ("ir.module.module", CRM, "id"),
    "fi": ("res.lang", [("code", "=", "fi_FI")], "id"),
}


def settle(p):
    """The web client shows a view, loads nothing more, its images are in."""
    expect(p.locator(".o_action_manager .o_view_controller").first).to_be_visible()
    p.wait_for_timeout(400)  # a request shows the indicator only after a moment
    expect(p.locator(".o_loading_indicator")).to_have_count(0)
    p.wait_for_function("[...document.images].every((img) => img.complete)")


def grow(pixels, edge, most):
    return pixels if edge <= pixels else min(int(edge) + 16, most)


def rpc(p, model, method, *args, **kwargs):
    params = {"model": model, "method": method, "args": args, "kwargs": kwargs}
    reply = p.request.post("/web/dataset/call_kw", data={"params": params}).json()
    "error" in reply and sys.exit(f"screenshots: {model}.{method}: {reply['error']}")
    return reply["result"]


def take(p, name, url, steps, found, output):
    keys = re.findall(r"{(\w+)}", url) + [arg for kind, arg in steps if kind == "need"]
    for key in set(keys) - set(found):
        model, domain, field = FIND[key]
        records = rpc(p, model, "search_read", domain, [field], limit=1)
        found[key] = records and records[0][field]
    if not all(found[key] for key in keys):
        return print(f"{name}: skipped, without {' or '.join(keys)}")
    p.goto("/odoo/" + url.format_map(found))
    settle(p)
    size, fit = p.viewport_size, None
    for kind, arg in steps:
        text, _, arg = arg.rpartition("|")
        target = p.locator(arg).first
        if (
            kind == "click"
            and not target.count()
            and p.locator(".o_button_more").count()
        ):
            p.locator(".o_button_more").click()  # smart buttons beyond the first few
        if kind == "unfold":  # one at a time: each one loads its lines
            for left in reversed(range(p.locator(arg).count())):
                target.click()
                expect(p.locator(arg)).to_have_count(left)
        elif kind == "lang":
            rpc(p, "res.users", "write", [found["uid"]], {"lang": arg})
            p.reload()
        elif kind == "fit":
            fit = target.bounding_box()
        elif kind == "click":
            target.click()
        elif kind == "fill":
            target.fill(text)
        elif kind == "key":
            p.keyboard.press(arg)
        elif kind == "top":
            target.evaluate("(part) => part.scrollIntoView()")
        settle(p)
    error = p.locator(".o_error_dialog, .o_notification:has(.bg-danger)")
    error.count() and sys.exit(f"screenshots: {name}: {error.first.inner_text()}")
    p.mouse.move(-1, -1)  # no hover effect where the last click was
    if fit:  # the window grows (up to 2200 x 1400) to show that part whole
        width = grow(size["width"], fit["x"] + fit["width"], 2200)
        height = grow(size["height"], fit["y"] + fit["height"], 1400)
        p.set_viewport_size({"width": width, "height": height})
    p.screenshot(path=(path := os.path.join(output, f"{name}.png")))
    p.set_viewport_size(size)
    if "lang" in dict(steps):
        rpc(p, "res.users", "write", [found["uid"]], {"lang": "en_US"})
    print(f"{path}  {os.path.getsize(path) // 1024} KB")


def login(browser, args, phone):
    size = {"width": 390, "height": 844} if phone else {"width": args.width}
    size.setdefault("height", args.height)
    p = browser.new_page(
        base_url=args.url, viewport=size, is_mobile=phone, has_touch=phone
    )
    p.set_default_timeout(60_000)
    p.on("pageerror", lambda error: print(f"JavaScript error: {error.message}"))
    p.goto(f"/web/login?db={args.db}" if args.db else "/web/login")
    p.fill("input[name=login]", args.login)
    p.fill("input[name=password]", args.password)
    p.click(".oe_login_form button[type=submit]")
    failed = p.locator(".oe_login_form .alert-danger")
    expect(p.locator(".o_action_manager").or_(failed)).to_be_visible()
    failed.count() and sys.exit(f"screenshots: login: {failed.inner_text()}")
    return p


def pick_partner(p):
    """Its own entries, not a company's figures: its tab lists what its count
    says; one with a phone number (the call wizard) if any."""
    domain = [("canceled", "=", False), ("partner_id", "!=", False)]
    groups = rpc(p, E, "read_group", domain, ["partner_id"], ["partner_id"], lazy=0)
    counts = {group["partner_id"][0]: group["__count"] for group in groups}
    found = rpc(p, "res.partner", "read", list(counts), ["phone", "mobile"])
    found or sys.exit("screenshots: no interactions: load the demo data (make run)")
    return max(found, key=lambda r: (bool(r["phone"] or r["mobile"]), counts[r["id"]]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    output = os.path.relpath(os.path.join(os.path.dirname(__file__), "../docs"))
    port = os.environ.get("HTTP_PORT") or 8069
    for name, default in {
        **{"url": f"http://localhost:{port}", "login": "admin", "password": "admin"},
        **{"db": "", "output": f"{output}/screenshots", "partner-id": 0},
        **{"chromium": "/usr/bin/chromium", "width": 1440, "height": 900},
    }.items():
        parser.add_argument(f"--{name}", default=default, type=type(default))
    args = parser.parse_args()
    os.makedirs(args.output, exist_ok=True)
    expect.set_options(timeout=60_000)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"]
            )
            p = phone = None
            for screen in re.split(r"\n(?=\S)", SCREENS.strip()):
                screen = " ".join(screen.split()).split(" ; ")
                (name, url), *steps = (step.split(" ", 1) for step in screen)
                if not p or name.startswith("phone_") != phone:
                    phone = name.startswith("phone_")
                    p = login(browser, args, phone)
                    info = p.request.post("/web/session/get_session_info", data={})
                    found = {
                        "entries": "interaction_autolog.action_interaction_log_entry"
                    }
                    found |= {"partner": args.partner_id or pick_partner(p)["id"]}
                    found["uid"] = info.json()["result"]["uid"]
                take(p, name, url, steps, found, args.output)
    except (Error, AssertionError) as error:
        sys.exit(f"screenshots: {error} (does `make run` serve {args.url}?)")


if __name__ == "__main__":
    main()
