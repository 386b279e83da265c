"""Browser tests: the real app on a live server, driven by Debian's headless chromium.

Nothing is downloaded: Playwright (PyPI) drives ``/usr/bin/chromium`` (``make browser``);
``playwright install`` is never run. The tests fail, saying what to install, when chromium or
Playwright is missing (``make test`` installs both).

Fixtures (all but ``live_server``, ``browser_data`` and ``browser`` are per test)
==============================================================================

``live_server`` -> :class:`LiveServer` (session)
    The app from ``create_app`` on the test run's Neo4j (``neo4j_server``), served by werkzeug's
    ``make_server`` in a thread on 127.0.0.1 and a free port. Production-like: CSRF on, not
    TESTING; only ``SESSION_COOKIE_SECURE`` (and HSTS) off, since it is plain HTTP, and ``AS_OF``
    fixed to ``tests.conftest.AS_OF``. ``live_server.url`` is ``http://127.0.0.1:PORT``,
    ``live_server.app`` the Flask app, ``live_server.store`` a :class:`~connections.store.Store`
    on the same database.

``browser_data`` -> :class:`BrowserData`
    What is in the database (loaded once, and again if a test emptied it):

    - 8 demo young people (``connections.demo.generate(8, SEED, AS_OF,
      people_per_network=(10, 20))``), ids in ``browser_data.demo_ids``;
    - ``HOSTILE_YP`` (``browser_data.hostile_id``), whose relative ``HOSTILE_PERSON`` is called
      ``HOSTILE_NAME`` (markup, a script, an ``<img onerror>``), and a loving aunt;
    - the demo users (``connections.accounts.DEMO_USERS``, ``ensure_demo_users``): the
      coordinator is allocated ``browser_data.coordinator_ids`` (the hostile young person first,
      then the first 6 demo ones), the facilitator the first 3 of those; ``browser_data
      .not_allocated_id`` is allocated to no one (only managers and admins may open it).

    Tests that change a network should make their own young person with ``browser_data
    .new_young_person(...)`` rather than change the shared ones. Never ask for the ``store``
    fixture in a browser test: it empties the database the live server is using.

``browser`` -> ``playwright.sync_api.Browser`` (session)
    One headless chromium for the whole run (``CHROMIUM_ARGS``; Playwright gives it a fresh,
    temporary profile).

``page`` -> ``playwright.sync_api.Page``
    A new browser context per test (no cookies from other tests) with ``base_url`` set to the
    live server, so ``page.goto("/cohort")`` works. It is watched (``watch``, below): the test
    FAILS if, by its end, the page

    - requested anything not on ``http://127.0.0.1:PORT`` (the request is aborted and recorded;
      ``data:``, ``blob:`` and ``about:`` URLs never leave the browser and are allowed), or
      opened a WebSocket;
    - logged a console error (a CSP violation is logged as "Refused to ...", a failed resource
      as "Failed to load resource ...") or threw an uncaught exception;
    - opened a dialog (``alert``, ``confirm``, ``prompt``; it is dismissed).

``watch`` -> :class:`Watch`
    The record the ``page`` fixture keeps. ``watch.allow(r"regex")`` accepts console errors that
    match (e.g. ``r"status of 404"`` on a page that is meant to be a 404); ``watch.check()``
    fails the test at once if anything is wrong so far (it is called after every test anyway).

Helpers (import them from ``tests.browser.conftest``)
====================================================

``sign_in(page, role, form=False) -> str``
    Signs in as the demo user in that role ("coordinator", "facilitator", "manager" or
    "admin") and returns the username. The first time in a run for each role it fills in the
    sign-in form; after that it reuses that session's cookie (checked with one request) and does
    not navigate, so ``goto`` the page you want next. ``form=True`` always uses the form.

``axe(page) -> list[dict]``
    Runs axe-core (``webapp/static/vendor/axe-core/axe.min.js``) on the page as it is and
    returns the violations whose impact is serious or critical (``[]`` is the pass). The script
    is evaluated through the DevTools protocol, which the page's Content-Security-Policy does not
    apply to, so nothing in the app is relaxed for it. ``assert_accessible(page)`` asserts there
    are none, listing each rule, its help and the first offending elements.

``goto(page, path, status=200) -> Response``
    ``page.goto`` that asserts the HTTP status.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from flask import Flask
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Dialog,
    Page,
    Response,
    Route,
    sync_playwright,
)
from playwright.sync_api import Error as PlaywrightError
from werkzeug.serving import BaseWSGIServer, make_server

from connections import accounts, demo
from connections.accounts import DEMO_USERS, ensure_demo_users
from connections.model import Network, parse_network
from connections.store import NotFound, Settings, Store, connect
from tests.conftest import AS_OF
from tests.consents import record_in_place

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE_JS = Path(__file__).resolve().parents[2] / "webapp/static/vendor/axe-core/axe.min.js"

SEED = 4
DEMO_YOUNG_PEOPLE = 8
HOSTILE_YP = "yp-hostile"
HOSTILE_PERSON = "p-hostile"
HOSTILE_NAME = "<img src=x onerror=alert(1)><script>alert(2)</script>\"'><b>Bold</b> Smith"
FRIENDLY_PERSON = "p-hostile-aunt"
FRIENDLY_NAME = "Aunt Friendly"

#: Who ``sign_in`` signs in for each role: (username, password) from the demo users.
DEMO_LOGINS = {role.value: (username, password) for username, password, role, _, _ in DEMO_USERS}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test in this folder drives chromium (``-m "not browser"`` leaves them out)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.browser)


# --- the live server -------------------------------------------------------------------------


@dataclass
class LiveServer:
    url: str
    app: Flask
    store: Store
    server: BaseWSGIServer


@pytest.fixture(scope="session")
def live_server(neo4j_settings: Settings) -> Iterator[LiveServer]:
    from webapp import create_app
    from webapp.db import close_store

    app = create_app(
        {
            "SECRET_KEY": "browser-tests-secret-key",
            "NEO4J_SETTINGS": neo4j_settings,
            "AS_OF": AS_OF,
            "SESSION_COOKIE_SECURE": False,
            "REMEMBER_COOKIE_SECURE": False,
            "HSTS": False,
            "WTF_CSRF_ENABLED": True,
        }
    )
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    store = connect(neo4j_settings)
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", app, store, server)
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        store.close()
        close_store(app)


# --- the data ----------------------------------------------------------------------------------


@dataclass
class BrowserData:
    store: Store
    demo_ids: list[str]
    hostile_id: str = HOSTILE_YP
    hostile_person_id: str = HOSTILE_PERSON
    hostile_name: str = HOSTILE_NAME
    _made: int = 0

    @property
    def coordinator_ids(self) -> list[str]:
        return [self.hostile_id, *self.demo_ids[:6]]

    @property
    def not_allocated_id(self) -> str:
        return self.demo_ids[-1]

    def name_of(self, young_person_id: str) -> str:
        return self.store.get_young_person(young_person_id).name

    def new_young_person(
        self,
        name: str = "Test Young Person",
        people: list[dict[str, Any]] | None = None,
        allocate_to: tuple[str, ...] = ("demo-coordinator", "demo-facilitator"),
        consent: bool = True,
    ) -> str:
        """Save a young person of their own for a test that changes things; returns the id.

        ``people`` are network JSON people, each with a ``relationship`` (network JSON, without
        ``person_id``); by default one loving aunt. Allocated to the coordinator and facilitator.
        ``consent``: their consent to every purpose is in place (tests.consents), so family
        finding is not paused.
        """
        self._made += 1
        young_person_id = f"yp-test-{self._made:03d}"
        if people is None:
            people = [_aunt(f"{young_person_id}-aunt", "Aunt Tested")]
        network = _network(young_person_id, name, people)
        self.store.save_network(network)
        for username in allocate_to:
            self.store.allocate(username, [young_person_id])
        if consent:
            record_in_place(self.store, young_person_id)
        return young_person_id


def _aunt(person_id: str, name: str) -> dict[str, Any]:
    return {
        "id": person_id,
        "name": name,
        "category": "family",
        "relationship": {
            "role": "aunt_uncle",
            "closeness": 4,
            "closeness_rated_by": "young_person",
            "safety": "safe",
            "wishes": "wants",
            "contact": "active",
            "last_contact": (AS_OF - timedelta(days=12)).isoformat(),
            "support": ["emotional", "practical"],
        },
    }


def _network(young_person_id: str, name: str, people: list[dict[str, Any]]) -> Network:
    people = [dict(person) for person in people]
    relationships = [{"person_id": person["id"], **person.pop("relationship")} for person in people]
    return parse_network(
        {
            "young_person": {
                "id": young_person_id,
                "name": name,
                "date_of_birth": "2009-05-17",
                "status": "in_care",
            },
            "people": people,
            "relationships": relationships,
        }
    )


def hostile_network() -> Network:
    """A young person whose relative's name is markup and script; the page must show it as text."""
    return _network(
        HOSTILE_YP,
        "Casey Hostile-Test",
        [
            _aunt(FRIENDLY_PERSON, FRIENDLY_NAME),
            {
                "id": HOSTILE_PERSON,
                "name": HOSTILE_NAME,
                "category": "family",
                "relationship": {
                    "role": "cousin",
                    "closeness": 3,
                    "closeness_rated_by": "young_person",
                    "safety": "safe",
                    "wishes": "wants",
                    "contact": "active",
                    "last_contact": (AS_OF - timedelta(days=30)).isoformat(),
                },
            },
        ],
    )


#: Cheap Argon2 parameters for the test users, so that signing in takes milliseconds, not a
#: second (as in tests/web; verifying uses the parameters stored in each hash).
CHEAP_HASHER = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)


@pytest.fixture(autouse=True)
def cheap_hashing() -> Iterator[None]:
    accounts.set_hasher(CHEAP_HASHER)
    yield
    accounts.set_hasher(None)


def _load(store: Store) -> list[str]:
    accounts.set_hasher(CHEAP_HASHER)  # session fixtures run before cheap_hashing
    store.clear()
    networks = list(demo.generate(DEMO_YOUNG_PEOPLE, SEED, AS_OF, people_per_network=(10, 20)))
    store.bulk_save(iter(networks), 50)  # an iterator: bulk_save takes batches from it
    store.save_network(hostile_network())
    demo_ids = [network.young_person.id for network in networks]
    # The coordinator gets the first 10 of the list, the facilitator the first 3.
    ensure_demo_users(store, [HOSTILE_YP, *demo_ids[:6]])
    accounts.set_hasher(None)
    return demo_ids


@pytest.fixture(scope="session")
def _browser_data_once(live_server: LiveServer) -> BrowserData:
    return BrowserData(live_server.store, _load(live_server.store))


@pytest.fixture
def browser_data(_browser_data_once: BrowserData) -> BrowserData:
    """The data above; loaded again if another test emptied the database since."""
    data = _browser_data_once
    try:
        data.store.get_young_person(HOSTILE_YP)
        data.store.get_user("demo-admin")
    except NotFound:
        data.demo_ids = _load(data.store)
    return data


# --- the browser -----------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.fail("Debian's chromium is not installed: make browser")
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: make assets")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
            args=CHROMIUM_ARGS,
            headless=True,
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Watch:
    """Everything a page did that a test should fail on."""

    origin: str
    off_site: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def allow(self, pattern: str) -> None:
        """Accept console errors matching ``pattern`` from now on in this test."""
        self.allowed.append(re.compile(pattern))

    def on_route(self, route: Route) -> None:
        url = route.request.url
        if url == self.origin or url.startswith(self.origin + "/"):
            route.continue_()
        else:
            self.off_site.append(url)
            route.abort("blockedbyclient")

    def on_request(self, request: Any) -> None:
        # Requests that bypass routing (none should): anything not on the origin is recorded.
        url = request.url
        local = (self.origin + "/", "data:", "blob:", "about:")
        on_site = url == self.origin or url.startswith(local)
        if not on_site and url not in self.off_site:
            self.off_site.append(url)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error" or message.text.startswith("Refused to"):
            text = f"{message.text} (at {message.location.get('url', '?')})"
            if not any(pattern.search(text) for pattern in self.allowed):
                self.console_errors.append(text)

    def on_page_error(self, error: Any) -> None:
        self.page_errors.append(str(error))

    def on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def on_websocket(self, socket: Any) -> None:
        self.off_site.append(f"WebSocket {socket.url}")

    def problems(self) -> list[str]:
        console: dict[str, int] = {}
        for text in self.console_errors:
            console[text] = console.get(text, 0) + 1
        return (
            [f"request not to {self.origin}: {url}" for url in self.off_site]
            + [
                f"console error{f' ({count} times)' if count > 1 else ''}: {text}"
                for text, count in console.items()
            ]
            + [f"uncaught exception: {text}" for text in self.page_errors]
            + [f"dialog opened: {text}" for text in self.dialogs]
        )

    def check(self) -> None:
        problems = self.problems()
        if problems:
            pytest.fail("The page misbehaved:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture
def watch(live_server: LiveServer) -> Watch:
    return Watch(live_server.url)


@pytest.fixture
def page(
    browser: Browser, live_server: LiveServer, browser_data: BrowserData, watch: Watch
) -> Iterator[Page]:
    context = browser.new_context(base_url=live_server.url, locale="en-GB", service_workers="block")
    # Two test processes share the machine's two cores: a first sign-in against a server and a
    # Neo4j still cold has taken 9 s there, so waits get 30 s (an element that never comes
    # still fails the test).
    context.set_default_timeout(30_000)
    context.route("**/*", watch.on_route)
    page = context.new_page()
    page.on("request", watch.on_request)
    page.on("console", watch.on_console)
    page.on("pageerror", watch.on_page_error)
    page.on("dialog", watch.on_dialog)
    page.on("websocket", watch.on_websocket)
    try:
        yield page
    finally:
        context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After a browser test's own assertions pass, fail it if its page misbehaved."""
    result = yield
    watch = getattr(item, "funcargs", {}).get("watch")
    if isinstance(watch, Watch):
        watch.check()
    return result


# --- helpers ---------------------------------------------------------------------------------


def goto(page: Page, path: str, status: int = 200) -> Response:
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == status, f"{path} answered {response.status}, not {status}"
    return response


#: The session cookie of each role's first sign-in in this run, reused by later sign-ins.
_SIGNED_IN: dict[str, list[Any]] = {}


def sign_in(page: Page, role: str, *, form: bool = False) -> str:
    """Sign in as the demo user in ``role``; returns the username.

    The first sign-in of each role in the run goes through the sign-in form (and ends on the
    page the app sends a user to afterwards); later ones reuse that session's cookie, checked
    with one request to the server, without navigating (so call ``goto`` next). ``form=True``
    always uses the form. Whoever was signed in before is signed out.
    """
    username, password = DEMO_LOGINS[role]
    cookies = _SIGNED_IN.get(role)
    # Left the app first, either way, so that no response still in flight (a stylesheet, a
    # script) sets the old session's cookie again over the new one.
    page.goto("about:blank")
    if cookies and not form:
        page.context.add_cookies(cookies)
        check = page.request.get("/sign-in", max_redirects=0)
        if check.status == 302:  # the sign-in page sends a signed-in user home
            return username
    page.context.clear_cookies()  # signed out of any other role
    goto(page, "/sign-in")
    page.get_by_label("Username", exact=True).fill(username)
    page.get_by_label("Password", exact=True).fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()
    assert not page.url.split("?")[0].endswith("/sign-in"), f"signing in as {username} failed"
    _SIGNED_IN[role] = page.context.cookies()
    return username


_AXE_RUN = """async () => {
  const results = await window.axe.run(document, {resultTypes: ["violations"]});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.slice(0, 5).map(n => ({target: n.target, html: n.html.slice(0, 300),
                                           summary: n.failureSummary}))
  }));
}"""


def axe(page: Page) -> list[dict[str, Any]]:
    """axe-core's serious and critical violations on the page as it is now."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Through the DevTools protocol: the page's CSP (script-src 'self') does not apply, so
        # the app need not allow inline script for the test.
        page.evaluate(AXE_JS.read_text(encoding="utf-8") + "\n;undefined")
    try:
        violations = page.evaluate(_AXE_RUN)
    except PlaywrightError as error:  # pragma: no cover - reported as a test failure
        pytest.fail(f"axe-core did not run: {error}")
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def assert_accessible(page: Page, watch: Watch | None = None) -> None:
    """No serious or critical axe violation (and, given ``watch``, nothing else wrong either:
    both are reported together)."""
    violations = axe(page)
    problems = watch.problems() if watch is not None else []
    if violations or problems:
        lines = list(problems)
        for violation in violations:
            lines.append(f"{violation['impact']}: {violation['id']}: {violation['help']}")
            for node in violation["nodes"]:
                lines.append(f"    {node['target']}: {node['html']}")
        pytest.fail(f"{page.url}:\n  " + "\n  ".join(lines), pytrace=False)
