"""The simulated users of ``bench/users.py`` (a Locust file; run by that script, not on its own).

Each simulated user signs in once with its own account (the sign-in page's CSRF token, then the
form), then, waiting 1 to 5 s between steps, does what its role does in a working day:

  coordinator  my young people, a young person's page (with its map), an edit of one of their
               relationships (the edit page, then its form POSTed back with its CSRF token and
               version, a note changed)
  facilitator  my young people, a young person's page
  manager      the cohort, a young person's page from it, now and then an edit

The accounts, their allocations and each young person's people are read from the JSON file named
by ``BENCH_USERS``; what was measured is written to the JSON file named by ``BENCH_RESULTS`` when
the run stops. Every request is named by its step, so Locust keeps figures per step.

An answer counts as an error if it is a 5xx, a failed connection, or not what the step expects;
a 409 on saving an edit (someone saved the same relationship since the page was loaded: the
version check at work) or a 412 is expected and counted apart, not as an error.
"""

from __future__ import annotations

import json
import os
import random
from collections import Counter
from datetime import datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

#: Answers that mean a concurrent change was refused, as it should be.
EXPECTED_CONFLICTS = (409, 412)

#: Expected conflicts per step, and errors per (step, kind): filled in while the run goes.
CONFLICTS: Counter[str] = Counter()
ERRORS: Counter[tuple[str, str]] = Counter()
SPAWNED: Counter[str] = Counter()

with open(os.environ["BENCH_USERS"], encoding="utf-8") as _file:
    SETUP: dict[str, Any] = json.load(_file)


class FormFields(HTMLParser):
    """What a browser would submit for each POST form of a page: its hidden and text inputs,
    checked radios and boxes, selected options and text areas (Python's own HTML parser)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[list[tuple[str, str]]] = []
        self._fields: list[tuple[str, str]] | None = None
        self._select: str | None = None
        self._select_first: str | None = None
        self._select_chosen = False
        self._textarea: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form" and a.get("method", "").lower() == "post":
            self._fields = []
            self.forms.append(self._fields)
        fields = self._fields
        name = a.get("name")
        if fields is None:
            return
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            if kind in ("radio", "checkbox"):
                if "checked" in a:
                    fields.append((name, a.get("value", "on")))
            elif kind not in ("submit", "button", "image", "reset", "file"):
                fields.append((name, a.get("value", "")))
        elif tag == "select" and name:
            self._select, self._select_first, self._select_chosen = name, None, False
        elif tag == "option" and self._select is not None:
            if self._select_first is None:
                self._select_first = a.get("value", "")
            if "selected" in a and not self._select_chosen:
                fields.append((self._select, a.get("value", "")))
                self._select_chosen = True
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []

    def handle_endtag(self, tag: str) -> None:
        fields = self._fields
        if fields is None:
            return
        if tag == "form":
            self._fields = None
        elif tag == "select" and self._select is not None:
            if not self._select_chosen and self._select_first is not None:
                fields.append((self._select, self._select_first))
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            fields.append((self._textarea, "".join(self._text).removeprefix("\n")))
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)


def form_fields(html: str, holding: str) -> list[tuple[str, str]]:
    """The fields of the page's POST form that has a field named ``holding`` (the header's
    sign-out form is a POST form too)."""
    parser = FormFields()
    parser.feed(html)
    for fields in parser.forms:
        if any(name == holding for name, _value in fields):
            return fields
    return []


class WorkerUser(FastHttpUser):
    """A signed-in worker: one account from the setup, its allocations and steps."""

    abstract = True
    wait_time = between(1, 5)
    role = ""

    def on_start(self) -> None:
        self.account = SETUP["accounts"][self.role].pop()
        page = self.get("/sign-in", "sign in: page")
        if page is None:
            return
        fields = dict(form_fields(page, holding="username"))
        fields.update(username=self.account["username"], password=self.account["password"])
        self.post("/sign-in", fields, "sign in", expect=302)
        SPAWNED[self.role] += 1

    # --- the steps -----------------------------------------------------------------------------

    def my_young_people(self) -> None:
        self.get("/", "my young people")

    def young_person(self, young_person_id: str) -> None:
        self.get(f"/young-people/{young_person_id}", "young person page")

    def edit(self, young_person_id: str) -> None:
        """Change the note on one of the young person's relationships, as a worker would."""
        person_id = random.choice(SETUP["people"][young_person_id])
        url = f"/young-people/{young_person_id}/people/{person_id}/relationship"
        page = self.get(url, "edit: page")
        if page is None:
            return
        fields = [(name, value) for name, value in form_fields(page, "version") if name != "notes"]
        fields.append(("notes", f"Checked by {self.account['username']} at {datetime.now()}."))
        self.post(url, fields, "edit: save", expect=302)

    # --- requests, with what each step expects -------------------------------------------------

    def get(self, url: str, step: str) -> str | None:
        with self.client.get(url, name=step, catch_response=True) as response:
            if response.status_code == 200:
                return response.text
            self._fail(response, step)
            return None

    def post(self, url: str, fields: Any, step: str, expect: int) -> None:
        with self.client.post(
            url,
            data=urlencode(fields),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            name=step,
            catch_response=True,
            allow_redirects=False,
        ) as response:
            if response.status_code == expect:
                return
            if response.status_code in EXPECTED_CONFLICTS:
                CONFLICTS[step] += 1
                response.success()
                return
            self._fail(response, step)

    @staticmethod
    def _fail(response: Any, step: str) -> None:
        status = response.status_code or 0
        if status == 0:
            kind = f"connection: {type(response.error).__name__}"
        elif status >= 500:
            kind = f"HTTP {status}"
        else:
            kind = f"unexpected HTTP {status}"
        ERRORS[(step, kind)] += 1
        response.failure(kind)


class Facilitator(WorkerUser):
    role = "facilitator"
    fixed_count = len(SETUP["accounts"][role])

    @task(3)
    def caseload(self) -> None:
        self.my_young_people()

    @task(4)
    def page(self) -> None:
        self.young_person(random.choice(self.account["allocated"]))


class Coordinator(Facilitator):
    """A facilitator's steps (Locust inherits tasks), and edits."""

    role = "coordinator"
    fixed_count = len(SETUP["accounts"][role])

    @task(2)
    def change(self) -> None:
        self.edit(random.choice(self.account["allocated"]))


class Manager(WorkerUser):
    role = "manager"
    fixed_count = len(SETUP["accounts"][role])

    @task(3)
    def cohort(self) -> None:
        self.get("/cohort", "cohort")

    @task(3)
    def page(self) -> None:
        self.young_person(random.choice(SETUP["young_people"]))

    @task(1)
    def change(self) -> None:
        self.edit(random.choice(SETUP["young_people"]))


@events.quitting.add_listener
def _write_results(environment: Any, **_: Any) -> None:
    stats = environment.stats

    def figures(entry: Any) -> dict[str, Any]:
        return {
            "requests": entry.num_requests,
            "failures": entry.num_failures,
            "p50": entry.get_response_time_percentile(0.50),
            "p95": entry.get_response_time_percentile(0.95),
            "p99": entry.get_response_time_percentile(0.99),
            "max": entry.max_response_time,
            "rps": entry.total_rps,
        }

    results = {
        "steps": {name: figures(entry) for (name, _method), entry in stats.entries.items()},
        "total": figures(stats.total),
        "conflicts": dict(CONFLICTS),
        "errors": [[step, kind, count] for (step, kind), count in ERRORS.items()],
        "users": dict(SPAWNED),
    }
    with open(os.environ["BENCH_RESULTS"], "w", encoding="utf-8") as file:
        json.dump(results, file, indent=1)
