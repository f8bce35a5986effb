"""One place that turns a finished improvement into a downloadable file of a given format."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import PurePath

from cvimprover.cv.document import CVDocument
from cvimprover.cv.json_resume import load_json_resume, to_json_resume

from .docx import cover_letter_docx, cv_docx
from .text import cv_markdown, cv_text

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# format name -> (media type, file extension)
FORMATS = {
    "docx": (DOCX_TYPE, "docx"),
    "json-resume": ("application/json", "json"),
    "text": ("text/plain; charset=utf-8", "txt"),
    "markdown": ("text/markdown; charset=utf-8", "md"),
    "cover-letter-docx": (DOCX_TYPE, "docx"),
}


@dataclass(frozen=True)
class ExportFile:
    data: bytes
    media_type: str
    download_name: str


def export_file(
    kind: str,
    improved: dict,
    *,
    template: str,
    cover_letter: str,
    name_stem: str,
    source: bytes | None = None,
    source_filename: str = "",
) -> ExportFile:
    """The improved CV (or its cover letter) as `kind` (a key of FORMATS). `source` is the
    uploaded CV: when it was a JSON Resume, the export keeps every field it had."""
    document = CVDocument.from_dict(improved)
    media_type, extension = FORMATS[kind]
    if kind == "docx":
        data = cv_docx(document, template)
    elif kind == "json-resume":
        base = None
        if source and PurePath(source_filename).suffix.lower() == ".json":
            base = load_json_resume(source)
        data = json.dumps(to_json_resume(document, base), ensure_ascii=False, indent=2).encode()
    elif kind == "text":
        data = cv_text(document).encode("utf-8")
    elif kind == "markdown":
        data = cv_markdown(document).encode("utf-8")
    elif kind == "cover-letter-docx":
        data = cover_letter_docx(cover_letter, document.contact, template)
    else:
        raise KeyError(kind)
    prefix = "cover-letter" if kind == "cover-letter-docx" else "cv"
    return ExportFile(data, media_type, f"{prefix}-{name_stem}.{extension}")
