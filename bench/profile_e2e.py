"""Where POST -> done goes: a timeline of each submission through one idle worker, and a
cProfile of the work horse, on the real stack (bench/pipeline.py's Redis, SQLite and app).

    .venv/bin/python bench/profile_e2e.py [--runs 20] [--profile cprofile|sample]

The worker is the Procfile's class (jobs.worker.CVWorker) with timestamps added around
its steps: dequeue, fork, the horse's start, the job function, RQ's bookkeeping after
it, the horse's exit as the parent sees it. The client side stamps the POST and the poll
that first sees `done`. Per step it prints the median in milliseconds. With --profile the
horse's job runs under cProfile (top functions printed), or under a wall-clock stack
sampler (share of the job each function was on the stack); either slows the job a
little, so take the timeline from a run without it.
"""

from __future__ import annotations

import argparse
import collections
import cProfile
import json
import os
import pstats
import statistics
import subprocess
import sys
import tempfile
import threading
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


class Sampler:
    """Wall-clock sampling of the main thread every millisecond: how many samples each
    function was on the stack for (so waits on the database, Redis or a fork count too,
    which a CPU profile misses, and nothing is slowed the way cProfile slows it)."""

    def __init__(self) -> None:
        self.counts: collections.Counter = collections.Counter()
        self.main = threading.get_ident()
        self.running = True
        self.thread = threading.Thread(target=self.run, daemon=True)
        self.thread.start()

    def run(self) -> None:
        while self.running:
            frame = sys._current_frames().get(self.main)
            names = set()
            while frame is not None:
                code = frame.f_code
                path = code.co_filename.split("site-packages/")[-1].replace(str(ROOT) + "/", "")
                names.add(f"{path}:{code.co_name}")
                frame = frame.f_back
            self.counts.update(names)
            self.counts["(samples)"] += 1
            time.sleep(0.001)

    def stop(self) -> collections.Counter:
        self.running = False
        self.thread.join()
        return self.counts


def run_worker(redis_url: str, out: str, profile: str) -> None:
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
                if profile == "cprofile":
                    profiler = cProfile.Profile()
                    value = profiler.runcall(perform)
                    profiler.dump_stats(str(Path(out) / f"{job.id}.prof"))
                elif profile == "sample":
                    sampler = Sampler()
                    value = perform()
                    counts = sampler.stop()
                    (Path(out) / f"{job.id}.samples").write_text(json.dumps(counts))
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

        def wait_for_horse(self):
            pid, status, rusage = super().wait_for_horse()
            if rusage is not None:
                stamps["horse_cpu"] = rusage.ru_utime + rusage.ru_stime
                stamps["horse_faults"] = rusage.ru_minflt
            return pid, status, rusage

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
    parser.add_argument(
        "--profile",
        choices=["cprofile", "sample"],
        help="cProfile the horse's job, or sample its stack every millisecond (wall clock)",
    )
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(*args.worker, profile=args.profile or "")
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
        command += ["--profile", args.profile]
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
    cpu = [r["horse_cpu"] * 1000 for r in rows if "horse_cpu" in r]
    if cpu:  # the horse's own CPU time: far less swayed by the machine's load than wall time
        print(f"  {'work horse CPU time (user + system)':<36}{statistics.median(cpu):8.1f}")
        faults = statistics.median(r["horse_faults"] for r in rows if "horse_faults" in r)
        print(f"  {'work horse page faults (copy-on-write)':<36}{faults:8.0f}")
    if args.profile == "sample":
        total: collections.Counter = collections.Counter()
        for path in out.glob("*.samples"):
            total.update(json.loads(path.read_text()))
        samples = total.pop("(samples)", 1)
        print(f"\nwall-clock samples in the job function: share of {samples} (inclusive)")
        for name, count in total.most_common(70):
            print(f"  {count / samples * 100:5.1f} %  {name}")
    if args.profile == "cprofile":
        profiles = sorted(out.glob("*.prof"))[2:] or sorted(out.glob("*.prof"))
        stats = pstats.Stats(*map(str, profiles))
        stats.sort_stats("cumulative").print_stats(45)
        stats.sort_stats("tottime").print_stats(25)
    return 0


if __name__ == "__main__":
    sys.exit(main())
