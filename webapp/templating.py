"""Jinja set-up: our templates first, then GOV.UK Frontend's (govuk-frontend-jinja and
govuk-frontend-wtf, under their prefixes, as their READMEs say), autoescape everywhere.

GOV.UK Frontend's page template (``govuk_frontend_jinja/template.html``) starts the body with an
inline script, ``document.body.className += ' js-enabled' ...``, outside any block. Our
Content-Security-Policy (``script-src 'self'``, no ``'unsafe-inline'``, no nonce) would block it
and report a violation on every page, so :class:`GovukTemplateLoader` serves that template with
the inline script replaced by the same code in a static file (``static/js/govuk-body.js``), run at
the same point of the page. If a new govuk-frontend-jinja changes that line, the app refuses to
start (:func:`check_page_template`) rather than silently lose the class or break the policy.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from flask import Flask
from govuk_frontend_wtf.main import WTFormsHelpers
from jinja2 import (
    BaseLoader,
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    PackageLoader,
    PrefixLoader,
)

TEMPLATES = Path(__file__).with_name("templates")

#: GOV.UK Frontend's inline body-class script (with its optional nonce attribute).
_INLINE_SCRIPT = re.compile(
    r"<script\b[^>]*>\s*document\.body\.className\s*\+=[^<]*</script>", re.DOTALL
)
_STATIC_SCRIPT = "<script src=\"{{ url_for('static', filename='js/govuk-body.js') }}\"></script>"


class TemplateChanged(RuntimeError):
    """govuk-frontend-jinja's page template no longer has the line we replace."""


class GovukTemplateLoader(PackageLoader):
    """govuk-frontend-jinja's templates, with the page template made CSP-clean."""

    def __init__(self) -> None:
        super().__init__("govuk_frontend_jinja")

    def get_source(
        self, environment: Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = super().get_source(environment, template)
        if template == "template.html":
            source = without_inline_script(source)
        return source, filename, uptodate


def without_inline_script(source: str) -> str:
    """The page template with its one inline script replaced by a static script."""
    patched, count = _INLINE_SCRIPT.subn(_STATIC_SCRIPT, source)
    if count != 1:
        raise TemplateChanged(
            "govuk_frontend_jinja/template.html no longer contains exactly one inline "
            "'document.body.className' script; update webapp/templating.py and "
            "static/js/govuk-body.js to match the new version."
        )
    if "<script>" in patched or re.search(r"<script(?![^>]*\bsrc=)[^>]*>", patched):
        raise TemplateChanged("govuk_frontend_jinja/template.html has another inline script.")
    return patched


def loader() -> BaseLoader:
    return ChoiceLoader(
        [
            FileSystemLoader(TEMPLATES),
            PrefixLoader(
                {
                    "govuk_frontend_jinja": GovukTemplateLoader(),
                    "govuk_frontend_wtf": PackageLoader("govuk_frontend_wtf"),
                }
            ),
        ]
    )


def check_page_template(app: Flask) -> None:
    """Load the patched page template once now, so a mismatch stops the app at start-up."""
    app.jinja_env.get_template("govuk_frontend_jinja/template.html")


def init_app(app: Flask) -> None:
    app.jinja_loader = loader()  # type: ignore[assignment]
    app.jinja_env.autoescape = True
    WTFormsHelpers(app)
    check_page_template(app)
