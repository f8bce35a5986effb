"""The photo job: make the uploaded photo safe and square for the templates."""

from __future__ import annotations

import logging

from cvimprover.documents import CheckedFile, store_document
from cvimprover.extensions import db
from cvimprover.images.photo import PhotoError, process_photo
from cvimprover.models import Application, DocumentKind
from jobs.lifecycle import run_application_step

log = logging.getLogger("jobs.photo")


def process_application_photo(application_id: str) -> dict:
    """Store the processed square photo, or a user-facing reason why it was refused.

    A refused photo is an expected outcome, not a fault: the CV is still made,
    without a photo, and the reason is shown to the user. The photo is a step before
    the improvement job, which owns the application's lifecycle (jobs.lifecycle).
    """
    return run_application_step(application_id, _process)


def _process(application: Application) -> dict:
    upload = application.document(DocumentKind.PHOTO)
    if upload is None:
        return {"application_id": application.id, "status": "no_photo"}
    try:
        processed = process_photo(upload.data)
    except PhotoError as exc:
        application.photo_error = exc.message
        db.session.commit()
        log.info("application %s: photo refused: %s", application.id, exc.message)
        return {"application_id": application.id, "status": "rejected", "reason": exc.message}
    store_document(
        application,
        DocumentKind.PHOTO_SQUARE,
        CheckedFile("photo.jpg", "image/jpeg", processed.square),
    )
    application.photo_error = None
    db.session.commit()
    return {"application_id": application.id, "status": "done"}
