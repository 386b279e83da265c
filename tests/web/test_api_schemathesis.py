"""The API against its own OpenAPI document, with schemathesis: a bounded, seeded run of generated
requests (valid and invalid) against the real app and the test run's Neo4j, each sent with the
API token of a coordinator (to whom Amy is allocated, Olly is not) or of a manager, so the network
endpoints answer with real data and a manager's PUT may add a young person.

Every answer must be one the document describes: no server error, a status code the operation
lists, its content type, a body that matches its schema and the headers it promises. The checks
read the document the app serves, so they follow it when it changes (a new status code, a new
header parameter) without this file changing.

The run drives Hypothesis itself (``operation.as_strategy``) rather than through schemathesis's
pytest plugin: the app and its database are per-test fixtures, and the plugin's fixture-based
loader does not run under pytest 9.2.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
import schemathesis
from flask import Flask
from hypothesis import HealthCheck, given, seed, settings
from hypothesis import strategies as st
from schemathesis import APIOperation, BaseSchema, Case, GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from connections.store import Store
from tests.web.networks import OTHER, YP, amy_network, other_network

#: A fixed seed and a small number of examples per operation: the same requests on every run,
#: and the run takes well under a minute (24 s on a busy 2-core machine).
SEED = 2026
MAX_EXAMPLES = 30

NETWORK = "/api/v1/young-people/{young_person_id}/network"
REPORT = "/api/v1/young-people/{young_person_id}/report"
COHORT = "/api/v1/cohort"
GUESTS = "/api/v1/young-people/{young_person_id}/conference/guests"

#: Server errors and response conformance (the document's status codes, content types, schemas
#: and headers); not the checks about which invalid requests must be refused.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
]


@pytest.fixture
def api_schema(app: Flask) -> BaseSchema:
    """The document the app serves, loaded by schemathesis."""
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)


@pytest.fixture
def callers(store: Store, token_for: Callable[..., dict[str, str]]) -> list[dict[str, str]]:
    """Amy's and Olly's networks; the Authorization headers of a coordinator to whom Amy is
    allocated and of a manager."""
    store.save_networks([amy_network(), other_network()])
    return [token_for("cora", "coordinator", (YP,)), token_for("mo", "manager")]


def requests_for(operation: APIOperation) -> st.SearchStrategy[Case]:
    """Valid and invalid requests for ``operation``, about Amy (allocated) half the time, Olly
    (not) or whoever was generated (most often no one) otherwise."""
    generated = st.one_of(
        operation.as_strategy(GenerationMode.POSITIVE),
        operation.as_strategy(GenerationMode.NEGATIVE),
    )
    if "young_person_id" not in {parameter.name for parameter in operation.path_parameters}:
        return generated
    return st.tuples(generated, st.sampled_from([YP, YP, OTHER, None])).map(_about)


def _about(case_and_id: tuple[Case, str | None]) -> Case:
    """The case about that young person (None: the generated id); a network document sent with
    it names them, so a valid one is saved (or added) rather than refused for its id."""
    case, yp_id = case_and_id
    if yp_id is not None:
        case.path_parameters = {**(case.path_parameters or {}), "young_person_id": yp_id}
    yp_id = (case.path_parameters or {}).get("young_person_id")
    if isinstance(case.body, dict) and isinstance(case.body.get("young_person"), dict):
        case.body = {**case.body, "young_person": {**case.body["young_person"], "id": yp_id}}
    return case


def answers(operation: APIOperation, callers: list[dict[str, str]]) -> Counter[int]:
    """Run the seeded examples of ``operation``, each checked against the document; the status
    codes seen (Hypothesis raises the first failure, shrunk to its simplest example)."""
    seen: Counter[int] = Counter()

    @seed(SEED)
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=requests_for(operation), caller=st.sampled_from(callers))
    def answers_as_documented(case: Case, caller: dict[str, str]) -> None:
        # The caller's token replaces any Authorization header the case was generated with.
        response = case.call_and_validate(headers=caller, checks=CHECKS)
        seen[response.status_code] += 1

    answers_as_documented()
    return seen


def test_every_answer_is_one_the_document_describes(
    api_schema: BaseSchema, store: Store, callers: list[dict[str, str]]
) -> None:
    operations = {result.ok().label: result.ok() for result in api_schema.get_all_operations()}
    expected = {f"GET {NETWORK}", f"PUT {NETWORK}", f"GET {REPORT}", f"GET {COHORT}"}
    expected |= {f"GET {GUESTS}", f"PUT {GUESTS}", f"POST {GUESTS}/final"}
    assert expected <= set(operations), sorted(operations)
    statuses: dict[str, Counter[int]] = {}
    failures: dict[str, Exception] = {}
    for label, operation in operations.items():
        # Each operation starts from Amy's and Olly's networks (a PUT may have replaced Amy's).
        store.save_networks([amy_network(), other_network()])
        try:
            statuses[label] = answers(operation, callers)
        except Exception as error:  # every operation's failures, not only the first one's
            failures[label] = error
    assert not failures, "\n\n".join(f"{label}:\n{error}" for label, error in failures.items())
    # Worth something only if requests got past authentication to real data.
    for label in (f"GET {NETWORK}", f"GET {REPORT}", f"GET {COHORT}", f"GET {GUESTS}"):
        assert statuses[label][200] > 0, (label, statuses[label])
