"""The optional polish of the letter by an OpenAI-compatible model, against a small local
server speaking that protocol: reworded paragraphs are kept, any that adds a fact is not."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from cvimprover.cv.facts import invented_facts
from cvimprover.cv.llm import LETTER_PROMPT, LLMSettings, polish_letter
from cvimprover.cv.pipeline import JobTarget, improve
from tests.cv.chat_server import ChatServer

CV = """Ann Lee
ann.lee@example.com | +44 7700 900123 | Leeds, UK

EXPERIENCE
Data Analyst — Acme | 2019 – 2023
- Built 4 dashboards in Tableau used by 120 store managers
- Wrote SQL queries that cut the monthly close from 5 days to 2

SKILLS
Excel, Tableau, SQL
"""
TARGET = JobTarget(
    "Data Analyst",
    "Retail",
    "3-5",
    job_description="About Northwind\nAt Northwind, analysts work with stores.\n"
    "Requirements: Tableau, SQL, Excel\nNorthwind is growing.",
)


class Server(ChatServer):
    """Answers chat completions: "ok" rewords each paragraph, "invent" adds an employer and
    a number to each, "mixed" invents in the first paragraph only."""

    def __init__(self) -> None:
        self.mode = "ok"
        super().__init__(self.answer)

    def answer(self, request: dict) -> str:
        lines = json.loads(request["messages"][1]["content"])["lines"]
        letter = request["messages"][0]["content"] == LETTER_PROMPT
        answer = []
        for index, line in enumerate(lines):
            text = line["text"]
            if letter:
                text = "In short, " + text[0].lower() + text[1:]
                if self.mode == "invent" or (self.mode == "mixed" and index == 0):
                    text += " I also led 30 people at Globex."
            answer.append({"id": line["id"], "text": text})
        return json.dumps({"lines": answer})


@pytest.fixture
def server() -> Iterator[Server]:
    instance = Server()
    yield instance
    instance.close()


def _settings(server: Server) -> LLMSettings:
    return LLMSettings(api_key="test-key", base_url=server.url, model="tiny", timeout=5.0)


def test_local_letter_stands_on_its_own() -> None:
    letter = improve(CV.encode(), "cv.txt", TARGET).cover_letter
    assert "Northwind" in letter
    assert "Built 4 dashboards" not in letter  # quoted inside a sentence, not pasted
    assert "at Acme, I built 4 dashboards in Tableau used by 120 store managers" in letter
    assert "SQL" in letter and "Tableau" in letter
    assert invented_facts(letter, CV, TARGET.questionnaire_text()) == []


def test_polish_keeps_reworded_paragraphs(server: Server) -> None:
    result = improve(CV.encode(), "cv.txt", TARGET, llm=_settings(server))
    letter = result.cover_letter
    assert result.report["engine"]["letter"]["llm_rejected_lines"] == 0
    assert result.report["cover_letter"] == letter
    paragraphs = letter.strip().split("\n\n")
    assert all(p.startswith("In short, ") for p in paragraphs[1:-1])
    assert paragraphs[0] == "Dear Hiring Manager," and paragraphs[-1].endswith("Ann Lee")
    sent = [r for r in server.requests if r["messages"][0]["content"] == LETTER_PROMPT]
    assert len(sent) == 1 and "Dear Hiring Manager" not in json.dumps(sent[0])


def test_polish_rejects_every_paragraph_that_adds_a_fact(server: Server) -> None:
    local = improve(CV.encode(), "cv.txt", TARGET).cover_letter
    server.mode = "invent"
    result = improve(CV.encode(), "cv.txt", TARGET, llm=_settings(server))
    assert result.cover_letter == local
    assert result.report["engine"]["letter"]["llm_rejected_lines"] == len(
        local.strip().split("\n\n")[1:-1]
    )


def test_polish_keeps_the_clean_paragraphs_only(server: Server) -> None:
    server.mode = "mixed"
    local = improve(CV.encode(), "cv.txt", TARGET).cover_letter
    polished, report = polish_letter(
        local, source_text=CV, questionnaire_text=TARGET.questionnaire_text(),
        settings=_settings(server),
    )  # fmt: skip
    assert report["llm_rejected_lines"] == 1
    assert "Globex" not in polished and "30" not in polished
    body = polished.strip().split("\n\n")[1:-1]
    assert body[0] == local.strip().split("\n\n")[1]
    assert all(p.startswith("In short, ") for p in body[1:])


def test_polish_falls_back_when_the_model_is_unreachable() -> None:
    local = improve(CV.encode(), "cv.txt", TARGET).cover_letter
    settings = LLMSettings("k", "http://127.0.0.1:9/v1", "m", 0.5)
    polished, report = polish_letter(
        local, source_text=CV, questionnaire_text="", settings=settings
    )
    assert polished == local
    assert report["llm_fallback_reason"].startswith("the language model")
