"""The upload form (a CSV file) and the confirm form that carries the checked file to be saved.

The confirm form holds the file itself (compressed, in a hidden field), not a copy kept on the
server: the file is checked again from scratch when it is confirmed, against the network as it
is then, so nothing on the page can be trusted more than a new upload would be.
"""

from __future__ import annotations

import base64
import binascii
import zlib

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired, FileSize
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovSubmitInput
from wtforms import HiddenField, SubmitField

from connections.csv_network import MAX_FILE_BYTES

#: The largest file the web app takes (the command line takes up to MAX_FILE_BYTES too).
UPLOAD_MAX_BYTES = MAX_FILE_BYTES


class UploadForm(FlaskForm):
    file = FileField(
        "Upload a CSV file",
        widget=GovFileInput(),
        validators=[
            FileRequired(message="Choose a CSV file to upload"),
            FileAllowed(["csv"], message="The file must be a CSV file (ending .csv)"),
            FileSize(
                max_size=UPLOAD_MAX_BYTES,
                message=f"The file must be smaller than {UPLOAD_MAX_BYTES // 1024 // 1024} MB",
            ),
        ],
    )
    submit = SubmitField("Check the file", widget=GovSubmitInput())


class ConfirmForm(FlaskForm):
    #: The file, compressed and base64-encoded (:func:`pack`).
    contents = HiddenField()
    #: The network's document version when the preview was made: saving is refused if it moved.
    version = HiddenField()
    #: The file's name, for the audit trail and the page.
    filename = HiddenField()
    submit = SubmitField("Save these changes", widget=GovSubmitInput())


def pack(data: bytes) -> str:
    """The file as the confirm form carries it (CSV compresses about five times)."""
    return base64.b64encode(zlib.compress(data, 6)).decode("ascii")


def unpack(text: str) -> bytes | None:
    """The file back from :func:`pack`, or ``None`` if what came back is not one (a tampered
    form), or would be larger than a file may be."""
    try:
        packed = base64.b64decode(text.encode("ascii"), validate=True)
        decompressor = zlib.decompressobj()
        data = decompressor.decompress(packed, UPLOAD_MAX_BYTES + 1)
    except (binascii.Error, UnicodeEncodeError, zlib.error, ValueError):
        return None
    if len(data) > UPLOAD_MAX_BYTES or decompressor.unconsumed_tail or not decompressor.eof:
        return None
    return data
