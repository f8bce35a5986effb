"""Errors the CV engine raises: a short user-facing message plus a stable code."""

from __future__ import annotations


class CVError(Exception):
    """A problem with the CV itself; `message` is safe to show to the user."""

    default_code = "cv_error"

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "message": self.message}


class ExtractionError(CVError):
    """The file could not be read: corrupt, encrypted, empty, unsupported or too large."""

    default_code = "extraction_failed"
