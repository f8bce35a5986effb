"""The engine's front door: bytes of a CV plus a target job in, report and improved CV out."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from cvimprover.cv import analyse as analysis
from cvimprover.cv import cover_letter as letters
from cvimprover.cv import keywords, language, llm, parse, preserved, rewrite
from cvimprover.cv.document import CVDocument
from cvimprover.cv.errors import CVError, ExtractionError
from cvimprover.cv.extract import extract_document
from cvimprover.cv.llm import LLMSettings
from cvimprover.cv.markdown import to_markdown
from cvimprover.cv.normalise import normalise_text

__all__ = ["Improvement", "JobTarget", "LLMSettings", "improve"]

MIN_LETTERS = 40  # fewer letters than this and there is no CV to work on (likely a scan)


@dataclass
class JobTarget:
    position: str
    industry: str
    experience_level: str  # "0-2" | "3-5" | "6+"
    company_size: str = ""
    location: str = ""
    application_timeline: str = ""
    job_description: str = ""

    def questionnaire_text(self) -> str:
        """Everything the user told us, as text: facts from here may appear in the output."""
        return "\n".join(
            [self.position, self.industry, self.location, self.company_size, self.job_description]
        )


@dataclass
class Improvement:
    """The engine's answer: the report (a JSON-ready dict, described field by field by
    cvimprover/applications/report.py, which declares every key written below) and the
    improved CV. The cover letter is the report's, carried once."""

    report: dict
    document: CVDocument

    @property
    def cover_letter(self) -> str:
        return self.report["cover_letter"]


def _noop(percent: int, stage: str) -> None:
    return None


def improve(
    source: bytes,
    filename: str,
    target: JobTarget,
    *,
    instructions: str | None = None,
    progress: Callable[[int, str], None] | None = None,
    llm: LLMSettings | None = None,
) -> Improvement:
    """Analyse the CV in `source` against `target`, rewrite it faithfully and write a letter."""
    report_progress = progress or _noop
    report_progress(10, "extracting")
    extracted = extract_document(source, filename, report_progress)
    text = normalise_text(extracted.text)
    # Lines extraction left out (page numbers, running headers), cleaned like the text.
    furniture = [(normalise_text(line), reason) for line, reason in extracted.dropped]
    if sum(ch.isalpha() for ch in text) < MIN_LETTERS:
        problems = [p["reason"] for p in extracted.report().get("unreadable_pages", [])]
        raise ExtractionError(
            " ".join(problems[:1])
            or "We could not find any text in this CV. Upload a PDF, a DOCX, or paste the text.",
            code="no_text",
        )
    try:
        improvement = _improve_text(
            text, target, instructions, report_progress, llm, furniture, extracted.links
        )
        # Where the text came from (OCR, with its confidence, or the file's own text).
        improvement.report["extraction"] = extracted.report()
        return improvement
    except CVError:
        raise
    except RecursionError as exc:
        raise CVError("This CV is structured in a way we cannot read.", "unreadable") from exc


def _improve_text(
    text: str,
    target: JobTarget,
    instructions: str | None,
    report_progress: Callable[[int, str], None],
    llm_settings: LLMSettings | None,
    furniture: list[tuple[str, str]] | None = None,
    links: list[str] | None = None,
) -> Improvement:
    report_progress(20, "extracting")
    dropped: list[tuple[str, str]] = []
    document = parse.parse_cv(text, dropped, links)
    cv_language = language.detect_language(text)
    document.language = cv_language
    job_text = f"{target.position}\n{target.job_description}"
    # The application's language follows the job ad when there is one, else the CV.
    job_language = (
        language.detect_language(job_text, default=cv_language)
        if len(target.job_description) > 80
        else cv_language
    )
    report_progress(30, "analysing")
    terms = keywords.job_terms(target.position, target.job_description, job_language)
    before = analysis.analyse(document, terms, target.experience_level, job_language)
    report_progress(50, "analysing")

    report_progress(60, "rewriting")
    questionnaire = target.questionnaire_text()
    improved, changes = rewrite.rewrite(
        document,
        terms,
        position=target.position,
        industry=target.industry,
        instructions=instructions or "",
        job_description=target.job_description,
    )
    engine = {"rewriter": "local", "llm_fallback_reason": None}
    if llm_settings is not None and llm_settings.api_key:
        improved, llm_changes, engine = llm.polish(
            improved, source_text=text, questionnaire_text=questionnaire, settings=llm_settings
        )
        changes.extend(llm_changes)
    after = analysis.analyse(improved, terms, target.experience_level, job_language)
    letter = letters.write_cover_letter(
        improved, after.evidence, target, job_language, terms=terms, instructions=instructions or ""
    )
    if llm_settings is not None and llm_settings.api_key:
        letter, engine["letter"] = llm.polish_letter(
            letter, source_text=text, questionnaire_text=questionnaire, settings=llm_settings
        )
    report_progress(70, "rewriting")

    report = {
        "language": cv_language,
        "job_language": job_language,
        "score_before": before.score,
        "score_after": after.score,
        "score_parts": before.parts_report(),
        "score_parts_after": after.parts_report(),
        "contact": {
            "name": document.contact.name,
            "email": document.contact.email,
            "phone": document.contact.phone,
            "location": document.contact.location,
            "links": [{"label": ln.label, "url": ln.url} for ln in document.contact.links],
        },
        "sections": [{"kind": s.kind, "heading": s.heading} for s in document.sections],
        "score_help": analysis.score_help(job_language),
        "keywords": {
            "job": [t.to_dict() for t in terms],
            "matched": before.matched,
            "missing": before.missing,
            "evidence": [e.to_dict() for e in before.evidence],
        },
        "findings": [f.to_dict() for f in before.findings],
        "changes": changes,
        "preserved": preserved.account(text, improved, changes, dropped, furniture or []),
        "improved_markdown": to_markdown(improved),
        "cover_letter": letter,
        "engine": engine,
    }
    return Improvement(report=report, document=improved)


# One tiny CV and job ad per language: (CV, ad).
_WARM_UP = {
    "en": (
        "Jane Doe\njane@example.com\nEXPERIENCE\nEngineer, Acme, 2019 - 2024\n"
        "- Responsible for 3 Python services\nSKILLS\nPython, SQL",
        "Python, SQL and Kubernetes",
    ),
    "es": (
        "Juana Pérez\njuana@example.com\nEXPERIENCIA\nIngeniera, Acme, 2019 - 2024\n"
        "- Responsable de 3 servicios en Python\nHABILIDADES\nPython, SQL",
        "Python, SQL y Kubernetes",
    ),
}


def warm_up() -> None:
    """Run one tiny improvement per language, so word lists, vocabularies and regexes
    are loaded now. RQ workers call this before forking: otherwise every job pays
    ~0.5 s loading them again in its fresh work horse."""
    from wordfreq import zipf_frequency

    for code, (text, job) in _WARM_UP.items():
        zipf_frequency("python", code)  # loads that language's frequency list
        improve(text.encode("utf-8"), "warm-up.txt", JobTarget("Engineer", "Software", "3-5",
                job_description=job))  # fmt: skip
