"""The RQ worker class for CVImprover: heavy modules and the app loaded before any fork.

RQ forks a work horse per job; what the parent imported and loaded, every child has
for free. Without this each job would pay ~0.2 s importing reportlab, PDFium and
Pillow, and more loading fonts and word lists.
"""

from __future__ import annotations

import gc
import logging
import os
import signal
import time
import uuid

import docx  # noqa: F401
import PIL.Image  # noqa: F401
import pypdfium2  # noqa: F401
import reportlab.platypus  # noqa: F401
from redis.exceptions import RedisError
from rq import Worker
from rq.exceptions import StopRequested
from rq.utils import now

import jobs.improvement  # noqa: F401
import jobs.maintenance  # noqa: F401
import jobs.photo  # noqa: F401
import jobs.render  # noqa: F401
import jobs.rendering  # noqa: F401
from cvimprover.cv import ocr, pipeline, render
from cvimprover.extensions import db
from jobs.context import job_app

log = logging.getLogger("jobs.worker")


def warm_database(app) -> None:
    """Run an improvement's database work once here, on a sample CV, in one transaction
    that is rolled back (its commits are flushes), so nothing is stored.

    SQLAlchemy compiles each statement and builds each row loader the first time a
    process runs it, and caches them in that process. A work horse forked from a parent
    that never ran them did it all again in every job. A database that cannot be
    reached now only leaves the horses cold: the worker starts anyway. The language model,
    when one is configured, is left out: a warm-up must not call an outside service."""
    from cvimprover.cv.render.samples import sample_cv
    from cvimprover.documents import CheckedFile, store_document
    from cvimprover.models import Application, ApplicationStatus, DocumentKind, User, utcnow
    from jobs.improvement import _improve
    from jobs.lifecycle import report_progress

    quiet = logging.getLogger("jobs")
    level = quiet.level
    quiet.setLevel(logging.WARNING)  # no stage lines for an application that never exists
    llm_key = app.config.get("LLM_API_KEY")
    app.config["LLM_API_KEY"] = ""  # the sample is never sent to a language model
    try:
        with app.app_context():
            session = db.session()
            session.commit = session.flush  # type: ignore[method-assign]
            try:
                user = User(email=f"warm-up-{uuid.uuid4().hex}@invalid", name="", password_hash="!")
                application = Application(
                    user=user, position="Engineer", industry="Software", experience_level="3-5",
                    company_size="medium", application_timeline="immediate",
                    job_description="Python, PostgreSQL and Redis.", template="classic",
                )  # fmt: skip
                resume = render.render_pdf(sample_cv(), "classic")
                upload = CheckedFile("cv.pdf", "application/pdf", resume)
                store_document(application, DocumentKind.RESUME, upload)
                session.add(application)
                session.flush()
                application_id = application.id
                session.expunge_all()  # read back as a job does, with its own queries
                application = session.get(Application, application_id)
                application.status = ApplicationStatus.RUNNING
                application.started_at = utcnow()
                report_progress(application, 5, "starting")
                _improve(app, application)
            finally:
                session.rollback()
                del session.commit
                db.session.remove()
    except Exception as exc:  # noqa: BLE001 - a warm-up must never stop the worker
        log.warning("database warm-up skipped (%s: %s)", type(exc).__name__, exc)
    finally:
        app.config["LLM_API_KEY"] = llm_key
        quiet.setLevel(level)


job_app()  # build the Flask app once in the parent
render.warm_up()  # fonts parsed, every template drawn once (~0.3 s a job otherwise)
pipeline.warm_up()  # word lists, vocabularies and regexes loaded (~0.5 s a job otherwise)
# OCR models imported and loaded (~1 s, ~100 MB, shared by every job) but not run: a first
# run grows onnxruntime's scratch arena by ~200 MB, and a parent that large costs every
# job, OCR or not, ~10 ms more to fork and ~20 ms more to tear down (page tables); the
# rare scanned CV pays ~0.15 s for its first page instead.
ocr.engine()
warm_database(job_app())  # statements compiled, loaders built (~10-20 ms a job otherwise)
# Keep the garbage collector off everything loaded so far: a collection in a work
# horse would otherwise touch every inherited object and copy its memory pages.
gc.freeze()


# While a job runs, the worker beats this often, so the scheduler's recovery sweep can
# tell a lost worker (SIGKILL, machine gone) in seconds, not after RQ's 7-minute TTL
HEARTBEAT_SECONDS = int(os.environ.get("WORKER_HEARTBEAT_SECONDS", "5"))
# Pause before working again after the work loop quit on a lost Redis
RESTART_PAUSE_SECONDS = 1.0


class CVWorker(Worker):
    """rq's forking Worker, started with everything above already imported, that beats
    often while a job runs and keeps working after Redis restarts."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.job_monitoring_interval = min(self.job_monitoring_interval, HEARTBEAT_SECONDS)

    def maintain_heartbeats(self, job, execution) -> None:
        # The heartbeat is advisory: Redis restarting mid-job must not make the worker
        # quit while its work horse goes on and finishes the job (the database is the truth)
        try:
            super().maintain_heartbeats(job, execution)
        except RedisError as exc:
            self.log.warning("Worker %s: heartbeat not sent (%s)", self.name, exc)

    def work(self, burst: bool = False, **kwargs) -> bool:
        """rq's work loop, entered again when it quits on its own (Redis lost mid-job is
        the usual cause) instead of leaving the process for a supervisor to restart."""
        worked = False
        while True:
            try:
                worked = super().work(burst=burst, **kwargs) or worked
            except StopRequested:
                return worked
            except RedisError as exc:  # teardown itself could not reach Redis
                self.log.warning("Worker %s: lost Redis (%s)", self.name, exc)
            bounded = kwargs.get("max_jobs") is not None or kwargs.get("max_idle_time") is not None
            if burst or bounded or self._stopping():
                return worked
            try:
                self._wait_for_redis()
            except StopRequested:
                return worked
            scheduler = getattr(self, "scheduler", None)
            process = getattr(scheduler, "_process", None)
            if process is not None and process.is_alive():
                kwargs["with_scheduler"] = False  # its scheduler process outlived the outage
            self.log.warning("Worker %s: working again", self.name)

    def bootstrap(self, *args, **kwargs) -> None:
        """rq registers the worker here but installs its signal handlers only after the
        scheduler process has started; a SIGTERM in between would kill the process with
        its registration left behind. Until rq's handlers are in, a signal is remembered."""
        self._early_signals: list[int] = []
        self._starting_pid = os.getpid()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, self._remember_signal)
        super().bootstrap(*args, **kwargs)

    def _remember_signal(self, signum, frame) -> None:
        if os.getpid() != self._starting_pid:
            # The scheduler process forked while this handler was in place and has not
            # installed its own yet: the signal is for it, so it ends as by default
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        self._early_signals.append(signum)

    def _install_signal_handlers(self) -> None:
        super()._install_signal_handlers()
        if getattr(self, "_early_signals", None):
            self.log.info("Worker %s: stopping on a signal received while starting", self.name)
            self._shutdown_requested_date = now()
            self._stop_requested = True  # the loop stops before its first dequeue

    def _stopping(self) -> bool:
        """Whether a warm or cold shutdown was asked for. An idle worker's SIGTERM ends
        rq's loop without setting `_stop_requested` (only a busy one sets it), so the
        request's date is the reliable sign; without it the loop would start again."""
        return self._stop_requested or self._shutdown_requested_date is not None

    def _wait_for_redis(self) -> None:
        while not self._stopping():
            time.sleep(RESTART_PAUSE_SECONDS)
            try:
                self.connection.ping()
                # A previous registration left without its death (Redis was down then)
                # would make register_birth refuse this name
                self.register_death()
                return
            except RedisError:
                continue
