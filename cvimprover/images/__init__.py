"""Image processing for CVs: the candidate's photo."""

from .photo import PhotoError, ProcessedPhoto, process_photo

__all__ = ["PhotoError", "ProcessedPhoto", "process_photo"]
