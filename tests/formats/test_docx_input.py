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


# --- Tables of entries: columns read by their role -------------------------------------------


def _word_cv(build) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("Rosa Ibarra")
    document.add_paragraph("rosa.ibarra@example.org")
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for row, cells in zip(table.rows, rows, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            lines = text.split("\n")
            cell.text = lines[0]
            for line in lines[1:]:
                cell.add_paragraph(line)


def _entries(data: bytes, kind: str) -> list[tuple[str, str, str, str]]:
    document = parse_cv(normalise_text(extract_text(data, "cv.docx")))
    section = document.section(kind)
    assert section is not None, [s.kind for s in document.sections]
    return [(e.title, e.organisation, e.dates, e.location) for e in section.entries]


def test_header_row_names_the_columns_of_its_table_and_of_the_tables_below() -> None:
    # A faculty CV form: the column names once, each group of posts a table of its own
    # under a heading; the middle column (a department) is a detail, not the employer.
    def build(document) -> None:
        document.add_paragraph("Education")
        _table(
            document,
            [
                ["Year(s)", "Degree", "Field of Study", "Institution"],
                ["2001 – 2005", "B.A.\nMagna cum laude", "Chemistry", "Lakeside College"],
                ["2005 – 2010", "Ph.D.", "Physical Chemistry", "Northfield University"],
            ],
        )
        document.add_paragraph("Work Experience")
        _table(document, [["Dates", "Position Title", "Department", "Institution"]])
        document.add_paragraph("Lecturer and researcher, past and present.")
        _table(
            document,
            [
                ["2010 – 2014", "Research Fellow", "Chemistry", "Harbour Institute"],
                ["2014 – present", "Lecturer", "School of Science", "Northfield University"],
            ],
        )

    data = _word_cv(build)
    # The column names are listed as a detail of their own, before the rows.
    assert _entries(data, "education") == [
        ("", "", "", ""),
        ("B.A., Chemistry", "Lakeside College", "2001 – 2005", ""),
        ("Ph.D., Physical Chemistry", "Northfield University", "2005 – 2010", ""),
    ]
    experience = [e for e in _entries(data, "experience") if any(e)]
    assert [(t, o, d) for t, o, d, _ in experience] == [
        ("Research Fellow", "Harbour Institute", "2010 – 2014"),
        ("Lecturer", "Northfield University", "2014 – present"),
    ]
    text = extract_text(data, "cv.docx")
    # Nothing is dropped: the honours and the departments are kept under their entry.
    for kept in ("Magna cum laude", "School of Science", "Position Title"):
        assert kept in text


def test_header_row_needs_dates_title_and_organisation_columns() -> None:
    # A prize table names no post: its rows are read as before, cell by cell.
    def build(document) -> None:
        document.add_paragraph("Honors")
        _table(
            document,
            [
                ["Year", "Name of Prize", "Awarding Organization"],
                ["2018", "Kohl Prize", "Lakeside College"],
                ["2020", "Young Chemist Award", "Chemical Society"],
            ],
        )

    text = extract_text(_word_cv(build), "cv.docx")
    assert "2018  Kohl Prize  Lakeside College" in text
    assert " | " not in text


def test_rows_of_dates_entry_and_place_read_as_entries_without_a_header() -> None:
    def build(document) -> None:
        document.add_paragraph("Research experience")
        _table(
            document,
            [
                [
                    "2021-present",
                    "Research Fellow | Harbour Institute\nStudied tides.",
                    "Oslo, Norway",
                ],
                ["2018.21", "Engineer | Delta Labs\nBuilt sensors.", "Lyon, France"],
            ],
        )
        document.add_paragraph("Education")
        _table(
            document,
            [
                ["2014.18", "PhD in Oceanography\nThesis on tides.", "Univ. of Oslo\nOslo, Norway"],
                ["2012.14", "Master's degree\nMarine Physics", "Univ. of Lyon\nLyon, France"],
            ],
        )

    data = _word_cv(build)
    assert _entries(data, "experience") == [
        ("Research Fellow", "Harbour Institute", "2021-present", "Oslo, Norway"),
        ("Engineer", "Delta Labs", "2018.21", "Lyon, France"),
    ]
    assert [(t, o, d) for t, o, d, _ in _entries(data, "education")] == [
        ("PhD in Oceanography", "Univ. of Oslo", "2014.18"),
        ("Master's degree", "Univ. of Lyon", "2012.14"),
    ]


def test_one_dated_row_is_no_table_of_entries() -> None:
    # A contact table with one date in it keeps its cell-by-cell reading.
    def build(document) -> None:
        _table(document, [["Date Prepared:", "2024"], ["Office:", "12 Harbour Road, Bergen"]])

    text = extract_text(_word_cv(build), "cv.docx")
    assert "Date Prepared:  2024" in text


def test_a_cell_that_opens_with_a_heading_keeps_its_other_lines() -> None:
    # One wide cell per row, each a whole section: the heading and every line under it.
    def build(document) -> None:
        _table(
            document,
            [
                ["TEACHING EXPERIENCE\nCourse Instructor  June-July 2025\nTaught statistics."],
                ["SERVICE\nMentor, Peer Program  2021 – Present"],
                ["AWARDS\nBest Poster Award  2024"],
            ],
        )

    text = extract_text(_word_cv(build), "cv.docx")
    for line in (
        "TEACHING EXPERIENCE",
        "Course Instructor  June-July 2025",
        "Taught statistics.",
        "Mentor, Peer Program  2021 – Present",
        "Best Poster Award  2024",
    ):
        assert line in text
