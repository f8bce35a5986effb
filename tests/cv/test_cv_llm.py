"""The optional LLM rewrite against a local OpenAI-compatible server."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import pytest

from cvimprover.cv.llm import LLMSettings, scrub_personal
from cvimprover.cv.pipeline import JobTarget, improve
from tests.cv.chat_server import ChatServer

CV = """Ann Lee
ann.lee@example.com | +44 7700 900123 | Leeds, UK
Date of birth: 04/05/1990

EXPERIENCE
Analyst — Acme | 2019 – 2021
- Responsible for managing 3 monthly reports
- I built 4 dashboards in Tableau

SKILLS
Excel, Tableau
"""
TARGET = JobTarget("Data Analyst", "Retail", "3-5", job_description="Requirements: Tableau, SQL")


class Server(ChatServer):
    """ "ok" rewrites each line with a stronger opening, "invent" adds an employer and a
    number, "slow" answers after 1.5 s, "500" fails."""

    def __init__(self) -> None:
        self.mode = "ok"
        super().__init__(self.answer)

    def answer(self, request: dict) -> str | None:
        if self.mode == "500":
            return None
        if self.mode == "slow":
            time.sleep(1.5)
        lines = json.loads(request["messages"][1]["content"])["lines"]
        answer = []
        for line in lines:
            text = "Delivered " + line["text"][0].lower() + line["text"][1:]
            if self.mode == "invent":
                text += " at Globex for 250 clients"
            answer.append({"id": line["id"], "text": text})
        return "```json\n" + json.dumps({"lines": answer}) + "\n```"


@pytest.fixture
def server() -> Iterator[Server]:
    instance = Server()
    yield instance
    instance.close()


def _settings(server: Server, timeout: float = 5.0) -> LLMSettings:
    return LLMSettings(api_key="test-key", base_url=server.url, model="tiny", timeout=timeout)


def test_from_env() -> None:
    assert LLMSettings.from_env({}) is None
    settings = LLMSettings.from_env(
        {"LLM_API_KEY": "k", "LLM_BASE_URL": "http://x/v1/", "LLM_MODEL": "m", "LLM_TIMEOUT": "7"}
    )
    assert settings == LLMSettings("k", "http://x/v1", "m", 7.0)


def test_llm_success_and_no_personal_data_sent(server: Server) -> None:
    result = improve(CV.encode(), "resume.txt", TARGET, llm=_settings(server))
    assert result.report["engine"]["rewriter"] == "llm"
    assert result.report["engine"]["llm_fallback_reason"] is None
    bullets = result.document.section("experience").entries[0].bullets
    assert all(b.startswith("Delivered ") for b in bullets)
    sent = json.dumps(server.requests[0])
    assert server.requests[0]["path"] == "/v1/chat/completions"
    assert server.requests[0]["auth"] == "Bearer test-key"
    assert "ann.lee@example.com" not in sent and "7700" not in sent and "1990" not in sent


def test_llm_invented_facts_rejected(server: Server) -> None:
    server.mode = "invent"
    result = improve(CV.encode(), "resume.txt", TARGET, llm=_settings(server))
    assert result.report["engine"]["llm_rejected_lines"] >= 2
    markdown = result.report["improved_markdown"]
    assert "Globex" not in markdown and "250" not in markdown
    assert "Managed 3 monthly reports" in markdown  # the local rewrite is kept


@pytest.mark.parametrize(("mode", "reason"), [("500", "HTTP 500"), ("slow", "timed out")])
def test_llm_failures_fall_back(server: Server, mode: str, reason: str) -> None:
    server.mode = mode
    result = improve(CV.encode(), "resume.txt", TARGET, llm=_settings(server, timeout=0.3))
    engine = result.report["engine"]
    assert engine["rewriter"] == "local"
    assert reason in engine["llm_fallback_reason"]
    assert "Managed 3 monthly reports" in result.report["improved_markdown"]


def test_unreachable_server_falls_back() -> None:
    settings = LLMSettings("k", "http://127.0.0.1:9/v1", "m", 0.5)
    result = improve(CV.encode(), "resume.txt", TARGET, llm=settings)
    assert result.report["engine"]["llm_fallback_reason"].startswith("the language model")


def test_scrub_personal() -> None:
    text = scrub_personal("Call +34 612 345 678 or mail a@b.es; fecha de nacimiento: 1/2/1990")
    assert "612" not in text and "a@b.es" not in text and "1990" not in text
