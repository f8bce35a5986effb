"""The re-render job: draw a finished analysis in another template, or with only the changes
the user accepted, without re-analysing."""

from __future__ import annotations

from cvimprover.cv.choices import apply_choices
from cvimprover.cv.render import RenderError
from jobs.lifecycle import finish_application, report_progress, run_application_job
from jobs.rendering import render_and_store


def render_application(application_id: str, template: str) -> dict:
    """Render the application's improved CV in `template`, leaving out the changes it
    records as rejected (`Application.rejected_changes`)."""

    def work(app, application) -> dict:
        if application.analysis is None:
            raise RenderError("There is no finished analysis to render yet.")
        report_progress(application, 10, "rendering")
        analysis = application.analysis
        rejected = application.rejected_changes or []
        document = apply_choices(analysis.improved, analysis.report.get("changes", []), rejected)
        application.template = template
        render_and_store(application, document, analysis.report)
        summary = {
            "application_id": application_id,
            "status": "done",
            "template": template,
            "rejected": len(rejected),
        }
        return finish_application(application, summary)

    return run_application_job(application_id, work)
