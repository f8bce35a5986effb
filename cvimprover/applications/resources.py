"""API routes for applications: submit, follow, list, re-render, download (PDF, DOCX,
JSON Resume, text), delete."""

from __future__ import annotations

import hashlib
import io
import math
import threading
from functools import wraps

from flask import current_app, g, jsonify, request, send_file, url_for
from flask.views import MethodView
from flask_smorest import Blueprint

from cvimprover.api.auth import (
    TokenOwner,
    api_user,
    bearer_token_hash,
    token_required,
    touch_due,
)
from cvimprover.api.errors import ApiError
from cvimprover.api.schemas import ERROR_DESCRIPTIONS, ErrorSchema
from cvimprover.applications import service
from cvimprover.applications.exports import application_export
from cvimprover.applications.letters import CoverLetterSchema, replace_letter
from cvimprover.applications.schemas import (
    ApplicationPageSchema,
    ApplicationSchema,
    CreatedSchema,
    PageArgsSchema,
    QuestionnaireSchema,
    RenderSchema,
    SubmissionSchema,
    TextFormatSchema,
    UploadsSchema,
)
from cvimprover.applications.uploads import UploadRejected, collect_uploads
from cvimprover.caching import cached_document
from cvimprover.models import Application, ApplicationStatus, DocumentKind

blp = Blueprint(
    "api_applications",
    __name__,
    url_prefix="/api/v1/applications",
    description="Submit a CV for a job, follow its progress, download the improved PDF",
)
SECURITY = [{"bearerAuth": []}]
IDEMPOTENCY_HEADER = {
    "in": "header",
    "name": "Idempotency-Key",
    "required": False,
    "schema": {"type": "string", "maxLength": 255},
    "description": "Retrying with the same key returns the first submission, not a duplicate.",
}


def errors(*codes: int):
    """Document error responses, all in the one error shape."""

    def decorate(view):
        for code in reversed(codes):
            view = blp.alt_response(code, schema=ErrorSchema, description=ERROR_DESCRIPTIONS[code])(
                view
            )
        return view

    return decorate


# Built once: a schema's fields are copied on every instantiation
APPLICATION_SCHEMA = ApplicationSchema()


def owned_or_404(application_id: str, options: tuple = ()) -> Application:
    application = service.find_owned(api_user(), application_id, options)
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


def idempotency_key() -> str | None:
    key = request.headers.get("Idempotency-Key", "").strip()
    if len(key) > 255:
        raise ApiError(400, "Idempotency-Key is longer than 255 characters.")
    return key or None


def accepted(application: Application):
    status_url = url_for(".ApplicationItem", application_id=application.id)
    body = {
        "id": application.id,
        "status": application.status,
        "progress": application.progress,
        "status_url": status_url,
    }
    return body, 202, {"Location": status_url}


@blp.route("")
class ApplicationCollection(MethodView):
    decorators = [token_required]

    @blp.arguments(QuestionnaireSchema, location="form")
    @blp.arguments(UploadsSchema, location="files")
    @blp.response(202, CreatedSchema, headers={"Location": {"schema": {"type": "string"}}})
    @errors(400, 401, 413, 415, 422, 429, 503)
    @blp.doc(
        security=SECURITY,
        parameters=[IDEMPOTENCY_HEADER],
        # One multipart body holds the questionnaire fields and the files
        requestBody={"content": {"multipart/form-data": {"schema": SubmissionSchema}}},
    )
    def post(self, answers, files):
        """Submit a CV and the job it targets; the improvement runs in the background"""
        key = idempotency_key()
        if key and (existing := service.find_by_idempotency_key(api_user(), key)):
            return accepted(existing)
        resume, photo = checked_uploads(answers, files)
        application, _ = service.create_application(
            api_user(), answers, resume, photo, idempotency_key=key
        )
        return accepted(application)

    @blp.arguments(PageArgsSchema, location="query")
    @blp.response(
        200,
        ApplicationPageSchema,
        headers={
            "X-Total-Count": {"schema": {"type": "integer"}},
            "Link": {"schema": {"type": "string"}, "description": "next, prev and last pages"},
        },
    )
    @errors(401, 422, 503)
    @blp.doc(security=SECURITY)
    def get(self, args):
        """The caller's applications, newest first"""
        page, per_page = args["page"], args["per_page"]
        items, total = service.list_owned(api_user(), page, per_page)
        pages = max(1, math.ceil(total / per_page))
        links = []
        if page < pages:
            links.append(f'<{_page_url(page + 1, per_page)}>; rel="next"')
        if page > 1:
            links.append(f'<{_page_url(page - 1, per_page)}>; rel="prev"')
        links.append(f'<{_page_url(pages, per_page)}>; rel="last"')
        body = {
            "items": [service.describe(a) for a in items],
            "meta": {"page": page, "per_page": per_page, "total": total, "pages": pages},
        }
        return body, 200, {"X-Total-Count": str(total), "Link": ", ".join(links)}


def _page_url(page: int, per_page: int) -> str:
    return url_for(".ApplicationCollection", page=page, per_page=per_page)


class FinishedBodies:
    """The response bodies of finished applications this process answered, by application
    id: (version, body, etag), at most `max_bytes` of bodies (oldest dropped first). Only
    ever served after status_check, in the same request, found the caller's token valid,
    the application theirs and its version unchanged."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        self.entries: dict[str, tuple[tuple, bytes, str]] = {}
        self.size = 0
        self.lock = threading.Lock()

    def get(self, application_id: str) -> tuple[tuple, bytes, str] | None:
        return self.entries.get(application_id)

    def put(self, application_id: str, version: tuple, body: bytes, etag: str) -> None:
        if len(body) > self.max_bytes:
            return
        with self.lock:
            old = self.entries.pop(application_id, None)
            if old is not None:
                self.size -= len(old[1])
            while self.entries and self.size + len(body) > self.max_bytes:
                dropped = self.entries.pop(next(iter(self.entries)))
                self.size -= len(dropped[1])
            self.entries[application_id] = (version, body, etag)
            self.size += len(body)


_FINISHED_BODIES = FinishedBodies(max_bytes=16 * 1024 * 1024)
FINISHED = (ApplicationStatus.DONE, ApplicationStatus.FAILED)


def _finished_response(body: bytes, etag: str):
    response = current_app.response_class(body, mimetype="application/json")
    response.set_etag(etag)
    response.headers["Cache-Control"] = "private, no-cache"
    return response.make_conditional(request)


def finished_status_shortcut(view):
    """Answer a finished application's status from this process' copy of its response,
    with one query for the token, the owner and the version; anything else (no or an
    unknown token, not the owner's, still running, a token due its last-used write, no
    copy or an outdated one) goes to `view` with its full checks."""

    @wraps(view)
    def wrapper(*args, application_id: str, **kwargs):
        token_hash = bearer_token_hash()
        if token_hash is not None:
            row = service.status_check(token_hash, application_id)
            if (
                row is not None
                and row.application_id is not None
                and row.status in FINISHED
                and not touch_due(row.last_used_at)
            ):
                entry = _FINISHED_BODIES.get(application_id)
                version = (row.user_id, row.updated_at, row.analysis_created_at)
                if entry is not None and entry[0] == (*version, request.script_root):
                    g.api_user = TokenOwner(row.user_id)  # for the request log
                    return _finished_response(entry[1], entry[2])
        return view(*args, application_id=application_id, **kwargs)

    return wrapper


def _remember_finished(application: Application, body: bytes, etag: str) -> None:
    version = (*service.status_version(application), request.script_root)
    _FINISHED_BODIES.put(application.id, version, body, etag)


@blp.route("/<application_id>")
class ApplicationItem(MethodView):
    @finished_status_shortcut
    @token_required
    @blp.response(200, ApplicationSchema, headers={"ETag": {"schema": {"type": "string"}}})
    @blp.alt_response(304, description="Not modified (If-None-Match on a finished application)")
    @errors(401, 404, 503)
    @blp.doc(security=SECURITY)
    def get(self, application_id):
        """Status, progress and, when done, the analysis report"""
        application = owned_or_404(application_id, service.DESCRIBE_OPTIONS)
        body = APPLICATION_SCHEMA.dump(service.describe(application))
        if application.status not in FINISHED:
            return jsonify(body)
        # A finished application changes only by re-render, retry or delete: let clients
        # revalidate. The body's bytes are the same for the same content (keys sorted).
        data = jsonify(body).get_data()
        etag = hashlib.sha256(data).hexdigest()[:32]
        _remember_finished(application, data, etag)
        return _finished_response(data, etag)

    @token_required
    @blp.response(204)
    @errors(401, 404, 503)
    @blp.doc(security=SECURITY)
    def delete(self, application_id):
        """Delete the application and all its files"""
        service.delete_application(owned_or_404(application_id))


@blp.route("/<application_id>/render")
class ApplicationRender(MethodView):
    decorators = [token_required]

    @blp.arguments(RenderSchema)
    @blp.response(202, CreatedSchema, headers={"Location": {"schema": {"type": "string"}}})
    @errors(401, 404, 409, 422, 503)
    @blp.doc(security=SECURITY)
    def post(self, args, application_id):
        """Render the finished analysis again in another template, without re-analysing"""
        application = owned_or_404(application_id)
        if application.status != ApplicationStatus.DONE or application.analysis is None:
            raise ApiError(409, "Only a finished application can be rendered again.")
        application.template = args["template"]
        service.enqueue_render(application, args["template"])
        return accepted(application)


@blp.route("/<application_id>/retry")
class ApplicationRetry(MethodView):
    decorators = [token_required]

    @blp.response(202, CreatedSchema, headers={"Location": {"schema": {"type": "string"}}})
    @errors(401, 404, 409, 503)
    @blp.doc(security=SECURITY)
    def post(self, application_id):
        """Run a failed application again from its stored files (not charged again)"""
        application = owned_or_404(application_id)
        if application.status != ApplicationStatus.FAILED:
            raise ApiError(409, "Only a failed application can be retried.")
        service.retry_application(application)
        return accepted(application)


def _send_document(application: Application, kind: str, download_name: str, attachment: bool):
    document = application.document(kind) if application.status == ApplicationStatus.DONE else None
    if document is None:
        raise ApiError(409, "The application is not finished yet.")
    response = send_file(
        io.BytesIO(cached_document(kind, application)),
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
    @blp.alt_response(304, description="Not modified (If-None-Match)")
    @errors(401, 404, 409, 503)
    @blp.doc(security=SECURITY)
    def get(self, application_id):
        """Download the improved CV as a PDF"""
        application = owned_or_404(application_id)
        return _send_document(application, DocumentKind.PDF, f"cv-{application.id}.pdf", True)


@blp.route("/<application_id>/cover-letter")
class ApplicationCoverLetter(MethodView):
    decorators = [token_required]

    @blp.response(200, content_type="application/pdf", description="The cover letter")
    @blp.alt_response(304, description="Not modified (If-None-Match)")
    @errors(401, 404, 409, 503)
    @blp.doc(security=SECURITY)
    def get(self, application_id):
        """Download the cover letter, in the CV's template, as a PDF"""
        application = owned_or_404(application_id)
        name = f"cover-letter-{application.id}.pdf"
        return _send_document(application, DocumentKind.COVER_LETTER_PDF, name, True)

    @blp.arguments(CoverLetterSchema)
    @blp.response(202, CreatedSchema, headers={"Location": {"schema": {"type": "string"}}})
    @errors(401, 404, 409, 422, 503)
    @blp.doc(security=SECURITY)
    def put(self, args, application_id):
        """Replace the cover letter's text with the user's edit and draw it again (PDF by a
        render job, DOCX on download), without re-analysing"""
        application = owned_or_404(application_id)
        if application.status != ApplicationStatus.DONE or application.analysis is None:
            raise ApiError(409, "Only a finished application's letter can be edited.")
        replace_letter(application, args["text"])
        return accepted(application)


@blp.route("/<application_id>/preview")
class ApplicationPreview(MethodView):
    decorators = [token_required]

    @blp.response(200, content_type="image/png", description="Page 1 of the PDF as PNG")
    @blp.alt_response(304, description="Not modified (If-None-Match)")
    @errors(401, 404, 409, 503)
    @blp.doc(security=SECURITY)
    def get(self, application_id):
        """Page 1 of the improved CV as a PNG image"""
        application = owned_or_404(application_id)
        return _send_document(application, DocumentKind.PREVIEW, f"cv-{application.id}.png", False)


def _send_export(application: Application, kind: str):
    """A format made on request from the finished analysis (cvimprover.cv.export)."""
    export = application_export(application, kind)
    if export is None:
        if application.status == ApplicationStatus.DONE and application.analysis is not None:
            raise ApiError(404, "This application has no cover letter.")
        raise ApiError(409, "The application is not finished yet.")
    response = send_file(
        io.BytesIO(export.data),
        mimetype=export.media_type,
        as_attachment=True,
        download_name=export.download_name,
        etag=hashlib.sha256(export.data).hexdigest()[:32],
        conditional=True,
        max_age=0,
    )
    response.headers["Cache-Control"] = "private, no-cache"
    return response


DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@blp.route("/<application_id>/docx")
class ApplicationDocx(MethodView):
    decorators = [token_required]

    @blp.response(200, content_type=DOCX_TYPE, description="The improved CV as DOCX")
    @blp.alt_response(304, description="Not modified (If-None-Match)")
    @errors(401, 404, 409, 503)
    @blp.doc(security=SECURITY)
    def get(self, application_id):
        """Download the improved CV as a Word document: one column, real heading styles,
        the same content and order as the PDF, the template's type and colour"""
        return _send_export(owned_or_404(application_id), "docx")


@blp.route("/<application_id>/cover-letter.docx")
class ApplicationCoverLetterDocx(MethodView):
    decorators = [token_required]

    @blp.response(200, content_type=DOCX_TYPE, description="The cover letter as DOCX")
    @blp.alt_response(304, description="Not modified (If-None-Match)")
    @errors(401, 404, 409, 503)
    @blp.doc(security=SECURITY)
    def get(self, application_id):
        """Download the cover letter as a Word document"""
        return _send_export(owned_or_404(application_id), "cover-letter-docx")


@blp.route("/<application_id>/json-resume")
class ApplicationJsonResume(MethodView):
    decorators = [token_required]

    @blp.response(
        200,
        content_type="application/json",
        description="The improved CV as a JSON Resume (jsonresume.org schema v1)",
    )
    @blp.alt_response(304, description="Not modified (If-None-Match)")
    @errors(401, 404, 409, 503)
    @blp.doc(security=SECURITY)
    def get(self, application_id):
        """Download the improved CV as a JSON Resume; when the upload was a JSON Resume,
        every field it had is kept and the improved ones are written over it"""
        return _send_export(owned_or_404(application_id), "json-resume")


@blp.route("/<application_id>/text")
class ApplicationText(MethodView):
    decorators = [token_required]

    @blp.arguments(TextFormatSchema, location="query")
    @blp.response(
        200, content_type="text/plain", description="The improved CV as plain text or Markdown"
    )
    @blp.alt_response(304, description="Not modified (If-None-Match)")
    @errors(401, 404, 409, 422, 503)
    @blp.doc(security=SECURITY)
    def get(self, args, application_id):
        """Download the improved CV as plain text (for pasting into application forms) or,
        with format=markdown, as Markdown"""
        kind = "markdown" if args["format"] == "markdown" else "text"
        return _send_export(owned_or_404(application_id), kind)
