"""Checks on uploaded files: type by name and by content, size; nothing is parsed here."""

from __future__ import annotations

from pathlib import PurePath

from werkzeug.datastructures import FileStorage
from werkzeug.utils import secure_filename

from cvimprover.documents import CheckedFile

RESUME_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".txt": "text/plain",
    # JSON Resume documents, and scans or photos of a CV page (read by OCR in the worker)
    ".json": "application/json",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}
PHOTO_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}


# Longest stored file name; a longer one is cut, keeping its extension
MAX_NAME = 120


class UploadRejected(Exception):
    """An upload we refuse; `status` is 413, 415 or 422 and `message` says why to the user."""

    def __init__(self, field: str, status: int, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.status = status
        self.message = message


def _read_limited(field: str, upload: FileStorage, limit: int, label: str) -> bytes:
    data = upload.stream.read(limit + 1)
    if len(data) > limit:
        raise UploadRejected(field, 413, f"The {label} is larger than {limit // (1024 * 1024)} MB.")
    if not data:
        raise UploadRejected(field, 422, f"The {label} file is empty.")
    return data


def _extension(filename: str) -> str:
    return PurePath(filename or "").suffix.lower()


def _looks_like(extension: str, data: bytes) -> bool:
    head = data[:1024]
    if extension == ".pdf":
        return b"%PDF-" in head
    if extension == ".docx":
        return data.startswith(b"PK\x03\x04")
    if extension == ".txt":
        if data.startswith((b"%PDF-", b"PK\x03\x04")):
            return False  # a PDF or Word file renamed: say so now, not after the queue
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                data.decode("utf-16")  # Windows Notepad's "Unicode"
            except UnicodeDecodeError:
                return False
            return True
        if b"\x00" in data:
            return False
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            try:
                data.decode("cp1252")
            except UnicodeDecodeError:
                return False
        return True
    if extension == ".json":
        return data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{")
    if extension in (".jpg", ".jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if extension == ".png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == ".webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    return False


def _check(
    field: str, upload: FileStorage, types: dict[str, str], limit: int, label: str
) -> CheckedFile:
    extension = _extension(upload.filename or "")
    allowed = ", ".join(sorted({e.lstrip(".").upper() for e in types} - {"JPEG"}))
    if extension not in types:
        raise UploadRejected(field, 415, f"The {label} must be one of: {allowed}.")
    data = _read_limited(field, upload, limit, label)
    if not _looks_like(extension, data):
        raise UploadRejected(
            field,
            415,
            f"The {label} is named {extension} but is not a {extension[1:].upper()} file.",
        )
    return CheckedFile(
        filename=safe_filename(upload.filename or "", field, extension),
        content_type=types[extension],
        data=data,
    )


def safe_filename(name: str, field: str, extension: str) -> str:
    """The upload's name as we store and show it: no path, no control characters, ASCII,
    at most MAX_NAME characters with its extension kept (the column holds 255)."""
    # The last part of a path in either convention (browsers on Windows sent full paths)
    name = name.replace("\x00", "").replace("\\", "/").rsplit("/", 1)[-1]
    name = secure_filename(name)
    if not name.lower().endswith(extension):
        name = f"{field}{extension}"  # the extension is what the job reads the type from
    if len(name) > MAX_NAME:
        name = name[: MAX_NAME - len(extension)] + extension
    return name


def check_resume(upload: FileStorage, limit: int) -> CheckedFile:
    return _check("resume", upload, RESUME_TYPES, limit, "resume")


def check_photo(upload: FileStorage, limit: int) -> CheckedFile:
    return _check("photo", upload, PHOTO_TYPES, limit, "photo")


def pasted_resume(text: str) -> CheckedFile:
    return CheckedFile(
        filename="resume.txt", content_type="text/plain", data=text.encode("utf-8"), pasted=True
    )


def collect_uploads(
    resume_file: FileStorage | None,
    resume_text: str,
    photo_file: FileStorage | None,
    *,
    max_resume_bytes: int,
    max_photo_bytes: int,
) -> tuple[CheckedFile, CheckedFile | None]:
    """The resume (a file or pasted text, exactly one) and the optional photo, checked."""
    if resume_file is not None and not resume_file.filename:
        resume_file = None  # an empty file input in a browser form
    if photo_file is not None and not photo_file.filename:
        photo_file = None
    if resume_file is not None and resume_text:
        raise UploadRejected("resume", 422, "Send either a resume file or resume_text, not both.")
    if resume_file is not None:
        resume = check_resume(resume_file, max_resume_bytes)
    elif resume_text:
        resume = pasted_resume(resume_text)
    else:
        raise UploadRejected("resume", 422, "Upload a resume file or paste resume_text.")
    photo = check_photo(photo_file, max_photo_bytes) if photo_file is not None else None
    return resume, photo
