"""Web pages for applications: new, history, live progress, results, choices, downloads."""

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

from cvimprover.applications import results, service
from cvimprover.applications.exports import application_export
from cvimprover.applications.schemas import (
    APPLICATION_TIMELINES,
    COMPANY_SIZES,
    EXPERIENCE_LEVELS,
    PAGE_SIZE,
    QuestionnaireSchema,
    template_names,
)
from cvimprover.applications.uploads import UploadRejected, collect_uploads
from cvimprover.caching import cached_document, cached_report
from cvimprover.extensions import db
from cvimprover.models import Analysis, Application, ApplicationStatus, DocumentKind

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
    items, total = service.list_owned(current_user, page, PAGE_SIZE)
    return render_template(
        "applications/index.html",
        applications=items,
        scores=_scores([a.id for a in items]),
        total=total,
        page=page,
    )


def _scores(application_ids: list[str]) -> dict[str, tuple[int, int]]:
    """Score before and after per application, without loading the reports."""
    if not application_ids:
        return {}
    rows = db.session.execute(
        db.select(Analysis.application_id, Analysis.score_before, Analysis.score_after).where(
            Analysis.application_id.in_(application_ids)
        )
    )
    return {row[0]: (row[1], row[2]) for row in rows}


def template_gallery() -> list:
    """The templates a CV can be drawn in, for the picker (name, title, description)."""
    from cvimprover.cv.render import TEMPLATES

    return sorted(TEMPLATES.values(), key=lambda t: t.name)


@bp.get("/templates/<name>.png")
def template_thumbnail(name: str):
    """Page 1 of the sample CV in template `name`: the picture on the template picker."""
    from cvimprover.gallery.resources import template_preview

    if name not in template_names():
        abort(404)
    response = send_file(io.BytesIO(template_preview(name)), mimetype="image/png")
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response


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
            templates=template_gallery(),
            max_resume_bytes=current_app.config["MAX_RESUME_BYTES"],
            max_photo_bytes=current_app.config["MAX_PHOTO_BYTES"],
        ),
        422 if errors else 200,
    )


@bp.get("/applications/<application_id>")
@login_required
def detail(application_id: str):
    application = owned_or_404(application_id)
    report = cached_report(application) or {}
    analysis = application.analysis
    return render_template(
        "applications/detail.html",
        application=application,
        report=report,
        score_before=report.get("score_before", analysis.score_before if analysis else 0),
        score_after=report.get("score_after", analysis.score_after if analysis else 0),
        letter=report.get("cover_letter") or (analysis.cover_letter if analysis else ""),
        score_parts=results.score_parts(report),
        terms=results.key_terms(report),
        findings=results.finding_groups(report),
        changes=results.change_views(report, application.rejected_changes),
        dropped=results.dropped_lines(report),
        templates=template_gallery(),
    )


def _finished_or_409(application: Application) -> None:
    if application.status != ApplicationStatus.DONE or application.analysis is None:
        abort(409)


@bp.post("/applications/<application_id>/choices")
@login_required
def choices(application_id: str):
    """Store which changes the user keeps, then re-render the PDF with only those (a render
    job on the fast queue; nothing is analysed again)."""
    application = owned_or_404(application_id)
    _finished_or_409(application)
    kept = set(request.form.getlist("keep"))
    report = application.analysis.report
    application.rejected_changes = [i for i in results.reversible_ids(report) if i not in kept]
    db.session.commit()
    service.enqueue_render(application, application.template)
    flash("Your choices were saved; the PDF is being made again with the changes you kept.")
    return redirect(url_for("applications.detail", application_id=application.id))


@bp.post("/applications/<application_id>/cover-letter")
@login_required
def edit_letter(application_id: str):
    """Save the user's edit of the cover letter and draw it again (PDF by a render job on
    the fast queue, DOCX on download); nothing is analysed again."""
    from cvimprover.applications.letters import CoverLetterSchema, replace_letter

    application = owned_or_404(application_id)
    _finished_or_409(application)
    errors = CoverLetterSchema(unknown=EXCLUDE).validate(request.form)
    if errors:
        flash(" ".join(errors["text"]))
        return redirect(url_for("applications.detail", application_id=application.id) + "#letter")
    replace_letter(application, request.form["text"])
    flash("Your cover letter was saved; its PDF is being made again.")
    return redirect(url_for("applications.detail", application_id=application.id) + "#letter")


@bp.post("/applications/<application_id>/render")
@login_required
def render_again(application_id: str):
    """Draw the same CV (with the user's choices) in another template."""
    application = owned_or_404(application_id)
    _finished_or_409(application)
    template = request.form.get("template", "")
    if template not in template_names():
        abort(422)
    application.template = template
    service.enqueue_render(application, template)
    flash(f"Your CV is being drawn in the {template} template.")
    return redirect(url_for("applications.detail", application_id=application.id))


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


@bp.post("/applications/<application_id>/retry")
@login_required
def retry(application_id: str):
    application = owned_or_404(application_id)
    if application.status == ApplicationStatus.FAILED:
        service.retry_application(application)
        flash("Trying again: this page updates by itself.")
    return redirect(url_for("applications.detail", application_id=application.id))


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


def _send_export(application_id: str, kind: str):
    """The improved CV in another format, made from the stored analysis, to its owner."""
    export = application_export(owned_or_404(application_id), kind)
    if export is None:
        abort(404)
    return send_file(
        io.BytesIO(export.data),
        mimetype=export.media_type,
        as_attachment=True,
        download_name=export.download_name,
    )


@bp.get("/applications/<application_id>/cv.docx")
@login_required
def docx(application_id: str):
    return _send_export(application_id, "docx")


@bp.get("/applications/<application_id>/cover-letter.docx")
@login_required
def cover_letter_docx(application_id: str):
    return _send_export(application_id, "cover-letter-docx")


@bp.get("/applications/<application_id>/cv.json")
@login_required
def json_resume(application_id: str):
    return _send_export(application_id, "json-resume")


@bp.get("/applications/<application_id>/cv.txt")
@login_required
def text(application_id: str):
    return _send_export(application_id, "text")


@bp.get("/applications/<application_id>/cv.md")
@login_required
def markdown(application_id: str):
    return _send_export(application_id, "markdown")
