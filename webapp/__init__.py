"""The Lifelong Connections web app: a Flask application factory.

``create_app()`` reads its configuration from environment variables (:mod:`webapp.config`);
``create_app({"TESTING": True, ...})`` overrides any of it. One blueprint per area:

==================  ==============================================================
``auth``            sign in (failed attempts limited per username and per address), sign out,
                    change password (:mod:`webapp.auth`)
``young_people``    my young people, a young person's report (:mod:`webapp.young_people`);
                    adding one is ``new_young_person`` (:mod:`webapp.new_young_person`)
``network``         add and edit people, relationships, links, households, contact log
                    (:mod:`webapp.network`)
``link_requests``   asking for someone known only in other workers' networks to be linked,
                    and deciding such requests (:mod:`webapp.link_requests`)
``conference``      the Family Group Conference view and plan (:mod:`webapp.conference`)
``consent``         a young person's consent ledger and what it allows (:mod:`webapp.consent`)
``invitations``     a coordinator's invitations to a young person to rate their own people
                    (:mod:`webapp.invitations`); the young person's own page, ``/i/<token>``, is
                    ``invitation_page`` (:mod:`webapp.invitation_page`)
``downloads``       the map as a self-contained file, the print view (:mod:`webapp.downloads`)
``cohort``          cohort review for managers (:mod:`webapp.cohort`)
``spreadsheets``    CSV in and out: the template, a network, the cohort, upload and preview
                    (:mod:`webapp.spreadsheets`)
``admin``           users, roles, allocations, audit trail (:mod:`webapp.admin`)
``api``             the JSON API under ``/api/v1`` (:mod:`webapp.api`)
``errors``          error pages, 503 when the database is down (:mod:`webapp.errors`)
==================  ==============================================================

The database connection's lifecycle is :mod:`webapp.db`; security headers and CSRF are
:mod:`webapp.security`; GOV.UK Frontend templates are wired in by :mod:`webapp.templating`.
Front-end assets are served from ``static/vendor`` (``npm ci && python -m webapp.assets``).

In production: ``gunicorn 'webapp:create_app()'``.
"""

from __future__ import annotations

from typing import Any

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from webapp import db, filters, security, templating
from webapp.config import check_config, config_from_env


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app; ``config`` overrides what the environment gives."""
    config = dict(config or {})
    app = Flask(__name__)
    app.config.update(config_from_env(testing=bool(config.get("TESTING"))))
    app.config.update(config)
    check_config(app.config)

    templating.init_app(app)
    filters.init_app(app)
    security.init_app(app)
    db.init_app(app)

    from webapp import auth, errors, health, map_assets
    from webapp.admin import bp as admin_bp
    from webapp.admin_records import bp as admin_records_bp
    from webapp.api import bp as api_bp
    from webapp.cohort import bp as cohort_bp
    from webapp.conference import bp as conference_bp
    from webapp.consent import bp as consent_bp
    from webapp.constellations import bp as constellations_bp
    from webapp.downloads import bp as downloads_bp
    from webapp.finding import bp as finding_bp
    from webapp.gedcom import bp as gedcom_bp
    from webapp.history import bp as history_bp
    from webapp.history.actor import init_app as init_history_actor
    from webapp.invitation_page import init_app as init_invitation_page
    from webapp.invitations import bp as invitations_bp
    from webapp.layout import init_app as init_layout
    from webapp.link_requests import bp as link_requests_bp
    from webapp.map_names import bp as map_names_bp
    from webapp.network import bp as network_bp
    from webapp.new_young_person import bp as new_young_person_bp
    from webapp.own_words import bp as own_words_bp
    from webapp.pack import bp as pack_bp
    from webapp.restrictions import bp as restrictions_bp
    from webapp.shared_people import bp as shared_people_bp
    from webapp.siblings import bp as siblings_bp
    from webapp.spreadsheets import bp as spreadsheets_bp
    from webapp.todo import bp as todo_bp
    from webapp.young_people import bp as young_people_bp

    auth.init_app(app)
    app.register_blueprint(errors.bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(map_assets.bp)
    app.register_blueprint(young_people_bp)
    app.register_blueprint(map_names_bp)
    app.register_blueprint(todo_bp)
    app.register_blueprint(new_young_person_bp)
    app.register_blueprint(network_bp)
    app.register_blueprint(link_requests_bp)
    app.register_blueprint(restrictions_bp)
    app.register_blueprint(conference_bp)
    app.register_blueprint(consent_bp)
    app.register_blueprint(own_words_bp)
    app.register_blueprint(invitations_bp)
    init_invitation_page(app)  # after auth: it uses the app's rate limiter
    app.register_blueprint(downloads_bp)
    app.register_blueprint(pack_bp)
    app.register_blueprint(gedcom_bp)
    app.register_blueprint(history_bp)
    app.register_blueprint(finding_bp)
    init_history_actor(app)
    app.register_blueprint(cohort_bp)
    app.register_blueprint(shared_people_bp)
    app.register_blueprint(siblings_bp)
    app.register_blueprint(constellations_bp)
    app.register_blueprint(spreadsheets_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(admin_records_bp)
    app.register_blueprint(api_bp)
    init_layout(app)

    proxies = int(app.config.get("TRUSTED_PROXIES") or 0)
    if proxies:
        # Behind a TLS-terminating proxy: the client's address and scheme come from its headers.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=proxies, x_proto=proxies, x_host=proxies
        )
    return app
