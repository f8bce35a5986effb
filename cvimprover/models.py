"""Database models: users and their tokens, applications, stored documents, analyses."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from cvimprover.extensions import db


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def new_id() -> str:
    return uuid.uuid4().hex


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(255), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(255))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    plan: Mapped[str] = mapped_column(String(32), default="free")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    tokens: Mapped[list[ApiToken]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )
    applications: Mapped[list[Application]] = relationship(
        back_populates="user", cascade="all, delete-orphan", passive_deletes=True
    )


class ApiToken(db.Model):
    """A bearer token; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    # What the user called it on the account page ("" for tokens issued by the API log-in)
    name: Mapped[str] = mapped_column(String(100), default="", server_default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="tokens")


class ApplicationStatus:
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"
    ALL = (QUEUED, RUNNING, DONE, FAILED)
    PENDING = (QUEUED, RUNNING)


class Application(db.Model):
    """One CV submitted for one job: the questionnaire, its progress and outcome."""

    __tablename__ = "applications"
    # A retried POST with the same Idempotency-Key finds the first submission
    __table_args__ = (
        UniqueConstraint("user_id", "idempotency_key", name="uq_applications_idempotency_key"),
    )

    id: Mapped[str] = mapped_column(String(32), primary_key=True, default=new_id)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)

    position: Mapped[str] = mapped_column(String(255))
    industry: Mapped[str] = mapped_column(String(255))
    experience_level: Mapped[str] = mapped_column(String(8))
    company_size: Mapped[str] = mapped_column(String(16))
    location: Mapped[str] = mapped_column(String(255), default="")
    application_timeline: Mapped[str] = mapped_column(String(16))
    job_description: Mapped[str] = mapped_column(Text, default="")
    instructions: Mapped[str] = mapped_column(Text, default="")
    template: Mapped[str] = mapped_column(String(32), default="classic")

    status: Mapped[str] = mapped_column(String(16), default=ApplicationStatus.QUEUED, index=True)
    progress: Mapped[int] = mapped_column(default=0)
    stage: Mapped[str] = mapped_column(String(32), default="queued")
    error: Mapped[str | None] = mapped_column(Text)
    photo_error: Mapped[str | None] = mapped_column(Text)
    job_id: Mapped[str | None] = mapped_column(String(64), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(255))
    # Ids of the report's changes the user rejected; a re-render leaves them out
    rejected_changes: Mapped[list[str] | None] = mapped_column(JSON)

    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    started_at: Mapped[datetime | None]
    finished_at: Mapped[datetime | None]

    user: Mapped[User] = relationship(back_populates="applications")
    documents: Mapped[list[Document]] = relationship(
        back_populates="application", cascade="all, delete-orphan", passive_deletes=True
    )
    analysis: Mapped[Analysis | None] = relationship(
        back_populates="application", cascade="all, delete-orphan", passive_deletes=True
    )

    def document(self, kind: str) -> Document | None:
        return next((d for d in self.documents if d.kind == kind), None)


class DocumentKind:
    RESUME = "resume"
    PHOTO = "photo"  # as uploaded; replaced by its processed square once the photo job ran
    PHOTO_SQUARE = "photo_square"
    PDF = "pdf"
    PREVIEW = "preview"
    COVER_LETTER_PDF = "cover_letter_pdf"


class Document(db.Model):
    """A stored file. Kept in the database so any worker on any machine can read it."""

    __tablename__ = "documents"
    __table_args__ = (UniqueConstraint("application_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[str] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(32))
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(128))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    # Deferred: listing documents must not load every blob
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship(back_populates="documents")


class Analysis(db.Model):
    """The engine's report and the improved CV (as structured data) for one application."""

    __tablename__ = "analyses"

    application_id: Mapped[str] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    report: Mapped[dict] = mapped_column(JSON)
    improved: Mapped[dict] = mapped_column(JSON)
    cover_letter: Mapped[str] = mapped_column(Text, default="")
    score_before: Mapped[int]
    score_after: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    application: Mapped[Application] = relationship(back_populates="analysis")
