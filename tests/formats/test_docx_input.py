"""Word CVs as people build them: layout tables, text boxes, content controls, headers
and footers are read completely, in reading order, without doubled text."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from cvimprover.cv.extract import extract_text
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv

FIXTURES = Path(__file__).with_name("fixtures") / "docx"
EXPECTED = json.loads((FIXTURES / "expected.json").read_text())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_line_is_extracted_once_in_reading_order(name) -> None:
    text = extract_text((FIXTURES / name).read_bytes(), name)
    lines = [line for line in text.split("\n") if line.strip()]
    assert lines == EXPECTED[name]


def test_text_box_cv_parses_into_contact_and_sections() -> None:
    name = "text-boxes-header-footer.docx"
    document = parse_cv(normalise_text(extract_text((FIXTURES / name).read_bytes(), name)))
    assert document.contact.name == "Daniel Okafor"
    assert document.contact.email == "daniel.okafor@example.org"
    assert [s.kind for s in document.sections] == ["experience", "skills", "education"]
    experience = document.section("experience")
    assert [(e.dates, e.title) for e in experience.entries] == [
        ("2021 – 2024", "Data Analyst"),
        ("2018 – 2021", "Analyst"),
    ]


def test_sidebar_table_cv_parses_into_contact_and_sections() -> None:
    name = "sidebar-table.docx"
    document = parse_cv(normalise_text(extract_text((FIXTURES / name).read_bytes(), name)))
    assert document.contact.name == "Marta Quiroga"
    assert document.contact.phone == "+34 600 111 222"
    kinds = [s.kind for s in document.sections]
    assert kinds == ["skills", "experience", "education", "languages"]
    assert document.section("skills").items == ["Contabilidad", "SAP", "Excel avanzado"]


def test_fixtures_are_the_ones_the_script_makes(tmp_path, monkeypatch) -> None:
    # The committed files and expected.json come from the script: rebuilding gives the
    # same lines (the zip bytes differ only by timestamps).
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_docx_fixtures", FIXTURES / "make_docx_fixtures.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    for build, name in (
        (module.sidebar_table, "sidebar-table.docx"),
        (module.text_boxes_header_footer, "text-boxes-header-footer.docx"),
    ):
        data, lines = build()
        assert lines == EXPECTED[name]
        assert [ln for ln in extract_text(data, name).split("\n") if ln.strip()] == lines


# --- Completeness on real Word CVs: every run of text the document holds is read --------

CORPUS = Path(__file__).resolve().parents[1] / "corpus" / "cvs" / "tuned"
WORD_CVS = sorted(CORPUS.glob("*.docx")) + sorted(FIXTURES.glob("*.docx"))
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def paragraphs_in_xml(source: bytes) -> list[str]:
    """The text of every paragraph of every story Word shows (body, tables, text boxes,
    content controls, headers, footers), read straight from the package's XML: each
    paragraph's w:t runs joined, text boxes anchored in it counted as their own
    paragraphs, and Word's legacy copy of each text box (mc:Fallback) left out."""
    import zipfile

    from lxml import etree

    found = []
    with zipfile.ZipFile(io.BytesIO(source)) as package:
        parts = [
            name
            for name in package.namelist()
            if re.fullmatch(r"word/(document|header\d*|footer\d*)\.xml", name)
        ]
        for name in parts:
            root = etree.fromstring(package.read(name))
            for paragraph in root.iter(f"{W}p"):
                if any(a.tag == FALLBACK for a in paragraph.iterancestors()):
                    continue
                runs = [
                    t.text or ""
                    for t in paragraph.iter(f"{W}t")
                    # a run inside a text box belongs to the box's own paragraphs
                    if next(a for a in t.iterancestors() if a.tag == f"{W}p") is paragraph
                ]
                if "".join(runs).strip():
                    found.append("".join(runs))
    return found


def squashed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_word_cvs_with_tables_text_boxes_and_headers_are_in_the_set() -> None:
    # What the completeness test below covers, so it cannot quietly shrink: real Word CVs
    # (not our generated fixtures) with a table, a text box and a page header
    xml = {p.name: _story_xml(p.read_bytes()) for p in WORD_CVS if p.parent == CORPUS}
    assert any("<w:tbl>" in x for x in xml.values())
    assert any("txbxContent" in x for x in xml.values())
    assert any("word/header" in x for x in xml.values())
    assert len(WORD_CVS) >= 8


def _story_xml(source: bytes) -> str:
    import zipfile

    with zipfile.ZipFile(io.BytesIO(source)) as package:
        names = [n for n in package.namelist() if re.fullmatch(r"word/\w+\.xml", n)]
        return "\n".join(names + [package.read(n).decode("utf-8", "replace") for n in names])


@pytest.mark.parametrize("path", WORD_CVS, ids=lambda p: p.name)
def test_every_paragraph_of_a_word_cv_is_extracted(path: Path) -> None:
    source = path.read_bytes()
    paragraphs = paragraphs_in_xml(source)
    assert paragraphs, "the document holds no text at all"
    text = squashed(extract_text(source, path.name))
    missing = [p for p in paragraphs if squashed(p) not in text]
    assert missing == []
