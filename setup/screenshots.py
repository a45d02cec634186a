"""Screenshots of the web client for the README, taken with headless Chromium.

Run by setup/screenshots.sh against a running Odoo with the demo database. Logs in through
JSON-RPC, gives Chromium the session cookie and drives it over the DevTools protocol
(websocket-client, one of Odoo's requirements): no Odoo import, no test framework.
"""

import argparse
import base64
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlsplit

import requests
import websocket
from PIL import Image

WIDTH, HEIGHT = 1400, 900
MAX_BYTES = 300_000
LETTER = "debt_recovery_reports.report_communication_letter"
COURT_REQUEST = "debt_recovery_litigation.report_litigation_summary"
CASE_ACTION = "debt_recovery.debt_recovery_case_action"
# The web client has finished: the page is there and nothing is loading any more.
IDLE = "!document.querySelector('.o_loading_indicator, .o_blockUI')"
# The shots of the README, in this order (setup/screenshots.sh).
README_SHOTS = ("case-worklist", "case-form", "instalment-plan", "formal-notice", "kpi-board")


class Odoo:
    """Just enough JSON-RPC to log in and find the records to show."""

    def __init__(self, url, db, login, password):
        self.url = url.rstrip("/")
        self.session = requests.Session()
        self.credentials = {"db": db, "login": login, "password": password}
        session = self._authenticate()
        self.uid = session["uid"]
        self.lang = session["user_context"].get("lang")

    def _authenticate(self):
        session = self._rpc("/web/session/authenticate", self.credentials)
        self.session_id = self.session.cookies["session_id"]
        return session

    def set_lang(self, lang):
        """The user's language (the web client's and the letters' headings)."""
        self._rpc(
            "/web/dataset/call_kw",
            {
                "model": "res.users",
                "method": "write",
                "args": [[self.uid], {"lang": lang}],
                "kwargs": {},
            },
        )
        # A new session: its context (the reports' language) is read at login.
        self._authenticate()

    def _rpc(self, path, params):
        response = self.session.post(
            self.url + path,
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=60,
        )
        response.raise_for_status()
        body = response.json()
        if body.get("error"):
            raise RuntimeError(body["error"]["data"]["message"])
        return body["result"]

    def call(self, model, method, ids, *args):
        return self._rpc(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": [ids, *args], "kwargs": {}},
        )

    def search(self, model, domain, order, limit=1):
        return self._rpc(
            "/web/dataset/call_kw",
            {
                "model": model,
                "method": "search",
                "args": [domain],
                "kwargs": {"order": order, "limit": limit},
            },
        )


class Chromium:
    """A headless Chromium driven over the DevTools protocol."""

    def __init__(self, binary, height=HEIGHT):
        self.profile = tempfile.mkdtemp(prefix="dr-shots-")
        self.process = subprocess.Popen(
            [
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--hide-scrollbars",
                "--remote-debugging-port=0",
                f"--user-data-dir={self.profile}",
                f"--window-size={WIDTH},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        port = self._devtools_port()
        targets = requests.get(f"http://127.0.0.1:{port}/json", timeout=10).json()
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.next_id = 0
        self.send("Page.enable")
        self.send(
            "Emulation.setDeviceMetricsOverride",
            width=WIDTH,
            height=height,
            deviceScaleFactor=1,
            mobile=False,
        )

    def _devtools_port(self):
        active = Path(self.profile, "DevToolsActivePort")
        for _ in range(200):
            if active.exists() and active.read_text().strip():
                return int(active.read_text().split()[0])
            time.sleep(0.1)
        raise RuntimeError("Chromium did not open its DevTools port")

    def send(self, method, **params):
        self.next_id += 1
        self.ws.send(json.dumps({"id": self.next_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def open(self, url, ready, timeout=60):
        self.send("Page.navigate", url=url)
        self.wait(ready, timeout, url)

    def wait(self, ready, timeout=60, url=""):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(f"document.readyState === 'complete' && ({ready}) && {IDLE}"):
                # Let the last renders (fonts, avatars, badges) settle.
                time.sleep(1.0)
                return
            time.sleep(0.25)
        raise RuntimeError(f"{url}: not ready after {timeout} s ({ready})")

    def screenshot(self, path):
        data = self.send("Page.captureScreenshot", format="png")["data"]
        save_png(base64.b64decode(data), path)

    def close(self):
        try:
            self.ws.close()
        finally:
            self.process.terminate()
            self.process.wait(timeout=10)
            shutil.rmtree(self.profile, ignore_errors=True)


def save_png(raw, path):
    """Save a screenshot, in 256 colours when the full-colour PNG is too large."""
    image = Image.open(io.BytesIO(raw)).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    if buffer.tell() > MAX_BYTES:
        buffer = io.BytesIO()
        image.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(
            buffer, "PNG", optimize=True
        )
    path.write_bytes(buffer.getvalue())
    print(f"{path}: {buffer.tell() // 1024} KB")


def find_records(odoo, company_id):
    """{shot: record id} of the records the form shots show, in ``company_id`` if given."""
    scope = [("company_id", "=", company_id)] if company_id else []
    # The busiest open case, an active plan, a formal notice sent (or waiting to be posted).
    found = {
        "case-form": odoo.search(
            "debt.recovery.case",
            [("state", "=", "open"), *scope],
            "amount_overdue desc, id",
            limit=1,
        ),
        "instalment-plan": odoo.search(
            "debt.recovery.plan", [("state", "=", "active"), *scope], "amount_paid desc, id"
        ),
        "formal-notice": odoo.search(
            "debt.recovery.communication",
            [
                ("level_id.stage", "=", "formal_notice"),
                ("state", "in", ["done", "to_send"]),
                *scope,
            ],
            "date desc, id desc",
        ),
        # The worklist filtered on the reminders that did not reach the debtor.
        "worklist-undelivered": odoo.search(
            "debt.recovery.case", [("delivery_issue", "!=", False), *scope], "id"
        ),
        # The debtor's page of a case with an active plan, opened through its link.
        "portal-page": odoo.search(
            "debt.recovery.case",
            [("plan_ids.state", "=", "active"), *scope],
            "amount_overdue desc, id",
        ),
        # The court file's order-for-payment request: the case in litigation owing most.
        "court-request-summary": odoo.search(
            "debt.recovery.case",
            [("state", "=", "litigation"), *scope],
            "amount_overdue desc, id",
        ),
    }
    records = {shot: ids[0] if ids else None for shot, ids in found.items()}
    if records["portal-page"]:
        records["portal-page"] = odoo.call(
            "debt.recovery.case", "get_portal_url", [records["portal-page"]]
        )
    return records


class Shot(NamedTuple):
    """A page to show: its path, when it is ready, the window's height; ``then``: a script run
    once it is ready (then ``then_ready`` is waited for); ``public``: opened logged out."""

    path: str
    ready: str
    height: int
    then: str | None = None
    then_ready: str | None = None
    public: bool = False


def _do_action(xmlid, context):
    """A script opening the window action ``xmlid`` with ``context`` in the web client."""
    return (
        "odoo.__WOWL_DEBUG__.root.env.services.action.doAction("
        f"{json.dumps(xmlid)}, "
        f"{{additionalContext: {json.dumps(context)}, clearBreadcrumbs: true}}) && true"
    )


def shot_list(records):
    """{file: Shot} of every shot: the plan and the letter are taller, to show the schedule and
    the letter's body."""
    shots = {
        "case-worklist": (
            "/odoo/action-debt_recovery.debt_recovery_case_action",
            "document.querySelectorAll('.o_list_view .o_data_row').length > 0",
            HEIGHT,
        ),
        "case-form": (
            f"/odoo/action-debt_recovery.debt_recovery_case_action/{records['case-form']}",
            "!!document.querySelector('.o_form_view [name=invoice_ids] .o_data_row')",
            HEIGHT,
        ),
        "instalment-plan": (
            f"/odoo/action-debt_recovery.debt_recovery_plan_action/{records['instalment-plan']}",
            "!!document.querySelector('.o_form_view [name=line_ids] .o_data_row')",
            1200,
        ),
        "formal-notice": (
            f"/report/html/{LETTER}/{records['formal-notice']}",
            "!!document.querySelector('.page, .article')",
            1300,
        ),
        "court-request-summary": (
            f"/report/html/{COURT_REQUEST}/{records.get('court-request-summary')}",
            "!!document.querySelector('.page, .article')",
            1300,
        ),
        "kpi-dashboard": (
            "/odoo/action-debt_recovery_reports.debt_recovery_kpi_dashboard_action",
            "!!document.querySelector('.o_form_view [name=dso_standard]')",
            1200,
        ),
        "kpi-board": (
            "/odoo/action-debt_recovery_reports.debt_recovery_kpi_board_action",
            "document.querySelectorAll('.o_kpi_board_graph canvas').length >= 5",
            860,
        ),
        "worklist-undelivered": (
            "/odoo/action-debt_recovery.debt_recovery_case_action",
            "document.querySelectorAll('.o_list_view .o_data_row').length > 0",
            HEIGHT,
            _do_action(CASE_ACTION, {"search_default_undelivered": 1}),
            "document.querySelectorAll('.o_searchview_facet').length > 0"
            " && document.querySelectorAll('.o_list_view .o_data_row').length > 0",
        ),
        "portal-page": (
            records.get("portal-page") or "",
            "!!document.querySelector('.o_recovery_page')",
            1300,
            None,
            None,
            True,
        ),
    }
    return {name: Shot(*shot) for name, shot in shots.items()}


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--url", required=True, help="Odoo's address, e.g. http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", default="admin")
    parser.add_argument("--password", default="admin")
    parser.add_argument("--chromium", default=shutil.which("chromium") or "chromium")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument(
        "--company", help="name of the company to show (default: the user's current company)"
    )
    parser.add_argument(
        "--lang",
        help="the language of the shots, e.g. fr_FR (the user's for the time of the shots)",
    )
    parser.add_argument(
        "--shots",
        default=",".join(README_SHOTS),
        help=f"comma-separated, among {', '.join(shot_list({}.fromkeys(README_SHOTS)))}",
    )
    args = parser.parse_args()

    odoo = Odoo(args.url, args.db, args.login, args.password)
    company_id = None
    if args.company:
        companies = odoo.search("res.company", [("name", "=", args.company)], "id")
        if not companies:
            sys.exit(f"no company named {args.company!r}")
        company_id = companies[0]
    records = find_records(odoo, company_id)
    shots = shot_list(records)
    wanted = [name.strip() for name in args.shots.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in shots]
    missing = [name for name in wanted if name in records and not records[name]]
    if unknown or missing:
        sys.exit(
            f"unknown shots {unknown} / nothing to show for {missing}: is it the demo database?"
        )

    args.out.mkdir(parents=True, exist_ok=True)
    if args.lang:
        odoo.set_lang(args.lang)
    try:
        take_shots(odoo, args, shots, wanted, company_id)
    finally:
        if args.lang and odoo.lang:
            odoo.set_lang(odoo.lang)


def take_shots(odoo, args, shots, wanted, company_id):
    host = urlsplit(odoo.url).hostname
    for name in wanted:
        shot = shots[name]
        # A fresh browser for each page: the web client of a previous page (its bus worker)
        # would show "The page is out of date" once the server has built its bundles.
        browser = Chromium(args.chromium, shot.height)
        try:
            if not shot.public:
                browser.send(
                    "Network.setCookie",
                    name="session_id",
                    value=odoo.session_id,
                    domain=host,
                    path="/",
                )
            if company_id and not shot.public:
                browser.send(
                    "Network.setCookie", name="cids", value=str(company_id), domain=host, path="/"
                )
            browser.open(odoo.url + shot.path, shot.ready)
            if shot.then:
                browser.evaluate(shot.then)
                browser.wait(shot.then_ready)
            browser.screenshot(args.out / f"{name}.png")
        finally:
            browser.close()


if __name__ == "__main__":
    main()
