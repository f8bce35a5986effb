"""The real-CV corpus itself: every document labelled, every label well formed, the mix we need."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path

import docx
import pypdfium2 as pdfium
import pytest

ROOT = Path(__file__).parent / "cvs"
PARTS = ("tuned", "heldout")
FORMATS = {"pdf", "docx", "txt"}
LAYOUTS = {"single-column", "two-column", "designer"}
ENTRY_SECTIONS = {"experience", "education", "projects"}
KEYS = {
    "id",
    "file",
    "source",
    "licence",
    "language",
    "layout",
    "made_with",
    "occupation",
    "software",
    "contact",
    "sections",
    "entries",
}
CONTACT_KEYS = {"name", "email", "phone", "location", "links"}
ID_PATTERN = re.compile(
    r"^(en|es)-[a-z0-9]+(?:-[a-z0-9]+)*-(single-column|two-column|designer)-[fg]?\d{2}$"
)
# Every clone carries the corpus: a CV over 2 MB costs more than it teaches
MAX_BYTES = 2 * 1024 * 1024


def _documents(part: str) -> list[Path]:
    return sorted(p for p in (ROOT / part).iterdir() if p.suffix.lstrip(".") in FORMATS)


@cache
def _labels() -> dict[str, tuple[str, dict]]:
    """Every label by id, with the part it lives in."""
    found: dict[str, tuple[str, dict]] = {}
    for part in PARTS:
        for path in sorted((ROOT / part).glob("*.json")):
            label = json.loads(path.read_text(encoding="utf-8"))
            assert path.stem not in found, f"{path.stem} is in both parts"
            found[path.stem] = (part, label)
    return found


DOCUMENTS = [(part, path.name) for part in PARTS for path in _documents(part)]


def test_parts_hold_only_documents_and_labels() -> None:
    for part in PARTS:
        for path in (ROOT / part).iterdir():
            assert path.suffix.lstrip(".") in FORMATS | {"json"}, path


@pytest.mark.parametrize(("part", "name"), DOCUMENTS)
def test_every_document_has_a_label(part: str, name: str) -> None:
    stem = name.rsplit(".", 1)[0]
    assert (ROOT / part / f"{stem}.json").is_file()
    assert _labels()[stem][1]["file"] == name


@pytest.mark.parametrize("ident", sorted(_labels()))
def test_label_is_well_formed(ident: str) -> None:
    part, label = _labels()[ident]
    assert set(label) == KEYS
    assert label["id"] == ident and ID_PATTERN.match(ident), ident
    assert (ROOT / part / label["file"]).is_file()
    assert label["language"] in {"en", "es"} and ident.startswith(label["language"] + "-")
    assert label["layout"] in LAYOUTS and f"-{label['layout']}-" in ident
    assert isinstance(label["software"], bool)
    for key in ("source", "licence", "made_with", "occupation"):
        assert isinstance(label[key], str) and label[key].strip(), key
    contact = label["contact"]
    assert set(contact) == CONTACT_KEYS
    assert all(isinstance(contact[k], str) for k in CONTACT_KEYS - {"links"})
    assert contact["name"].strip(), "every CV names its owner"
    assert all(isinstance(link, str) and "://" not in link for link in contact["links"])
    sections = label["sections"]
    assert sections and all(isinstance(s, str) and s.strip() for s in sections)
    assert len(set(sections)) == len(sections), "a heading is listed once"
    assert label["entries"], "every CV has at least one job, study or project"
    for entry in label["entries"]:
        assert set(entry) == {"section", "title", "organisation", "dates"}
        assert entry["section"] in ENTRY_SECTIONS
        assert all(isinstance(entry[k], str) for k in ("title", "organisation", "dates"))
        assert entry["title"].strip() or entry["organisation"].strip()


@pytest.mark.parametrize(("part", "name"), DOCUMENTS)
def test_document_opens_and_has_text(part: str, name: str) -> None:
    path = ROOT / part / name
    assert path.stat().st_size <= MAX_BYTES
    if name.endswith(".pdf"):
        pdf = pdfium.PdfDocument(path)
        try:
            assert len(pdf) >= 1
            page = pdf[0]
            text = page.get_textpage().get_text_range()
            assert len(text.strip()) > 100, "the first page has a text layer"
        finally:
            pdf.close()
    elif name.endswith(".docx"):
        assert len(_docx_text(docx.Document(str(path))).split()) > 50
    else:
        assert len(path.read_text(encoding="utf-8").split()) > 50


def _docx_text(document) -> str:
    """Body paragraphs, table cells and page headers: Word CVs put text in all three."""
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
    return " ".join(parts)


def _readme_rows() -> dict[str, list[str]]:
    """The README's file table, keyed by file name."""
    rows: dict[str, list[str]] = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("| `") and len(cells) == 6:
            rows[cells[0].strip("`")] = cells
    return rows


@pytest.mark.parametrize(("part", "name"), DOCUMENTS)
def test_readme_lists_file_with_source_and_licence(part: str, name: str) -> None:
    row = _readme_rows().get(name)
    assert row is not None, f"{name} is missing from README.md"
    _, row_part, _, made_with, source, licence = row
    label = _labels()[name.rsplit(".", 1)[0]][1]
    assert row_part == part
    assert source == label["source"] and source.startswith("https://")
    assert licence == label["licence"] and licence
    assert made_with == label["made_with"]


def test_readme_lists_nothing_that_is_not_here() -> None:
    assert set(_readme_rows()) == {name for _, name in DOCUMENTS}


def test_index_matches_labels() -> None:
    index = json.loads((ROOT / "index.json").read_text(encoding="utf-8"))
    assert len(index) == len(_labels())
    for row in index:
        part, label = _labels()[row["id"]]
        assert row == {
            "id": label["id"],
            "part": part,
            "language": label["language"],
            "occupation": label["occupation"],
            "software": label["software"],
            "layout": label["layout"],
            "format": label["file"].rsplit(".", 1)[1],
        }


def _count(part: str | None) -> Counter:
    counts: Counter = Counter()
    for label_part, label in _labels().values():
        if part and label_part != part:
            continue
        counts["all"] += 1
        counts["es"] += label["language"] == "es"
        counts["two-column"] += label["layout"] == "two-column"
        counts["outside software"] += not label["software"]
        counts["docx"] += label["file"].endswith(".docx")
    return counts


def test_composition_of_whole_corpus() -> None:
    counts = _count(None)
    assert counts["all"] >= 30
    assert counts["es"] >= 7
    assert counts["two-column"] >= 7
    assert counts["outside software"] >= 9
    assert counts["docx"] >= 6
    made_with = " ".join(label["made_with"] for _, label in _labels().values())
    for tool in ("LaTeX", "Word", "LibreOffice", "HTML"):
        assert tool in made_with


def test_composition_of_each_part() -> None:
    whole = _count(None)["all"]
    held = _count("heldout")["all"]
    assert 0.25 <= held / whole <= 0.4, "about a third is held out"
    for part in PARTS:
        counts = _count(part)
        for kind in ("es", "two-column", "outside software", "docx"):
            assert counts[kind] >= 1, f"{part} has no {kind} CV"


def test_one_page_and_multi_page_pdfs_in_each_part() -> None:
    for part in PARTS:
        pages = set()
        for path in _documents(part):
            if path.suffix == ".pdf":
                pdf = pdfium.PdfDocument(path)
                pages.add(min(len(pdf), 2))
                pdf.close()
        assert pages == {1, 2}, part
