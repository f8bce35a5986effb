"""The RQ worker class for CVImprover: heavy modules and the app loaded before any fork.

RQ forks a work horse per job; what the parent imported, every child has for
free. Without this each job would pay ~0.2 s importing reportlab, PDFium and
Pillow (STYLE.md).
"""

from __future__ import annotations

import docx  # noqa: F401
import PIL.Image  # noqa: F401
import pypdfium2  # noqa: F401
import reportlab.platypus  # noqa: F401
from rq import Worker

import jobs.improvement  # noqa: F401
import jobs.maintenance  # noqa: F401
import jobs.photo  # noqa: F401
import jobs.render  # noqa: F401
from jobs.context import job_app

job_app()  # build the Flask app once in the parent


class CVWorker(Worker):
    """rq's forking Worker, started with everything above already imported."""
