"""Pipeline benchmarks on the real stack: stages per CV, queue cost, worker scaling,
POST -> done, and worker memory over many jobs.

Starts its own Redis (loopback, no persistence) and a SQLite database in a temporary
directory; jobs run in real RQ workers (the Procfile's worker class). Every figure is
printed and written to docs/benchmarks.json.

    .venv/bin/python bench/pipeline.py [--e2e-runs 50] [--jobs 24] [--memory-jobs 1000]

1. stages: each CV of the fixture corpus runs through the real job function in this
   process; the time between progress reports gives extract, parse, analyse, rewrite,
   render and store (and the progress writes themselves).
2. queue: jobs per second through one RQ worker against the same job function in a
   loop in this process, and against the engine + renderer alone.
3. scaling: the same load through 1, 2 and 4 workers.
4. e2e: POST -> `done` with one idle worker, polled every 10 ms.
5. memory: the worker's RSS after 10 jobs and after --memory-jobs jobs.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from results import record, summary_ms  # noqa: E402

from cvimprover import create_app  # noqa: E402
from cvimprover.embedded_redis import start_embedded_redis  # noqa: E402
from cvimprover.extensions import db  # noqa: E402
from tests.support import SAMPLE_JOB, sample_pdf  # noqa: E402

JOB = SAMPLE_JOB
CORPUS = [ROOT / "tests/cv/fixtures/cvs", ROOT / "tests/corpus/cvs/tuned"]
MIME = {
    ".pdf": "application/pdf",
    ".txt": "text/plain",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
# Progress percent -> the stage whose work follows that report (jobs/improvement.py)
STAGE_AFTER = {5: "load", 10: "extract", 20: "parse", 30: "analyse", 50: "analyse",
               60: "rewrite", 70: "rewrite", 80: "render", 95: "store"}  # fmt: skip
STAGES = ["extract", "parse", "analyse", "rewrite", "render", "store", "progress", "load"]


class Stack:
    """Redis, SQLite, the app and a logged-in API client; workers started on demand."""

    def __init__(self) -> None:
        self.workdir = Path(tempfile.mkdtemp(prefix="cvimprover-bench-"))
        self.redis_url, self.redis = start_embedded_redis(self.workdir / "redis", persist=False)
        database = f"sqlite:///{self.workdir / 'bench.sqlite3'}"
        self.env = dict(
            os.environ, REDIS_URL=self.redis_url, DATABASE_URL=database, LOG_LEVEL="WARNING"
        )
        # Plan limits off: hundreds of submissions would exceed any plan's day
        self.app = create_app(
            "testing",
            SQLALCHEMY_DATABASE_URI=database,
            REDIS_URL=self.redis_url,
            RATE_LIMITS_ENABLED=False,
            LOG_LEVEL="WARNING",
        )
        self.context = self.app.app_context()
        self.context.push()
        from flask_migrate import upgrade

        upgrade()
        self.client = self.app.test_client()
        token = self.client.post(
            "/api/v1/auth/register",
            json={"email": "bench@example.com", "password": "benchmark pw", "name": "Bench"},
        ).get_json()["token"]
        self.headers = {"Authorization": f"Bearer {token}"}
        self.workers: list[subprocess.Popen] = []

    def submit(self, data: bytes, filename: str = "cv.pdf", mime: str = "application/pdf"):
        """POST one application; returns (id, status_url)."""
        from werkzeug.datastructures import FileStorage

        upload = FileStorage(io.BytesIO(data), filename=filename, content_type=mime)
        created = self.client.post(
            "/api/v1/applications", data=JOB | {"resume": upload}, headers=self.headers
        )
        if created.status_code != 202:
            raise SystemExit(f"submission refused: {created.get_json()}")
        body = created.get_json()
        return body["id"], body["status_url"]

    def start_workers(self, count: int, burst: bool = False) -> None:
        extra = ["--burst"] if burst else []
        for _ in range(count):
            self.workers.append(
                subprocess.Popen(
                    [
                        sys.executable,
                        "-m",
                        "rq.cli",
                        "worker",
                        "--url",
                        self.redis_url,
                        *extra,
                        "--worker-class",
                        "jobs.worker.CVWorker",
                        "high",
                        "default",
                        "low",
                    ],
                    cwd=ROOT,
                    env=self.env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )  # fmt: skip
            )

    def wait_workers_ready(self, count: int, timeout: float = 120) -> None:
        """Workers register in Redis after their warm-up (imports, fonts, OCR models)."""
        from redis import Redis
        from rq import Worker

        connection = Redis.from_url(self.redis_url)
        deadline = time.monotonic() + timeout
        while len(Worker.all(connection=connection)) < count:
            if time.monotonic() > deadline:
                raise SystemExit("workers did not start")
            time.sleep(0.1)

    def stop_workers(self) -> None:
        # SIGKILL: the workers are idle by now and ours; nothing of theirs needs saving
        for worker in self.workers:
            worker.kill()
        for worker in self.workers:
            worker.wait(30)
        self.workers = []

    def wait_done(self, ids: list[str], timeout: float = 900) -> None:
        from cvimprover.models import Application

        deadline = time.monotonic() + timeout
        while True:
            db.session.expire_all()
            rows = db.session.query(Application.status).filter(Application.id.in_(ids)).all()
            statuses = [str(getattr(r[0], "value", r[0])) for r in rows]
            if all(s in ("done", "failed") for s in statuses):
                if any(s == "failed" for s in statuses):
                    raise SystemExit("a job failed; see the worker's log")
                return
            if time.monotonic() > deadline:
                raise SystemExit("jobs did not finish in time")
            time.sleep(0.05)

    def empty_queues(self) -> None:
        from redis import Redis
        from rq import Queue

        connection = Redis.from_url(self.redis_url)
        for name in ("high", "default", "low"):
            Queue(name, connection=connection).empty()

    def close(self) -> None:
        self.stop_workers()
        self.context.pop()
        self.redis.terminate()
        self.redis.wait(10)


def corpus_files() -> list[Path]:
    return sorted(p for folder in CORPUS for p in folder.iterdir() if p.suffix in MIME)


def run_in_process(application_id: str) -> list[tuple[float, float, int]]:
    """Run the improvement job here (no queue, no fork); returns each progress report's
    (start, end, percent), timed around the report itself."""
    import jobs.improvement
    import jobs.lifecycle
    import jobs.rendering

    modules = (jobs.lifecycle, jobs.improvement, jobs.rendering)  # each imported it by name
    original = jobs.lifecycle.report_progress
    stamps: list[tuple[float, float, int]] = []

    def timed(application, percent: int, stage: str) -> None:
        started = time.perf_counter()
        original(application, percent, stage)
        stamps.append((started, time.perf_counter(), percent))

    for module in modules:
        module.report_progress = timed
    try:
        jobs.improvement.improve_application(application_id)
    finally:
        for module in modules:
            module.report_progress = original
    return stamps


def stage_times(stamps: list[tuple[float, float, int]]) -> dict[str, float]:
    times = dict.fromkeys(STAGES, 0.0)
    for (_, end, percent), (next_start, _, _) in zip(stamps, stamps[1:], strict=False):
        times[STAGE_AFTER[percent]] += next_start - end
    times["progress"] = sum(end - start for start, end, _ in stamps)
    return times


def bench_stages(stack: Stack, rounds: int) -> dict:
    files = corpus_files()
    per_stage: dict[str, list[float]] = {stage: [] for stage in STAGES}
    totals = []
    for _ in range(rounds):
        for path in files:
            application_id, _ = stack.submit(path.read_bytes(), path.name, MIME[path.suffix])
            stamps = run_in_process(application_id)
            for stage, seconds in stage_times(stamps).items():
                per_stage[stage].append(seconds)
            totals.append(stamps[-1][1] - stamps[0][0])
    stack.empty_queues()
    figures = {stage: summary_ms(values) for stage, values in per_stage.items()}
    figures["total"] = summary_ms(totals)
    figures["cvs"] = len(files)
    print(f"\n1. stages per CV, {len(files)} CVs x {rounds} (in-process job, SQLite)")
    print(f"{'stage':<10}{'median ms':>10}{'p95 ms':>10}")
    for stage in [*STAGES, "total"]:
        print(f"{stage:<10}{figures[stage]['median_ms']:>10.1f}{figures[stage]['p95_ms']:>10.1f}")
    return figures


def engine_only(resume: bytes) -> None:
    from cvimprover.cv.pipeline import JobTarget, improve
    from cvimprover.cv.render import render_pdf, render_preview

    fields = {k: v for k, v in JOB.items() if k != "company_size"}
    improvement = improve(resume, "cv.pdf", JobTarget(**fields))
    render_preview(render_pdf(improvement.document, "classic"))


def worker_rate(stack: Stack, workers: int, jobs: int, resume: bytes) -> float:
    """Jobs per second through `workers` workers: the queue is filled first, then the
    workers drain it; timed from the first job's start to the last one's end (RQ's own
    timestamps), so worker start-up is not counted."""
    from redis import Redis
    from rq.job import Job

    from cvimprover.models import Application

    ids = [stack.submit(resume)[0] for _ in range(jobs)]
    stack.start_workers(workers, burst=True)
    stack.wait_done(ids)
    for worker in stack.workers:
        worker.wait(60)  # burst workers leave once the queue is empty
    stack.workers = []
    connection = Redis.from_url(stack.redis_url)
    job_ids = [db.session.get(Application, i).job_id for i in ids]
    found = [Job.fetch(j, connection=connection) for j in job_ids]
    first = min(j.started_at for j in found)
    last = max(j.ended_at for j in found)
    return jobs / (last - first).total_seconds()


def bench_queue(stack: Stack, jobs: int, resume: bytes) -> tuple[dict, dict]:
    engine_only(resume)  # warm-up
    run_in_process(stack.submit(resume)[0])
    stack.empty_queues()
    rates: dict[str, list[float]] = {"engine": [], "in_process": [], "1": [], "2": [], "4": []}
    # Interleaved: in-process, 1, 2, 4 workers, then again in reverse order
    for order in (("engine", "in_process", "1", "2", "4"), ("4", "2", "1", "in_process", "engine")):
        for kind in order:
            if kind == "engine":
                started = time.perf_counter()
                for _ in range(jobs):
                    engine_only(resume)
                rates[kind].append(jobs / (time.perf_counter() - started))
            elif kind == "in_process":
                ids = [stack.submit(resume)[0] for _ in range(jobs)]
                stack.empty_queues()
                started = time.perf_counter()
                for application_id in ids:
                    run_in_process(application_id)
                rates[kind].append(jobs / (time.perf_counter() - started))
            else:
                rates[kind].append(worker_rate(stack, int(kind), jobs, resume))
    rate = {kind: statistics.mean(values) for kind, values in rates.items()}
    queue = {
        "jobs": jobs,
        "engine_jobs_per_s": round(rate["engine"], 2),
        "in_process_jobs_per_s": round(rate["in_process"], 2),
        "worker_jobs_per_s": round(rate["1"], 2),
        "queue_over_engine": round(rate["engine"] / rate["1"], 2),
        "queue_over_in_process": round(rate["in_process"] / rate["1"], 2),
    }
    scaling = {
        "jobs": jobs,
        "cores": os.cpu_count(),
        **{f"workers_{k}_jobs_per_s": round(rate[k], 2) for k in ("1", "2", "4")},
        "speedup_2": round(rate["2"] / rate["1"], 2),
        "speedup_4": round(rate["4"] / rate["1"], 2),
    }
    print(f"\n2. queue cost, {jobs} jobs per measure, mean of 2 interleaved rounds")
    print(f"engine + render in a loop:         {rate['engine']:6.2f} jobs/s")
    print(f"job function in a loop (DB too):   {rate['in_process']:6.2f} jobs/s")
    print(f"one RQ worker (fork per job):      {rate['1']:6.2f} jobs/s")
    print(f"worker time / engine time: {queue['queue_over_engine']:.2f}x, "
          f"/ in-process job: {queue['queue_over_in_process']:.2f}x")  # fmt: skip
    print(f"\n3. scaling on {os.cpu_count()} cores")
    for k in ("1", "2", "4"):
        print(f"{k} worker(s): {rate[k]:6.2f} jobs/s  ({rate[k] / rate['1']:.2f}x)")
    return queue, scaling


def bench_e2e(stack: Stack, runs: int, resume: bytes) -> dict:
    stack.start_workers(1)
    stack.wait_workers_ready(1)
    timings = []
    try:
        for _ in range(runs + 2):
            started = time.perf_counter()
            application_id, url = stack.submit(resume)
            while True:
                db.session.expire_all()
                status = stack.client.get(url, headers=stack.headers).get_json()["status"]
                if status in ("done", "failed"):
                    break
                time.sleep(0.01)
            if status != "done":
                raise SystemExit("an improvement failed; see the worker's log")
            timings.append(time.perf_counter() - started)
            time.sleep(0.05)  # the worker is idle again before the next POST
    finally:
        stack.stop_workers()
    figures = summary_ms(timings[2:])  # the first two warm the worker's connections
    print(f"\n4. POST -> done, one idle worker, {runs} runs: median {figures['median_ms']:.0f} ms,"
          f" p95 {figures['p95_ms']:.0f} ms")  # fmt: skip
    return figures


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def bench_memory(stack: Stack, jobs: int, resume: bytes) -> dict:
    stack.start_workers(1)
    stack.wait_workers_ready(1)
    pid = stack.workers[0].pid
    try:
        ids = [stack.submit(resume)[0] for _ in range(10)]
        stack.wait_done(ids)
        after_10 = rss_kib(pid)
        ids = []
        for _ in range(jobs - 10):
            ids.append(stack.submit(resume)[0])
        stack.wait_done(ids)
        after_all = rss_kib(pid)
    finally:
        stack.stop_workers()
    growth = (after_all - after_10) / after_10 * 100
    figures = {
        "jobs": jobs,
        "rss_after_10_mib": round(after_10 / 1024, 1),
        f"rss_after_{jobs}_mib": round(after_all / 1024, 1),
        "growth_percent": round(growth, 1),
    }
    print(f"\n5. worker RSS: {after_10 / 1024:.1f} MiB after 10 jobs, {after_all / 1024:.1f} MiB "
          f"after {jobs} ({growth:+.1f} %)")  # fmt: skip
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stage-rounds", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=24, help="jobs per throughput measure")
    parser.add_argument("--e2e-runs", type=int, default=50)
    parser.add_argument("--memory-jobs", type=int, default=1000)
    parser.add_argument("--only", default="stages,queue,e2e,memory")
    args = parser.parse_args()
    only = set(args.only.split(","))
    resume = sample_pdf()
    stack = Stack()
    try:
        if "stages" in only:
            record("stages", bench_stages(stack, args.stage_rounds))
        if "queue" in only:
            queue, scaling = bench_queue(stack, args.jobs, resume)
            record("queue", queue)
            record("scaling", scaling)
        if "e2e" in only:
            record("e2e", bench_e2e(stack, args.e2e_runs, resume))
        if "memory" in only:
            record("memory", bench_memory(stack, args.memory_jobs, resume))
    finally:
        stack.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
