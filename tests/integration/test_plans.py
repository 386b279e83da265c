"""The plans Neo4j makes for the statements that find a young person's versions: an index seek,
never a scan of every version of the cohort (which made each write's ``history.append`` slower
as the cohort's history grew, and a bulk load of 100,000 networks take hours)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from connections.store import Store, load_statements

#: A lookup of one young person's versions, by their id alone.
_BY_YOUNG_PERSON = re.compile(r"NetworkVersion \{young_person_id: [^,}]+\}")


#: What the statements are given (the plan may depend on the kinds of the values).
_PARAMETERS = {
    "young_person_id": "yp-1",
    "ids": ["yp-1"],
    "at": datetime(2026, 11, 22, tzinfo=UTC),
    "opened": datetime(2026, 11, 22, tzinfo=UTC),
    "before": 10,
    "limit": 10,
    "number": 1,
    "versions": [],
}


def _operators(plan: Any) -> list[tuple[str, str]]:
    found = [(plan["operatorType"], plan.get("args", {}).get("Details", ""))]
    for child in plan.get("children", []):
        found.extend(_operators(child))
    return found


def test_each_lookup_of_a_young_persons_versions_seeks_the_index(store: Store) -> None:
    # Enough versions that a scan costs the planner more than the seek.
    store.driver.execute_query(
        "UNWIND range(1, 500) AS i "
        "CREATE (:NetworkVersion {young_person_id: 'yp-' + (i % 50), number: i, at: datetime(), "
        "document: '{}'})"
    )
    statements = {
        name: text for name, text in load_statements().items() if _BY_YOUNG_PERSON.search(text)
    }
    assert {"history.append", "history.at", "purge.versions"} <= set(statements), statements
    for name, text in statements.items():
        with store.driver.session(database=store.database) as session:
            plan = session.run("EXPLAIN " + text, _PARAMETERS).consume().plan
        operators = _operators(plan)
        scans = [details for operator, details in operators if "Scan" in operator]
        assert not [scan for scan in scans if "NetworkVersion" in scan], (name, scans)
        assert any(
            "Seek" in operator and "NetworkVersion(young_person_id, number)" in details
            for operator, details in operators
        ), (name, operators)
