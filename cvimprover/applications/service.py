"""Applications: store a submission, enqueue its work, find, describe and delete it."""

from __future__ import annotations

import contextlib
import logging
import uuid
from typing import Any

from flask import current_app, url_for
from redis.exceptions import RedisError
from rq.exceptions import NoSuchJobError
from rq.job import Dependency, Job
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from cvimprover import limits
from cvimprover.caching import cached_report
from cvimprover.documents import CheckedFile, store_document
from cvimprover.extensions import db
from cvimprover.models import (
    Analysis,
    ApiToken,
    Application,
    ApplicationStatus,
    DocumentKind,
    User,
)
from cvimprover.queues import current_queue, current_redis, transient_retry

log = logging.getLogger(__name__)

QUESTIONNAIRE_FIELDS = (
    "position",
    "industry",
    "experience_level",
    "company_size",
    "location",
    "application_timeline",
    "job_description",
    "instructions",
    "template",
)


def create_application(
    user: User,
    answers: dict[str, Any],
    resume: CheckedFile,
    photo: CheckedFile | None,
    *,
    idempotency_key: str | None = None,
) -> tuple[Application, bool]:
    """Store the submission and its files, commit, then enqueue its work.

    Returns (application, created). With an idempotency key already used by
    this user, the first application is returned and nothing new is stored.
    """
    if idempotency_key:
        existing = find_by_idempotency_key(user, idempotency_key)
        if existing is not None:
            return existing, False
    quota = submission_quota(resume, photo)
    limits.consume(user, quota)  # 429 before anything is stored
    try:
        fields = {k: answers[k] for k in QUESTIONNAIRE_FIELDS if k in answers}
        application = Application(user=user, idempotency_key=idempotency_key, **fields)
        db.session.add(application)
        store_document(application, DocumentKind.RESUME, resume)
        if photo is not None:
            store_document(application, DocumentKind.PHOTO, photo)
        try:
            db.session.flush()
        except IntegrityError:
            # A concurrent retry with the same key won the race: answer with its application
            db.session.rollback()
            limits.refund(user, quota)
            return find_by_idempotency_key(user, idempotency_key), False
        enqueue_improvement(application)
    except Exception:
        db.session.rollback()
        limits.refund(user, quota)  # only accepted work counts
        raise
    return application, True


def submission_quota(resume: CheckedFile, photo: CheckedFile | None) -> dict[str, int]:
    """What a new submission takes from the plan (docs/limits.md)."""
    uploads = (0 if resume.pasted else 1) + (1 if photo is not None else 0)
    quota = {"applications": 1, "improvements": 1}
    if uploads:
        quota["uploads"] = uploads
    return quota


def find_by_idempotency_key(user: User, key: str) -> Application | None:
    return db.session.execute(
        db.select(Application).filter_by(user_id=user.id, idempotency_key=key)
    ).scalar_one_or_none()


def enqueue_improvement(application: Application) -> Job | None:
    """Commit the application with its new job id, then enqueue the job(s).

    The row is committed first so a fast worker always finds it. When Redis is
    unreachable the application stays `queued` in the database and the
    scheduler's stuck-work sweep enqueues it again later: nothing is lost.
    """
    job_id = f"improve-{application.id}-{uuid.uuid4().hex[:8]}"
    photo_job_id = f"photo-{application.id}-{uuid.uuid4().hex[:8]}"
    has_photo = application.document(DocumentKind.PHOTO) is not None
    mark_queued(application, job_id)
    try:
        depends_on = None
        if has_photo:
            photo_job = _enqueue(
                "PHOTO_QUEUE", "jobs.photo.process_application_photo", application.id,
                job_id=photo_job_id,
            )  # fmt: skip
            # The CV is produced even when the photo is refused
            depends_on = Dependency(jobs=[photo_job], allow_failure=True)
        return _enqueue(
            "IMPROVEMENT_QUEUE", "jobs.improvement.improve_application", application.id,
            job_id=job_id,
            depends_on=depends_on,
            description=f"improve application {application.id}",
        )  # fmt: skip
    except RedisError:
        log.warning("could not enqueue application %s; it stays queued", application.id)
        return None


def _enqueue(queue_setting: str, function: str, *args: Any, job_id: str, **options: Any) -> Job:
    """Enqueue `function(*args)` on the queue the setting names, with the result TTL and
    the retries of transient faults every application job has."""
    config = current_app.config
    return current_queue(config[queue_setting]).enqueue(
        function,
        *args,
        job_id=job_id,
        result_ttl=config["JOB_RESULT_TTL"],
        retry=transient_retry(config),
        **options,
    )


def mark_queued(application: Application, job_id: str) -> None:
    """Record the job about to be enqueued and commit, so a fast worker finds the row."""
    application.job_id = job_id
    application.status = ApplicationStatus.QUEUED
    application.stage = "queued"
    application.progress = 0
    application.error = None
    db.session.commit()


def retry_application(application: Application) -> Job | None:
    """Run a failed application again from its stored files; the plan is not charged twice."""
    from cvimprover.maintenance import forget_requeues

    forget_requeues(application.id)
    return enqueue_improvement(application)


def enqueue_render(application: Application, template: str) -> Job | None:
    """Re-render a finished application in `template`, reusing its analysis."""
    job_id = f"render-{application.id}-{uuid.uuid4().hex[:8]}"
    mark_queued(application, job_id)
    try:
        return _enqueue(
            "RENDER_QUEUE", "jobs.render.render_application", application.id, template,
            job_id=job_id,
            description=f"render application {application.id} as {template}",
        )  # fmt: skip
    except RedisError:
        log.warning("could not enqueue the render of %s; it stays queued", application.id)
        return None


# What describing an application needs, loaded with it in one query: its documents (their
# bytes stay deferred) and its analysis' created_at (the report loads only when read).
# Only for reads: a delete must not load the documents, or the ORM deletes them row by
# row instead of leaving it to the database's cascade.
DESCRIBE_OPTIONS = (
    joinedload(Application.documents),
    joinedload(Application.analysis).load_only(Analysis.created_at),
)


def find_owned(user: User, application_id: str, options: tuple = ()) -> Application | None:
    """The application if `user` owns it; None for anyone else (so they see a 404).
    `options`: what to load with it (DESCRIBE_OPTIONS for a status read)."""
    application = db.session.get(Application, application_id, options=options)
    if application is None or application.user_id != user.id:
        return None
    return application


# A status read's access check and freshness in one query: the token's owner, whether
# that owner has the application, and what a finished application's response is made
# from (the row's updated_at, the analysis' created_at). No row: the token is not valid;
# application_id None: no such application for this owner.
_STATUS_CHECK = (
    db.select(
        ApiToken.user_id,
        ApiToken.last_used_at,
        Application.id.label("application_id"),
        Application.status,
        Application.updated_at,
        Analysis.created_at.label("analysis_created_at"),
    )
    .select_from(ApiToken)
    .outerjoin(
        Application,
        (Application.id == db.bindparam("application_id"))
        & (Application.user_id == ApiToken.user_id),
    )
    .outerjoin(Analysis, Analysis.application_id == Application.id)
    .where(ApiToken.token_hash == db.bindparam("token_hash"))
)


def status_check(token_hash: str, application_id: str):
    """The row of _STATUS_CHECK for this token and application, or None. A plain
    connection, not the session: the rows are not objects, and a request answered from
    this row never opens a session at all."""
    params = {"token_hash": token_hash, "application_id": application_id}
    with db.engine.connect() as connection:
        return connection.execute(_STATUS_CHECK, params).one_or_none()


def status_version(application: Application) -> tuple:
    """What a finished application's status response is made from, as status_check reads
    it: any change to the row (re-render, retry, letter edit all pass through `queued`)
    moves updated_at, and a new analysis has a new created_at."""
    analysis = application.analysis
    return (
        application.user_id,
        application.updated_at,
        analysis.created_at if analysis is not None else None,
    )


def list_owned(user: User, page: int, per_page: int) -> tuple[list[Application], int]:
    query = db.select(Application).filter_by(user_id=user.id)
    total = db.session.scalar(db.select(db.func.count()).select_from(query.subquery()))
    items = (
        db.session.scalars(
            query.options(*DESCRIBE_OPTIONS)
            .order_by(Application.created_at.desc(), Application.id.desc())
            .limit(per_page)
            .offset((page - 1) * per_page)
        )
        .unique()
        .all()
    )
    return list(items), total or 0


def delete_application(application: Application) -> None:
    """Cancel its pending job if any, then delete it and its files."""
    if application.job_id and application.status in ApplicationStatus.PENDING:
        # A job already gone is fine; a running one finds no row and stops
        with contextlib.suppress(NoSuchJobError, RedisError):
            Job.fetch(application.job_id, connection=current_redis()).cancel()
    db.session.delete(application)
    db.session.commit()


def describe(application: Application) -> dict[str, Any]:
    """The application as the API shows it."""
    done = application.status == ApplicationStatus.DONE
    has_pdf = done and application.document(DocumentKind.PDF) is not None
    has_preview = done and application.document(DocumentKind.PREVIEW) is not None
    has_letter = done and application.document(DocumentKind.COVER_LETTER_PDF) is not None
    return {
        **{k: getattr(application, k) for k in QUESTIONNAIRE_FIELDS},
        "id": application.id,
        "status": application.status,
        "progress": application.progress,
        "stage": application.stage,
        "error": application.error,
        "photo_error": application.photo_error,
        "created_at": application.created_at,
        "finished_at": application.finished_at,
        "result": cached_report(application) if done else None,
        "links": {
            "self": url_for("api_applications.ApplicationItem", application_id=application.id),
            "pdf": url_for("api_applications.ApplicationPdf", application_id=application.id)
            if has_pdf
            else None,
            "preview": url_for("api_applications.ApplicationPreview", application_id=application.id)
            if has_preview
            else None,
            "cover_letter": url_for(
                "api_applications.ApplicationCoverLetter", application_id=application.id
            )
            if has_letter
            else None,
        },
    }
