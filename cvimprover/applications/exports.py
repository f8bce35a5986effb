"""The improved CV in other formats (DOCX, JSON Resume, text), made on request from the
stored analysis: a few milliseconds of work, so no job and no stored copy are needed."""

from __future__ import annotations

from cvimprover.cv.export import ExportFile, export_file
from cvimprover.models import Application, ApplicationStatus, DocumentKind


def application_export(application: Application, kind: str) -> ExportFile | None:
    """The file of format `kind` (cvimprover.cv.export.FORMATS), or None until the
    application is done (or, for the cover letter, when there is none)."""
    analysis = application.analysis
    if application.status != ApplicationStatus.DONE or analysis is None:
        return None
    if kind == "cover-letter-docx" and not (analysis.cover_letter or "").strip():
        return None
    source = None
    filename = ""
    if kind == "json-resume":
        resume = application.document(DocumentKind.RESUME)
        if resume is not None:
            source, filename = resume.data, resume.filename
    return export_file(
        kind,
        analysis.improved,
        template=application.template,
        cover_letter=analysis.cover_letter or "",
        name_stem=application.id,
        source=source,
        source_filename=filename,
    )
