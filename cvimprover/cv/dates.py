"""Find and parse CV date ranges in English and Spanish ("Mar 2019 – Present", "01/2020 - hoy")."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = {
    "jan": 1, "january": 1, "ene": 1, "enero": 1,
    "feb": 2, "february": 2, "febrero": 2,
    "mar": 3, "march": 3, "marzo": 3,
    "apr": 4, "april": 4, "abr": 4, "abril": 4,
    "may": 5, "mayo": 5,
    "jun": 6, "june": 6, "junio": 6,
    "jul": 7, "july": 7, "julio": 7,
    "aug": 8, "august": 8, "ago": 8, "agosto": 8,
    "sep": 9, "sept": 9, "september": 9, "septiembre": 9, "setiembre": 9,
    "oct": 10, "october": 10, "octubre": 10,
    "nov": 11, "november": 11, "noviembre": 11,
    "dec": 12, "december": 12, "dic": 12, "diciembre": 12,
}  # fmt: skip
PRESENT_WORDS = r"present|current|now|today|ongoing|actualidad|la actualidad|presente|hoy|actual"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = (
    rf"(?:(?:{_MONTH})\.?\s+(?:de\s+)?(?:19|20)\d\d"
    r"|(?:0?[1-9]|1[0-2])[/.-](?:19|20)\d\d|(?:19|20)\d\d)"
)
DATE_RANGE = re.compile(
    rf"(?P<start>{_DATE})(?:\s*(?:-|–|—|to|until|a|hasta|al)\s*(?P<end>{_DATE}|{PRESENT_WORDS}))?",
    re.IGNORECASE,
)
_PRESENT = re.compile(rf"^(?:{PRESENT_WORDS})$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    start: tuple[int, int]  # (year, month)
    end: tuple[int, int]
    current: bool
    # False when only the year was written ("2015 - 2019"): the month is a guess
    start_month_known: bool = True
    end_month_known: bool = True

    def months(self) -> int:
        return (self.end[0] - self.start[0]) * 12 + self.end[1] - self.start[1] + 1

    def certain_span(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """The months certainly inside the period: a year-only start may be as late as
        December, a year-only end as early as January."""
        start = self.start if self.start_month_known else (self.start[0], 12)
        end = self.end if self.end_month_known else (self.end[0], 1)
        return start, end


def find_dates(text: str) -> re.Match[str] | None:
    """The first date or date range in `text`."""
    return DATE_RANGE.search(text)


def _point(text: str, is_end: bool) -> tuple[int, int] | None:
    text = text.strip().lower().rstrip(".")
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text)
    if match:
        return int(match.group(2)), int(match.group(1))
    match = re.fullmatch(r"(\d{4})", text)
    if match:
        return int(match.group(1)), 12 if is_end else 1
    match = re.fullmatch(r"([a-zé]+)\.?\s+(?:de\s+)?(\d{4})", text)
    if match and match.group(1) in MONTHS:
        return int(match.group(2)), MONTHS[match.group(1)]
    return None


def parse_period(text: str, today: tuple[int, int] | None = None) -> Period | None:
    """Parse a dates string into a Period; None when it holds no readable range."""
    if today is None:
        now = datetime.date.today()
        today = (now.year, now.month)
    match = DATE_RANGE.search(text or "")
    if not match:
        return None
    start = _point(match.group("start"), is_end=False)
    end_text = match.group("end")
    if start is None:
        return None
    start_known = not _year_only(match.group("start"))
    if end_text is None:
        end = _point(match.group("start"), is_end=True)
        return Period(start, end or start, False, start_known, start_known)
    if _PRESENT.match(end_text.strip()):
        return Period(start, max(today, start), True, start_known, True)
    end = _point(end_text, is_end=True)
    if end is None:
        return None
    return Period(start, end, False, start_known, not _year_only(end_text))


def _year_only(text: str) -> bool:
    return re.fullmatch(r"\d{4}", text.strip().rstrip(".")) is not None
