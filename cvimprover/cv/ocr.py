"""Offline OCR for scanned PDFs and photographed CVs, with RapidOCR's bundled ONNX models.

The models ship inside the `rapidocr-onnxruntime` wheel, so nothing is downloaded at run
time and nothing needs installing outside requirements.txt. The recognition model is
PP-OCRv4's Chinese/Latin one: it reads English well but has no "ñ", "Á", "Í", "Ú", "¿" or
"¡" and often runs words together. Two repairs follow it: word gaps are put back from the
model's own character positions, and Spanish words are given back their accents when a
word list says the accented form is the real word (`restore_accents`).
"""

from __future__ import annotations

import functools
import io
import re
import threading
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from cvimprover.cv.errors import ExtractionError

MAX_OCR_PAGES = 4  # a scanned CV is 1-3 pages; each page costs seconds of CPU
OCR_DPI = 200  # enough for 9 pt type; more only slows detection
MAX_IMAGE_PIXELS = 40_000_000  # a 12-megapixel phone photo fits with room to spare
MAX_SIDE_PIXELS = 1600
MIN_LINE_SCORE = 0.5  # the model's own confidence below which a line is noise
# A page whose recognised lines average below this is reported as hard to read.
LOW_CONFIDENCE = 0.80

ProgressFn = Callable[[int, str], None]

_engine = None
_engine_lock = threading.Lock()


@dataclass
class OcrLine:
    text: str
    confidence: float
    box: tuple[float, float, float, float]  # left, top, right, bottom in page pixels


@dataclass
class OcrPage:
    number: int  # 1-based
    text: str = ""
    confidence: float = 0.0
    lines: int = 0
    problem: str | None = None  # why the page could not be read, for the user


@dataclass
class OcrResult:
    pages: list[OcrPage] = field(default_factory=list)
    skipped_pages: int = 0  # pages past MAX_OCR_PAGES

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages if p.text)

    @property
    def confidence(self) -> float:
        """The mean line confidence, weighted by how much text each page gave."""
        read = [p for p in self.pages if p.text]
        weight = sum(len(p.text) for p in read)
        if not weight:
            return 0.0
        return sum(p.confidence * len(p.text) for p in read) / weight

    def report(self) -> dict:
        """What the user is told: the text came from OCR, how sure it is, what failed."""
        return {
            "source": "ocr",
            "pages": len(self.pages),
            "confidence": round(self.confidence, 3),
            "low_confidence": bool(self.text) and self.confidence < LOW_CONFIDENCE,
            "skipped_pages": self.skipped_pages,
            "unreadable_pages": [
                {"page": p.number, "reason": p.problem} for p in self.pages if p.problem
            ],
        }


def engine():
    """The OCR engine, loaded once per process (the worker loads it before forking)."""
    global _engine
    if _engine is None:
        with _engine_lock:
            if _engine is None:
                from rapidocr_onnxruntime import RapidOCR

                # One thread: workers scale by processes, and onnxruntime's spinning
                # threads would fight each other (and the web) for the same cores.
                _engine = RapidOCR(
                    intra_op_num_threads=1, inter_op_num_threads=1, print_verbose=False
                )
                # Pages are scaled to at most this many pixels on their long side before
                # detection: 1600 keeps 9 pt type legible and halves the time of 2000.
                _engine.max_side_len = MAX_SIDE_PIXELS
    return _engine


def warm_up() -> None:
    """Load the models and run them once on a tiny image, so the first job pays nothing."""
    from PIL import Image, ImageDraw

    # Square, because detection scales the short side up to 736 px: a strip would be
    # blown up to a huge image.
    image = Image.new("RGB", (300, 300), "white")
    ImageDraw.Draw(image).text((20, 140), "Warm up 2024", fill="black")
    _read_image(image)


def ocr_pdf(source: bytes, progress: ProgressFn | None = None) -> OcrResult:
    """OCR every page (up to MAX_OCR_PAGES) of an image-only PDF."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(source)
    except pdfium.PdfiumError as exc:
        raise ExtractionError("This PDF is damaged and could not be read.", "corrupt_pdf") from exc
    try:
        total = len(pdf)
        count = min(total, MAX_OCR_PAGES)
        result = OcrResult(skipped_pages=total - count)
        for index in range(count):
            if progress:
                progress(*_page_progress(index, count))
            page = pdf[index]
            try:
                width, height = page.get_size()
                # Scale to OCR_DPI, but never past the pixel cap (posters, huge scans).
                scale = min(OCR_DPI / 72, (MAX_IMAGE_PIXELS / max(width * height, 1)) ** 0.5)
                image = page.render(scale=scale, grayscale=False).to_pil().convert("RGB")
            finally:
                page.close()
            result.pages.append(_read_page(image, index + 1))
        return _with_accents(result)
    finally:
        pdf.close()


def ocr_image(source: bytes, progress: ProgressFn | None = None) -> OcrResult:
    """OCR a photographed or scanned page sent as a JPEG or PNG."""
    import warnings

    from PIL import Image, ImageOps, UnidentifiedImageError

    if progress:
        progress(*_page_progress(0, 1))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(source), formats=["JPEG", "PNG"])
            if image.width * image.height > MAX_IMAGE_PIXELS:
                raise ExtractionError(
                    "This image is too large to read; send a photo of at most 40 megapixels.",
                    "image_too_large",
                )
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ExtractionError(
            "This image is damaged and could not be read.", "corrupt_image"
        ) from exc
    except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
        raise ExtractionError(
            "This image is too large to read; send a photo of at most 40 megapixels.",
            "image_too_large",
        ) from exc
    # Phones store the camera's rotation in EXIF rather than turning the pixels.
    image = ImageOps.exif_transpose(image).convert("RGB")
    # Photos from a modern phone are far larger than OCR needs: about 2,400 px tall is a
    # 200 dpi A4 page, and detection time grows with the pixel count.
    longest = max(image.size)
    if longest > 2600:
        factor = 2600 / longest
        image = image.resize((round(image.width * factor), round(image.height * factor)))
    return _with_accents(OcrResult(pages=[_read_page(image, 1)]))


def _with_accents(result: OcrResult) -> OcrResult:
    from cvimprover.cv.language import detect_language

    language = detect_language(result.text)
    for page in result.pages:
        page.text = repair_words(page.text, language)
    return result


def _page_progress(index: int, count: int) -> tuple[int, str]:
    # OCR runs inside the "extracting" part of the job (10-20 %).
    return 10 + round(9 * index / max(count, 1)), f"reading scanned page {index + 1} of {count}"


def _read_page(image, number: int) -> OcrPage:
    if _is_blank(image):
        return OcrPage(number, problem="The page is blank or too faint to read.")
    lines = _read_image(image)
    if not lines:
        return OcrPage(
            number,
            problem="No text could be recognised on this page: it may be too blurred, "
            "too small or handwritten. Scan it at 200-300 dpi or photograph it flat and sharp.",
        )
    confidence = sum(ln.confidence * len(ln.text) for ln in lines) / sum(
        len(ln.text) for ln in lines
    )
    page = OcrPage(number, text=reading_order(lines, image.width), lines=len(lines))
    page.confidence = confidence
    if confidence < LOW_CONFIDENCE:
        page.problem = (
            "Parts of this page were hard to read (blurred, skewed or low resolution); "
            "check the extracted text."
        )
    return page


def _is_blank(image) -> bool:
    from PIL import ImageStat

    grey = image.convert("L").resize((200, 280))
    low, high = grey.getextrema()
    return high - low < 40 or ImageStat.Stat(grey).stddev[0] < 2


def _read_image(image) -> list[OcrLine]:
    """Detected text lines with their recognised text, run-together words split."""
    import numpy as np

    ocr = engine()
    array = np.array(image)
    # rapidocr's steps called one by one, skipping its 180-degree line classifier (a CV
    # page is upright once EXIF is applied) and keeping each line's box for reading order.
    prepared, ratio_h, ratio_w = ocr.preprocess(array)
    record = {"preprocess": {"ratio_h": ratio_h, "ratio_w": ratio_w}}
    prepared, record = ocr.maybe_add_letterbox(prepared, record)
    boxes, _ = ocr.auto_text_det(prepared)
    if boxes is None or len(boxes) == 0:
        return []
    crops = ocr.get_crop_img_list(prepared, boxes)
    recognised, _ = ocr.text_rec(crops)
    boxes = ocr._get_origin_points(boxes, record, array.shape[0], array.shape[1])
    lines = []
    for box, result in zip(boxes, recognised, strict=True):
        text, score = result[0], float(result[1])
        if not text.strip() or score < MIN_LINE_SCORE:
            continue
        xs = [float(p[0]) for p in box]
        ys = [float(p[1]) for p in box]
        lines.append(OcrLine(_tidy(text), score, (min(xs), min(ys), max(xs), max(ys))))
    return lines


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    # The recogniser reads list bullets as a middle dot or a period at the line start.
    text = re.sub(r"^[·•●▪◦*]\s*", "- ", text)
    # "Kite&KeyPayments·Remote": a separator dot needs its spaces to split fields later.
    text = re.sub(r"\s*·\s*", " · ", text)
    # "Berlin,Germany": a comma or semicolon before a letter lost its space.
    text = re.sub(r"([,;]|(?<=[a-z]):)(?=[A-Za-zÀ-ÿ])", r"\1 ", text)
    # A zero between letters is an "o" ("z0e@example.c0m").
    text = re.sub(r"(?<=[A-Za-z])0(?=[A-Za-z.@])|(?<=[A-Za-z.@])0(?=[A-Za-z])", "o", text)
    # "gesti6n", "prevenci 6n": the recogniser's "ó" before a final "n" (-ción, -sión).
    text = re.sub(r"(?<=[a-z]{2})\s?6n\b", "ón", text)
    # "cuidados.intensivos": a word gap read as a dot (addresses keep theirs).
    text = " ".join(_dot_gaps(token) for token in text.split(" "))
    # "críticos.Organizada": a sentence end lost its space (not in "example.com").
    return re.sub(r"(?<=[a-zà-ÿ]{3})\.(?=[A-ZÀ-Þ][a-zà-ÿ])", ". ", text)


def _split_token(token: str, language: str) -> str:
    if "@" in token or "/" in token or "www." in token.lower():
        return token  # an address, not words
    return _RUN.sub(lambda m: split_run_together(m.group(0), language), token)


def _fix_l_for_i(match: re.Match) -> str:
    """ "Linkedln", "wlth": an unknown word that becomes a known one with "l" read as "i"."""
    word = match.group(0)
    from wordfreq import zipf_frequency

    if zipf_frequency(word.lower(), "en") >= 2.0 or "l" not in word:
        return word
    for index, char in enumerate(word):
        if char == "l":
            candidate = word[:index] + "i" + word[index + 1 :]
            if zipf_frequency(candidate.lower(), "en") >= 3.0:
                return candidate
    return word


_TLDS = {"com", "org", "net", "es", "io", "dev", "co", "uk", "de", "fr", "eu", "edu", "gov"}


def _dot_gaps(token: str) -> str:
    if "@" in token or "/" in token or "www." in token.lower():
        return token
    return re.sub(
        r"(?<=[a-zà-ÿ]{2})\.(?=([a-zà-ÿ]{2,}))",
        lambda m: "." if m.group(1) in _TLDS else " ",
        token,
    )


def repair_words(text: str, language: str) -> str:
    """Accents put back, then words run together split, then accents again on the pieces;
    the first line (usually the name) is never split."""
    text = re.sub(r"\b[A-Za-z]*l[A-Za-z]*\b", _fix_l_for_i, text)
    text = restore_accents(text, language)
    lines = text.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    for index, line in enumerate(lines):
        if index != first:
            lines[index] = " ".join(_split_token(token, language) for token in line.split(" "))
    return restore_accents("\n".join(lines), language)


_RUN = re.compile(r"(?<![@./])\b[A-Za-zÀ-ÿ0-9]{4,}\b(?![@/]|\.[a-z])")
_NUMBER = re.compile(r"\d+")
_UNKNOWN = -30.0


def split_run_together(token: str, language: str = "en") -> str:
    """Split a token the recogniser ran together ("StaffSoftwareEngineer") into words: at
    Title Case and digit joins, then long unknown runs by the most likely English or
    Spanish segmentation. Known words and short unknown ones (names) stay whole."""
    parts = re.split(
        r"(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])|(?<=[A-Za-zÀ-ÿ])(?=\d)|(?<=\d)(?=[A-Za-zÀ-ÿ]{2})", token
    )
    parts = [part for part in parts if part]
    whole = _zipf(token.lower(), language)
    joined = _function_word_join(token, language, whole)
    if joined:
        return joined
    if whole >= 2.5:
        return token  # "GitHub", "JavaScript", "LinkedIn"
    # Known as one token ("PostgreSQL", and hashtags like "unitedkingdom"): split only at
    # case joins whose every part is a common word ("UnitedKingdom").
    if whole >= 1.0 and (len(parts) < 2 or any(_zipf(p.lower(), language) < 3.0 for p in parts)):
        return token
    return " ".join(_segment(part, language) for part in parts)


# Short words the recogniser glues to the next one ("enla", "denoche", "ofthe").
_FUNCTION_WORDS = {
    "es": ("del", "con", "los", "las", "por", "en", "de", "la", "el", "al", "y", "a"),
    "en": ("the", "and", "for", "with", "of", "in", "on", "to", "at", "a"),
}


def _function_word_join(token: str, language: str, whole: float) -> str | None:
    """ "enla" -> "en la": a rare token that is a function word plus a common word."""
    if whole >= 3.0 or not token[:1].islower():
        return None
    for word in _FUNCTION_WORDS.get(language, ()):
        rest = token[len(word) :]
        if not token.startswith(word) or len(rest) < 2:
            continue
        frequency = _zipf(rest.lower(), language)
        if frequency >= 3.0 and frequency > whole + 1.0:
            return f"{word} {rest}"
    return None


def _segment(token: str, language: str) -> str:
    lowered = token.lower()
    # Unknown capitalised words are often names: only longer ones are split.
    shortest = 7 if token[:1].isupper() else 4
    if len(token) < shortest or token.isdigit() or _zipf(lowered, language) >= 1.0:
        return token
    size = len(lowered)
    best: list[tuple[float, int]] = [(0.0, 0)] + [(float("-inf"), 0)] * size
    for end in range(1, size + 1):
        for start in range(max(0, end - 18), end):
            if best[start][0] == float("-inf"):
                continue
            # Each word costs its (log) improbability and a flat toll, so one long word
            # beats several short ones that are only as likely together.
            score = best[start][0] + _piece_score(lowered[start:end], language) - 2.0
            if score > best[end][0]:
                best[end] = (score, start)
    cuts = []
    position = size
    while position > 0:
        start = best[position][1]
        cuts.append((start, position))
        position = start
    cuts.reverse()
    pieces = [token[a:b] for a, b in cuts]
    # Only a split into real words is a repair; otherwise it is a name or a code: keep it.
    if len(pieces) < 2 or any(_piece_score(p.lower(), language) <= _UNKNOWN for p in pieces):
        return token
    return " ".join(pieces)


def _piece_score(piece: str, language: str) -> float:
    if _NUMBER.fullmatch(piece):
        return -4.0
    if len(piece) == 1 and piece not in "aiyoe":
        return _UNKNOWN
    frequency = _zipf(piece, language)
    if language == "es" and len(piece) <= 8:
        # "ochoanos" is "ocho años": score pieces as the accented word they stand for.
        frequency = max(frequency, _zipf(_best_spelling(piece).lower(), language))
    # Rare short pieces ("ge", "st", "sina") are fragments, not words.
    if (
        frequency < 1.5
        or (len(piece) <= 3 and frequency < 4.0)
        or (len(piece) == 4 and frequency < 3.0)
    ):
        return _UNKNOWN
    # Rare words ("nightshift") are more often a wrong cut than the right one.
    return frequency - 9.0 - (1.0 if frequency < 3.0 else 0.0)


@functools.lru_cache(maxsize=65536)
def _zipf(word: str, language: str) -> float:
    from wordfreq import zipf_frequency

    # Spanish CVs are full of English terms (a little less likely than Spanish words);
    # English CVs rarely have Spanish ones.
    if language == "es":
        return max(zipf_frequency(word, "en") - 1.0, zipf_frequency(word, "es"))
    return zipf_frequency(word, "en")


def reading_order(lines: list[OcrLine], page_width: float) -> str:
    """The page's lines as text a person would read: full-width blocks, then each column
    top to bottom; pieces of one visual line joined with two spaces (a field break)."""
    if not lines:
        return ""
    gutter = _column_gutter(lines, page_width)
    if gutter is None:
        return _join_rows(lines)
    narrow = [ln for ln in lines if not (ln.box[0] < gutter < ln.box[2])]
    spanning = [ln for ln in lines if ln.box[0] < gutter < ln.box[2]]
    if not narrow:
        return _join_rows(lines)
    top = min(ln.box[1] for ln in narrow)
    bottom = max(ln.box[3] for ln in narrow)
    above = [ln for ln in spanning if ln.box[3] <= top + 2]
    below = [ln for ln in spanning if ln.box[1] >= bottom - 2]
    inside = [ln for ln in spanning if ln not in above and ln not in below]
    left = [ln for ln in narrow if ln.box[2] <= gutter] + [
        ln for ln in inside if (ln.box[0] + ln.box[2]) / 2 < gutter
    ]
    right = [ln for ln in narrow if ln.box[0] >= gutter] + [
        ln for ln in inside if (ln.box[0] + ln.box[2]) / 2 >= gutter
    ]
    parts = [_join_rows(group) for group in (above, left, right, below) if group]
    return "\n\n".join(parts)


def _column_gutter(lines: list[OcrLine], page_width: float) -> float | None:
    """The x of an empty vertical band between two columns of text, or None."""
    left_edge = min(ln.box[0] for ln in lines)
    right_edge = max(ln.box[2] for ln in lines)
    span = right_edge - left_edge
    if span <= 0:
        return None
    # Lines wider than most of the text block are headers or footers, not column text.
    body = [ln for ln in lines if ln.box[2] - ln.box[0] < 0.6 * span]
    if len(body) < 6:
        return None
    buckets = 200
    covered = [0] * buckets
    for ln in body:
        start = int((ln.box[0] - left_edge) / span * (buckets - 1))
        end = int((ln.box[2] - left_edge) / span * (buckets - 1))
        for b in range(start, end + 1):
            covered[b] += 1
    # A heading or headline may cross the gutter above the columns: tolerate a few.
    allowed = max(1, len(body) // 8)
    best: tuple[int, int] | None = None
    run_start = None
    for b in range(buckets + 1):
        empty = b < buckets and covered[b] <= allowed and 0.12 * buckets < b < 0.8 * buckets
        if empty and run_start is None:
            run_start = b
        elif not empty and run_start is not None:
            if best is None or b - run_start > best[1] - best[0]:
                best = (run_start, b)
            run_start = None
    if best is None or (best[1] - best[0]) < 0.02 * buckets:
        return None
    middle = (best[0] + best[1]) / 2
    gutter = left_edge + middle / (buckets - 1) * span
    # Both sides need real text: a column of dates alone is not a second column.
    left = [ln for ln in body if ln.box[2] <= gutter]
    right = [ln for ln in body if ln.box[0] >= gutter]
    characters = sum(len(ln.text) for ln in lines)
    if (
        min(len(left), len(right)) < 3
        or min(sum(len(ln.text) for ln in left), sum(len(ln.text) for ln in right))
        < 0.12 * characters
    ):
        return None
    return gutter


def _join_rows(lines: list[OcrLine]) -> str:
    """Group lines whose vertical centres share a row; rows top to bottom, pieces left to
    right. A blank line marks a gap taller than one and a half rows."""
    ordered = sorted(lines, key=lambda ln: (ln.box[1] + ln.box[3]) / 2)
    rows: list[list[OcrLine]] = []
    for line in ordered:
        centre = (line.box[1] + line.box[3]) / 2
        if rows:
            last = rows[-1]
            top = min(ln.box[1] for ln in last)
            bottom = max(ln.box[3] for ln in last)
            if top <= centre <= bottom:
                last.append(line)
                continue
        rows.append([line])
    out: list[str] = []
    previous_bottom = None
    heights = sorted(ln.box[3] - ln.box[1] for ln in lines)
    row_height = heights[len(heights) // 2] if heights else 0
    for row in rows:
        row.sort(key=lambda ln: ln.box[0])
        top = min(ln.box[1] for ln in row)
        if previous_bottom is not None and top - previous_bottom > 1.5 * row_height:
            out.append("")
        out.append("  ".join(ln.text for ln in row))
        previous_bottom = max(ln.box[3] for ln in row)
    return "\n".join(out)


# --- Spanish accents -------------------------------------------------------------

# What the recogniser writes for a Spanish letter it cannot output (or misreads).
_SUBSTITUTES = {
    "n": ("ñ",),
    "N": ("Ñ",),
    "a": ("á",),
    "e": ("é",),
    "i": ("í",),
    "o": ("ó",),
    "u": ("ú", "ü"),
    "A": ("Á",),
    "E": ("É",),
    "I": ("Í",),
    "O": ("Ó",),
    "U": ("Ú",),
    "6": ("ó",),
    "ni": ("ñ",),
}
_WORD = re.compile(r"[A-Za-zÀ-ÿ6]+")


def restore_accents(text: str, language: str) -> str:
    """Spanish text with the accents and "ñ" the recogniser could not write put back,
    where the accented word is clearly more common than the one read (wordfreq's lists)."""
    if language != "es":
        return text
    lines = []
    for line in text.split("\n"):
        # A Spanish CV bullet opens with a verb in the past: "Coordiné", "Gestionó"; the
        # unaccented forms are other tenses that cannot start such a line.
        line = re.sub(r"^(- )?([A-Za-zÀ-ÿ]{4,}?)([eo])\b", _preterite, line)
        lines.append(" ".join(_respell(token) for token in line.split(" ")))
    return "\n".join(lines)


def _respell(token: str) -> str:
    # Addresses are not words: "lucia.fernandez@example.es" stays as read.
    if "@" in token or "/" in token or "www." in token.lower():
        return token
    return _WORD.sub(lambda m: _best_spelling(m.group(0)), token)


def _preterite(match: re.Match) -> str:
    from wordfreq import zipf_frequency

    bullet, stem, vowel = match.group(1) or "", match.group(2), match.group(3)
    accented = stem + ("é" if vowel == "e" else "ó")
    if bullet and zipf_frequency(accented.lower(), "es") > 0:
        return bullet + accented
    return match.group(0)


@functools.lru_cache(maxsize=65536)
def _best_spelling(word: str) -> str:
    from wordfreq import zipf_frequency

    if len(word) < 3 or word.isdigit():
        return word
    lowered = word.lower()
    if "6" not in word and zipf_frequency(lowered, "en") >= 4.0:
        return word  # an English word Spanish CVs use as is ("Senior", "Manager")
    current = zipf_frequency(lowered, "es")
    best, best_score = word, current
    for candidate in _candidates(word):
        score = zipf_frequency(candidate.lower(), "es")
        # Informal writing drops accents, so the bare form has some frequency of its own:
        # the accented word has to be clearly more common to win.
        if score > max(best_score, current + 0.3, 2.0):
            best, best_score = candidate, score
    if "6" in best:
        return word
    return best


def _candidates(word: str) -> list[str]:
    found = []
    for index in range(len(word)):
        for length in (1, 2):
            piece = word[index : index + length]
            for replacement in _SUBSTITUTES.get(piece, ()) if len(piece) == length else ():
                first = word[:index] + replacement + word[index + length :]
                found.append(first)
                # Words like "diseño" and "años" also carry another accent: one more step.
                for second_index in range(len(first)):
                    for option in _SUBSTITUTES.get(first[second_index], ()):
                        if option != replacement:
                            found.append(first[:second_index] + option + first[second_index + 1 :])
    return [c for c in found if unicodedata.normalize("NFC", c) == c]
