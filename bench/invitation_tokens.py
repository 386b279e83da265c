"""How long the young person's page takes to answer a valid, an unknown, a malformed and a revoked
invitation link (docs/invitations.md): the timing difference an attacker could measure.

    python bench/invitation_tokens.py [--rounds 300]

Loads one young person into a fresh Neo4j of its own, creates an open and a revoked invitation,
and times ``GET /i/<token>`` through the Flask test client (rate limit off), interleaving the
kinds round by round so that drift in the machine's load falls on all of them alike. Prints the
median and 90th percentile of each, and each kind's median as a ratio of the unknown token's.
Figures only: no assertion (a timed assertion would fail on a busy machine, and the tests check
that every refused link gets the same status and the same bytes).

What to expect: an unknown and a revoked token both cost one index seek on the token's hash, but
a revoked (or expired, or answered) one also writes an audit event of the refused use; a
malformed token costs no query at all; a valid one loads the network and renders the page. The
tokens carry 256 random bits, so a difference tells nothing about tokens one does not hold.
"""

from __future__ import annotations

import argparse
import secrets
import statistics
import time
from datetime import UTC, date, datetime

from common import figure, fresh_database

from connections.invitations import new_token
from connections.model import parse_network
from webapp import create_app

AS_OF = date(2026, 11, 22)


def network():  # type: ignore[no-untyped-def]
    people = [{"id": f"p{i}", "name": f"Person {i}", "category": "family"} for i in range(12)]
    relationships = [
        {"person_id": f"p{i}", "role": "aunt_uncle", "safety": "safe"} for i in range(12)
    ]
    return parse_network(
        {
            "young_person": {
                "id": "yp-bench",
                "name": "Bench Example",
                "date_of_birth": "2011-01-01",
                "status": "in_care",
            },
            "people": people,
            "relationships": relationships,
        }
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=300)
    rounds = parser.parse_args().rounds
    with fresh_database() as (settings, store):
        store.save_networks([network()])
        now = datetime.now(UTC)
        valid, revoked = new_token(), new_token()
        people = [f"p{i}" for i in range(12)]
        store.create_invitation("yp-bench", people, 14, "bench", now, valid)
        made = store.create_invitation("yp-bench", people, 14, "bench", now, revoked)
        store.revoke_invitation("yp-bench", made.id, "bench", now)
        app = create_app(
            {
                "TESTING": True,
                "SECRET_KEY": "bench",
                "NEO4J_SETTINGS": settings,
                "AS_OF": AS_OF,
                "RATELIMIT_ENABLED": False,
            }
        )
        client = app.test_client()
        kinds = {
            "valid (the page)": lambda: valid,
            "unknown (random token)": lambda: secrets.token_urlsafe(32),
            "revoked": lambda: revoked,
            "malformed": lambda: "not-a-token",
        }
        times: dict[str, list[float]] = {kind: [] for kind in kinds}
        for token in kinds.values():  # warm up each path once
            client.get(f"/i/{token()}")
        for _ in range(rounds):
            for kind, token in kinds.items():
                path = f"/i/{token()}"
                started = time.perf_counter()
                status = client.get(path).status_code
                times[kind].append(time.perf_counter() - started)
                assert status == (200 if kind.startswith("valid") else 404), (kind, status)
        base = statistics.median(times["unknown (random token)"])
        print(f"GET /i/<token>, {rounds} rounds (milliseconds):")
        for kind, samples in times.items():
            samples.sort()
            median = statistics.median(samples)
            p90 = samples[int(len(samples) * 0.9) - 1]
            figure(
                kind,
                f"median {median * 1000:7.2f}   p90 {p90 * 1000:7.2f}   "
                f"x{median / base:5.2f} of unknown",
            )


if __name__ == "__main__":
    main()
