"""The forms of the family-tree import: the file, the search for the young person in it, and the
confirmation (CSRF-protected like every form)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from wtforms import HiddenField, IntegerField, SubmitField
from wtforms.validators import InputRequired, NumberRange

from connections.gedcom import MAX_DEGREE

#: The largest family tree accepted from the browser (a 3,000-person tree is about 0.5 MB).
MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class UploadForm(FlaskForm):
    file = FileField(
        "Family tree file (GEDCOM, .ged)",
        widget=GovFileInput(),
        description=(
            "From a genealogy program or website: GEDCOM 5.5, 5.5.1, 5.5.5 or 7.0, "
            f"up to {MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
        ),
        validators=[FileRequired(message="Choose a family tree file (.ged)")],
    )
    submit = SubmitField("Upload", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    person = HiddenField(validators=[InputRequired()])
    degree = IntegerField(validators=[InputRequired(), NumberRange(1, MAX_DEGREE)])
    #: A sibling whose network came from the same tree: their people are shared, not added.
    family_of = HiddenField()
    submit = SubmitField("Add them to the network", widget=GovSubmitInput())
