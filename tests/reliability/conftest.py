"""Fault tests run the real processes: a Redis server of our own (killed, flushed and
restarted at will), `rq worker` and the scheduler started from the Procfile's own lines,
and a slow local stand-in for the LLM API that makes a job last as long as we need."""

from __future__ import annotations

import contextlib
import http.server
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from redis import Redis
from redis.exceptions import RedisError

from cvimprover.embedded_redis import free_port, redis_server_binary
from cvimprover.extensions import db
from cvimprover.models import Application, ApplicationStatus

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def procfile_command(name: str) -> str:
    """The Procfile's command for process `name`, as the platform would run it."""
    for line in (ROOT / "Procfile").read_text().splitlines():
        key, _, command = line.partition(":")
        if key.strip() == name:
            return command.strip()
    raise KeyError(name)


class RedisServer:
    """A redis-server of our own on a free loopback port, without persistence."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [redis_server_binary(), "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.folder)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        client = Redis.from_url(self.url)
        deadline = time.monotonic() + 10
        while True:
            try:
                client.ping()
                break
            except RedisError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        client.close()

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)
        self.process = None


@dataclass
class Proc:
    name: str
    process: subprocess.Popen
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def children(self) -> list[tuple[int, int]]:
        """(pid, process group) of each child of this process."""
        found = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            with contextlib.suppress(OSError, IndexError, ValueError):
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                if int(fields[1]) == self.pid:
                    found.append((int(entry.name), int(fields[2])))
        return found

    def horses(self) -> list[int]:
        """An RQ worker's work horses: the children that lead their own process group
        (RQ's horse calls setpgrp; the --with-scheduler child does not)."""
        return [pid for pid, group in self.children() if pid == group]

    def kill(self, sig: int = signal.SIGKILL) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.send_signal(sig)

    def stop(self) -> None:
        """SIGKILL the process, its session and its children (a horse has its own group)."""
        children = [pid for pid, _ in self.children()]
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.pid, signal.SIGKILL)
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        self.process.wait(10)


class SlowLLM:
    """An OpenAI-compatible endpoint that answers after `delay` seconds with an error,
    so the engine falls back to its local rewrite: a job lasts about `delay` seconds."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                time.sleep(outer.delay)
                with contextlib.suppress(OSError):
                    self.send_response(503)
                    self.send_header("Content-Length", "0")
                    self.end_headers()

            def log_message(self, *args) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Stack:
    """Our Redis, our processes and the app the test talks through."""

    folder: Path
    redis: RedisServer
    database_url: str
    env: dict[str, str] = field(default_factory=dict)
    procs: list[Proc] = field(default_factory=list)
    llm: SlowLLM | None = None

    def process_env(self, **extra: str) -> dict[str, str]:
        env = {
            **os.environ,
            "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}",
            "PYTHONPATH": str(ROOT),
            "REDIS_URL": self.redis.url,
            "DATABASE_URL": self.database_url,
            "CVIMPROVER_ENV": "development",
            "CACHE_KEY_PREFIX": "cvimprover-test:cache:",
            "RATE_LIMITS_ENABLED": "true",
            "LOG_LEVEL": "INFO",
            "PYTHONWARNINGS": "ignore",
        }
        if self.llm is not None:
            env |= {"LLM_API_KEY": "test-key", "LLM_BASE_URL": self.llm.url}
        return env | self.env | extra

    def start(self, name: str, **extra: str) -> Proc:
        """Start the Procfile's process `name` (worker, scheduler, web)."""
        index = sum(p.name.startswith(name) for p in self.procs)
        log = self.folder / f"{name}-{index}.log"
        command = procfile_command(name)
        with log.open("wb") as out:  # the child keeps its own copy of the descriptor
            process = subprocess.Popen(
                ["bash", "-c", f"exec {command}"],
                cwd=ROOT,
                env=self.process_env(**extra),
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        proc = Proc(f"{name}-{index}", process, log)
        self.procs.append(proc)
        return proc

    def start_worker(self, **extra: str) -> Proc:
        """A worker, returned once it has registered in Redis (ready to take jobs)."""
        proc = self.start("worker", **extra)
        client = Redis.from_url(self.redis.url)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            assert proc.alive(), proc.log.read_text()[-3000:]
            with contextlib.suppress(RedisError):
                keys = client.smembers("rq:workers")
                if any(int(client.hget(key, "pid") or 0) == proc.pid for key in keys):
                    break
            time.sleep(0.1)
        else:
            raise AssertionError(f"worker did not start:\n{proc.log.read_text()[-3000:]}")
        client.close()
        return proc

    def stop_all(self) -> None:
        for proc in self.procs:
            proc.stop()
        self.procs.clear()

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.log.read_text()[-4000:]}" for p in self.procs)


@pytest.fixture
def stack(tmp_path, database_url, app) -> Iterator[Stack]:
    """A fresh Redis of our own, the test database, and processes started on demand.

    `app` (the suite's app fixture) empties the tables afterwards."""
    redis = RedisServer(tmp_path)
    redis.start()
    built = Stack(folder=tmp_path, redis=redis, database_url=database_url)
    yield built
    built.stop_all()
    if built.llm is not None:
        built.llm.close()
    redis.stop()


@pytest.fixture
def stack_app(stack, make_app):
    """An app bound to the stack's Redis, its context pushed over the suite's one."""
    fault_app = make_app(REDIS_URL=stack.redis.url, CACHE_KEY_PREFIX="cvimprover-test:cache:")
    with fault_app.app_context():
        yield fault_app
        db.session.remove()


def wait_until(
    predicate: Callable[[], bool], timeout: float, interval: float = 0.2, what: str = ""
) -> float:
    """Seconds until `predicate()` held; fails after `timeout`."""
    started = time.monotonic()
    while True:
        if predicate():
            return time.monotonic() - started
        if time.monotonic() - started > timeout:
            raise AssertionError(f"not within {timeout:.0f} s: {what}")
        time.sleep(interval)


def statuses(ids: list[str]) -> dict[str, str]:
    """Each application's status, read fresh from the database."""
    db.session.rollback()
    rows = db.session.execute(
        db.select(Application.id, Application.status).where(Application.id.in_(ids))
    ).all()
    return dict(rows)


def all_done(ids: list[str]) -> Callable[[], bool]:
    return lambda: set(statuses(ids).values()) == {ApplicationStatus.DONE}


class TcpProxy:
    """A loopback TCP proxy to the database that can be cut (every connection closed,
    new ones refused) and restored: the database unreachable, as a network fault is."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.port = free_port()
        self.listener: socket.socket | None = None
        self.connections: list[socket.socket] = []
        self.lock = threading.Lock()
        self.up()

    def up(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def down(self) -> None:
        listener, self.listener = self.listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)
            listener.close()
        with self.lock:
            for conn in self.connections:
                with contextlib.suppress(OSError):
                    conn.shutdown(socket.SHUT_RDWR)
                conn.close()
            self.connections.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                client.close()
                continue
            with self.lock:
                self.connections += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    @staticmethod
    def _pipe(source: socket.socket, sink: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while data := source.recv(65536):
                sink.sendall(data)
        with contextlib.suppress(OSError):
            sink.shutdown(socket.SHUT_WR)
