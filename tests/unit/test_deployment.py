"""What deployers get: docker-compose.yml, the Dockerfile and the environment they set.

No Docker engine runs on the development machines, so these check what can be checked: the
compose file parses, runs the same Neo4j version as the development launcher, and sets exactly
the variables the app reads.
"""

from __future__ import annotations

import gc
import runpy
from pathlib import Path

import yaml

from connections import devdb
from connections.store import settings_from_env
from webapp.config import config_from_env
from webapp.serving import GC_THRESHOLDS

ROOT = Path(__file__).resolve().parents[2]


def _compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_compose_runs_the_launchers_neo4j_version() -> None:
    image = _compose()["services"]["neo4j"]["image"]
    name, tag = image.split(":")
    assert name == "neo4j"
    major_minor = ".".join(devdb.NEO4J_VERSION.split(".")[:2])
    assert tag == f"{major_minor}-community", (tag, devdb.NEO4J_VERSION)
    assert devdb.NEO4J_VERSION.startswith("5.26."), "Neo4j 5.26 LTS"


def test_compose_keeps_data_checks_health_and_takes_the_password_from_the_environment() -> None:
    neo4j = _compose()["services"]["neo4j"]
    assert any(volume.endswith(":/data") for volume in neo4j["volumes"])
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert neo4j["environment"]["NEO4J_AUTH"] == "neo4j/${NEO4J_PASSWORD:?set NEO4J_PASSWORD}"
    assert neo4j["environment"]["NEO4J_dbms_usage__report_enabled"] == "false"


def test_the_app_reads_every_variable_compose_sets() -> None:
    app = _compose()["services"]["app"]
    assert app["build"] == "."
    assert app["depends_on"]["neo4j"]["condition"] == "service_healthy"
    environment = {
        key: value.replace("${NEO4J_PASSWORD:?set NEO4J_PASSWORD}", "pw").replace(
            "${SECRET_KEY:?set SECRET_KEY}", "k" * 64
        )
        for key, value in app["environment"].items()
    }
    settings = settings_from_env(environment)
    assert settings.uri == "neo4j://neo4j:7687"
    assert (settings.user, settings.password, settings.database) == ("neo4j", "pw", "neo4j")
    config = config_from_env(environment)
    assert config["SECRET_KEY"] == "k" * 64
    assert config["NEO4J_SETTINGS"] == settings
    assert config["SESSION_COOKIE_SECURE"] is True


def test_the_image_runs_the_app_with_gunicorn_and_checks_its_health() -> None:
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "webapp:create_app()" in dockerfile and "gunicorn" in dockerfile
    assert "/healthz" in dockerfile
    assert "python -m webapp.assets" in dockerfile
    for folder in ("connections", "webapp", "cypher", "schema"):
        assert f"COPY {folder} ./{folder}" in dockerfile
    assert "COPY gunicorn.conf.py ./" in dockerfile


def test_gunicorn_workers_tune_the_garbage_collector_once_the_app_is_loaded() -> None:
    # gunicorn reads ./gunicorn.conf.py (the image's WORKDIR, the Makefile's demo directory).
    from gunicorn.config import Config

    config = Config()
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    for name, value in settings.items():
        if name in config.settings:
            config.set(name, value)
    thresholds = gc.get_threshold()
    try:
        config.post_worker_init(object())
        assert gc.get_threshold() == GC_THRESHOLDS
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*thresholds)
