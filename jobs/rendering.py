"""Rendering an application's CV and cover letter, and storing the files: the last steps
of the improvement job, and the whole of the re-render job."""

from __future__ import annotations

from cvimprover.cv.document import CVDocument
from cvimprover.cv.render import PdfMeta, render_cover_letter, render_pdf, render_preview
from cvimprover.documents import CheckedFile, store_document
from cvimprover.models import Application, DocumentKind
from jobs.lifecycle import report_progress


def render_and_store(application: Application, document: CVDocument, report: dict) -> None:
    """Render `document` (and the cover letter) in the application's template; store the
    PDFs and the CV's preview."""
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
