"""API routes for applications: submit, follow, list, download, delete."""

from __future__ import annotations

import io
import math

from flask import current_app, send_file, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from cvimprover.api.auth import api_user, token_required
from cvimprover.api.errors import ApiError
from cvimprover.applications import service
from cvimprover.applications.schemas import (
    ApplicationPageSchema,
    ApplicationSchema,
    CreatedSchema,
    PageArgsSchema,
    QuestionnaireSchema,
    UploadsSchema,
)
from cvimprover.applications.uploads import UploadRejected, collect_uploads
from cvimprover.models import Application, ApplicationStatus, DocumentKind

blp = Blueprint(
    "api_applications",
    __name__,
    url_prefix="/api/v1/applications",
    description="Submit a CV for a job, follow its progress, download the improved PDF",
)
SECURITY = [{"bearerAuth": []}]


def owned_or_404(application_id: str) -> Application:
    application = service.find_owned(api_user(), application_id)
    if application is None:
        raise ApiError(404, "No such application.")
    return application


def checked_uploads(answers: dict, files: dict):
    """The resume (file or pasted text) and the optional photo, or an ApiError."""
    config = current_app.config
    try:
        return collect_uploads(
            files.get("resume"),
            answers.pop("resume_text", ""),
            files.get("photo"),
            max_resume_bytes=config["MAX_RESUME_BYTES"],
            max_photo_bytes=config["MAX_PHOTO_BYTES"],
        )
    except UploadRejected as rejected:
        raise ApiError(
            rejected.status, rejected.message, details={rejected.field: [rejected.message]}
        ) from None


@blp.route("")
class ApplicationCollection(MethodView):
    decorators = [token_required]

    @blp.arguments(QuestionnaireSchema, location="form")
    @blp.arguments(UploadsSchema, location="files")
    @blp.response(202, CreatedSchema)
    @blp.alt_response(413, description="A file is too large")
    @blp.alt_response(415, description="A file is not of an accepted type")
    @blp.doc(security=SECURITY)
    def post(self, answers, files):
        """Submit a CV and the job it targets; the improvement runs in the background"""
        resume, photo = checked_uploads(answers, files)
        application = service.create_application(api_user(), answers, resume, photo)
        status_url = url_for(".ApplicationItem", application_id=application.id)
        return (
            {
                "id": application.id,
                "status": application.status,
                "progress": application.progress,
                "status_url": status_url,
            },
            202,
            {"Location": status_url},
        )

    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(200, ApplicationPageSchema)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """The caller's applications, newest first"""
        page, per_page = args["page"], args["per_page"]
        items, total = service.list_owned(api_user(), page, per_page)
        pages = max(1, math.ceil(total / per_page))
        headers = {"X-Total-Count": str(total)}
        links = []
        if page < pages:
            links.append(f'<{_page_url(page + 1, per_page)}>; rel="next"')
        if page > 1:
            links.append(f'<{_page_url(page - 1, per_page)}>; rel="prev"')
        links.append(f'<{_page_url(pages, per_page)}>; rel="last"')
        headers["Link"] = ", ".join(links)
        body = {
            "items": [service.describe(a) for a in items],
            "meta": {"page": page, "per_page": per_page, "total": total, "pages": pages},
        }
        return body, 200, headers


def _page_url(page: int, per_page: int) -> str:
    return url_for(".ApplicationCollection", page=page, per_page=per_page, _external=False)


@blp.route("/<application_id>")
class ApplicationItem(MethodView):
    decorators = [token_required]

    @blp.response(200, ApplicationSchema)
    @blp.doc(security=SECURITY)
    def get(self, application_id):
        """Status, progress and, when done, the analysis report"""
        return service.describe(owned_or_404(application_id))

    @blp.response(204)
    @blp.doc(security=SECURITY)
    def delete(self, application_id):
        """Delete the application and all its files"""
        service.delete_application(owned_or_404(application_id))


def _send_document(application: Application, kind: str, download_name: str, attachment: bool):
    document = application.document(kind) if application.status == ApplicationStatus.DONE else None
    if document is None:
        raise ApiError(409, "The application is not finished yet.")
    response = send_file(
        io.BytesIO(document.data),
        mimetype=document.content_type,
        as_attachment=attachment,
        download_name=download_name,
        etag=document.sha256,
        conditional=True,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@blp.route("/<application_id>/pdf")
class ApplicationPdf(MethodView):
    decorators = [token_required]

    @blp.response(200, content_type="application/pdf", description="The improved CV")
    @blp.alt_response(409, description="Not finished yet")
    @blp.doc(security=SECURITY)
    def get(self, application_id):
        """Download the improved CV as a PDF"""
        application = owned_or_404(application_id)
        return _send_document(application, DocumentKind.PDF, f"cv-{application.id}.pdf", True)


@blp.route("/<application_id>/preview")
class ApplicationPreview(MethodView):
    decorators = [token_required]

    @blp.response(200, content_type="image/png", description="Page 1 of the PDF as PNG")
    @blp.alt_response(409, description="Not finished yet")
    @blp.doc(security=SECURITY)
    def get(self, application_id):
        """Page 1 of the improved CV as a PNG image"""
        application = owned_or_404(application_id)
        return _send_document(application, DocumentKind.PREVIEW, f"cv-{application.id}.png", False)
