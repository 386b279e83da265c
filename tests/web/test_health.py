"""/healthz answers without sign-in: 200 with Neo4j up, 503 without it."""

from __future__ import annotations

from connections import devdb
from connections.store import Settings
from webapp import create_app


def test_healthz_is_ok_when_neo4j_answers(client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.data == b"ok\n"


def test_healthz_is_503_when_neo4j_is_down() -> None:
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test",
            "NEO4J_SETTINGS": Settings(uri=f"bolt://127.0.0.1:{devdb.free_port()}"),
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
