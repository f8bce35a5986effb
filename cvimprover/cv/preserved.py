"""Account for every source line of a CV: kept, rewritten (with a recorded change) or dropped.

The check works on words, not on the parser's bookkeeping: a line counts as kept only when
its words are in the improved CV, so a parsing bug shows up here as a lost line.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from cvimprover.cv.document import CVDocument
from cvimprover.cv.markdown import to_markdown
from cvimprover.cv.vocabulary import fold

# Labels that introduce contact details ("Email:", "Móvil:"): the contact block shows the
# values in their own places, so the label word itself is presentation, not content.
LABEL_WORDS = frozenset(
    {
        "email", "e", "mail", "correo", "electronico", "phone", "tel", "telefono", "mobile",
        "movil", "cell", "celular", "linkedin", "github", "gitlab", "web", "website",
        "portfolio", "portafolio", "location", "ubicacion", "address", "direccion",
        "domicilio", "skype", "mailto", "callto", "homepage", "twitter", "xtwitter", "orcid",
        "mailaddress", "date", "dates", "fecha", "fechas", "lugar", "place",
    }
)  # fmt: skip


# A label's qualifier before it ("Office Address:", "Work Email:", "Teléfono particular" is
# after): presentation too, but only at the start of a line and before a label and colon.
_QUALIFIED_LABEL = re.compile(
    r"^\W*(?:office|home|work|personal|mailing|postal|business|current|permanent|"
    r"oficina|trabajo)\s+(?=(?:e-?mail|address|phone|tel|mobile|cell|direcci[oó]n|"
    r"tel[eé]fono|correo|m[oó]vil)\b[^:\n]{0,12}:)",
    re.IGNORECASE,
)


def line_words(text: str, *, joined: bool = False) -> set[str]:
    """The folded words of a line that must survive: no contact labels, no lone letters.
    Hyphenated words give their parts; with `joined`, also the parts run together, since a
    PDF may print "high-impact" where its text stream says "highimpact"."""
    text = _QUALIFIED_LABEL.sub("", text)
    # Vulgar fractions and other number signs are icons here ("½ Bremen"), not numbers.
    text = "".join(" " if unicodedata.category(ch) == "No" else ch for ch in text)
    text = fold(text).replace("\u00ad", "")
    # Letters and digits are separate words: "administrativo1998" glued by a PDF is
    # "administrativo" and "1998".
    words = re.findall(r"[^\W\d_]+|\d+", text)
    if joined:
        words += re.findall(r"[^\W\d_]+|\d+", re.sub(r"(?<=\w)-(?=\w)", "", text))
    return {w for w in words if (len(w) > 1 or w.isdecimal()) and w not in LABEL_WORDS}


def _words(texts: Iterable[str]) -> set[str]:
    """The words of `texts`, and each two neighbours run together: a PDF's text stream may
    glue words its layout sets apart ("comoR" where the page shows "como R" in two fonts)."""
    out: set[str] = set()
    for text in texts:
        out |= line_words(text, joined=True)
        folded = re.findall(r"[^\W\d_]+|\d+", fold(text).replace("\u00ad", ""))
        out |= {a + b for a, b in zip(folded, folded[1:], strict=False)}
    return out


def _key(line: str) -> str:
    return re.sub(r"\s+", " ", fold(line)).strip(" :")


def account(
    source_text: str,
    improved: CVDocument,
    changes: list[dict],
    dropped: list[tuple[str, str]],
    extraction_dropped: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> dict:
    """The report's `preserved` block for `source_text` (what the parser read) against the
    improved CV, the recorded changes, and the lines dropped on purpose with their reasons."""
    output = _words([to_markdown(improved)])
    rewritten_from = _words(str(change.get("before", "")) for change in changes)
    pending = [(_key(line), reason) for line, reason in dropped]
    # Parts of a line left out on purpose ("RESUME" after a name) cover their words only.
    fragments = _words(line for line, _ in dropped)
    dropped_lines = [{"line": line, "reason": reason} for line, reason in extraction_dropped]
    kept = rewritten = whole = 0
    lost_lines: list[str] = []
    for raw in source_text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        key = _key(line)
        match = next((i for i, (text, _) in enumerate(pending) if text == key), None)
        if match is not None:
            dropped_lines.append({"line": line, "reason": pending.pop(match)[1]})
            whole += 1
            continue
        words = line_words(line)
        if _covered(words, output | fragments):
            kept += 1
        elif _covered(words, output | rewritten_from | fragments):
            rewritten += 1
        else:
            lost_lines.append(line)
    # Parts of lines left out ("RESUME" after a name) are listed too, with their reasons.
    originals = {_key(line): line for line, _ in dropped}
    dropped_lines += [{"line": originals[key], "reason": reason} for key, reason in pending]
    whole += len(extraction_dropped)
    return {
        "source_lines": kept + rewritten + whole + len(lost_lines),
        "kept": kept,
        "rewritten": rewritten,
        "dropped": whole,
        "dropped_lines": dropped_lines,
        "lost": len(lost_lines),
        "lost_lines": lost_lines,
    }


def missing_lines(source_text: str, report: dict) -> list[str]:
    """Source lines whose words are nowhere in what the user gets back: the improved CV, a
    recorded change, or a dropped line with its reason. Reads only the report, so it checks
    the engine's accounting from outside."""
    kept = _words([report.get("improved_markdown", "")])
    kept |= _words(str(change.get("before", "")) for change in report.get("changes", []))
    block = report.get("preserved") or {}
    kept |= _words(str(item.get("line", "")) for item in block.get("dropped_lines", []))
    return [line for line in source_text.split("\n") if not _covered(line_words(line), kept)]


def _covered(words: set[str], kept: set[str]) -> bool:
    """Whether every word is kept, a word the text stream glued from two fields the page
    sets apart ("linearFall" where the dates are drawn over the end of a line) counting
    as kept when both its parts are."""
    return all(
        word in kept
        or any(word[:cut] in kept and word[cut:] in kept for cut in range(3, len(word) - 2))
        for word in words
    )
