"""Web pages for applications: new, history, live progress, results, downloads."""

from __future__ import annotations

import io

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_login import current_user, login_required
from marshmallow import EXCLUDE

from cvimprover.applications import service
from cvimprover.applications.schemas import (
    APPLICATION_TIMELINES,
    COMPANY_SIZES,
    EXPERIENCE_LEVELS,
    QuestionnaireSchema,
    template_names,
)
from cvimprover.applications.uploads import UploadRejected, collect_uploads
from cvimprover.caching import cached_document
from cvimprover.models import Application, ApplicationStatus, DocumentKind

bp = Blueprint("applications", __name__)


def owned_or_404(application_id: str) -> Application:
    application = service.find_owned(current_user, application_id)
    if application is None:
        abort(404)
    return application


@bp.get("/")
def home():
    if current_user.is_authenticated:
        return redirect(url_for("applications.index"))
    return render_template("home.html")


@bp.get("/applications")
@login_required
def index():
    page = max(1, request.args.get("page", 1, type=int))
    items, total = service.list_owned(current_user, page, 20)
    return render_template("applications/index.html", applications=items, total=total, page=page)


@bp.route("/applications/new", methods=["GET", "POST"])
@login_required
def new():
    errors: dict = {}
    if request.method == "POST":
        # The form also carries its CSRF token: only the questionnaire is validated
        schema = QuestionnaireSchema(unknown=EXCLUDE)
        form = request.form.to_dict()
        errors = schema.validate(form)
        if not errors:
            answers = schema.load(form)
            try:
                resume, photo = collect_uploads(
                    request.files.get("resume"),
                    answers.pop("resume_text", ""),
                    request.files.get("photo"),
                    max_resume_bytes=current_app.config["MAX_RESUME_BYTES"],
                    max_photo_bytes=current_app.config["MAX_PHOTO_BYTES"],
                )
            except UploadRejected as rejected:
                errors = {rejected.field: [rejected.message]}
            else:
                application, _ = service.create_application(current_user, answers, resume, photo)
                return redirect(url_for("applications.detail", application_id=application.id))
    return (
        render_template(
            "applications/new.html",
            errors=errors,
            form=request.form,
            experience_levels=EXPERIENCE_LEVELS,
            company_sizes=COMPANY_SIZES,
            timelines=APPLICATION_TIMELINES,
            templates=template_names(),
        ),
        422 if errors else 200,
    )


@bp.get("/applications/<application_id>")
@login_required
def detail(application_id: str):
    application = owned_or_404(application_id)
    return render_template("applications/detail.html", application=application)


@bp.get("/applications/<application_id>/progress")
@login_required
def progress(application_id: str):
    application = owned_or_404(application_id)
    return jsonify(
        status=application.status,
        progress=application.progress,
        stage=application.stage,
        error=application.error,
    )


@bp.post("/applications/<application_id>/delete")
@login_required
def delete(application_id: str):
    service.delete_application(owned_or_404(application_id))
    flash("The application and its files were deleted.")
    return redirect(url_for("applications.index"))


def _send_owned(application_id: str, kind: str, download_name: str | None = None):
    """The application's document of `kind`, to its owner only, once it is done."""
    application = owned_or_404(application_id)
    document = application.document(kind)
    if application.status != ApplicationStatus.DONE or document is None:
        abort(404)
    return send_file(
        io.BytesIO(cached_document(kind, application)),
        mimetype=document.content_type,
        as_attachment=download_name is not None,
        download_name=download_name,
    )


@bp.get("/applications/<application_id>/cv.pdf")
@login_required
def pdf(application_id: str):
    return _send_owned(application_id, DocumentKind.PDF, f"cv-{application_id}.pdf")


@bp.get("/applications/<application_id>/cover-letter.pdf")
@login_required
def cover_letter(application_id: str):
    name = f"cover-letter-{application_id}.pdf"
    return _send_owned(application_id, DocumentKind.COVER_LETTER_PDF, name)


@bp.get("/applications/<application_id>/preview.png")
@login_required
def preview(application_id: str):
    return _send_owned(application_id, DocumentKind.PREVIEW)
