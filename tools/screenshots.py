"""Take the README screenshots from the running app in headless Chromium.

    python3 tools/screenshots.py [--url http://localhost:8069] [--login admin]
        [--password admin] [--output docs/screenshots] [--partner-id ID]

Start the app first (`make run`, demo data). The script starts its own
headless Chromium, drives it through the Chrome DevTools Protocol (the
websocket-client package of requirements-dev.txt), logs in through the login
form, opens each screen as a user would and saves one PNG per screen:

    template_setup.png        Contacts > Configuration > Interaction Template Setup
    contact_interactions.png  a contact's form, Interactions tab
    contact_interaction_list.png  the list behind the contact's smart button
    interaction_pivot.png     Contacts > Interactions, pivot (template x month)
    call_wizard.png           the Call button of the contact: the call wizard
    pipeline_cold.png         CRM pipeline list, "No Interaction for 14 Days"
                              (with interaction_autolog_crm)
    campaign_form.png         the demo campaign's form and its figures

The contact is the one with the most interactions of its own (preferring one
with a phone number), unless --partner-id says otherwise. A screen showing an error
dialog is not saved and makes the script fail. Chromium is stopped at the end
whatever happens.
"""

import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHROMIUM_CANDIDATES = (
    "/usr/bin/chromium",
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
)
SETUP_ACTION = "interaction_autolog.action_interaction_template_setup"
ENTRY_ACTION = "interaction_autolog.action_interaction_log_entry"

# True once the web client has rendered a view and is not loading anything.
READY_JS = """
(() => {
    if (document.readyState !== "complete") return false;
    if (!document.querySelector(".o_action_manager .o_view_controller")) return false;
    return !document.querySelector(".o_loading_indicator");
})()
"""
ERROR_JS = """
(() => {
    const dialog = document.querySelector(".o_error_dialog");
    if (dialog) return dialog.innerText.slice(0, 500);
    const danger = document.querySelector(".o_notification_bar.bg-danger");
    return danger ? danger.closest(".o_notification").innerText.slice(0, 500) : "";
})()
"""


PIVOT_TOO_WIDE_JS = """
(() => {
    const table = document.querySelector(".o_pivot table");
    return !!table && table.getBoundingClientRect().right > window.innerWidth;
})()
"""


class ScreenshotError(Exception):
    pass


class Browser:
    """Headless Chromium and one page of it, spoken to through CDP."""

    def __init__(self, executable, width, height):
        self.width = width
        self.height = height
        self.profile = tempfile.mkdtemp(prefix="ial-screenshots-")
        # Port 0: Chromium picks a free port and writes it to
        # DevToolsActivePort, so nothing clashes with another browser.
        self.process = subprocess.Popen(
            [
                executable,
                "--headless=new",
                "--remote-debugging-port=0",
                "--no-sandbox",
                "--disable-gpu",
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-extensions",
                "--no-first-run",
                "--no-default-browser-check",
                "--hide-scrollbars",
                "--force-device-scale-factor=1",
                "--lang=en-US",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.ws = None
        self.next_id = 0
        self.js_errors = []
        try:
            self._connect()
        except Exception:
            self.close()
            raise

    def _connect(self):
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.monotonic() + 30
        port = None
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise ScreenshotError(
                    f"Chromium exited at start (code {self.process.returncode})"
                )
            try:
                with open(port_file, encoding="ascii") as handle:
                    port = int(handle.readline().strip())
                break
            except (OSError, ValueError):
                time.sleep(0.2)
        if not port:
            raise ScreenshotError("Chromium did not open its DevTools port")
        pages = []
        while time.monotonic() < deadline and not pages:
            with urllib.request.urlopen(
                f"http://127.0.0.1:{port}/json/list", timeout=5
            ) as response:
                pages = [t for t in json.load(response) if t["type"] == "page"]
            if not pages:
                time.sleep(0.2)
        if not pages:
            raise ScreenshotError("Chromium has no page to drive")
        # No Origin header: Chromium refuses DevTools connections from
        # origins it was not told to allow.
        self.ws = websocket.create_connection(
            pages[0]["webSocketDebuggerUrl"], timeout=60, suppress_origin=True
        )
        self.call("Page.enable")
        self.call("Runtime.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=self.width,
            height=self.height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def call(self, method, **params):
        self.next_id += 1
        message_id = self.next_id
        self.ws.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise ScreenshotError(f"{method}: {message['error']}")
                return message.get("result", {})
            self._event(message)

    def _event(self, message):
        method = message.get("method")
        params = message.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get(
                "text", ""
            )
            self.js_errors.append(text.splitlines()[0] if text else "exception")
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            args = params.get("args", [])
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in args)
            self.js_errors.append(text[:300])

    def evaluate(self, expression, await_promise=False):
        result = self.call(
            "Runtime.evaluate",
            expression=expression,
            returnByValue=True,
            awaitPromise=await_promise,
        )
        if "exceptionDetails" in result:
            details = result["exceptionDetails"]
            text = details.get("exception", {}).get("description") or details.get(
                "text"
            )
            raise ScreenshotError(f"script failed in the page: {text}")
        return result.get("result", {}).get("value")

    def navigate(self, url):
        self.call("Page.navigate", url=url)
        # Let the old document go before polling the new one.
        time.sleep(0.5)

    def wait_for(self, expression, timeout=60, what="the page"):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(expression):
                return
            time.sleep(0.25)
        raise ScreenshotError(f"timed out waiting for {what}")

    def wait_settled(self, timeout=60, what="the view"):
        """Wait for the web client to be ready and its DOM to stop changing."""
        self.wait_for(READY_JS, timeout=timeout, what=what)
        self.evaluate("document.fonts.ready.then(() => true)", await_promise=True)
        deadline = time.monotonic() + timeout
        previous = None
        stable = 0
        while time.monotonic() < deadline:
            size = self.evaluate("document.body.innerHTML.length")
            stable = stable + 1 if size == previous else 0
            if stable >= 3 and self.evaluate(READY_JS):
                return
            previous = size
            time.sleep(0.3)
        raise ScreenshotError(f"{what} kept changing for {timeout} s")

    def click(self, selector, what):
        clicked = self.evaluate(
            f"""(() => {{
                const el = document.querySelector({json.dumps(selector)});
                if (!el) return false;
                el.scrollIntoView({{block: "center"}});
                el.click();
                return true;
            }})()"""
        )
        if not clicked:
            raise ScreenshotError(f"{what} not found ({selector})")

    def type_into(self, selector, text):
        self.evaluate(f"document.querySelector({json.dumps(selector)}).focus()")
        # Real key input, so the web client's field widgets see a change.
        self.call("Input.insertText", text=text)

    def check_errors(self, what):
        error = self.evaluate(ERROR_JS)
        if error:
            raise ScreenshotError(f"{what}: the page shows an error: {error}")

    def resize(self, width=None, height=None):
        """Set the viewport; without arguments, back to the default size."""
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=width or self.width,
            height=height or self.height,
            deviceScaleFactor=1,
            mobile=False,
        )
        time.sleep(0.5)

    def screenshot(self, path, width=None, height=None):
        """Save the viewport as PNG, for once at another size if given."""
        resized = (width or self.width, height or self.height) != (
            self.width,
            self.height,
        )
        if resized:
            self.resize(width, height)
        try:
            data = self.call("Page.captureScreenshot", format="png")["data"]
        finally:
            if resized:
                self.resize()
        with open(path, "wb") as handle:
            handle.write(base64.b64decode(data))

    def close(self):
        if self.ws:
            try:
                self.ws.send(json.dumps({"id": 0, "method": "Browser.close"}))
            except (OSError, websocket.WebSocketException):
                pass
            self.ws.close()
            self.ws = None
        if self.process.poll() is None:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.terminate()
                try:
                    self.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def rpc(browser, model, method, args, kwargs=None):
    """Call a model method with the browser's session, as the web client does."""
    body = json.dumps(
        {
            "jsonrpc": "2.0",
            "method": "call",
            "params": {
                "model": model,
                "method": method,
                "args": args,
                "kwargs": kwargs or {},
            },
        }
    )
    reply = browser.evaluate(
        f"""fetch("/web/dataset/call_kw/{model}/{method}", {{
                method: "POST",
                headers: {{"Content-Type": "application/json"}},
                body: {json.dumps(body)},
            }}).then((r) => r.json())""",
        await_promise=True,
    )
    if reply.get("error"):
        message = reply["error"].get("data", {}).get("message") or reply["error"]
        raise ScreenshotError(f"{model}.{method}: {message}")
    return reply["result"]


def login(browser, base_url, user, password, db=None):
    url = f"{base_url}/web/login"
    if db:
        url += f"?db={db}"
    browser.navigate(url)
    browser.wait_for(
        "!!document.querySelector('form.oe_login_form input[name=login]')",
        what="the login form",
    )
    browser.evaluate(
        f"""(() => {{
            const form = document.querySelector("form.oe_login_form");
            form.querySelector("input[name=login]").value = {json.dumps(user)};
            form.querySelector("input[name=password]").value = {json.dumps(password)};
            form.submit();
        }})()"""
    )
    time.sleep(1)
    browser.wait_for(
        "location.pathname.startsWith('/odoo') "
        "|| !!document.querySelector('.oe_login_form .alert-danger')",
        what="the login",
    )
    if not browser.evaluate("location.pathname.startsWith('/odoo')"):
        raise ScreenshotError(f"login as {user} failed: wrong login or password?")


def pick_partner(browser):
    """The contact with the most interactions of its own, with a phone.

    Its own entries, not a company's figures (which add up its contact
    persons): the Interactions tab then lists what its count says.
    """
    groups = rpc(
        browser,
        "interaction.log.entry",
        "read_group",
        [[("canceled", "=", False)], ["partner_id"], ["partner_id"]],
        {"lazy": False},
    )
    counts = {g["partner_id"][0]: g["__count"] for g in groups if g["partner_id"]}
    domain = [("id", "in", list(counts))] if counts else [("user_ids", "=", False)]
    partners = rpc(
        browser,
        "res.partner",
        "search_read",
        [domain],
        {"fields": ["display_name", "phone", "mobile"], "limit": 200},
    )
    if not partners:
        raise ScreenshotError("no contact to show: load the demo data (make run)")
    partners.sort(
        key=lambda p: (bool(p["phone"] or p["mobile"]), counts.get(p["id"], 0)),
        reverse=True,
    )
    return partners[0]


def shoot_template_setup(browser, base_url, output):
    browser.navigate(f"{base_url}/odoo/action-{SETUP_ACTION}")
    browser.wait_settled(what="the Interaction Template Setup")
    # The list is grouped by category, folded: unfold every group so that
    # each document type and its template show.
    browser.evaluate(
        """(() => {
            for (const header of document.querySelectorAll(
                ".o_list_view .o_group_header:not(.o_group_open)")) {
                header.click();
            }
        })()"""
    )
    browser.wait_settled(what="the unfolded setup groups")
    browser.check_errors("Interaction Template Setup")
    height = browser.evaluate(
        "Math.ceil(document.querySelector('.o_list_renderer table')"
        ".getBoundingClientRect().bottom) + 24"
    )
    path = os.path.join(output, "template_setup.png")
    browser.screenshot(path, height=max(browser.height, min(height or 0, 1400)))
    return path


def open_partner_form(browser, base_url, partner_id):
    browser.navigate(f"{base_url}/odoo/contacts/{partner_id}")
    browser.wait_for(
        "!!document.querySelector('.o_form_view .o_form_sheet')",
        what="the contact form",
    )
    browser.wait_settled(what="the contact form")


def shoot_contact_interactions(browser, base_url, output, partner_id):
    open_partner_form(browser, base_url, partner_id)
    browser.click(".o_notebook a.nav-link[name=interactions]", "the Interactions tab")
    browser.wait_settled(what="the Interactions tab")
    # Show the statistics and as many entries as fit: scroll the tab's
    # headers to the top of the form's scrolling area.
    browser.evaluate(
        """(() => {
            const tabs = document.querySelector(".o_notebook .o_notebook_headers")
                || document.querySelector(".o_notebook");
            tabs.scrollIntoView({block: "start"});
            const content = document.querySelector(".o_content");
            if (content) content.scrollTop = Math.max(0, content.scrollTop - 16);
        })()"""
    )
    time.sleep(0.5)
    browser.check_errors("contact Interactions tab")
    path = os.path.join(output, "contact_interactions.png")
    browser.screenshot(path)
    return path


def shoot_contact_interaction_list(browser, base_url, output, partner_id):
    open_partner_form(browser, base_url, partner_id)
    # Smart buttons beyond the first few live in the button box's "More"
    # dropdown: open it when the button is not shown directly.
    selector = "button[name=action_view_interactions]"
    if not browser.evaluate(f"!!document.querySelector('.o_form_view {selector}')"):
        browser.click(".o-form-buttonbox .o_button_more", "the smart buttons' More")
        browser.wait_for(
            f"!!document.querySelector('.o-dropdown--menu {selector}')",
            what="the smart buttons' More menu",
        )
    browser.click(
        f".o_form_view {selector}, .o-dropdown--menu {selector}",
        "the Interactions smart button",
    )
    browser.wait_for(
        "!!document.querySelector('.o_action_manager .o_list_view')",
        what="the contact's interactions list",
    )
    browser.wait_settled(what="the contact's interactions list")
    browser.check_errors("contact's interactions list")
    path = os.path.join(output, "contact_interaction_list.png")
    browser.screenshot(path)
    return path


def pivot_count_only(browser):
    browser.evaluate(
        """[...document.querySelectorAll(".o_action_manager button")]
            .find((b) => b.textContent.trim().startsWith("Measures")).click()"""
    )
    browser.wait_for(
        "!!document.querySelector('.o-dropdown--menu .o_menu_item')",
        what="the Measures menu",
    )
    # One click at a time: each one reloads the pivot and re-renders the menu.
    browser.evaluate(
        """[...document.querySelectorAll(".o-dropdown--menu .o_menu_item")]
            .find((i) => i.textContent.trim() === "Count"
                && !i.classList.contains("selected"))?.click()"""
    )
    browser.wait_settled(what="the pivot with the count")
    while browser.evaluate(
        """(() => {
            const item = [...document.querySelectorAll(
                ".o-dropdown--menu .o_menu_item.selected")]
                .find((i) => i.textContent.trim() !== "Count");
            if (item) item.click();
            return !!item;
        })()"""
    ):
        browser.wait_settled(what="the pivot with fewer measures")
    browser.evaluate("document.querySelector('.o_pivot table').click()")
    browser.call("Input.dispatchKeyEvent", type="keyDown", key="Escape")
    browser.call("Input.dispatchKeyEvent", type="keyUp", key="Escape")
    browser.wait_for(
        "!document.querySelector('.o-dropdown--menu')", what="the menu to close"
    )
    browser.wait_settled(what="the pivot view")


def shoot_pivot(browser, base_url, output):
    browser.navigate(f"{base_url}/odoo/action-{ENTRY_ACTION}?view_type=pivot")
    browser.wait_for(
        "!!document.querySelector('.o_pivot_view .o_pivot table')",
        what="the pivot view",
    )
    browser.wait_settled(what="the pivot view")
    if browser.evaluate(PIVOT_TOO_WIDE_JS):
        # A year of months times two measures does not fit the page: show
        # the count per template and month instead of cost and duration.
        pivot_count_only(browser)
    browser.check_errors("Interactions pivot")
    # Twelve months still need more than the default width: widen the
    # window to the table rather than crop the last months.
    right, bottom = browser.evaluate(
        """(() => {
            const box = document.querySelector(".o_pivot table")
                .getBoundingClientRect();
            return [Math.ceil(box.right) + 16, Math.ceil(box.bottom) + 16];
        })()"""
    )
    path = os.path.join(output, "interaction_pivot.png")
    browser.screenshot(
        path,
        width=max(browser.width, min(right, 2200)),
        height=max(browser.height, min(bottom, 1400)),
    )
    return path


def shoot_call_wizard(browser, base_url, output, partner_id):
    open_partner_form(browser, base_url, partner_id)
    browser.click(
        ".o_form_view button[name=action_interaction_call]", "the Call button"
    )
    browser.wait_for(
        "!!document.querySelector('.modal .o_form_view .o_field_widget')",
        what="the call wizard",
    )
    browser.wait_settled(what="the call wizard")
    browser.type_into(
        ".modal .o_field_widget[name=name] input", "Asked about the delivery date"
    )
    time.sleep(0.5)
    browser.check_errors("call wizard")
    path = os.path.join(output, "call_wizard.png")
    browser.screenshot(path)
    return path


def installed(browser, module):
    return bool(
        rpc(
            browser,
            "ir.module.module",
            "search_count",
            [[("name", "=", module), ("state", "=", "installed")]],
        )
    )


def shoot_pipeline_cold(browser, base_url, output):
    """The opportunities nobody has talked about for two weeks."""
    browser.navigate(
        f"{base_url}/odoo/action-crm.crm_lead_action_pipeline?view_type=list"
    )
    browser.wait_for(
        "!!document.querySelector('.o_action_manager .o_list_view')",
        what="the pipeline list",
    )
    browser.wait_settled(what="the pipeline list")
    browser.click(".o_searchview_dropdown_toggler", "the search options")
    browser.wait_for(
        "!!document.querySelector('.o_search_bar_menu .o_filter_menu')",
        what="the filter menu",
    )
    clicked = browser.evaluate(
        """(() => {
            const item = [...document.querySelectorAll(
                ".o_search_bar_menu .o_filter_menu .o-dropdown-item")]
                .find((i) => i.textContent.trim() === "No Interaction for 14 Days");
            if (item) item.click();
            return !!item;
        })()"""
    )
    if not clicked:
        raise ScreenshotError("the filter No Interaction for 14 Days is missing")
    browser.wait_settled(what="the filtered pipeline")
    browser.call("Input.dispatchKeyEvent", type="keyDown", key="Escape")
    browser.call("Input.dispatchKeyEvent", type="keyUp", key="Escape")
    browser.wait_settled(what="the filtered pipeline")
    browser.check_errors("pipeline list")
    path = os.path.join(output, "pipeline_cold.png")
    browser.screenshot(path)
    return path


def shoot_campaign_form(browser, base_url, output):
    """The demo campaign: its interactions, contacts reached, who answered."""
    campaigns = rpc(
        browser,
        "ir.model.data",
        "search_read",
        [
            [
                ("module", "=", "interaction_autolog"),
                ("name", "=", "demo_campaign_office_fair"),
            ]
        ],
        {"fields": ["res_id"]},
    )
    if not campaigns:
        raise ScreenshotError("no demo campaign: load the demo data (make run)")
    browser.navigate(
        f"{base_url}/odoo/action-utm.utm_campaign_action/{campaigns[0]['res_id']}"
    )
    browser.wait_for(
        "!!document.querySelector("
        "'.o_form_view button[name=action_view_interactions]')",
        what="the campaign form",
    )
    browser.wait_settled(what="the campaign form")
    browser.check_errors("campaign form")
    path = os.path.join(output, "campaign_form.png")
    browser.screenshot(path, height=480)
    return path


def find_chromium(explicit):
    for candidate in (explicit,) if explicit else CHROMIUM_CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    raise ScreenshotError(
        "Chromium not found: install it (make setup) or pass --chromium PATH"
    )


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="Take the README screenshots from the running app."
    )
    parser.add_argument(
        "--url",
        default=f"http://localhost:{os.environ.get('HTTP_PORT') or 8069}",
        help="Odoo URL (default: http://localhost:$HTTP_PORT, port 8069)",
    )
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--db", help="database, when the server serves several")
    parser.add_argument(
        "--output",
        default=os.path.join(REPO_ROOT, "docs", "screenshots"),
        help="directory the PNG files are written to",
    )
    parser.add_argument("--partner-id", type=int, help="contact to show")
    parser.add_argument("--chromium", help="Chromium executable")
    parser.add_argument("--width", type=int, default=1440)
    parser.add_argument("--height", type=int, default=900)
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    base_url = args.url.rstrip("/")
    os.makedirs(args.output, exist_ok=True)
    try:
        chromium = find_chromium(args.chromium)
        with urllib.request.urlopen(f"{base_url}/web/login", timeout=10):
            pass
    except ScreenshotError as error:
        sys.exit(f"screenshots: {error}")
    except OSError as error:
        sys.exit(f"screenshots: Odoo does not answer on {base_url} ({error}): make run")

    browser = None
    try:
        browser = Browser(chromium, args.width, args.height)
        login(browser, base_url, args.login, args.password, args.db)
        if args.partner_id:
            partner_id = args.partner_id
        else:
            partner = pick_partner(browser)
            partner_id = partner["id"]
            print(f"contact: {partner['display_name']} (id {partner_id})")
        shots = [
            shoot_template_setup(browser, base_url, args.output),
            shoot_contact_interactions(browser, base_url, args.output, partner_id),
            shoot_contact_interaction_list(browser, base_url, args.output, partner_id),
            shoot_pivot(browser, base_url, args.output),
            shoot_call_wizard(browser, base_url, args.output, partner_id),
            shoot_campaign_form(browser, base_url, args.output),
        ]
        if installed(browser, "interaction_autolog_crm"):
            shots.append(shoot_pipeline_cold(browser, base_url, args.output))
        for path in shots:
            print(f"{path}  {os.path.getsize(path) // 1024} KB")
        if browser.js_errors:
            print("JavaScript errors seen in the page:", file=sys.stderr)
            for error in dict.fromkeys(browser.js_errors):
                print(f"  {error}", file=sys.stderr)
    except (ScreenshotError, OSError, websocket.WebSocketException) as error:
        sys.exit(f"screenshots: {error}")
    finally:
        if browser:
            browser.close()


if __name__ == "__main__":
    main()
