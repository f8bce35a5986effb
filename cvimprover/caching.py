"""Cached reads on the app's Redis (Flask-Caching): finished reports and preview images.

Each entry remembers what it was made from (the analysis' created_at, the
document's sha256), so a changed analysis or file is never served stale; the
entries of an application are also dropped when it, its analysis or a document
changes or is deleted. Every key has a timeout.
"""

from __future__ import annotations

import contextlib
from typing import Any

from flask import current_app, has_app_context
from redis.exceptions import RedisError
from sqlalchemy import event

from cvimprover.extensions import cache
from cvimprover.models import (
    Analysis,
    Application,
    ApplicationStatus,
    Document,
    DocumentKind,
)

DOCUMENT_KINDS = (
    DocumentKind.PREVIEW,
    DocumentKind.PHOTO_SQUARE,
    DocumentKind.PDF,
    DocumentKind.COVER_LETTER_PDF,
)


def report_key(application_id: str) -> str:
    return f"report:{application_id}"


def document_key(application_id: str, kind: str) -> str:
    return f"document:{application_id}:{kind}"


def cached_report(application: Application) -> dict[str, Any] | None:
    """The finished analysis report of `application` (None until it is done).

    Only the analysis' created_at is needed on a hit, not the report itself: load
    the application with `service.DESCRIBE_OPTIONS` and a hit costs no query.
    """
    if application.status != ApplicationStatus.DONE:
        return None
    analysis = application.analysis
    if analysis is None:
        return None
    stamp = analysis.created_at.isoformat()
    entry = _get(report_key(application.id))
    if entry is not None and entry.get("created_at") == stamp:
        return entry["report"]
    report = analysis.report
    _set(
        report_key(application.id),
        {"created_at": stamp, "report": report},
        current_app.config["CACHE_REPORT_TIMEOUT"],
    )
    return report


def cached_document(kind: str, application: Application) -> bytes | None:
    """The bytes of the application's document of `kind` (None when it has none).

    Small files (previews) are cached; larger ones are read from the database.
    """
    document = application.document(kind)
    if document is None:
        return None
    entry = _get(document_key(application.id, kind))
    if entry is not None and entry[0] == document.sha256:
        return entry[1]
    data = document.data
    config = current_app.config
    if len(data) <= config["CACHE_DOCUMENT_MAX_BYTES"]:
        _set(
            document_key(application.id, kind),
            (document.sha256, data),
            config["CACHE_DOCUMENT_TIMEOUT"],
        )
    return data


def forget_application(application_id: str) -> None:
    """Drop every cached entry of the application."""
    keys = [report_key(application_id)] + [document_key(application_id, k) for k in DOCUMENT_KINDS]
    _delete(*keys)


def _get(key: str) -> Any:
    try:
        return cache.get(key)
    except RedisError:
        return None


def _set(key: str, value: Any, timeout: int) -> None:
    # A cache that cannot be written is only slower, never wrong
    with contextlib.suppress(RedisError):
        cache.set(key, value, timeout=timeout)


def _delete(*keys: str) -> None:
    if has_app_context():
        with contextlib.suppress(RedisError):
            cache.delete_many(*keys)


# Invalidation, wherever the change is made (web, API, jobs, maintenance)
@event.listens_for(Application, "after_delete")
def _application_deleted(mapper, connection, target: Application) -> None:
    forget_application(target.id)


@event.listens_for(Analysis, "after_insert")
@event.listens_for(Analysis, "after_update")
@event.listens_for(Analysis, "after_delete")
def _analysis_changed(mapper, connection, target: Analysis) -> None:
    _delete(report_key(target.application_id))


@event.listens_for(Document, "after_update")
@event.listens_for(Document, "after_delete")
def _document_changed(mapper, connection, target: Document) -> None:
    _delete(document_key(target.application_id, target.kind))
