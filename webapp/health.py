"""``/healthz``: for load balancers and the container's health check. No sign-in, no data.

200 when the app can reach Neo4j; 503 (from the database-down handler) when it cannot.
"""

from __future__ import annotations

from flask import Blueprint, Response

from webapp.db import get_store

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz() -> Response:
    get_store().ping()
    return Response("ok\n", mimetype="text/plain", headers={"Cache-Control": "no-store"})
