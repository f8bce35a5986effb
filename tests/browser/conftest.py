"""The whole stack for browser tests: gunicorn on a free loopback port, real RQ worker
processes, the test Redis and database, and headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from redis import Redis

ROOT = Path(__file__).resolve().parents[2]
# Debian's chromium; never a browser downloaded by Playwright
CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def why_no_browser() -> str | None:
    """None when the browser tests can run, else the reason they cannot."""
    if not Path(CHROMIUM).is_file():
        return (
            f"no Chromium at {CHROMIUM}: install Debian's (apt-get install -y chromium) "
            "or set CHROMIUM to its path"
        )
    try:
        import axe_playwright_python  # noqa: F401
        import playwright.sync_api  # noqa: F401
    except ImportError as missing:
        return f"{missing.name} is not installed (pip install -r requirements-dev.txt)"
    return None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_answers(url: str, process: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(5)


class Stack:
    """The served app at `url`; `start_worker()` starts a real RQ worker process."""

    def __init__(self, url: str, env: dict[str, str], redis_url: str) -> None:
        self.url = url
        self.env = env
        self.redis_url = redis_url
        self.workers: list[subprocess.Popen] = []

    def start_worker(self) -> subprocess.Popen:
        rq = Path(sys.executable).with_name("rq")
        command = [str(rq), "worker", "--quiet", "--url", self.redis_url, "--worker-class"]
        command += ["jobs.worker.CVWorker", "high", "default", "low"]
        worker = subprocess.Popen(command, cwd=ROOT, env=self.env)
        self.workers.append(worker)
        return worker

    def stop_workers(self) -> None:
        while self.workers:
            stop(self.workers.pop())


@pytest.fixture(scope="module")
def stack(database_url: str, redis_url: str) -> Iterator[Stack]:
    """gunicorn serving wsgi:app as in the Procfile, on the test database and Redis."""
    client = Redis.from_url(redis_url)
    client.flushdb()
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CVIMPROVER_ENV": "development",
        "SECRET_KEY": "browser-test-secret",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": str(ROOT),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [str(gunicorn), "wsgi:app", "--bind", f"127.0.0.1:{port}", "--workers", "1"]
        + ["--threads", "4", "--log-level", "warning"],
        cwd=ROOT,
        env=env,
    )
    running = Stack(f"http://127.0.0.1:{port}", env, redis_url)
    try:
        wait_until_answers(running.url + "/login", server)
        yield running
    finally:
        running.stop_workers()
        stop(server)
        _empty_database(database_url)
        client.flushdb()
        client.close()


def _empty_database(url: str) -> None:
    """Leave the shared test database as the other tests expect it: empty."""
    from cvimprover import create_app
    from cvimprover.extensions import db

    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, REDIS_URL="redis://127.0.0.1:1/0")
    with app.app_context():
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        db.engine.dispose()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()
