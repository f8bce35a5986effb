"""The improvement job: extract, analyse, rewrite, render, store."""

from __future__ import annotations

import logging

from cvimprover.applications.uploads import CheckedFile
from cvimprover.cv.document import CVDocument
from cvimprover.cv.errors import CVError
from cvimprover.cv.pipeline import JobTarget, LLMSettings, improve
from cvimprover.cv.render import (
    PdfMeta,
    RenderError,
    render_cover_letter,
    render_pdf,
    render_preview,
)
from cvimprover.extensions import db
from cvimprover.models import (
    Analysis,
    Application,
    ApplicationStatus,
    DocumentKind,
    utcnow,
)
from jobs.context import app_context, report_progress

log = logging.getLogger("jobs.improvement")

INTERNAL_ERROR = "Something went wrong on our side while improving the CV. Please try again."


def improve_application(application_id: str) -> dict:
    """Run the whole improvement for one application; returns a short summary.

    A failure marks the application failed with a user-facing reason and is
    re-raised, so RQ's failed registry (and any retry policy) sees it too.
    """
    with app_context() as app:
        application = db.session.get(Application, application_id)
        if application is None:
            log.info("application %s was deleted before its job ran", application_id)
            return {"application_id": application_id, "status": "deleted"}
        application.status = ApplicationStatus.RUNNING
        application.started_at = utcnow()
        application.error = None
        report_progress(application, 5, "starting")
        try:
            summary = _improve(app, application)
        except (CVError, RenderError) as exc:
            fail_application(application_id, exc.message)
            raise
        except Exception:
            fail_application(application_id, INTERNAL_ERROR)
            raise
        return summary


def _improve(app, application: Application) -> dict:
    resume = application.document(DocumentKind.RESUME)
    target = JobTarget(
        position=application.position,
        industry=application.industry,
        experience_level=application.experience_level,
        company_size=application.company_size,
        location=application.location,
        application_timeline=application.application_timeline,
        job_description=application.job_description,
    )
    improvement = improve(
        resume.data,
        resume.filename,
        target,
        instructions=application.instructions or None,
        progress=lambda percent, stage: report_progress(application, percent, stage),
        llm=LLMSettings.from_env(app.config),
    )
    report_progress(application, 80, "rendering")
    document = improvement.document
    render_and_store(application, document, improvement.report)
    if application.analysis is not None:
        db.session.delete(application.analysis)
        db.session.flush()
    application.analysis = Analysis(
        report=improvement.report,
        improved=document.to_dict(),
        cover_letter=improvement.cover_letter,
        score_before=int(improvement.report["score_before"]),
        score_after=int(improvement.report["score_after"]),
    )
    application.status = ApplicationStatus.DONE
    application.finished_at = utcnow()
    report_progress(application, 100, "done")
    return {
        "application_id": application.id,
        "status": "done",
        "score_before": improvement.report["score_before"],
        "score_after": improvement.report["score_after"],
    }


def render_and_store(application: Application, document: CVDocument, report: dict) -> None:
    """Render `document` (and the cover letter) in the application's template; store the
    PDFs and the CV's preview."""
    from cvimprover.applications.service import store_document

    photo = application.document(DocumentKind.PHOTO_SQUARE)
    meta = PdfMeta(
        title=f"{document.contact.name or 'CV'} – {application.position}",
        author=document.contact.name,
        subject=f"CV for {application.position} ({application.industry})",
        keywords=list(report.get("keywords", {}).get("matched", []))[:20],
    )
    pdf = render_pdf(document, application.template, photo=photo.data if photo else None, meta=meta)
    preview = render_preview(pdf)
    report_progress(application, 95, "saving")
    store_document(application, DocumentKind.PDF, CheckedFile("cv.pdf", "application/pdf", pdf))
    store_document(
        application, DocumentKind.PREVIEW, CheckedFile("preview.png", "image/png", preview)
    )
    if report.get("cover_letter"):
        letter = render_cover_letter(
            report["cover_letter"],
            document.contact,
            application.template,
            meta=PdfMeta(
                title=f"Cover letter – {application.position}",
                author=document.contact.name,
                subject=f"Cover letter for {application.position} ({application.industry})",
            ),
        )
        store_document(
            application,
            DocumentKind.COVER_LETTER_PDF,
            CheckedFile("cover-letter.pdf", "application/pdf", letter),
        )


def fail_application(application_id: str, reason: str) -> None:
    """Record the failure on a clean session: the failed one may hold half-written rows."""
    db.session.rollback()
    application = db.session.get(Application, application_id)
    if application is None:
        return
    application.status = ApplicationStatus.FAILED
    application.error = reason
    application.finished_at = utcnow()
    report_progress(application, application.progress, "failed")
