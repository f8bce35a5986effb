"""PDF layout reconstruction on small PDFs drawn the way real CV tools draw them."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Paragraph, Spacer

from cvimprover.cv.extract import extract_document, extract_text, pdf_stream_text
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv
from cvimprover.cv.preserved import missing_lines

FONTS = Path(__file__).resolve().parents[2] / "cvimprover" / "cv" / "render" / "fonts"


def _font() -> str:
    if "TestSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestSans", str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("TestSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    return "TestSans"


def _styles() -> dict[str, ParagraphStyle]:
    font = _font()
    return {
        "name": ParagraphStyle("name", fontName=font + "-Bold", fontSize=18, leading=22),
        "heading": ParagraphStyle("h", fontName=font + "-Bold", fontSize=11, leading=16),
        "body": ParagraphStyle("b", fontName=font, fontSize=10, leading=12.5),
        "bullet": ParagraphStyle(
            "li", fontName=font, fontSize=10, leading=12.5, leftIndent=12, bulletIndent=2
        ),
    }


def _flow(blocks: list[tuple[str, str]]) -> list[object]:
    styles = _styles()
    out: list[object] = []
    for style, text in blocks:
        if style == "bullet":
            out.append(Paragraph(text, styles["bullet"], bulletText="•"))
        elif style == "gap":
            out.append(Spacer(1, 8))
        else:
            out.append(Paragraph(text, styles[style]))
    return out


def _pdf(frames: list[tuple[float, float, float, float]], story: list[object], **kw) -> bytes:
    buffer = io.BytesIO()
    doc = BaseDocTemplate(buffer, pagesize=A4)
    doc.addPageTemplates(
        [
            PageTemplate(
                "page",
                [Frame(x, y, w, h, id=f"f{i}") for i, (x, y, w, h) in enumerate(frames)],
                **({"onPage": kw["on_page"]} if "on_page" in kw else {}),
            )
        ]
    )
    doc.build(story)
    return buffer.getvalue()


ROLE = [
    ("heading", "EXPERIENCE"),
    ("body", "Full Stack Java Developer"),
    ("body", "ABC Company | 03/2021 - 05/2023"),
    (
        "bullet",
        "Developed the customer onboarding service and its REST interfaces using Java and "
        "Spring Boot",
    ),
    ("bullet", "Built Angular screens for the loan application used by 40 branch offices"),
]


def test_wrapped_bullet_is_one_bullet_not_a_new_role() -> None:
    # A frame narrow enough that the first bullet wraps right before "Boot".
    story = _flow([("name", "Sophiya Singh"), ("gap", "")] + ROLE)
    data = _pdf([(60, 60, 330, 720)], story)
    document = parse_cv(normalise_text(extract_text(data, "cv.pdf")))
    roles = document.section("experience").entries
    assert [(r.title, r.organisation, r.dates) for r in roles] == [
        ("Full Stack Java Developer", "ABC Company", "03/2021 - 05/2023")
    ]
    assert roles[0].bullets[0].endswith("using Java and Spring Boot")
    assert len(roles[0].bullets) == 2


def test_wrapped_paragraph_lines_join_into_one() -> None:
    summary = (
        "Developer with seven years of experience building web applications for banks and "
        "insurers, from the database schema to the screens people use every day."
    )
    story = _flow([("name", "Ann Lee"), ("heading", "SUMMARY"), ("body", summary)])
    text = normalise_text(extract_text(_pdf([(60, 60, 300, 720)], story), "cv.pdf"))
    assert summary in text.split("\n")


def test_two_column_design_reads_sidebar_then_main() -> None:
    sidebar = _flow(
        [
            ("heading", "CONTACT"),
            ("body", "ann.lee@example.com"),
            ("body", "+44 7700 900456"),
            ("heading", "SKILLS"),
            ("body", "Python, SQL, Kubernetes"),
            ("heading", "LANGUAGES"),
            ("body", "English, Spanish"),
        ]
    )
    from reportlab.platypus import FrameBreak

    main = _flow(ROLE + [("heading", "EDUCATION"), ("body", "BSc Computing | 2014 - 2018")])
    data = _pdf([(40, 60, 150, 720), (220, 60, 330, 720)], sidebar + [FrameBreak()] + main)
    text = normalise_text(extract_text(data, "cv.pdf"))
    lines = text.split("\n")
    # Each column reads top to bottom; no line mixes words of both columns.
    assert lines.index("SKILLS") < lines.index("Python, SQL, Kubernetes") < lines.index("LANGUAGES")
    assert lines.index("EXPERIENCE") < lines.index("Full Stack Java Developer")
    assert not any("SKILLS" in ln and "EXPERIENCE" in ln for ln in lines)
    document = parse_cv(text)
    assert document.section("skills").items == ["Python", "SQL", "Kubernetes"]
    assert document.section("experience").entries[0].title == "Full Stack Java Developer"


def test_right_aligned_dates_stay_on_their_role_line() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(_font(), 10)
    y = 780
    pdf.drawString(50, y, "Priya Raman")
    y -= 30
    pdf.drawString(50, y, "EXPERIENCE")
    for title, dates in [
        ("Senior Data Engineer, Nimbus", "Mar 2021 - Present"),
        ("Data Engineer, Brightline", "Jan 2017 - Feb 2021"),
        ("Analyst, Kestrel Bank", "2014 - 2016"),
    ]:
        y -= 20
        pdf.drawString(50, y, title)
        pdf.drawRightString(545, y, dates)
        y -= 14
        pdf.drawString(60, y, "- Ran the reporting for 12 teams")
    pdf.save()
    text = normalise_text(extract_text(buffer.getvalue(), "cv.pdf"))
    assert "Senior Data Engineer, Nimbus | Mar 2021 - Present" in text.split("\n")
    roles = parse_cv(text).section("experience").entries
    assert [r.dates for r in roles] == ["Mar 2021 - Present", "Jan 2017 - Feb 2021", "2014 - 2016"]


def test_page_numbers_and_running_headers_dropped_with_reasons() -> None:
    def furniture(pdf: canvas.Canvas, doc: BaseDocTemplate) -> None:
        pdf.saveState()
        pdf.setFont(_font(), 8)
        pdf.drawString(60, 815, "Ann Lee - Curriculum Vitae")
        pdf.drawCentredString(297, 25, str(doc.page))
        pdf.restoreState()

    blocks = [("name", "Ann Lee"), ("body", "ann@example.com")] + ROLE
    blocks += [
        ("bullet", f"Delivered release {n} of the onboarding service on time") for n in range(60)
    ]
    data = _pdf([(60, 60, 470, 720)], _flow(blocks), on_page=furniture)
    result = extract_document(data, "cv.pdf")
    lines = normalise_text(result.text).split("\n")
    assert "1" not in lines and "2" not in lines
    assert lines.count("Ann Lee - Curriculum Vitae") <= 1
    reasons = {reason for _, reason in result.dropped}
    assert "page number" in reasons
    assert any("repeated" in r for r in reasons)
    # Both pages read as one CV: the bullets of page 2 belong to the same role.
    document = parse_cv(normalise_text(result.text))
    assert len(document.section("experience").entries) == 1
    assert len(document.section("experience").entries[0].bullets) == 62


def test_non_latin_names_extract_unchanged() -> None:
    names = ["Łukasz Żółć", "Zoë Ødegård", "Дмитрий Иванов", "Ελένη Παπαδοπούλου"]
    for name in names:
        story = _flow([("name", name), ("body", "mail@example.com"), ("heading", "SKILLS")])
        story += _flow([("body", "Python")])
        text = normalise_text(extract_text(_pdf([(60, 60, 470, 720)], story), "cv.pdf"))
        assert parse_cv(text).contact.name == name


FONT_AWESOME = Path("/usr/share/fonts/truetype/font-awesome/fontawesome-webfont.ttf")


@pytest.mark.skipif(
    not FONT_AWESOME.exists(), reason="needs the Font Awesome font (fonts-font-awesome)"
)
def test_icon_glyphs_before_contact_details_are_dropped() -> None:
    if "TestIcons" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("TestIcons", str(FONT_AWESOME)))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(_font() + "-Bold", 18)
    pdf.drawString(50, 790, "Zoë Ødegård")
    y = 765
    for icon, value in [("\uf0e0", "zoe@example.no"), ("\uf095", "+47 912 34 567"),
                        ("\uf041", "Bergen, Norway"), ("\uf09b", "github.com/zoeo")]:  # fmt: skip
        pdf.setFont("TestIcons", 10)
        pdf.drawString(50, y, icon)
        pdf.setFont(_font(), 10)
        pdf.drawString(66, y, value)
        y -= 14
    pdf.setFont(_font() + "-Bold", 11)
    pdf.drawString(50, y - 10, "SKILLS")
    pdf.setFont(_font(), 10)
    pdf.drawString(50, y - 24, "Python, SQL")
    pdf.save()
    text = normalise_text(extract_text(buffer.getvalue(), "cv.pdf"))
    assert not any("\ue000" <= ch <= "\uf8ff" for ch in text)
    contact = parse_cv(text).contact
    assert (contact.name, contact.email, contact.phone, contact.location) == (
        "Zoë Ødegård",
        "zoe@example.no",
        "+47 912 34 567",
        "Bergen, Norway",
    )
    assert [link.url for link in contact.links] == ["github.com/zoeo"]


def test_letter_spaced_name_keeps_its_words() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    name = pdf.beginText(50, 790)
    name.setFont(_font() + "-Bold", 20)
    name.setCharSpace(6)  # tracked capitals, as designer templates print names
    name.textLine("JANE DOE")
    pdf.drawText(name)
    pdf.setFont(_font(), 10)
    pdf.drawString(50, 760, "jane@example.com | +44 7700 900123 | Leeds, UK")
    pdf.drawString(50, 730, "SKILLS")
    pdf.drawString(50, 715, "Python")
    pdf.save()
    text = normalise_text(extract_text(buffer.getvalue(), "cv.pdf"))
    assert text.split("\n")[0] == "JANE DOE"
    assert parse_cv(text).contact.name == "JANE DOE"


def test_tex_accents_drawn_as_separate_glyphs_join_their_letters() -> None:
    # A LaTeX CV (tuned corpus) whose font draws "í" as a dotless i under a spacing accent.
    path = Path(__file__).parents[1] / "corpus/cvs/tuned/es-software-developer-single-column-03.pdf"
    text = normalise_text(extract_document(path.read_bytes(), path.name).text)
    assert "Facultad de Ingeniería" in text
    assert "exportación aérea y marítima" in text
    assert "´" not in text and "ı" not in text


def test_headings_in_a_left_margin_stay_with_their_sections() -> None:
    # Classic academic layout: the name and contact lines centred on top, each heading in a
    # narrow left margin beside the first row of its section. Not a sidebar.
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(_font() + "-Bold", 20)
    pdf.drawCentredString(297, 790, "Maya Lindqvist")
    pdf.setFont(_font(), 9)
    pdf.drawCentredString(297, 772, "4 Harbour Road, Apt 2, Halifax, Nova Scotia B3H 1A1")
    pdf.drawCentredString(297, 760, "maya@example.org | +1 902 555 0143")
    y = 730
    sections = [
        (["EDUCATION"], ["Dalhousie University, Halifax", "- M.Sc. in Oceanography | 2016 - 2018"]),
        (
            ["RESEARCH", "EXPERIENCE"],
            ["Bedford Institute, Dartmouth", "- Research Assistant | 2018 - 2021"],
        ),
        (["SKILLS"], ["Python, R, MATLAB", "Field sampling, mooring design"]),
    ]
    for heading, rows in sections:
        pdf.setFont(_font() + "-Bold", 9)
        for offset, word in enumerate(heading):
            pdf.drawString(40, y - 11 * offset, word)
        pdf.setFont(_font(), 10)
        for row in rows:
            pdf.drawString(150, y, row)
            for _ in range(2):
                y -= 14
                pdf.drawString(160, y, "- Measured currents on four cruises of the shelf")
            y -= 14
        y -= 10
    pdf.save()
    text = normalise_text(extract_text(buffer.getvalue(), "cv.pdf"))
    lines = [line for line in text.split("\n") if line]
    assert lines[:3] == [
        "Maya Lindqvist",
        "4 Harbour Road, Apt 2, Halifax, Nova Scotia B3H 1A1",
        "maya@example.org | +1 902 555 0143",
    ]
    assert lines.index("EDUCATION") < lines.index("Dalhousie University, Halifax")
    assert lines.index("Dalhousie University, Halifax") < lines.index("RESEARCH EXPERIENCE")
    assert lines.index("RESEARCH EXPERIENCE") < lines.index("Bedford Institute, Dartmouth")
    document = parse_cv(text)
    assert document.contact.location == "4 Harbour Road, Apt 2, Halifax, Nova Scotia B3H 1A1"
    assert document.section("skills").items[0] == "Python"


def test_printed_tilde_stays_in_its_address() -> None:
    # "~" is also TeX's spacing accent; one over no letter is a character of the address.
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(_font(), 10)
    pdf.drawString(50, 790, "Maya Lindqvist")
    pdf.drawString(50, 775, "maya@example.org | http://www.example.org/~maya")
    pdf.drawString(50, 745, "SKILLS")
    pdf.drawString(50, 730, "Python")
    pdf.save()
    text = normalise_text(extract_text(buffer.getvalue(), "cv.pdf"))
    assert "maya@example.org | http://www.example.org/~maya" in text.split("\n")
    assert [link.url for link in parse_cv(text).contact.links] == ["http://www.example.org/~maya"]


def test_word_hyphenated_at_a_line_end_with_a_flat_hyphen_is_one_word() -> None:
    # TeX's hyphen glyph is a thin bar: its box barely overlaps the line's letters, and
    # PDFium marks it as the end-of-line hyphen of a word that goes on below.
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(_font(), 10)
    pdf.drawString(50, 790, "Maya Lindqvist")
    pdf.drawString(50, 760, "SUMMARY")
    line = pdf.beginText(50, 745)
    line.setFont(_font(), 10)
    line.textOut("Master thesis on semi automated scoring of spreadsheet data in techno")
    line.setFont(_font(), 3)
    line.setRise(2.5)
    line.textOut("-")
    pdf.drawText(line)
    pdf.setFont(_font(), 10)
    pdf.drawString(50, 733, "logy based assessment, with two published papers.")
    pdf.save()
    text = normalise_text(extract_text(buffer.getvalue(), "cv.pdf"))
    assert "spreadsheet data in technology based assessment" in text
    assert "\ufffe" not in text


@pytest.mark.parametrize(
    ("second", "size", "name", "headline"),
    [
        ("Navigator", 11, "Mira", "Navigator"),  # a title in small type under the name
        ("SOLBERG", 24, "MIRA SOLBERG", "Navigator"),  # the surname wrapped, same type
    ],
)
def test_one_word_name_and_the_line_under_it(
    second: str, size: int, name: str, headline: str
) -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setFont(_font() + "-Bold", 24)
    pdf.drawString(50, 790, name.split()[0])
    pdf.setFont(_font() + "-Bold", size)
    pdf.drawString(50, 790 - size - 6, second)
    pdf.setFont(_font(), 10)
    y = 790 - size - 24
    if size == 24:
        pdf.drawString(50, y, "Navigator")
        y -= 14
    for detail in ("12 March 1990", "Oslo, Norway", "mira@example.no"):
        pdf.drawString(50, y, detail)
        y -= 14
    pdf.drawString(50, y - 14, "SKILLS")
    pdf.drawString(50, y - 28, "Celestial navigation")
    pdf.save()
    document = parse_cv(normalise_text(extract_text(buffer.getvalue(), "cv.pdf")))
    assert (document.contact.name, document.headline) == (name, headline)
    assert document.contact.location == "Oslo, Norway"


def _runs_pdf(runs: list[tuple[str, str, float, float]]) -> bytes:
    """One line drawn as runs (text, font, size, rise) set one after the other, no spaces."""
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    text = pdf.beginText(50, 780)
    for words, font, size, rise in runs:
        text.setFont(font, size)
        text.setRise(rise)
        text.textOut(words)
    pdf.drawText(text)
    pdf.setFont(_font(), 10)
    pdf.drawString(50, 740, "ana@example.com")
    pdf.save()
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("runs", "line"),
    [
        # A name banner: the first name light, the surname bold, nothing drawn between.
        ((("Beatriz", "", 36, 0), ("Hernández", "-Bold", 36, 0)), "Beatriz Hernández"),
        # One word in one font keeps its inner capital.
        ((("iPhone", "", 12, 0), (" developer", "", 12, 0)), "iPhone developer"),
        # A raised small letter ("2ºA") is part of its word, whatever its font.
        ((("Piso 2", "", 12, 0), ("o", "-Bold", 7, 4), ("A", "", 12, 0)), "Piso 2oA"),
    ],
)
def test_a_capital_in_another_font_starts_a_word(
    runs: tuple[tuple[str, str, float, float], ...], line: str
) -> None:
    font = _font()
    data = _runs_pdf([(words, font + style, size, rise) for words, style, size, rise in runs])
    text = normalise_text(extract_document(data, "cv.pdf").text)
    assert text.split("\n")[0].strip() == line


def test_margin_headings_beside_a_running_footer_and_alone_on_a_page() -> None:
    # Headings right-aligned in a left margin, a running footer starting at the left edge of
    # every page, and a second page whose only heading sits in the margin beside its row.
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    body = [
        ("Education", ["Ph.D., Oceanography | 2016 - 2020", "Dalhousie University"]),
        ("Experience", ["Research Assistant, Bedford Institute | 2020 - 2023"]),
    ]
    y = 760
    for heading, rows in body:
        pdf.setFont(_font() + "-Bold", 10)
        pdf.drawRightString(120, y, heading)
        pdf.setFont(_font(), 10)
        for row in rows:
            pdf.drawString(134, y, row)
            for _ in range(3):
                y -= 14
                pdf.drawString(134, y, "Measured currents on four cruises of the shelf sea")
            y -= 20
    for page in (1, 2):
        pdf.setFont(_font(), 8)
        pdf.drawString(37, 40, "Maya Lindqvist · Curriculum Vitae")
        pdf.drawString(300, 40, f"Page {page} of 2")
        if page == 1:
            pdf.showPage()
    y = 760
    pdf.setFont(_font(), 10)
    for _ in range(6):
        pdf.drawString(134, y, "Gave a seminar on shelf currents at a national meeting")
        y -= 14
    pdf.setFont(_font() + "-Bold", 10)
    pdf.drawRightString(120, y, "Presentations")
    pdf.setFont(_font(), 10)
    pdf.drawString(134, y, "Ocean mixing on the Scotian Shelf, AGU Fall Meeting")
    pdf.save()
    text = normalise_text(extract_text(buffer.getvalue(), "cv.pdf"))
    lines = [line for line in text.split("\n") if line]
    assert lines.index("Education") < lines.index("Ph.D., Oceanography | 2016 - 2020")
    assert lines.index("Dalhousie University") < lines.index("Experience")
    assert lines.index("Experience") + 1 == lines.index(
        "Research Assistant, Bedford Institute | 2020 - 2023"
    )
    assert "Presentations" in lines
    assert lines.index("Presentations") + 1 == lines.index(
        "Ocean mixing on the Scotian Shelf, AGU Fall Meeting"
    )


def test_a_link_drawn_over_a_label_naming_a_kind_of_link_is_a_contact_link() -> None:
    """A CV that links its site from the words "My website" prints no address: the link
    annotation over a label naming a kind of link is the person's; a link drawn over an
    employer's name further down is not."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 11)
    page.drawString(72, 790, "Dana Whitlock")
    page.drawString(72, 772, "dana@example.org")
    page.drawString(200, 772, "My website")
    width = page.stringWidth("My website", "Helvetica", 11)
    page.linkURL("https://danawhitlock.net/", (200, 768, 200 + width, 782), relative=0)
    page.drawString(72, 700, "Experience")
    page.drawString(72, 682, "Analyst, Northwind Traders, 2019 - 2023")
    width = page.stringWidth("Northwind Traders", "Helvetica", 11)
    start = 72 + page.stringWidth("Analyst, ", "Helvetica", 11)
    page.linkURL("https://northwind.example.com/", (start, 678, start + width, 692), relative=0)
    page.save()
    links = extract_document(buffer.getvalue(), "cv.pdf").links
    assert "https://danawhitlock.net/" in links
    assert "https://northwind.example.com/" not in links


def _lines(data: bytes) -> list[str]:
    text = normalise_text(extract_text(data, "cv.pdf"))
    return [line for line in text.split("\n") if line]


def test_margin_headings_beside_rows_that_start_a_point_apart_and_a_split_date() -> None:
    # A LaTeX-style page: headings right-aligned in a narrow margin (one wrapped over two
    # lines, a sub-heading in smaller type under it), body rows starting at x 167.3 or
    # 167.6, and right-aligned dates whose dash is drawn as a run of its own.
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = _font()
    pdf.setFont(font + "-Bold", 20)
    pdf.drawString(167, 800, "Rhea Castellanos")
    pdf.setFont(font, 9)
    pdf.drawString(167, 784, "rhea@example.org")
    y = 750

    def heading(lines: list[str], size: float, top: float) -> None:
        pdf.setFont(font, size)
        for offset, word in enumerate(lines):
            pdf.drawRightString(138, top - (size + 2) * offset, word)

    def row(x: float, text: str, dates: list[tuple[float, str]] = ()) -> None:
        nonlocal y
        pdf.setFont(font, 10)
        pdf.drawString(x, y, text)
        pdf.setFont(font, 8)
        for at, part in dates:
            pdf.drawString(at, y, part)
        y -= 14

    heading(["education"], 11, y)
    row(167.3, "Ph.D. in Statistics, Stanford University", [(540, "2003")])
    row(167.6, "B.S. in Industrial Engineering, University of South Florida", [(540, "1996")])
    y -= 40
    heading(["professional", "experience"], 11, y)
    y -= 26
    heading(["positions"], 8, y)
    row(167.6, "Professor, Gallaudet University", [(495, "2006"), (522, "-"), (532, "present")])
    for _ in range(3):
        row(167.3, "Taught statistics and data analysis to graduate students")
    row(
        167.6,
        "Science Writer, Proceedings of the Academy",
        [(495, "2005"), (522, "-"), (532, "2006")],
    )
    for _ in range(3):
        row(167.3, "Wrote news features on statistics for a general audience")
    pdf.save()
    lines = _lines(buffer.getvalue())
    assert lines.index("education") + 1 == lines.index(
        "Ph.D. in Statistics, Stanford University | 2003"
    )
    # The wrapped heading is one line; the sub-heading in other type is a line of its own.
    assert lines.index("professional experience") + 1 == lines.index("positions")
    assert lines.index("positions") + 1 == lines.index(
        "Professor, Gallaudet University | 2006 - present"
    )
    assert "Science Writer, Proceedings of the Academy | 2005 - 2006" in lines


def test_margin_headings_of_a_template_read_alike_on_every_page() -> None:
    # Page 1: known headings in the left margin beside their rows. Page 2: the same margin
    # with the template's own words ("selected writing"), known to no list of headings.
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = _font()
    pages = [
        [("Education", "M.Sc. in Oceanography, Dalhousie University"),
         ("Experience", "Research Assistant, Bedford Institute")],
        [("selected writing", "Currents of the shelf sea, Ocean Notes"),
         ("general audience", "Why the tides turn, Harbour Magazine")],
    ]  # fmt: skip
    for number, sections in enumerate(pages):
        y = 780
        for heading, first in sections:
            pdf.setFont(font + "-Bold", 10)
            pdf.drawRightString(120, y, heading)
            pdf.setFont(font, 10)
            pdf.drawString(140, y, first)
            for _ in range(4):
                y -= 14
                pdf.drawString(140, y, "- Measured currents on four cruises.")
            y -= 30
        if number == 0:
            pdf.showPage()
    pdf.save()
    lines = _lines(buffer.getvalue())
    for sections in pages:
        for heading, first in sections:
            assert lines.index(heading) + 1 == lines.index(first), heading


def test_fields_in_other_type_or_drawn_over_a_line_stay_apart() -> None:
    # Small grey dates, then the employer in bold after a word space; and dates drawn back
    # over the end of a long line in another font ("linear" + "Fall 2016").
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = _font()
    pdf.setFont(font + "-Bold", 18)
    pdf.drawString(60, 800, "Ada Morse")
    pdf.setFont(font, 10)
    pdf.drawString(60, 784, "ada@example.org")
    pdf.setFont(font, 8)
    pdf.drawString(60, 740, "2020 - present")
    pdf.setFont(font + "-Bold", 13)
    pdf.drawString(60 + pdf.stringWidth("2020 - present ", font, 8) + 2, 740, "Codecademy")
    pdf.setFont(font, 10)
    long = "General math tutor for calculus and linear"
    pdf.drawString(60, 710, long)
    end = 60 + pdf.stringWidth(long, font, 10)
    pdf.setFont("Courier", 9)
    pdf.drawString(end - 6, 711.5, "Fall 2016 - Spring 2017")
    pdf.save()
    data = buffer.getvalue()
    lines = _lines(data)
    assert "2020 - present | Codecademy" in lines
    tutor = next(line for line in lines if line.startswith("General math tutor"))
    assert tutor == f"{long} | Fall 2016 - Spring 2017"
    # The text stream glues "linearFall": the accounting finds both parts kept.
    source = normalise_text(pdf_stream_text(data))
    assert "linearFall" in source
    assert missing_lines(source, {"improved_markdown": "\n".join(lines)}) == []


def _two_columns(pdf: canvas.Canvas, main_x: float, side_x: float, side_top: float) -> None:
    """A name banner and headline at the top of the main column, a contact sidebar that
    starts under them, and a job whose employer's site sits beside the sidebar's e-mail."""
    font = _font()
    pdf.setFont(font + "-Bold", 18)
    pdf.drawString(main_x, 780, "Giulia A. Rossi")
    pdf.setFont(font, 10)
    pdf.drawString(main_x, 756, "Project Manager, Toronto, ON")
    y = 726
    for text in ["EXPERIENCE", "Senior Accountant, Acme Ltd, 2019 - 2023",
                 "https://acme.example.com/",
                 "- Closed the books every month for 40 cost centres",
                 "- Cut the month-end close from 9 to 5 days", "", "EDUCATION",
                 "BSc Accounting, State University, 2010 - 2014"]:  # fmt: skip
        if text:
            pdf.drawString(main_x, y, text)
        y -= 16
    y = side_top
    pdf.setFont(font + "-Bold", 11)
    pdf.drawString(side_x, y, "CONTACT")
    pdf.setFont(font, 8)
    for text in ["giulia@example.com", "+1 416 555 0199", "", "LANGUAGES", "English", "Italian"]:
        y -= 14 if text else 10
        pdf.drawString(side_x, y, text)


@pytest.mark.parametrize("sidebar_left", [True, False])
def test_name_banner_over_a_lower_sidebar_and_a_job_beside_its_rows(sidebar_left: bool) -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    main_x, side_x = (240, 30) if sidebar_left else (40, 385)
    # The sidebar's rows meet the job's rows: its e-mail beside the employer's site.
    _two_columns(pdf, main_x, side_x, 726 - 2 * 16 + 14 + 2)
    pdf.save()
    lines = _lines(buffer.getvalue())
    assert lines[:2] == ["Giulia A. Rossi", "Project Manager, Toronto, ON"]
    job = lines.index("Senior Accountant, Acme Ltd, 2019 - 2023")
    assert lines[job + 1 : job + 4] == [
        "https://acme.example.com/",
        "- Closed the books every month for 40 cost centres",
        "- Cut the month-end close from 9 to 5 days",
    ]
    assert lines.index("CONTACT") + 1 == lines.index("giulia@example.com")


def test_bullet_glyphs_drawn_apart_are_no_column() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = _font()
    pdf.setFont(font + "-Bold", 18)
    pdf.drawString(50, 800, "Sam Okafor")
    pdf.setFont(font, 10)
    pdf.drawString(50, 782, "sam@example.org")
    pdf.drawString(50, 750, "EDUCATION")
    y = 732
    for degree in ["M.A. History, University of Leeds", "B.A. History, University of York",
                   "A Level History, Leeds College", "A Level English, Leeds College"]:  # fmt: skip
        pdf.drawString(60, y, "•")
        pdf.drawString(80, y, degree)
        y -= 16
    pdf.save()
    lines = _lines(buffer.getvalue())
    assert "- M.A. History, University of Leeds" in lines
    assert "- A Level English, Leeds College" in lines


def test_a_name_wrapped_over_two_lines_is_set_apart_after_both() -> None:
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    font = _font()
    pdf.setFont("Courier", 22)
    pdf.drawString(150, 800, "Aldair Oswaldo Avalos")
    pdf.drawString(150, 776, "Albino")
    pdf.setFont(font, 9)
    pdf.drawString(150, 758, "Estudiante de Ingeniería en Computación")
    pdf.drawString(150, 744, "aldair@example.org")
    pdf.drawString(150, 710, "EDUCACIÓN")
    pdf.drawString(150, 696, "Universidad Autónoma Metropolitana | 2022 - 2026")
    pdf.save()
    text = normalise_text(extract_text(buffer.getvalue(), "cv.pdf"))
    assert text.split("\n")[:4] == [
        "Aldair Oswaldo Avalos",
        "Albino",
        "",
        "Estudiante de Ingeniería en Computación",
    ]
    assert parse_cv(text).contact.name == "Aldair Oswaldo Avalos Albino"


def test_a_profile_link_over_a_name_in_body_text_after_page_one_is_not_the_persons() -> None:
    """A list of papers on page 2 links a co-author's name to their GitHub: not a contact
    link. A link on page 2 that shows its own address still is."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica", 11)
    page.drawString(72, 790, "Rosa Quintero")
    page.drawString(72, 772, "rosa@example.org")
    page.showPage()
    page.setFont("Helvetica", 11)
    page.drawString(72, 790, "Publications")
    page.drawString(72, 772, "Quintero, R. and Ibarra, L. (2021). Credit cycles. Journal of X.")
    start = 72 + page.stringWidth("Quintero, R. and ", "Helvetica", 11)
    width = page.stringWidth("Ibarra, L.", "Helvetica", 11)
    page.linkURL("https://github.com/lucia-ibarra", (start, 768, start + width, 782), relative=0)
    page.drawString(72, 740, "Code: github.com/rosaq")
    start = 72 + page.stringWidth("Code: ", "Helvetica", 11)
    width = page.stringWidth("github.com/rosaq", "Helvetica", 11)
    page.linkURL("https://github.com/rosaq", (start, 736, start + width, 750), relative=0)
    page.save()
    links = extract_document(buffer.getvalue(), "cv.pdf").links
    assert "https://github.com/lucia-ibarra" not in links
    assert "https://github.com/rosaq" in links
