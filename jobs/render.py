"""The re-render job: draw a finished analysis in another template, without re-analysing."""

from __future__ import annotations

from cvimprover.cv.document import CVDocument
from cvimprover.cv.render import RenderError
from cvimprover.extensions import db
from cvimprover.models import Application, ApplicationStatus, utcnow
from jobs.context import app_context, report_progress
from jobs.improvement import INTERNAL_ERROR, fail_application, render_and_store


def render_application(application_id: str, template: str) -> dict:
    with app_context():
        application = db.session.get(Application, application_id)
        if application is None or application.analysis is None:
            return {"application_id": application_id, "status": "deleted"}
        application.status = ApplicationStatus.RUNNING
        report_progress(application, 10, "rendering")
        try:
            document = CVDocument.from_dict(application.analysis.improved)
            application.template = template
            render_and_store(application, document, application.analysis.report)
        except RenderError as exc:
            fail_application(application_id, exc.message)
            raise
        except Exception:
            fail_application(application_id, INTERNAL_ERROR)
            raise
        application.status = ApplicationStatus.DONE
        application.finished_at = utcnow()
        report_progress(application, 100, "done")
        return {"application_id": application_id, "status": "done", "template": template}
