"""The RQ worker class for CVImprover: heavy modules and the app loaded before any fork.

RQ forks a work horse per job; what the parent imported and loaded, every child has
for free. Without this each job would pay ~0.2 s importing reportlab, PDFium and
Pillow (STYLE.md), and more loading fonts and word lists.
"""

from __future__ import annotations

import gc

import docx  # noqa: F401
import PIL.Image  # noqa: F401
import pypdfium2  # noqa: F401
import reportlab.platypus  # noqa: F401
from rq import Worker

import jobs.improvement  # noqa: F401
import jobs.maintenance  # noqa: F401
import jobs.photo  # noqa: F401
import jobs.render  # noqa: F401
from cvimprover.cv import pipeline, render
from jobs.context import job_app

job_app()  # build the Flask app once in the parent
render.warm_up()  # fonts parsed, every template drawn once (~0.3 s a job otherwise)
pipeline.warm_up()  # word lists, vocabularies and regexes loaded (~0.5 s a job otherwise)
# Keep the garbage collector off everything loaded so far: a collection in a work
# horse would otherwise touch every inherited object and copy its memory pages.
gc.freeze()


class CVWorker(Worker):
    """rq's forking Worker, started with everything above already imported."""
