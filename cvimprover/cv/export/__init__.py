"""The improved CV in the formats employers' portals ask for: DOCX, JSON Resume, plain text."""

from __future__ import annotations

from .docx import cover_letter_docx, cv_docx
from .files import FORMATS, ExportFile, export_file
from .text import cv_markdown, cv_text

__all__ = [
    "FORMATS",
    "ExportFile",
    "cover_letter_docx",
    "cv_docx",
    "cv_markdown",
    "cv_text",
    "export_file",
]
