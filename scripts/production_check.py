"""Deploy as a platform would, then use it: the check that a production install starts.

A Heroku-style platform installs `requirements.txt` and nothing else, runs the
Procfile's `release` line, then starts `web`, `worker` and `scheduler` exactly as
written. `make test` cannot see a runtime dependency that only the test tools pull
in, so this script builds a clean virtual environment from `requirements.txt`
alone, does all of that against PostgreSQL and the local Redis with the
production configuration, submits one CV through the API, waits for `done`,
downloads the PDF and stops everything. Any step that fails exits non-zero.

Standard library only: it runs before anything is installed.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CV = ROOT / "tests" / "cv" / "fixtures" / "cvs" / "en_nurse.pdf"
DATABASE_ADMIN_URL = os.environ.get(
    "PRODUCTION_CHECK_DATABASE_ADMIN_URL", "postgresql://postgres@127.0.0.1:5432/postgres"
)
DATABASE_NAME = "cvimprover_production_check"
REDIS_URL = os.environ.get("PRODUCTION_CHECK_REDIS_URL", "redis://127.0.0.1:6379/11")
LONG_RUNNING = ("web", "worker", "scheduler")


def say(message: str) -> None:
    print(f"[production-check] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def procfile() -> dict[str, str]:
    """Process name -> command line, as the platform reads the Procfile."""
    processes = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, sep, command = line.partition(":")
        if sep and name.strip() and not name.startswith("#"):
            processes[name.strip()] = command.strip()
    return processes


def build_venv(folder: Path) -> Path:
    say(f"installing requirements.txt alone into {folder}")
    subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True)
    pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "-r", str(ROOT / "requirements.txt")], check=True)
    return folder / "bin" / "python"


def prepare_services(python: Path) -> str:
    """A fresh PostgreSQL database and an empty Redis db, using the installed clients."""
    script = f"""
import psycopg, redis
with psycopg.connect({DATABASE_ADMIN_URL!r}, autocommit=True) as conn:
    conn.execute('DROP DATABASE IF EXISTS {DATABASE_NAME} WITH (FORCE)')
    conn.execute('CREATE DATABASE {DATABASE_NAME}')
redis.Redis.from_url({REDIS_URL!r}).flushdb()
"""
    subprocess.run([str(python), "-c", script], check=True)
    return DATABASE_ADMIN_URL.rsplit("/", 1)[0] + "/" + DATABASE_NAME


def shell(command: str) -> list[str]:
    # The platform sources .profile before every process (it adapts REDIS_URL for TLS).
    return ["bash", "-c", f"source .profile && exec {command}"]


def request(method: str, url: str, *, token: str = "", body=None, content_type: str = ""):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = None
    if isinstance(body, dict):
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    elif body is not None:
        data = body
        headers["Content-Type"] = content_type
    req = urllib.request.Request(url, data=data, headers=headers, method=method)
    with urllib.request.urlopen(req, timeout=30) as response:
        return response.status, response.headers.get("Content-Type", ""), response.read()


def multipart(fields: dict[str, str], files: dict[str, tuple[str, bytes, str]]):
    boundary = uuid.uuid4().hex
    parts = []
    for name, value in fields.items():
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(head.encode() + value.encode() + b"\r\n")
    for name, (filename, data, kind) in files.items():
        head = (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
            f'filename="{filename}"\r\nContent-Type: {kind}\r\n\r\n'
        )
        parts.append(head.encode() + data + b"\r\n")
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def wait_for(base: str, processes: dict[str, subprocess.Popen], seconds: float = 90) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for name, process in processes.items():
            if process.poll() is not None:
                raise RuntimeError(f"`{name}` exited with {process.returncode} while starting")
        try:
            status, _, body = request("GET", f"{base}/readyz")
            if status == 200:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.5)
    raise RuntimeError(f"the web process did not become ready in {seconds:.0f} s")


def use_the_service(base: str, python: Path) -> None:
    email = f"release-{secrets.token_hex(4)}@example.com"
    status, _, body = request(
        "POST",
        f"{base}/api/v1/auth/register",
        body={"email": email, "password": "a long production password", "name": "Check"},
    )
    token = json.loads(body)["token"]
    say(f"registered {email} ({status})")
    fields = {
        "position": "Staff Nurse",
        "industry": "Healthcare",
        "experience_level": "3-5",
        "company_size": "medium",
        "application_timeline": "immediate",
        "job_description": "Registered nurse with ICU experience, patient care and BLS.",
    }
    data, kind = multipart(fields, {"resume": (CV.name, CV.read_bytes(), "application/pdf")})
    status, _, body = request(
        "POST", f"{base}/api/v1/applications", token=token, body=data, content_type=kind
    )
    application = json.loads(body)
    say(f"submitted application {application['id']} ({status})")
    deadline = time.monotonic() + 120
    state = {}
    while time.monotonic() < deadline:
        _, _, body = request("GET", f"{base}{application['status_url']}", token=token)
        state = json.loads(body)
        if state["status"] in ("done", "failed"):
            break
        time.sleep(0.5)
    if state.get("status") != "done":
        raise RuntimeError(f"the application did not finish: {state}")
    result = state["result"]
    say(f"done, score {result.get('score_before')} -> {result.get('score_after')}")
    status, content_type, pdf = request(
        "GET", f"{base}/api/v1/applications/{application['id']}/pdf", token=token
    )
    if not pdf.startswith(b"%PDF-") or "pdf" not in content_type:
        raise RuntimeError(f"the download is not a PDF ({content_type}, {len(pdf)} bytes)")
    # Read the PDF back with the installed engine: the person is still in it.
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        text = subprocess.run(
            [str(python), "-c", "import sys, pypdfium2 as p; d = p.PdfDocument(sys.argv[1]); "
             "print(''.join(d[i].get_textpage().get_text_range() for i in range(len(d))))",
             file.name],
            check=True, capture_output=True, text=True,
        ).stdout  # fmt: skip
    if len(text) < 200:
        raise RuntimeError(f"the PDF holds almost no text ({len(text)} characters)")
    say(f"downloaded the PDF: {len(pdf)} bytes, {len(text)} characters of text")


def stop(processes: dict[str, subprocess.Popen]) -> None:
    for process in processes.values():
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
    for name, process in processes.items():
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            say(f"`{name}` ignored SIGTERM; killing it")
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def main() -> int:
    lines = procfile()
    missing = [name for name in ("release", *LONG_RUNNING) if name not in lines]
    if missing:
        say(f"the Procfile has no {', '.join(missing)} line")
        return 1
    with tempfile.TemporaryDirectory(prefix="cvimprover-production-") as folder:
        folder = Path(folder)
        python = build_venv(folder / "venv")
        port = free_port()
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("VIRTUAL_ENV", "PYTHON", "FLASK_", "CVIMPROVER_"))
        }
        env |= {
            "PATH": f"{python.parent}{os.pathsep}{env.get('PATH', '')}",
            "CVIMPROVER_ENV": "production",
            "CVIMPROVER_INSTANCE": str(folder / "instance"),
            "SECRET_KEY": secrets.token_urlsafe(32),
            "DATABASE_URL": prepare_services(python),
            "REDIS_URL": REDIS_URL,
            "PORT": str(port),
            "WEB_CONCURRENCY": "2",
        }
        say(f"release: {lines['release']}")
        if subprocess.run(shell(lines["release"]), cwd=ROOT, env=env).returncode != 0:
            say("FAILED: the release line exited non-zero")
            return 1
        logs = {name: open(folder / f"{name}.log", "w+b") for name in LONG_RUNNING}  # noqa: SIM115
        processes: dict[str, subprocess.Popen] = {}
        try:
            for name in LONG_RUNNING:
                say(f"{name}: {lines[name]}")
                processes[name] = subprocess.Popen(
                    shell(lines[name]),
                    cwd=ROOT,
                    env=env,
                    stdout=logs[name],
                    stderr=subprocess.STDOUT,
                    start_new_session=True,
                )
            base = f"http://127.0.0.1:{port}"
            wait_for(base, processes)
            use_the_service(base, python)
            for name, process in processes.items():
                if process.poll() is not None:
                    raise RuntimeError(f"`{name}` exited with {process.returncode}")
        except Exception as exc:  # report, show the logs, and fail
            say(f"FAILED: {exc}")
            for name, log in logs.items():
                log.flush()
                log.seek(0)
                tail = log.read().decode(errors="replace").splitlines()[-40:]
                print(f"--- last lines of `{name}` ---", *tail, sep="\n", file=sys.stderr)
            return 1
        finally:
            stop(processes)
            for log in logs.values():
                log.close()
    say("passed: release ran, web, worker and scheduler served one CV end to end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
