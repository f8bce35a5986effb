"""Requests per second of GET /api/v1/applications/<id> (done, report cached) under
gunicorn, against a bare Flask JSON route under the same gunicorn settings, same run.

Starts on loopback its own Redis, SQLite database, one RQ worker (to finish the one
application) and two gunicorn servers (2 sync workers each, as the Procfile); then
alternates short bursts against each server (--rounds of --seconds each) from --clients
client threads, and reports the medians and their ratio.

    .venv/bin/python bench/web.py [--rounds 3] [--seconds 3] [--clients 4]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
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

from results import record  # noqa: E402
from werkzeug.datastructures import FileStorage  # noqa: E402
from werkzeug.test import encode_multipart  # noqa: E402

from cvimprover.embedded_redis import free_port, start_embedded_redis  # noqa: E402
from tests.support import SAMPLE_JOB, sample_pdf  # noqa: E402

JOB = SAMPLE_JOB


def request(port: int, method: str, path: str, body=None, headers=None) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_http(port: int, path: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            request(port, "GET", path)
            return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"no answer on port {port}")


def burst(port: int, path: str, headers: dict, seconds: float, clients: int) -> float:
    """Requests per second answered 200 by `clients` threads for `seconds`."""
    counts = [0] * clients
    errors = []
    stop = time.monotonic() + seconds

    def client(index: int) -> None:
        while time.monotonic() < stop:
            status, _ = request(port, "GET", path, headers=headers)
            if status != 200:
                errors.append(status)
                return
            counts[index] += 1

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"requests failed with status {errors[0]}")
    return sum(counts) / (time.monotonic() - started)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="cvimprover-web-"))
    redis_url, redis = start_embedded_redis(workdir / "redis", persist=False)
    app_port, bare_port = free_port(), free_port()
    env = dict(
        os.environ,
        REDIS_URL=redis_url,
        DATABASE_URL=f"sqlite:///{workdir / 'web.sqlite3'}",
        CVIMPROVER_ENV="development",
        SECRET_KEY="web-bench-only",
        LOG_LEVEL="WARNING",  # a JSON line per request would cost more than the request
        RATE_LIMITS_ENABLED="false",
        PYTHONWARNINGS="ignore",
    )
    gunicorn = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind"]
    processes = []
    try:
        subprocess.run(
            [sys.executable, "-m", "flask", "--app", "wsgi", "db", "upgrade"],
            cwd=ROOT, env=env, check=True, capture_output=True,
        )  # fmt: skip
        for command in (
            [*gunicorn, f"127.0.0.1:{app_port}", "wsgi:app"],
            [*gunicorn, f"127.0.0.1:{bare_port}", "--chdir", str(ROOT / "bench"), "bare_app:app"],
            [sys.executable, "-m", "rq.cli", "worker", "--url", redis_url, "--worker-class",
             "jobs.worker.CVWorker", "high", "default", "low"],
        ):  # fmt: skip
            processes.append(
                subprocess.Popen(
                    command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )  # fmt: skip
            )
        wait_http(app_port, "/healthz")
        wait_http(bare_port, "/api/v1/applications/x")
        status, body = request(
            app_port, "POST", "/api/v1/auth/register",
            json.dumps({"email": "web@example.com", "password": "benchmark pw", "name": "W"}),
            {"Content-Type": "application/json"},
        )  # fmt: skip
        token = json.loads(body)["token"]
        headers = {"Authorization": f"Bearer {token}"}
        upload = FileStorage(
            stream=__import__("io").BytesIO(sample_pdf()),
            filename="cv.pdf",
            content_type="application/pdf",
        )
        boundary, payload = encode_multipart(JOB | {"resume": upload})
        content_type = f"multipart/form-data; boundary={boundary}"
        status, body = request(
            app_port, "POST", "/api/v1/applications", payload,
            headers | {"Content-Type": content_type},
        )  # fmt: skip
        if status != 202:
            raise SystemExit(f"submission refused: {body[:300]!r}")
        path = f"/api/v1/applications/{json.loads(body)['id']}"
        deadline = time.monotonic() + 120
        while json.loads(request(app_port, "GET", path, headers=headers)[1])["status"] != "done":
            if time.monotonic() > deadline:
                raise SystemExit("the application did not finish")
            time.sleep(0.2)
        burst(app_port, path, headers, 0.5, args.clients)  # warm caches and connections
        burst(bare_port, path, {}, 0.5, args.clients)
        ours, bare = [], []
        for _ in range(args.rounds):  # interleaved: the machine's load hits both alike
            ours.append(burst(app_port, path, headers, args.seconds, args.clients))
            bare.append(burst(bare_port, path, {}, args.seconds, args.clients))
    finally:
        for process in processes:  # ours, idle by now: nothing of theirs needs saving
            process.kill()
        for process in processes:
            process.wait(30)
        redis.terminate()
        redis.wait(10)
    figures = {
        "status_route_rps": round(statistics.median(ours), 1),
        "bare_flask_rps": round(statistics.median(bare), 1),
        "ratio": round(statistics.median(ours) / statistics.median(bare), 2),
        "clients": args.clients,
        "gunicorn_workers": 2,
    }
    print(f"\n6. web, gunicorn x2 sync workers, {args.clients} clients, median of {args.rounds}")
    print(f"GET /api/v1/applications/<id> (done, cached): {figures['status_route_rps']:8.1f} req/s")
    print(f"bare Flask JSON route:                        {figures['bare_flask_rps']:8.1f} req/s")
    print(f"ratio: {figures['ratio']:.2f}x")
    record("web", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
