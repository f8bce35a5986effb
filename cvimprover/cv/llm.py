"""Optional rewrite by an OpenAI-compatible model; every line it returns is fact-checked."""

from __future__ import annotations

import copy
import json
import re
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

from cvimprover.cv.document import CVDocument
from cvimprover.cv.facts import invented_facts
from cvimprover.cv.header import EMAIL, PHONE

SYSTEM_PROMPT = (
    "You edit CV bullet points and summaries. Improve wording only: start with a strong action "
    "verb, remove first-person pronouns, keep one tense, keep each line under 30 words. "
    "NEVER add a number, date, employer, degree, certification, tool or skill that is not in "
    "the line you are given. Keep the line's language (English or Spanish). "
    'Answer with JSON only: {"lines": [{"id": "...", "text": "..."}]} with the same ids.'
)
LETTER_PROMPT = (
    "You polish the paragraphs of a cover letter. Improve flow and wording only; keep each "
    "paragraph one line, in its language (English or Spanish), about as long as it is. "
    "NEVER add a number, date, employer, degree, certification, tool, skill or achievement "
    "that is not in the paragraph you are given, and keep every one that is. "
    'Answer with JSON only: {"lines": [{"id": "...", "text": "..."}]} with the same ids.'
)
_DOB = re.compile(
    r"(?:date of birth|d\.?o\.?b\.?|born|fecha de nacimiento|nacid[oa])\s*:?\s*[^\n,;|]*",
    re.IGNORECASE,
)


@dataclass
class LLMSettings:
    api_key: str
    base_url: str = "https://api.openai.com/v1"
    model: str = "gpt-4o-mini"
    timeout: float = 30.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str]) -> LLMSettings | None:
        """Settings from LLM_API_KEY, LLM_BASE_URL, LLM_MODEL, LLM_TIMEOUT; None without a key."""
        key = (environ.get("LLM_API_KEY") or "").strip()
        if not key:
            return None
        defaults = cls(api_key=key)
        try:
            timeout = float(environ.get("LLM_TIMEOUT") or defaults.timeout)
        except ValueError:
            timeout = defaults.timeout
        return cls(
            api_key=key,
            base_url=(environ.get("LLM_BASE_URL") or defaults.base_url).rstrip("/"),
            model=environ.get("LLM_MODEL") or defaults.model,
            timeout=timeout,
        )


def scrub_personal(text: str) -> str:
    """Remove e-mail addresses, phone numbers and dates of birth before text leaves the machine."""
    text = EMAIL.sub("[email]", text)
    text = _DOB.sub("[date of birth]", text)
    return PHONE.sub(
        lambda m: "[phone]" if len(re.sub(r"\D", "", m.group(0))) >= 9 else m.group(0), text
    )


def _lines(document: CVDocument) -> dict[str, str]:
    out = {}
    for s_index, section in enumerate(document.sections):
        if section.kind == "summary" and section.text:
            out[f"s{s_index}"] = section.text
        for e_index, entry in enumerate(section.entries):
            for b_index, bullet in enumerate(entry.bullets):
                out[f"b{s_index}.{e_index}.{b_index}"] = bullet
    return out


def _set_line(document: CVDocument, line_id: str, text: str) -> None:
    if line_id.startswith("s"):
        document.sections[int(line_id[1:])].text = text
        return
    s_index, e_index, b_index = (int(p) for p in line_id[1:].split("."))
    document.sections[s_index].entries[e_index].bullets[b_index] = text


def _call(
    settings: LLMSettings, lines: dict[str, str], system: str = SYSTEM_PROMPT
) -> dict[str, str]:
    payload = {
        "model": settings.model,
        "temperature": 0.2,
        "messages": [
            {"role": "system", "content": system},
            {
                "role": "user",
                "content": json.dumps(
                    {"lines": [{"id": k, "text": scrub_personal(v)} for k, v in lines.items()]},
                    ensure_ascii=False,
                ),
            },
        ],
    }
    request = urllib.request.Request(
        settings.base_url.rstrip("/") + "/chat/completions",
        data=json.dumps(payload).encode("utf-8"),
        headers={
            "Content-Type": "application/json",
            "Authorization": f"Bearer {settings.api_key}",
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=settings.timeout) as response:
        body = json.loads(response.read(2_000_000).decode("utf-8"))
    content = body["choices"][0]["message"]["content"]
    # Models sometimes wrap JSON in a Markdown fence.
    content = re.sub(r"^```(?:json)?\s*|\s*```$", "", content.strip())
    data = json.loads(content)
    return {str(item["id"]): str(item["text"]) for item in data["lines"]}


def polish(
    document: CVDocument,
    *,
    source_text: str,
    questionnaire_text: str,
    settings: LLMSettings,
) -> tuple[CVDocument, list[dict[str, str]], dict]:
    """The document with the model's accepted lines, their changes, and the engine report."""
    lines = _lines(document)
    engine: dict = {"rewriter": "llm", "llm_fallback_reason": None, "llm_rejected_lines": 0}
    try:
        answers = _call(settings, lines)
    except TimeoutError:
        return document, [], _fallback("the language model timed out")
    except urllib.error.HTTPError as exc:
        return document, [], _fallback(f"the language model answered HTTP {exc.code}")
    except urllib.error.URLError as exc:
        return document, [], _fallback(f"the language model could not be reached ({exc.reason})")
    except (ValueError, KeyError, TypeError, IndexError, OSError):
        return document, [], _fallback("the language model's answer could not be read")
    polished = copy.deepcopy(document)
    changes = []
    for line_id, before in lines.items():
        after = answers.get(line_id, "").strip()
        if not after or after == before:
            continue
        if invented_facts(after, source_text, questionnaire_text):
            engine["llm_rejected_lines"] += 1  # keeps the local rewrite for this line
            continue
        _set_line(polished, line_id, after)
        changes.append(
            {"before": before, "after": after, "reason": "reworded by the language model"}
        )
    return polished, changes, engine


def _fallback(reason: str) -> dict:
    return {"rewriter": "local", "llm_fallback_reason": reason, "llm_rejected_lines": 0}


def polish_letter(
    letter: str,
    *,
    source_text: str,
    questionnaire_text: str,
    settings: LLMSettings,
) -> tuple[str, dict]:
    """The local letter with the model's rewording of each body paragraph where that adds
    nothing: a paragraph that names a fact the CV and questionnaire lack, breaks a line, or
    grows past half again its length keeps the local wording."""
    paragraphs = letter.strip().split("\n\n")
    # The greeting and the sign-off (with the name) stay ours; only the body is sent.
    body = {f"p{i}": text for i, text in enumerate(paragraphs) if 0 < i < len(paragraphs) - 1}
    report: dict = {"rewriter": "llm", "llm_fallback_reason": None, "llm_rejected_lines": 0}
    if not body:
        return letter, _fallback("the letter has no body to polish")
    try:
        answers = _call(settings, body, LETTER_PROMPT)
    except TimeoutError:
        return letter, _fallback("the language model timed out")
    except urllib.error.HTTPError as exc:
        return letter, _fallback(f"the language model answered HTTP {exc.code}")
    except urllib.error.URLError as exc:
        return letter, _fallback(f"the language model could not be reached ({exc.reason})")
    except (ValueError, KeyError, TypeError, IndexError, OSError):
        return letter, _fallback("the language model's answer could not be read")
    out = list(paragraphs)
    for key, before in body.items():
        after = re.sub(r"[ \t]+", " ", answers.get(key, "")).strip()
        if not after or after == before:
            continue
        too_long = len(after) > 1.5 * len(before) + 40
        if "\n" in after or too_long or invented_facts(after, source_text, questionnaire_text):
            report["llm_rejected_lines"] += 1
            continue
        out[int(key[1:])] = after
    return "\n\n".join(out) + "\n", report
