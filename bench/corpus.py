"""The labelled corpora (job ads, CVs, pairs) and the rules that compare key terms to labels.

Shared by bench/matching.py and the corpus tests, so both count the same way.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
SPLITS = ("tuned", "heldout")


@dataclass
class Ad:
    id: str
    split: str
    language: str
    position: str
    description: str
    company: str
    required: list[str]
    nice: list[str]
    synonyms: dict[str, list[str]] = field(default_factory=dict)
    never: list[str] = field(default_factory=list)

    @property
    def labels(self) -> list[str]:
        return list(dict.fromkeys(self.required + self.nice))


@cache
def norm(text: str) -> str:
    """Case, accents, punctuation and spacing folded; a trailing plural "s" dropped."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = re.findall(r"[a-z0-9+#]+", plain)
    return " ".join(w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)


# Function words do not count towards a term's length: "atención directa" covers half of
# "atención directa a socios y proveedores" (2 of its 4 content words), as "SQL Server"
# covers half of "Microsoft SQL Server".
FUNCTION_WORDS = frozenset(
    ("a", "an", "the", "of", "and", "or", "in", "on", "for", "with", "to", "at", "by")
    + ("de", "del", "la", "las", "el", "los", "y", "o", "e", "u", "en", "con", "para")
    + ("por", "al")
)


def same_term(a: str, b: str) -> bool:
    """Equal after folding, or one is a run of the other's content words that covers half of
    them ("SQL Server" is "Microsoft SQL Server"; "management" is not "product management")."""
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    if x == y:
        return True
    content = [[w for w in t.split() if w not in FUNCTION_WORDS] for t in (x, y)]
    if not all(content):
        return False
    short, long = sorted(content, key=len)
    if len(short) * 2 < len(long):
        return False
    n = len(short)
    return any(long[i : i + n] == short for i in range(len(long) - n + 1))


def load_ads(split: str) -> list[Ad]:
    folder = CORPUS / "jobs" / split
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder missing: {folder}")
    ads = []
    for label_path in sorted(folder.glob("*.json")):
        spec = json.loads(label_path.read_text(encoding="utf-8"))
        text_path = folder / spec.get("file", label_path.with_suffix(".txt").name)
        if not text_path.exists():
            continue
        text = text_path.read_text(encoding="utf-8")
        title, _, body = text.partition("\n")
        key_terms = spec.get("key_terms") or {}
        ads.append(
            Ad(
                id=spec.get("id", label_path.stem),
                split=split,
                language=spec.get("language", "en"),
                position=spec.get("position") or title.strip(),
                description=body,
                company=spec.get("company", ""),
                required=list(key_terms.get("required", [])),
                nice=list(key_terms.get("nice", [])),
                synonyms=dict(spec.get("synonyms") or {}),
                never=list(spec.get("never_terms") or []),
            )
        )
    return ads


def term_names(term: object, ad_text: str) -> list[str]:
    """The names an extracted term goes by in this ad: its text and the aliases the ad uses."""
    names = [term.text]  # type: ignore[attr-defined]
    folded = norm(ad_text)
    for alias in getattr(term, "aliases", ()) or ():
        if alias and norm(alias) and f" {norm(alias)} " in f" {folded} ":
            names.append(alias)
    return names


def label_hit(label: str, names: list[str], ad: Ad) -> bool:
    wanted = [label, *ad.synonyms.get(label, [])]
    return any(same_term(w, n) for w in wanted for n in names)


_URLISH = re.compile(r"https?://|www\.|\.(?:com|org|net|io|es)\b|@|[A-Za-z0-9+/=_-]{20,}")
_IDISH = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9-]{9,}$")


def junk_reason(name: str, ad: Ad) -> str | None:
    """Why an extracted term is junk (url, id, company, never_term), or None."""
    if _URLISH.search(name):
        return "url"
    if _IDISH.match(name.strip()):
        return "id"
    if ad.company and (same_term(name, ad.company) or norm(name) == norm(ad.company)):
        return "company"
    for never in ad.never:
        if norm(name) == norm(never):
            return "never_term"
    return None


@dataclass
class AdScore:
    found: int
    labels: int
    correct: int
    extracted: int
    junk: list[tuple[str, str]]


def score_ad(ad: Ad, terms: list) -> AdScore:
    """Recall counts labels found; precision counts extracted terms that match a label."""
    text = f"{ad.position}\n{ad.description}"
    names = [term_names(t, text) for t in terms]
    labels = ad.labels
    found = sum(any(label_hit(lb, n, ad) for n in names) for lb in labels)
    correct = sum(any(label_hit(lb, n, ad) for lb in labels) for n in names)
    junk = [(t.text, r) for t in terms if (r := junk_reason(t.text, ad))]
    return AdScore(found, len(labels), correct, len(terms), junk)


def load_pairs(split: str) -> list[dict]:
    path = CORPUS / "pairs" / f"{split}.json"
    if not path.exists():
        raise FileNotFoundError(f"corpus file missing: {path}")
    return json.loads(path.read_text(encoding="utf-8"))


def cv_file(cv_id: str) -> Path:
    """The document of a labelled CV, looked up in both splits."""
    for split in SPLITS:
        label = CORPUS / "cvs" / split / f"{cv_id}.json"
        if label.exists():
            spec = json.loads(label.read_text(encoding="utf-8"))
            return label.parent / spec.get("file", cv_id)
    raise FileNotFoundError(f"no CV labelled {cv_id}")


@cache
def _all_ads() -> dict[str, Ad]:
    return {ad.id: ad for split in SPLITS for ad in load_ads(split)}


def find_ad(ad_id: str) -> Ad:
    try:
        return _all_ads()[ad_id]
    except KeyError:
        raise FileNotFoundError(f"no job ad labelled {ad_id}") from None
