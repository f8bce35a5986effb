"""Where POST -> done goes: a timeline of each submission through one idle worker, and a
cProfile of the work horse, on the real stack (bench/pipeline.py's Redis, SQLite and app).

    .venv/bin/python bench/profile_e2e.py [--runs 20] [--profile]

The worker is the Procfile's class (jobs.worker.CVWorker) with timestamps added around
its steps: dequeue, fork, the horse's start, the job function, RQ's bookkeeping after
it, the horse's exit as the parent sees it. The client side stamps the POST and the poll
that first sees `done`. Per step it prints the median in milliseconds. With --profile the
horse's job runs under cProfile and the top functions (cumulative) are printed; the
profile slows the job, so the timeline is taken without it.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

STEPS = [
    ("post", "POST answered", "post_start", "post_end"),
    ("pickup", "POST answered -> dequeued", "post_end", "dequeued"),
    ("fork", "dequeued -> horse running", "dequeued", "horse_start"),
    ("prepare", "horse running -> job function", "horse_start", "function_start"),
    ("function", "job function", "function_start", "function_end"),
    ("rq_after", "job function -> horse exits", "function_end", "horse_end"),
    ("reap", "horse exits -> parent reaped", "horse_end", "reaped"),
    ("seen", "function end -> client sees done", "function_end", "seen"),
    ("total", "POST -> client sees done", "post_start", "seen"),
]


def run_worker(redis_url: str, out: str, profile: bool) -> None:
    """The worker process: CVWorker with stamps written to `out`/<job id>.json."""
    from jobs.worker import CVWorker

    stamps: dict[str, float] = {}

    def write(job_id: str) -> None:
        path = Path(out) / f"{job_id}.json"
        old = json.loads(path.read_text()) if path.exists() else {}
        path.write_text(json.dumps(old | stamps))

    class StampingWorker(CVWorker):
        def dequeue_job_and_maintain_ttl(self, *args, **kwargs):
            result = super().dequeue_job_and_maintain_ttl(*args, **kwargs)
            stamps.clear()
            stamps["dequeued"] = time.time()
            return result

        def fork_work_horse(self, job, queue):
            stamps["forking"] = time.time()
            super().fork_work_horse(job, queue)

        def main_work_horse(self, job, queue):
            stamps["horse_start"] = time.time()
            perform = job.perform

            def timed_perform():
                stamps["function_start"] = time.time()
                if profile:
                    profiler = cProfile.Profile()
                    value = profiler.runcall(perform)
                    profiler.dump_stats(str(Path(out) / f"{job.id}.prof"))
                else:
                    value = perform()
                stamps["function_end"] = time.time()
                return value

            job.perform = timed_perform
            real_exit = os._exit

            def stamped_exit(code):
                stamps["horse_end"] = time.time()
                write(job.id)
                real_exit(code)

            os._exit = stamped_exit
            super().main_work_horse(job, queue)

        def monitor_work_horse(self, job, queue, execution):
            super().monitor_work_horse(job, queue, execution)
            stamps["reaped"] = time.time()
            write(job.id)

    from redis import Redis

    from cvimprover.queues import redis_connection

    connection: Redis = redis_connection(redis_url)
    worker = StampingWorker(["high", "default", "low"], connection=connection)
    worker.work(logging_level="WARNING")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--profile", action="store_true", help="cProfile the horse's job")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(*args.worker, profile=args.profile)
        return 0

    from pipeline import Stack

    from cvimprover.extensions import db
    from cvimprover.models import Application
    from tests.support import sample_pdf

    resume = sample_pdf()
    out = Path(tempfile.mkdtemp(prefix="cvimprover-profile-"))
    stack = Stack()
    command = [sys.executable, __file__, "--worker", stack.redis_url, str(out)]
    if args.profile:
        command.append("--profile")
    worker = subprocess.Popen(command, cwd=ROOT, env=stack.env)
    rows = []
    try:
        stack.workers.append(worker)
        stack.wait_workers_ready(1)
        for _ in range(args.runs + 2):
            client = {"post_start": time.time()}
            application_id, url = stack.submit(resume)
            client["post_end"] = time.time()
            while True:
                db.session.expire_all()
                status = stack.client.get(url, headers=stack.headers).get_json()["status"]
                if status in ("done", "failed"):
                    break
                time.sleep(0.01)
            client["seen"] = time.time()
            if status != "done":
                raise SystemExit("an improvement failed")
            time.sleep(0.2)  # the parent writes its stamps after reaping the horse
            job_id = db.session.get(Application, application_id).job_id
            rows.append(client | json.loads((out / f"{job_id}.json").read_text()))
            time.sleep(0.05)
    finally:
        stack.close()
    rows = rows[2:]  # the first two warm the worker's connections
    print(f"\nPOST -> done, one idle worker, {len(rows)} runs (median ms)")
    for _, label, start, end in STEPS:
        values = [(r[end] - r[start]) * 1000 for r in rows if start in r and end in r]
        if values:
            print(f"  {label:<36}{statistics.median(values):8.1f}")
    if args.profile:
        profiles = sorted(out.glob("*.prof"))[2:] or sorted(out.glob("*.prof"))
        stats = pstats.Stats(*map(str, profiles))
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
