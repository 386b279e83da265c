"""Height of the Family Group Conference "Record the plan" pages in Chromium, by network size.

    python bench/plan_page.py [--sizes 18 73]

Loads into a fresh Neo4j of its own one young person per size with that many people the
conference may see (every one safe, in contact and offering some support, so each person's part
of the plan has something ticked) and two it may not (one ``no_contact``, one the young person
asked to hide), serves the app with werkzeug on a free port, signs in an admin through the
sign-in form in Debian's headless chromium (1280 x 800) and prints ``document.body.scrollHeight``
of every page under ``/young-people/<id>/conference/plan`` that the facilitator uses: the plan
itself, and (when the plan is recorded one person at a time) the first person's page.
Figures only: no assertion.
"""

from __future__ import annotations

import argparse
import logging
import threading
from datetime import date

from common import figure, fresh_database
from playwright.sync_api import Page, sync_playwright
from werkzeug.serving import make_server

from connections import accounts
from connections.accounts import User, UserRole
from connections.model import Domain, Network, parse_network
from webapp import create_app

AS_OF = date(2026, 11, 22)
USERNAME = "bench-admin"
PASSWORD = "bench-admin-password-long"
ROLES = ["aunt_uncle", "grandparent", "cousin", "sibling", "friend", "teacher", "mentor"]


def plan_network(size: int) -> Network:
    """A young person with ``size`` people a conference may see, and two it may not."""
    domains = list(Domain)
    people = [
        {
            "id": f"p-{size}-{index:03d}",
            "name": f"Person {index:03d} Measured",
            "category": "family",
        }
        for index in range(size + 2)
    ]
    relationships = [
        {
            "person_id": person["id"],
            "role": ROLES[index % len(ROLES)],
            "safety": "safe",
            "contact": "active",
            "support": [d.value for d in domains[index % 3 : index % 3 + 1 + index % 4]],
        }
        for index, person in enumerate(people[:size])
    ]
    relationships.append(
        {"person_id": people[size]["id"], "role": "father", "safety": "no_contact"}
    )
    relationships.append(
        {"person_id": people[size + 1]["id"], "role": "cousin", "hide_in_conference": True}
    )
    return parse_network(
        {
            "young_person": {
                "id": f"yp-plan-{size}",
                "name": f"Plan Measured {size}",
                "date_of_birth": "2009-05-17",
                "status": "in_care",
            },
            "people": people,
            "relationships": relationships,
        }
    )


def height(page: Page, path: str) -> int:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    return int(page.evaluate("() => document.body.scrollHeight"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[18, 73])
    args = parser.parse_args()
    with fresh_database() as (settings, store):
        for size in args.sizes:
            store.save_network(plan_network(size))
        store.save_user(
            User(username=USERNAME, display_name="Bench Admin", role=UserRole.ADMIN, active=True),
            accounts.hash_password(PASSWORD),
        )
        app = create_app(
            {
                "SECRET_KEY": "bench-plan-page-secret-key",
                "NEO4J_SETTINGS": settings,
                "AS_OF": AS_OF,
                "SESSION_COOKIE_SECURE": False,
                "REMEMBER_COOKIE_SECURE": False,
                "HSTS": False,
            }
        )
        logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox"]
                )
                page = browser.new_page(base_url=url, viewport={"width": 1280, "height": 800})
                page.goto("/sign-in")
                page.get_by_label("Username", exact=True).fill(USERNAME)
                page.get_by_label("Password", exact=True).fill(PASSWORD)
                with page.expect_navigation():
                    page.get_by_role("button", name="Sign in").click()
                print("document.body.scrollHeight in px (1280 x 800):")
                for size in args.sizes:
                    plan = f"/young-people/yp-plan-{size}/conference/plan"
                    figure(f"{size} people: the plan", str(height(page, plan)))
                    first = page.locator("a[href*='/conference/plan/']").first
                    if first.count():
                        href = first.get_attribute("href") or ""
                        figure(f"{size} people: one person's page", str(height(page, href)))
                browser.close()
        finally:
            server.shutdown()


if __name__ == "__main__":
    main()
