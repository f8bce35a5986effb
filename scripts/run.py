"""`make run`: Redis (yours, or an embedded one), migrations, then web + worker + scheduler."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cvimprover.embedded_redis import redis_answers, start_embedded_redis  # noqa: E402


def main() -> int:
    instance = Path(os.environ.get("CVIMPROVER_INSTANCE", ROOT / "instance"))
    instance.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, CVIMPROVER_INSTANCE=str(instance))

    redis_process = None
    url = env.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    if redis_answers(url):
        print(f"Using the Redis at {url}")
    else:
        url, redis_process = start_embedded_redis(instance / "redis")
        print(f"No Redis answered; started an embedded one at {url} (data in {instance / 'redis'})")
    env["REDIS_URL"] = url

    secret_file = instance / "secret_key"
    if "SECRET_KEY" not in env:
        if not secret_file.exists():
            secret_file.write_text(secrets.token_urlsafe(48))
            secret_file.chmod(0o600)
        env["SECRET_KEY"] = secret_file.read_text().strip()

    port = env.setdefault("PORT", "5000")
    bin_dir = Path(sys.executable).parent
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    try:
        migrate = [bin_dir / "flask", "--app", "wsgi", "db", "upgrade"]
        subprocess.run(migrate, env=env, cwd=ROOT, check=True)
        print(f"\n  CVImprover is starting: open http://127.0.0.1:{port}/\n", flush=True)
        # honcho would also run `release`; start the long-running processes by name
        processes = ["web", "worker", "scheduler"]
        honcho = [bin_dir / "honcho", "start", "-f", "Procfile", "-p", port, *processes]
        return subprocess.call(honcho, env=env, cwd=ROOT)
    except KeyboardInterrupt:
        return 0
    finally:
        if redis_process is not None:
            redis_process.terminate()
            redis_process.wait(10)


if __name__ == "__main__":
    sys.exit(main())
