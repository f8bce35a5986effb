"""Time one improvement from POST to `done`, with one real RQ worker (median of N).

Runs the real stack in-process: the Flask test client posts to the JSON API, a
separate `rq worker` process (the Procfile's worker command) does the work, and
the script polls the status route until the application is done. As a baseline
in the same run it times the engine and renderer alone, in-process, on the same
CV, so the ratio shows what queueing, storage and the worker cost on top.

    .venv/bin/python bench/improvement.py [--runs 20]
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

from cvimprover import create_app  # noqa: E402
from cvimprover.embedded_redis import redis_answers, start_embedded_redis  # noqa: E402
from cvimprover.extensions import db  # noqa: E402
from tests.support import sample_pdf  # noqa: E402

JOB = {
    "position": "Senior Python Engineer",
    "industry": "Fintech",
    "experience_level": "6+",
    "company_size": "medium",
    "application_timeline": "immediate",
    "job_description": "Python, PostgreSQL, Redis, Kubernetes, AWS, CI/CD; mentor engineers.",
}


def engine_only(resume: bytes) -> float:
    from cvimprover.cv.pipeline import JobTarget, improve
    from cvimprover.cv.render import render_pdf, render_preview

    fields = {k: v for k, v in JOB.items() if k != "company_size"}
    start = time.perf_counter()
    improvement = improve(resume, "cv.pdf", JobTarget(**fields))
    render_preview(render_pdf(improvement.document, "classic"))
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="cvimprover-bench-"))
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    redis_process = None
    if redis_answers(redis_url):
        redis_url = redis_url.rsplit("/", 1)[0] + "/12"
    else:
        redis_url, redis_process = start_embedded_redis(workdir / "redis", persist=False)
    database = f"sqlite:///{workdir / 'bench.sqlite3'}"
    env = dict(os.environ, REDIS_URL=redis_url, DATABASE_URL=database, LOG_LEVEL="WARNING")

    # Plan limits are off: twenty submissions would exceed the Free plan's day
    app = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=database,
        REDIS_URL=redis_url,
        RATE_LIMITS_ENABLED=False,
        LOG_LEVEL="WARNING",  # one JSON line per status poll would drown the figures
    )
    with app.app_context():
        from flask_migrate import upgrade

        upgrade()
        from redis import Redis

        Redis.from_url(redis_url).flushdb()
    worker = subprocess.Popen(
        [sys.executable, "-m", "rq.cli", "worker", "--url", redis_url, "--worker-class",
         "jobs.worker.CVWorker", "-q", "high", "default", "low"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    resume = sample_pdf()
    try:
        with app.app_context():
            client = app.test_client()
            token = client.post(
                "/api/v1/auth/register",
                json={"email": "bench@example.com", "password": "benchmark pw", "name": "Bench"},
            ).get_json()["token"]
            headers = {"Authorization": f"Bearer {token}"}
            time.sleep(2)  # let the worker finish starting (imports, app) before timing
            timings = []
            for _ in range(args.runs):
                data = JOB | {"resume": (io.BytesIO(resume), "cv.pdf")}
                start = time.perf_counter()
                created = client.post("/api/v1/applications", data=data, headers=headers)
                if created.status_code != 202:
                    print(f"submission refused: {created.get_json()}", file=sys.stderr)
                    return 1
                url = created.get_json()["status_url"]
                while True:
                    db.session.expire_all()
                    status = client.get(url, headers=headers).get_json()["status"]
                    if status in ("done", "failed"):
                        break
                    time.sleep(0.01)
                timings.append(time.perf_counter() - start)
                if status != "done":
                    print("an improvement failed; see the worker's log", file=sys.stderr)
                    return 1
        baseline = [engine_only(resume) for _ in range(args.runs)]
    finally:
        worker.terminate()
        worker.wait(10)
        if redis_process is not None:
            redis_process.terminate()

    post_to_done = statistics.median(timings)
    engine = statistics.median(baseline)
    print(f"runs: {args.runs}, one worker, SQLite, Redis at {redis_url}")
    print(f"POST to done, median: {post_to_done * 1000:.0f} ms (p90 "
          f"{statistics.quantiles(timings, n=10)[-1] * 1000:.0f} ms)")  # fmt: skip
    print(f"engine + render in-process, median: {engine * 1000:.0f} ms")
    print(f"ratio POST-to-done / in-process: {post_to_done / engine:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
