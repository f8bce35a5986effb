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
    # Volunteer work is experience (unpaid roles count), kept under its own heading.
    assert kinds == ["summary", "experience", "education", "skills", "languages", "experience"]
    assert document.sections[-1].heading == "VOLUNTARIADO"
    role = document.section("experience").entries[0]
    assert (role.title, role.organisation, role.dates) == (
        "Analista de Datos",
        "Banco Sol",
        "Enero 2020 – Actualidad",
    )
    assert role.bullets == ["Elaboré 12 informes"]
    assert document.section("education").entries[0].title == "Grado en Economía"
    assert document.section("skills").items == ["SQL", "Python", "Excel"]
    volunteering = document.sections[-1].entries
    assert [(e.title, e.organisation) for e in volunteering] == [("Cruz Azul", "")]


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


def test_names_in_any_alphabet_keep_their_location() -> None:
    for name in ["Łukasz Żółć", "Zoë Ødegård", "Дмитрий Иванов", "Ελένη Παπαδοπούλου", "李小龙"]:
        document = parse_cv(f"{name}\nWarszawa, Polska\nmail@example.com\n\nSKILLS\nPython")
        assert document.contact.name == name
        assert document.contact.location == "Warszawa, Polska"


def test_one_line_labelled_contact_block() -> None:
    document = parse_cv(
        "Sophiya Singh Email: sophiya.singh@example.com Mobile: +91 98765 43210 "
        "LinkedIn: linkedin.com/in/sophiya\n\nEXPERIENCE\nDeveloper, Acme | 2020 - 2022"
    )
    contact = document.contact
    assert contact.name == "Sophiya Singh"
    assert contact.email == "sophiya.singh@example.com"
    assert contact.phone == "+91 98765 43210"
    assert [link.url for link in contact.links] == ["linkedin.com/in/sophiya"]


def test_labelled_lines_split_caps_name_and_street_address() -> None:
    document = parse_cv(
        "CHRISTIAN\nLARICO DEPAZ\nAv. Los Álamos 123, 15001 Lima\nEmail: c.larico@example.pe\n"
        "Mobile: +51 987 654 321\nGitHub: github.com/clarico\n\n"
        "EDUCATION\nBSc Physics | 2015 - 2019"
    )
    contact = document.contact
    assert contact.name == "CHRISTIAN LARICO DEPAZ"
    assert contact.location == "Av. Los Álamos 123, 15001 Lima"
    assert contact.phone == "+51 987 654 321"
    assert [link.url for link in contact.links] == ["github.com/clarico"]


def test_text_wrapped_bullet_and_page_numbers() -> None:
    dropped: list[tuple[str, str]] = []
    document = parse_cv(
        "Ann Lee\n\nEXPERIENCE\nFull Stack Java Developer | ABC Company | 2021 - 2023\n"
        "- Developed the onboarding service using Java and Spring\nBoot\n"
        "- Built Angular screens for 40 offices\n1\nData Analyst | XYZ Bank | 2018 - 2021\n"
        "- Ran reports\n2",
        dropped,
    )
    roles = document.section("experience").entries
    assert [r.title for r in roles] == ["Full Stack Java Developer", "Data Analyst"]
    assert roles[0].bullets[0].endswith("Java and Spring Boot")
    assert dropped == [("1", "page number"), ("2", "page number")]


def test_headings_with_dates_unknown_headings_and_labelled_skills_are_kept() -> None:
    dropped: list[tuple[str, str]] = []
    document = parse_cv(
        "María López\nmaria@example.es\n\nEXPERIENCIA (10/2022-05/2023)\n"
        "Analista | Banco Sol | 10/2022 - 05/2023\n- Elaboré informes\n"
        "EDUCACIÓN (03/2019-EN CURSO)\nGrado en Economía | Universidad de Murcia | 2019 - hoy\n"
        "HABILIDADES\nProgramming languages: Python, Java, C++\nExcel, Tableau\n"
        "PERSONAL INFORMATION\nDate of birth: 01/02/1990\nMarital status: single\n"
        "COMMUNITY INVOLVEMENT\nVolunteer at the local food bank",
        dropped,
    )
    headings = [(s.kind, s.heading) for s in document.sections]
    assert headings == [
        ("experience", "EXPERIENCIA (10/2022-05/2023)"),
        ("education", "EDUCACIÓN (03/2019-EN CURSO)"),
        ("skills", "HABILIDADES"),
        ("other", "COMMUNITY INVOLVEMENT"),
        ("other", "PERSONAL INFORMATION"),
    ]
    assert document.section("skills").items == [
        "Programming languages: Python, Java, C++",
        "Excel",
        "Tableau",
    ]
    assert document.sections[-1].text == "Date of birth: 01/02/1990"
    assert ("Marital status: single", "marital status removed: not expected on a CV") in dropped


def test_paragraph_hard_breaks_are_joined() -> None:
    document = parse_cv(
        "Ann Lee\n\nSUMMARY\nData analyst with six years of experience in retail banking and\n"
        "insurance, turning messy ledgers into reports people trust.\nFluent in Spanish."
    )
    assert document.section("summary").text == (
        "Data analyst with six years of experience in retail banking and insurance, turning "
        "messy ledgers into reports people trust.\nFluent in Spanish."
    )


def test_role_headers_in_common_layouts() -> None:
    document = parse_cv(
        "Ann Lee\n\nEXPERIENCE\nSoftware Engineer\nGoogle, Mountain View, CA\n"
        "Jan 2019 – Present\n- Built things\nGoogle — Software Engineer (2017 – 2019)\n"
        "- Did stuff\n2015 – 2017 Junior Developer, Acme Corp\n- Fixed bugs\n"
        "Data Analyst at Kestrel Bank (2013-2015)\n- Reports\n"
        "Jan 2012 - Dec 2012 | Intern | Globex | London\n- Helped\n"
        "Ingeniera de Software en Telefónica (2010-2011)\n- Cosas\n\nEDUCATION\n"
        "Universidad de Murcia — Grado en Economía (2005-2009)\n"
        "BSc Computer Science, University of Leeds, 2001 - 2004\n"
    )
    found = [
        (e.title, e.organisation, e.dates, e.location) for s in document.sections for e in s.entries
    ]
    assert found == [
        ("Software Engineer", "Google", "Jan 2019 – Present", "Mountain View, CA"),
        ("Software Engineer", "Google", "2017 – 2019", ""),
        ("Junior Developer", "Acme Corp", "2015 – 2017", ""),
        ("Data Analyst", "Kestrel Bank", "2013-2015", ""),
        ("Intern", "Globex", "Jan 2012 - Dec 2012", "London"),
        ("Ingeniera de Software", "Telefónica", "2010-2011", ""),
        ("Grado en Economía", "Universidad de Murcia", "2005-2009", ""),
        ("BSc Computer Science", "University of Leeds", "2001 - 2004", ""),
    ]


def test_dates_never_match_inside_links_and_present_words_are_whole() -> None:
    from cvimprover.cv.dates import find_dates

    assert find_dates("https://doi.org/10.1101/2021.06.15.448604") is None
    assert find_dates("Marzo 2020 - presente").group(0) == "Marzo 2020 - presente"
    assert find_dates("EDUCACIÓN (03/2019-EN CURSO)").group(0) == "03/2019-EN CURSO"
    assert find_dates("Expected Graduation: June 2016").group(0) == (
        "Expected Graduation: June 2016"
    )


def test_tex_ligature_codes_spelled_by_the_word_they_make() -> None:
    # Fonts without a character map give ligatures as control codes, and disagree on which.
    assert normalise_text("Scienti\x1bc Scienti\x1cc e\x1bort") == "Scientific Scientific effort"
    assert normalise_text("\x1f mail@example.com") == "mail@example.com"  # an icon, alone


def test_emoji_icons_before_contact_details() -> None:
    text = normalise_text(
        "Ana Ruiz\n📧 ana@x.es | 📱 +34 600 111 222 | 📍 Madrid\n\nSKILLS\nPython"
    )
    contact = parse_cv(text).contact
    assert (contact.email, contact.phone, contact.location) == (
        "ana@x.es",
        "+34 600 111 222",
        "Madrid",
    )


def test_employer_printed_once_over_several_roles() -> None:
    document = parse_cv(
        "Ann Lee\n\nWORK EXPERIENCE\n"
        "Beckhoff Automation LLC, Savage, Minnesota Jun 2022 – Present\n"
        "Associate Application Engineer, Los Angeles, CA, Jan 2024 – Present\n"
        "- Supported customers\n"
        "Talent Development Associate, Savage, MN, Jun 2023 – Dec 2023\n- Rotated across teams\n"
        "EDUCATION\nTexas A&M University, College Station, Texas May 2023\n"
        "Bachelor of Science in Interdisciplinary Engineering – Robotics Focus\n- Honours\n"
        "GPA: 3.93\n"
    )
    found = [
        (e.title, e.organisation, e.dates, e.location) for s in document.sections for e in s.entries
    ]
    assert found == [
        ("", "Beckhoff Automation LLC", "Jun 2022 – Present", "Savage, Minnesota"),
        (
            "Associate Application Engineer",
            "Beckhoff Automation LLC",
            "Jan 2024 – Present",
            "Los Angeles, CA",
        ),
        (
            "Talent Development Associate",
            "Beckhoff Automation LLC",
            "Jun 2023 – Dec 2023",
            "Savage, MN",
        ),
        (
            "Bachelor of Science in Interdisciplinary Engineering – Robotics Focus",
            "Texas A&M University",
            "May 2023",
            "College Station, Texas",
        ),
    ]
    assert document.section("education").entries[0].bullets == ["Honours", "GPA: 3.93"]


def test_middle_dot_separates_title_employer_and_place() -> None:
    document = parse_cv(
        "Ann Lee\n\nExperience\n"
        "Staff Nurse · St James's University Hospital · Leeds | 2016 – 2019\n"
        "- Cared for patients\n"
    )
    entry = document.section("experience").entries[0]
    assert (entry.title, entry.organisation, entry.location) == (
        "Staff Nurse",
        "St James's University Hospital",
        "Leeds",
    )


def test_sidebar_label_line_and_tagline_are_not_sections() -> None:
    dropped: list[tuple[str, str]] = []
    document = parse_cv(
        "Dan Oak\nData Analyst\nSQL, dashboards and forecasting\n\nContact\ndan@example.org\n"
        "LinkedIn\nlinkedin.com/in/dan-oak\n\nSkills\nSQL\n\nReferences available on request",
        dropped,
    )
    assert document.headline == "Data Analyst · SQL, dashboards and forecasting"
    assert [s.kind for s in document.sections] == ["skills"]
    assert [link.url for link in document.contact.links] == ["linkedin.com/in/dan-oak"]
    reasons = dict(dropped)
    assert "LinkedIn" in reasons and "References available on request" in reasons


def test_tex_spacing_accents_are_put_back_on_their_letters() -> None:
    # How a TeX PDF without a character map gives accented letters in its text stream.
    text = normalise_text(
        "Ingenier´ıa en Informatica\nImportacion y exportaci ´ on a ´ erea y mar ´ ´ıtima\n"
        "Solucion global de e-mail marketing ´ Noviembre 2021\nBachiller en Econom ¨ ´ıa"
    )
    assert text.split("\n") == [
        "Ingeniería en Informatica",
        "Importacion y exportacion aerea y marítima",
        "Solucion global de e-mail marketing Noviembre 2021",
        "Bachiller en Economía",
    ]


def test_wrapped_sentence_end_is_not_a_heading_and_short_names_stay() -> None:
    document = parse_cv(
        "Ann Lee\n\nExperiencia Laboral\n2005–2005 Instructor, Colégio ENIAC, Guarulhos/Brasil.\n"
        "Profesor en clases prácticas en curso técnico en\ninformática.\n"
        "2011–2013 Analista Programador, Cetil Sistemas S/A, CETIL, Florianópolis/Brasil.\n"
    )
    assert [s.kind for s in document.sections] == ["experience"]
    entries = document.section("experience").entries
    assert [e.organisation for e in entries] == ["Colégio ENIAC", "Cetil Sistemas S/A, CETIL"]


def test_service_heading_and_description_after_the_dates() -> None:
    document = parse_cv(
        "Ann Lee\n\nSERVICE\n"
        "Church of Jesus Christ, Eugene, Oregon — Missionary Nov. 2018 - Nov. 2022 "
        "Worked 65+ hours weekly teaching individuals and families\n"
    )
    entry = document.section("experience").entries[0]
    assert (entry.title, entry.organisation, entry.dates) == (
        "Missionary",
        "Church of Jesus Christ",
        "Nov. 2018 - Nov. 2022",
    )
    assert entry.bullets == ["Worked 65+ hours weekly teaching individuals and families"]


def test_upper_case_heading_glued_to_its_first_entry_and_teams_under_a_club() -> None:
    document = parse_cv(
        "Ann Lee\n\nEDUCATION\nBSc Physics, Leeds University 2019\n"
        "SELECTED LEADERSHIP CISV International – cisv.org Jun 2012 – Present\n"
        "Treasurer, Jul 2017 – Jun 2019\n- Oversaw funds\n"
        "FRC Robotics – Team 5417, Allen High School Aug 2015 – Jun 2019\n"
        "Embedded Systems Team, Aug 2016 – May 2018\n- Wrote code\n"
    )
    section = document.sections[-1]
    assert (section.kind, section.heading) == ("experience", "SELECTED LEADERSHIP")
    found = [(e.title, e.organisation, e.location) for e in section.entries]
    assert found == [
        ("", "CISV International", "cisv.org"),
        ("Treasurer", "CISV International", ""),
        ("", "FRC Robotics – Team 5417, Allen High School", ""),
        ("Embedded Systems Team", "FRC Robotics – Team 5417, Allen High School", ""),
    ]


def test_named_location_beats_a_postal_address() -> None:
    document = parse_cv(
        "MARISSA MAYER\nCEO\nemail: mm@example.com | mailaddress: 1 Main Street, 94089 County\n\n"
        "EXPERIENCE\nCEO, Acme Inc 2012 - 2017\n\nCONTACT DETAILS\nlocation: Sunnyvale, CA\n"
    )
    assert document.contact.location == "Sunnyvale, CA"
    assert any("1 Main Street" in s.text for s in document.sections)  # kept, not lost
