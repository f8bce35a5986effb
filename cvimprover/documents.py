"""The files of an application, stored in the database: the uploads the web receives and
the PDFs, previews and photos the jobs make, stored the same way by both."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from cvimprover.extensions import db
from cvimprover.models import Application, Document


@dataclass(frozen=True)
class CheckedFile:
    """A file ready to store: an upload that passed its checks, or one a job made."""

    filename: str
    content_type: str
    data: bytes
    pasted: bool = False  # text typed into the form, not an uploaded file

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


def store_document(application: Application, kind: str, file: CheckedFile) -> Document:
    """Add (or replace) the document of `kind`; the caller commits."""
    existing = application.document(kind)
    if existing is not None:
        application.documents.remove(existing)
        db.session.flush()
    document = Document(
        kind=kind,
        filename=file.filename,
        content_type=file.content_type,
        size=len(file.data),
        sha256=file.sha256,
        data=file.data,
    )
    application.documents.append(document)
    return document
