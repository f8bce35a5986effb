"""Cached reports and preview images: a hit, and invalidation when things change."""

from __future__ import annotations

import hashlib

from sqlalchemy import update

from cvimprover.caching import cached_document, cached_report, document_key, report_key
from cvimprover.extensions import db
from cvimprover.models import Analysis, Document


def full_key(app, key: str) -> str:
    return app.config["CACHE_KEY_PREFIX"] + key


def test_report_is_cached_with_a_timeout_and_served_from_redis(
    app, make_user, make_application, redis_client
):
    application = make_application(make_user(), analysis={"score_after": 80})
    assert cached_report(application) == {"score_after": 80}
    key = full_key(app, report_key(application.id))
    assert 0 < redis_client.ttl(key) <= app.config["CACHE_REPORT_TIMEOUT"]
    # Change the row behind the ORM's back: a hit does not read the report again
    db.session.execute(
        update(Analysis)
        .where(Analysis.application_id == application.id)
        .values(report={"score_after": 1})
    )
    db.session.commit()
    assert cached_report(application) == {"score_after": 80}


def test_a_new_analysis_invalidates_the_report(app, make_user, make_application, redis_client):
    application = make_application(make_user(), analysis={"score_after": 80})
    cached_report(application)
    key = full_key(app, report_key(application.id))
    assert redis_client.exists(key)
    # What the improvement job does when it runs again
    db.session.delete(application.analysis)
    db.session.flush()
    application.analysis = Analysis(
        report={"score_after": 95}, improved={}, cover_letter="", score_before=1, score_after=95
    )
    db.session.commit()
    assert not redis_client.exists(key)
    assert cached_report(application) == {"score_after": 95}


def test_no_report_until_done(make_user, make_application):
    assert cached_report(make_application(make_user(), status="running")) is None


def test_deleting_the_application_drops_its_entries(app, make_user, make_application, redis_client):
    application = make_application(make_user(), documents={"preview": b"\x89PNG one"})
    cached_report(application)
    cached_document("preview", application)
    keys = [
        full_key(app, report_key(application.id)),
        full_key(app, document_key(application.id, "preview")),
    ]
    assert redis_client.exists(*keys) == 2
    db.session.delete(application)
    db.session.commit()
    assert redis_client.exists(*keys) == 0


def test_preview_is_cached_and_a_new_render_invalidates_it(
    app, make_user, make_application, redis_client
):
    application = make_application(make_user(), documents={"preview": b"\x89PNG one"})
    assert cached_document("preview", application) == b"\x89PNG one"
    key = full_key(app, document_key(application.id, "preview"))
    assert 0 < redis_client.ttl(key) <= app.config["CACHE_DOCUMENT_TIMEOUT"]
    db.session.execute(update(Document).values(data=b"behind the back"))
    db.session.commit()
    db.session.expire_all()
    assert cached_document("preview", application) == b"\x89PNG one"  # a hit

    document = application.document("preview")
    document.data = b"\x89PNG two"
    document.sha256 = hashlib.sha256(b"\x89PNG two").hexdigest()
    db.session.commit()
    assert not redis_client.exists(key)
    assert cached_document("preview", application) == b"\x89PNG two"


def test_large_documents_are_not_cached(app, make_user, make_application, redis_client):
    app.config["CACHE_DOCUMENT_MAX_BYTES"] = 4
    application = make_application(make_user(), documents={"pdf": b"%PDF-1.7 big"})
    assert cached_document("pdf", application) == b"%PDF-1.7 big"
    assert not redis_client.exists(full_key(app, document_key(application.id, "pdf")))
    assert cached_document("photo", application) is None
