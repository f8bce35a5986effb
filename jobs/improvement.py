"""The improvement job: extract, analyse, rewrite, render, store."""

from __future__ import annotations

import logging

from cvimprover.cv.markdown import to_markdown
from cvimprover.cv.pipeline import JobTarget, LLMSettings, improve
from cvimprover.cv.render.fonts import drawing_report
from cvimprover.extensions import db
from cvimprover.models import Analysis, Application, DocumentKind
from jobs.lifecycle import finish_application, report_progress, run_application_job
from jobs.rendering import render_and_store

log = logging.getLogger("jobs.improvement")


def improve_application(application_id: str) -> dict:
    """Run the whole improvement for one application; returns a short summary.

    Stages written to progress: starting, extracting (with "reading scanned page N of M"
    while OCR reads a scan or photo), analysing, rewriting, rendering, saving, done.
    The lifecycle (ownership, failure reasons, retries) is jobs.lifecycle's.
    """
    return run_application_job(application_id, _improve)


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
    # Scripts our fonts cannot draw (CJK, Arabic, Devanagari): the user is told which.
    improvement.report["rendering"] = drawing_report(
        [to_markdown(document), improvement.cover_letter]
    )
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
    return finish_application(
        application,
        {
            "application_id": application.id,
            "status": "done",
            "score_before": improvement.report["score_before"],
            "score_after": improvement.report["score_after"],
        },
    )
