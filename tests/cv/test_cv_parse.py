"""Normalisation and parsing: ligatures, bullets, icon glyphs, headings in English and Spanish."""

from __future__ import annotations

from cvimprover.cv.dates import parse_period
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import heading_kind, parse_cv


def test_ligatures_hyphenation_bullets_icons_controls() -> None:
    raw = "\ufb01nancial e\ufb00ort\r\nmanage-\nment\n\u2022 one\n\u25aa two\n"
    raw += "\uf0e0 a@b.co\x07\x00ok\u00a0x"
    text = normalise_text(raw)
    assert "financial effort" in text
    assert "management" in text
    assert "- one\n- two" in text
    assert "\uf0e0" not in text and "a@b.co" in text
    assert "\x07" not in text and "\x00" not in text and "ok x" in text


def test_pdfium_line_end_hyphen_markers_join_the_word() -> None:
    # PDFium gives a layout hyphen at a line end as U+FFFE (or U+0002 in bounded text)
    assert normalise_text("stake\ufffe\r\nholders") == "stakeholders"
    assert normalise_text("develop\x02\nment team") == "development team"


def test_hyphenated_compound_kept_across_capitals() -> None:
    assert "Coca-\nCola" in normalise_text("Coca-\nCola")


def test_headings_any_case_spacing_and_spanish() -> None:
    assert heading_kind("EXPERIENCIA") == "experience"
    assert heading_kind("Experiencia profesional:") == "experience"
    assert heading_kind("EDUCACIÓN") == "education"
    assert heading_kind("Formación académica") == "education"
    assert heading_kind("HABILIDADES") == "skills"
    assert heading_kind("Idiomas") == "languages"
    assert heading_kind("E X P E R I E N C E") == "experience"
    assert heading_kind("W O R K  E X P E R I E N C E") == "experience"
    assert heading_kind("work experience") == "experience"
    assert heading_kind("Certificaciones") == "certifications"
    assert heading_kind("Managed the Experience team") is None


def test_spanish_cv_sections_and_roles() -> None:
    text = normalise_text(
        "María López\nmaria@example.es | +34 600 111 222 | Madrid, España\n\n"
        "RESUMEN\nAnalista con foco en datos.\n\nEXPERIENCIA\n"
        "Analista de Datos — Banco Sol | Enero 2020 – Actualidad\n• Elaboré 12 informes\n\n"
        "EDUCACIÓN\nGrado en Economía — Universidad de Murcia | 2015 – 2019\n\n"
        "HABILIDADES\nSQL, Python | Excel\n\nIDIOMAS\nEspañol, Inglés\n\nVOLUNTARIADO\nCruz Azul"
    )
    document = parse_cv(text)
    assert document.contact.name == "María López"
    assert document.contact.location == "Madrid, España"
    kinds = [s.kind for s in document.sections]
    assert kinds == ["summary", "experience", "education", "skills", "languages", "other"]
    role = document.section("experience").entries[0]
    assert (role.title, role.organisation, role.dates) == (
        "Analista de Datos",
        "Banco Sol",
        "Enero 2020 – Actualidad",
    )
    assert role.bullets == ["Elaboré 12 informes"]
    assert document.section("education").entries[0].title == "Grado en Economía"
    assert document.section("skills").items == ["SQL", "Python", "Excel"]
    assert document.sections[-1].text == "Cruz Azul"


def test_wrapped_bullet_joins_previous_line() -> None:
    document = parse_cv(
        "Ann Lee\n\nEXPERIENCE\nDev — Acme | 2020 – 2021\n- Built a tool\nused daily"
    )
    assert document.section("experience").entries[0].bullets == ["Built a tool used daily"]


def test_contact_links_labels() -> None:
    document = parse_cv(
        "Sam Roe\nsam@roe.io · +1 206 555 0100 · Portland, OR\n"
        "https://www.linkedin.com/in/samroe | github.com/samroe | samroe.dev\n\nSKILLS\nGo"
    )
    labels = [(link.label, link.url) for link in document.contact.links]
    assert labels == [
        ("LinkedIn", "https://www.linkedin.com/in/samroe"),
        ("GitHub", "github.com/samroe"),
        ("Portfolio", "samroe.dev"),
    ]
    assert document.contact.phone == "+1 206 555 0100"


def test_period_parsing() -> None:
    assert parse_period("Mar 2019 – Present").current
    assert parse_period("01/2020 - 06/2021").months() == 18
    assert parse_period("Enero de 2020 a Marzo de 2021").start == (2020, 1)
    assert parse_period("sometime") is None
