"""docs/api.md's walk-through, run as written against a real server and a real worker."""

import os
import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from tests.support import pdf_text, sample_pdf

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "api.md"

pytestmark = pytest.mark.skipif(
    not (shutil.which("curl") and shutil.which("jq")), reason="the walk-through needs curl and jq"
)


def shell_blocks() -> list[str]:
    return re.findall(r"```sh\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)


@pytest.fixture
def server(app):
    http = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=http.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{http.server_port}/api/v1"
    http.shutdown()


@pytest.fixture
def worker(app, database_url, redis_url, tmp_path):
    env = dict(
        os.environ,
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CVIMPROVER_ENV="testing",
    )
    log = (tmp_path / "worker.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "rq.cli", "worker", "--url", redis_url,
         "--worker-class", "jobs.worker.CVWorker", "high", "default", "low"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    yield tmp_path / "worker.log"
    process.terminate()
    process.wait(20)
    log.close()


def test_walkthrough_runs_as_written(server, worker, tmp_path):
    (tmp_path / "cv.pdf").write_bytes(sample_pdf())
    script = "set -euo pipefail\n" + "\n".join(shell_blocks())
    result = subprocess.run(
        ["bash", "-c", script],
        cwd=tmp_path,
        env=dict(os.environ, BASE=server),
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stdout + result.stderr + worker.read_text()
    assert "classic" in result.stdout  # the templates listing
    assert re.search(r"^done 100% done$", result.stdout, flags=re.M), result.stdout
    assert '"Kubernetes"' in result.stdout  # the whole job description arrived
    assert result.stdout.strip().endswith("204")  # the delete
    assert "Ada Lovelace" in pdf_text((tmp_path / "improved-cv.pdf").read_bytes())
