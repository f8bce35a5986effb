"""Load test: submissions and status polling at steady rates against the real stack.

Starts, on loopback only, a Redis of its own, gunicorn, two RQ workers and the scheduler
from the Procfile's own lines (after its release step), then for each rate in --rates
submits CVs at that many per second for --step seconds. Every submission is polled once
a second until it is done, then its PDF is downloaded, as a client would. Per step it
prints throughput, p50/p95/p99 latency per route, errors, and time from POST to done;
at the end each process's memory at start and end, and the highest rate sustained: zero
errors (every request answered as expected, every submission done) with the workers
keeping up (95 % done within KEEPS_UP_SECONDS of their POST).

    .venv/bin/python bench/load.py [--rates 1,2,3,4] [--step 60] [--users 20]

Bounded: at most len(rates) x step seconds of load plus a drain per step, then it stops
everything it started.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from werkzeug.datastructures import FileStorage  # noqa: E402
from werkzeug.test import encode_multipart  # noqa: E402

from cvimprover.embedded_redis import free_port, redis_server_binary  # noqa: E402
from tests.support import SAMPLE_JOB, sample_pdf  # noqa: E402

JOB = SAMPLE_JOB
POLL_SECONDS = 1.0
DONE_TIMEOUT = 180.0  # a submission not done by then counts as an error
# A rate is sustained when, besides zero errors, the workers keep up: 95 % of CVs are
# done this soon after their POST (a growing queue would push it up without bound)
KEEPS_UP_SECONDS = 10.0


def procfile(name: str) -> str:
    for line in (ROOT / "Procfile").read_text().splitlines():
        key, _, command = line.partition(":")
        if key.strip() == name:
            return command.strip()
    raise KeyError(name)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except (OSError, IndexError):
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


class Stack:
    """Our own processes on loopback; stopped (SIGKILL to each group) by close()."""

    def __init__(self, workdir: Path, database_url: str | None) -> None:
        self.workdir = workdir
        self.redis_port = free_port()
        self.web_port = free_port()
        self.redis_url = f"redis://127.0.0.1:{self.redis_port}/0"
        self.database_url = database_url or f"sqlite:///{workdir / 'load.sqlite3'}"
        self.processes: dict[str, subprocess.Popen] = {}
        self.env = dict(
            os.environ,
            PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
            PYTHONPATH=str(ROOT),
            REDIS_URL=self.redis_url,
            DATABASE_URL=self.database_url,
            CVIMPROVER_ENV="development",
            SECRET_KEY="load-test-only",
            LOG_LEVEL="WARNING",  # a JSON line per request would cost more than the request
            AUTH_IP_LIMIT="100000",  # every client of the bench comes from 127.0.0.1
            PORT=str(self.web_port),
            WEB_CONCURRENCY="2",
            PYTHONWARNINGS="ignore",
        )

    def start(self, name: str, command: list[str] | str) -> subprocess.Popen:
        log = (self.workdir / f"{name}.log").open("wb")
        args = command if isinstance(command, list) else ["bash", "-c", f"exec {command}"]
        process = subprocess.Popen(
            args, cwd=ROOT, env=self.env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        log.close()
        self.processes[name] = process
        return process

    def up(self) -> None:
        self.start(
            "redis",
            [redis_server_binary(), "--port", str(self.redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction"],
        )  # fmt: skip
        time.sleep(0.3)
        release = subprocess.run(
            ["bash", "-c", procfile("release")], cwd=ROOT, env=self.env, capture_output=True
        )
        if release.returncode:
            raise SystemExit(f"release failed:\n{release.stderr.decode()[-2000:]}")
        self.start("web", procfile("web"))
        self.start("worker-1", procfile("worker"))
        self.start("worker-2", procfile("worker"))
        self.start("scheduler", procfile("scheduler"))
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request(self.web_port, "GET", "/healthz")[0] == 200:
                    break
            except OSError:
                pass
            time.sleep(0.3)
        else:
            raise SystemExit("gunicorn did not answer /healthz")
        time.sleep(5)  # workers import and warm up the engine before the first job

    def memory(self) -> dict[str, float]:
        """RSS in MB of each process, its children included (gunicorn's workers; an RQ
        worker's scheduler child and any work horse at that moment)."""
        return {
            name: rss_mb(process.pid) + sum(rss_mb(child) for child in children(process.pid))
            for name, process in self.processes.items()
        }

    def close(self) -> None:
        for process in self.processes.values():
            pids = children(process.pid)
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            for pid in pids:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            process.wait(10)


def request(
    port: int, method: str, path: str, body: bytes | None = None, headers: dict | None = None
) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    to_done: list[float] = field(default_factory=list)
    submitted: int = 0
    done: int = 0
    elapsed: float = 0.0  # from the first POST to the last answer, drain included
    lock: threading.Lock = field(default_factory=threading.Lock)

    def timed(self, route: str, port: int, method: str, path: str, expect: set[int], **kw):
        start = time.perf_counter()
        try:
            status, body = request(port, method, path, **kw)
        except OSError as exc:
            with self.lock:
                self.errors.append(f"{route}: {type(exc).__name__} {exc}")
            return None, b""
        elapsed = time.perf_counter() - start
        with self.lock:
            self.latencies[route].append(elapsed)
            if status not in expect:
                self.errors.append(f"{route}: HTTP {status} {body[:200]!r}")
        return status, body


def submission(port: int, token: str, resume: bytes, results: Results) -> None:
    auth = {"Authorization": f"Bearer {token}"}
    fields = {**JOB, "resume": FileStorage(stream=io.BytesIO(resume), filename="cv.pdf")}
    boundary, body = encode_multipart(fields)
    headers = auth | {"Content-Type": f"multipart/form-data; boundary={boundary}"}
    started = time.perf_counter()
    status, answer = results.timed(
        "POST /applications", port, "POST", "/api/v1/applications", {202}, body=body,
        headers=headers,
    )  # fmt: skip
    if status != 202:
        return
    with results.lock:
        results.submitted += 1
    url = json.loads(answer)["status_url"]
    while time.perf_counter() - started < DONE_TIMEOUT:
        time.sleep(POLL_SECONDS)
        status, answer = results.timed(
            "GET /applications/{id}", port, "GET", url, {200}, headers=auth
        )
        if status != 200:
            return
        state = json.loads(answer)["status"]
        if state == "done":
            with results.lock:
                results.to_done.append(time.perf_counter() - started)
                results.done += 1
            results.timed("GET /applications/{id}/pdf", port, "GET", url + "/pdf", {200},
                          headers=auth)  # fmt: skip
            return
        if state == "failed":
            with results.lock:
                results.errors.append(f"application {url} failed: {json.loads(answer)['error']}")
            return
    with results.lock:
        results.errors.append(f"application {url} not done within {DONE_TIMEOUT:.0f} s")


def percentile(values: list[float], share: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def run_step(port: int, tokens: list[str], rate: float, seconds: float) -> Results:
    results = Results()
    resume = sample_pdf()
    total = int(rate * seconds)
    start = time.monotonic()
    with ThreadPoolExecutor(max_workers=256) as pool:
        for index in range(total):
            due = start + index / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(submission, port, tokens[index % len(tokens)], resume, results)
        # leaving the block waits for every submission to be done (or time out)
    results.elapsed = time.monotonic() - start
    return results


def create_users(stack: Stack, count: int) -> list[str]:
    tokens = []
    for index in range(count):
        payload = json.dumps(
            {"email": f"load{index}@example.com", "password": "load test pw", "name": "Load"}
        ).encode()
        status, body = request(
            stack.web_port, "POST", "/api/v1/auth/register", payload,
            {"Content-Type": "application/json"},
        )  # fmt: skip
        if status != 201:
            raise SystemExit(f"register failed: {status} {body[:300]!r}")
        tokens.append(json.loads(body)["token"])
    # Premium: the Free plan allows five applications a day
    command = (
        "from wsgi import app\nfrom cvimprover.extensions import db\n"
        "from cvimprover.models import User\n"
        "with app.app_context():\n"
        "    db.session.execute(db.update(User).values(plan='premium'))\n"
        "    db.session.commit()\n"
    )
    subprocess.run([sys.executable, "-c", command], cwd=ROOT, env=stack.env, check=True)
    return tokens


def report(rate: float, seconds: float, results: Results) -> bool:
    requests_total = sum(len(v) for v in results.latencies.values())
    print(f"\n== {rate:g} submissions/s for {seconds:.0f} s ==")
    wall = results.elapsed or seconds
    print(f"submitted {results.submitted}, done {results.done}, errors {len(results.errors)}; "
          f"{requests_total} requests in {wall:.0f} s ({requests_total / wall:.1f}/s), "
          f"done {results.done / wall:.2f}/s")  # fmt: skip
    for route, values in sorted(results.latencies.items()):
        print(f"  {route:30} n={len(values):5}  p50 {percentile(values, .5) * 1000:7.1f} ms  "
              f"p95 {percentile(values, .95) * 1000:7.1f} ms  "
              f"p99 {percentile(values, .99) * 1000:7.1f} ms")  # fmt: skip
    if results.to_done:
        print(f"  POST to done                   p50 {percentile(results.to_done, .5):7.2f} s   "
              f"p95 {percentile(results.to_done, .95):7.2f} s   "
              f"p99 {percentile(results.to_done, .99):7.2f} s")  # fmt: skip
    for error in results.errors[:5]:
        print(f"  error: {error}")
    keeps_up = bool(results.to_done) and percentile(results.to_done, 0.95) <= KEEPS_UP_SECONDS
    if not keeps_up:
        print(f"  the workers fell behind: POST to done p95 over {KEEPS_UP_SECONDS:.0f} s")
    return not results.errors and results.done == int(rate * seconds) and keeps_up


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rates", default="1,2,3,4", help="submissions per second, per step")
    parser.add_argument("--step", type=float, default=60.0, help="seconds of load per step")
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--database-url", default=None, help="default: a SQLite file")
    args = parser.parse_args()
    rates = [float(r) for r in args.rates.split(",")]

    workdir = Path(tempfile.mkdtemp(prefix="cvimprover-load-"))
    stack = Stack(workdir, args.database_url)
    try:
        stack.up()
        tokens = create_users(stack, args.users)
        memory_start = stack.memory()
        sustained = None
        for rate in rates:
            results = run_step(stack.web_port, tokens, rate, args.step)
            if report(rate, args.step, results):
                sustained = max(sustained or 0, rate)
        memory_end = stack.memory()
        print("\nmemory (RSS, MB, children included): start -> end")
        for name in memory_start:
            print(f"  {name:10} {memory_start[name]:7.1f} -> {memory_end.get(name, 0):7.1f}")
        database = "SQLite" if args.database_url is None else "PostgreSQL"
        print(f"\nhighest rate sustained with zero errors and the workers keeping up: "
              f"{sustained or 0:g} submissions/s "
              f"(gunicorn x2, two RQ workers, {database}, {os.cpu_count()} cores, logs at "
              f"{workdir})")  # fmt: skip
    finally:
        stack.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
