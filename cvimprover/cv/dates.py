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
PRESENT_WORDS = (
    r"present|current|currently|now|today|ongoing|to date|date|actualidad|la actualidad|presente|"
    r"hoy|actual|actualmente|en curso|vigente|ahora|act\.|a la fecha|la fecha"
)
# Seasons stand for a month range on student CVs ("Summer 2022"); the year is what counts.
SEASONS = r"spring|summer|fall|autumn|winter|primavera|verano|oto[ñn]o|invierno"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = (
    rf"(?:(?:{_MONTH})\.?\s*(?:de\s+)?(?:19|20)\d\d"
    rf"|(?:{SEASONS})\s+(?:de\s+)?(?:19|20)\d\d"
    r"|(?:0?[1-9]|1[0-2])[/.-](?:19|20)\d\d|(?:19|20)\d\d(?:\s?[/.-]\s?(?:0?[1-9]|1[0-2])\b)?"
    # Templates' placeholders ("Month 20XX"): a date the owner has yet to fill in.
    rf"|(?:(?:{_MONTH}|month|mes)\.?\s*)?(?:19|20)XX)"
)
_SEPARATOR = r"\s*(?:-|–|—|to|until|a|hasta|al)\s*"
_PRESENT_LOOKAHEAD = r"(?:present|current|now|today|actualidad|la actualidad|presente|hoy|ahora)"
# Short forms that are dates only as one end of a range: "Sep 15 - NOW" (a month and a
# two-digit year, never "Sep 15" alone, a day) and "April-August 2012" (a month whose year
# is the end's).
_SHORT_START = (
    rf"(?:{_MONTH})\.?\s*'?\d\d(?={_SEPARATOR}(?:(?:{_MONTH})\.?\s*'?\d\d|{_PRESENT_LOOKAHEAD})\b)"
    rf"|(?:{_MONTH})\.?(?={_SEPARATOR}(?:{_MONTH})\.?\s*(?:de\s+)?(?:19|20)\d\d)"
)
# "2016-19", "Sep 15 - Jun 18": a two-digit end year after a start with its own year.
_SHORT_END = rf"(?:{_MONTH})\.?\s*'?\d\d(?!\d|,\s*\d)|\d\d(?![\d/]|[.,]\d)"
# Words that introduce a date on education lines; they belong with the date.
_DATE_PREFIX = (
    r"(?:(?:expected|anticipated|graduat(?:ed|ion)(?:\s+date)?|grad\.?|since|desde|"
    r"previsto|prevista)\s*:?\s+){0,2}"
)
# Longest first: "presente" must not match as "present" plus a stray "e".
_PRESENT_ALTERNATIVES = "|".join(sorted(PRESENT_WORDS.split("|"), key=len, reverse=True))
DATE_RANGE = re.compile(
    # Not inside a longer number, a path or a link ("doi.org/10.1101/2021.06.15").
    rf"{_DATE_PREFIX}(?<![\d/.:])(?P<start>{_DATE}|{_SHORT_START})(?![\d/])"
    # "2019 - est. 2023", "2020 - exp. 2024": an end still to come, marked as expected.
    # "2018.22": a year and the end year's last two digits joined by a dot (academic CVs);
    # "2007.08" stays a year and its month.
    rf"(?:(?:{_SEPARATOR}|(?<=\d{{4}})\.(?=(?:1[3-9]|[2-9]\d)(?![\d.])))(?:(?:est|exp|expected|previsto|prevista)\.?\s*)?"
    rf"(?P<end>{_DATE}|{_PRESENT_ALTERNATIVES}|{_SHORT_END})(?:\b|(?<=\.))(?![\d/])"
    # "Aug 2015 - May 2016, Aug 2016 - May 2017": the same post held again in a later
    # period; the periods together are the entry's dates (the first is the one measured).
    rf"(?:\s*[,;]\s*(?:{_DATE}){_SEPARATOR}(?:{_DATE}|{_PRESENT_ALTERNATIVES})(?:\b|(?<=\.))(?![\d/]))*"
    # "Summer 2013, 2014", "2015, 2017", "Summer 2017, Summer 2018": the same thing again
    # in later years.
    rf"|(?:\s*(?:,|and|y|&)\s*(?:(?:{SEASONS})\s+)?(?:19|20)\d\d(?![\d/.]))+)?",
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


def _point(text: str, is_end: bool, century: int = 2000) -> tuple[int, int] | None:
    text = text.strip().lower().rstrip(".")
    match = re.fullmatch(r"(?:([a-zé]+)\.?\s*)?'?(\d\d)", text)
    if match and (match.group(1) is None or match.group(1) in MONTHS):
        # A two-digit year: in the century of the other end of the range.
        month = MONTHS[match.group(1)] if match.group(1) else (12 if is_end else 1)
        return century + int(match.group(2)), month
    match = re.fullmatch(r"(\d{1,2})[/.-](\d{4})", text)
    if match:
        return int(match.group(2)), int(match.group(1))
    match = re.fullmatch(r"(\d{4})\s?[/.-]\s?(\d{1,2})", text)
    if match:
        return int(match.group(1)), int(match.group(2))
    match = re.fullmatch(rf"(?:(?:{SEASONS})\s+(?:de\s+)?)?(\d{{4}})", text)
    if match:
        return int(match.group(1)), 12 if is_end else 1
    match = re.fullmatch(r"([a-zé]+)\.?\s*(?:de\s+)?(\d{4})", text)
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
    start_text, end_text = match.group("start"), match.group("end")
    if end_text and match.end() > match.end("end"):
        # "Aug 2015 - May 2016, Aug 2016 - Present": later periods of the same post; the
        # whole runs from the first start to the last end.
        later = parse_period(text[match.end("end") : match.end()].lstrip(" ,;"), today)
        first = parse_period(match.group(0)[: match.end("end") - match.start()], today)
        if later is not None and first is not None and later.end >= first.end:
            return Period(
                first.start, later.end, later.current, first.start_month_known,
                later.end_month_known,
            )  # fmt: skip
        return first
    if start_text.strip().lower().rstrip(".") in MONTHS and end_text:
        # "April-August 2012": the start's year is the end's.
        end_year = re.search(r"\d{4}", end_text)
        start_text = f"{start_text.rstrip('.')} {end_year.group(0)}" if end_year else start_text
    start = _point(start_text, is_end=False)
    if start is None:
        return None
    start_known = not _year_only(start_text)
    if end_text is None:
        if re.match(r"(?:since|desde)\b", match.group(0), re.IGNORECASE):
            # "Since 2020", "Desde marzo de 2021": begun then, still going on.
            return Period(start, max(today, start), True, start_known, True)
        end = _point(match.group("start"), is_end=True)
        return Period(start, end or start, False, start_known, start_known)
    if _PRESENT.match(end_text.strip()):
        return Period(start, max(today, start), True, start_known, True)
    end = _point(end_text, is_end=True, century=start[0] // 100 * 100)
    if end is None or end < start:
        return None
    return Period(start, end, False, start_known, not _year_only(end_text))


def _year_only(text: str) -> bool:
    return (
        re.fullmatch(rf"(?:(?:{SEASONS})\s+(?:de\s+)?)?\d{{4}}", text.strip().rstrip("."), re.I)
        is not None
    )
