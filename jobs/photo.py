"""The photo job: make the uploaded photo safe and square for the templates."""

from __future__ import annotations

import logging

from cvimprover.applications.uploads import CheckedFile
from cvimprover.extensions import db
from cvimprover.images.photo import PhotoError, process_photo
from cvimprover.models import Application, DocumentKind
from jobs.context import app_context

log = logging.getLogger("jobs.photo")


def process_application_photo(application_id: str) -> dict:
    """Store the processed square photo, or a user-facing reason why it was refused.

    A refused photo is an expected outcome, not a fault: the CV is still made,
    without a photo, and the reason is shown to the user.
    """
    with app_context():
        application = db.session.get(Application, application_id)
        upload = application.document(DocumentKind.PHOTO) if application else None
        if upload is None:
            return {"application_id": application_id, "status": "no_photo"}
        try:
            processed = process_photo(upload.data)
        except PhotoError as exc:
            application.photo_error = exc.message
            db.session.commit()
            log.info("application %s: photo refused: %s", application_id, exc.message)
            return {"application_id": application_id, "status": "rejected", "reason": exc.message}

        from cvimprover.applications.service import store_document

        store_document(
            application,
            DocumentKind.PHOTO_SQUARE,
            CheckedFile("photo.jpg", "image/jpeg", processed.square),
        )
        application.photo_error = None
        db.session.commit()
        return {"application_id": application_id, "status": "done"}
