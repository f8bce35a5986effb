"""Sections and entries (cvimprover/cv/entries.py): where an entry starts, how its header
splits into title, organisation, place and dates, and that no line is lost on the way."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from cvimprover.cv.dates import find_dates, parse_period
from cvimprover.cv.entries import build_section, entry_start_score, heading_kind, parse_entries
from cvimprover.cv.extract import extract_document
from cvimprover.cv.layout import Segment, _find_gutter
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv


def _roles(lines: list[str], kind: str = "experience") -> list[tuple[str, str, str]]:
    return [(e.title, e.organisation, e.dates) for e in parse_entries(lines, kind=kind)]


def test_gaps_part_entries_and_tool_lines_stay_with_their_role() -> None:
    # A LaTeX CV: each client under its group heading, its tools on the line below, a blank
    # line (the layout's vertical gap) between clients.
    lines = [
        "Freelancer",
        "Dos Monos.- Solución global de e-mail marketing | Noviembre 2021 – Marzo 2024",
        "Python Javascript System Design",
        "",
        "Del Fondo Editorial.- Editorial de libros clásicos | Julio 2020 – Enero 2021",
        "LATEX",
        "",
        "Raiconet.- Importación y exportación aérea y marítima",
        "Java Groovy Grails | Marzo 2018 – Marzo 2020",
    ]
    entries = parse_entries(lines)
    assert [(e.title, e.organisation, e.dates) for e in entries] == [
        ("Freelancer", "Dos Monos", "Noviembre 2021 – Marzo 2024"),
        ("Freelancer", "Del Fondo Editorial", "Julio 2020 – Enero 2021"),
        ("", "Raiconet", "Marzo 2018 – Marzo 2020"),
    ]
    # What the employer does and the tools are the role's lines, not titles of new roles.
    assert "Python Javascript System Design" in entries[0].bullets
    assert "Solución global de e-mail marketing" in entries[0].bullets
    assert entries[2].bullets == [
        "Importación y exportación aérea y marítima",
        "Java Groovy Grails",
    ]


def test_entry_start_score_weighs_dates_complete_headers_and_gaps() -> None:
    header = ["Analyst", "Acme Ltd | 2019 – 2021"]
    # A second date range opens a role; a labelled fact never does.
    assert entry_start_score("Engineer | 2021 – 2023", False, ["Analyst | 2019 – 2021"], False) > 1
    assert entry_start_score("GPA: 3.9", True, header, True) <= 1
    # Where gaps part entries, a gap after a complete header opens the next role...
    assert entry_start_score("Globex", True, header, True) > 1
    # ... and a line printed right under it (no gap) belongs to the role just read.
    assert entry_start_score("SQL Tableau Excel", False, header, True) <= 1
    # Without gaps to go by, a complete header is enough.
    assert entry_start_score("Globex", False, header, False) > 1


def test_roles_under_one_employer_take_it_when_their_dates_lie_inside_its_own() -> None:
    lines = [
        "CISV International – cisv.org Jun 2012 – Present",
        "Junior Branch Advisor, SoCal Chapter, Feb 2024 – Jun 2025",
        "- Coordinated local activities for youth with the Board",
        "Treasurer, DFW Chapter, Jul 2017 – Jun 2019",
        "- Oversaw funds for local activities",
    ]
    entries = parse_entries(lines)
    assert [(e.title, e.organisation, e.location) for e in entries[1:]] == [
        ("Junior Branch Advisor", "CISV International", "SoCal Chapter"),
        ("Treasurer", "CISV International", "DFW Chapter"),
    ]
    # The employer's own line stays, with its dates and web address.
    assert (entries[0].organisation, entries[0].dates) == (
        "CISV International",
        "Jun 2012 – Present",
    )


def test_place_in_brackets_leaves_the_employer_and_a_short_name_stays() -> None:
    lines = [
        "2019 - ahora Ingeniero en Software",
        "Microsoft (Bellevue, Estados Unidos)",
        "Bing Maps Metrics Team",
        "Mar. 2021 - Jun. 2023 | Site Reliability Engineer",
        "Danggeun Pay Inc. (KarrotPay) | Seoul, S.Korea",
    ]
    first, second = parse_entries(lines)
    assert (first.title, first.organisation, first.location) == (
        "Ingeniero en Software",
        "Microsoft",
        "Bellevue, Estados Unidos",
    )
    assert first.dates == "2019 - ahora"  # "ahora" is Spanish for "present"
    assert first.bullets == ["Bing Maps Metrics Team"]  # a description, not a place
    assert (second.organisation, second.location) == (
        "Danggeun Pay Inc. (KarrotPay)",
        "Seoul, S.Korea",
    )


def test_header_split_on_words_and_shape() -> None:
    assert _roles(
        ["2001 | Administrador de empresas Pontificia Universidad Javeriana"], "education"
    ) == [("Administrador de empresas", "Pontificia Universidad Javeriana", "2001")]
    assert _roles(["LA MARTINIERE FOR BOYS", "Grad. May 2011 | Kolkata, India"], "education") == [
        ("", "LA MARTINIERE FOR BOYS", "Grad. May 2011")
    ]
    assert _roles(
        [
            "Universidad Nacional Autónoma de México | Edo de México, México",
            "Servicio Social, CEDETEC | Enero 2019 - Diciembre 2019",
        ]
    ) == [
        (
            "Servicio Social, CEDETEC",
            "Universidad Nacional Autónoma de México",
            "Enero 2019 - Diciembre 2019",
        )
    ]
    # A header written as a sentence ends in a note after its place.
    (study,) = parse_entries(
        ["2003–2004 Tecnología en base de datos, Faculdade Eniac, Guarulhos/Brasil, Pre-grado."],
        kind="education",
    )
    assert (study.title, study.organisation, study.location) == (
        "Tecnología en base de datos",
        "Faculdade Eniac",
        "Guarulhos/Brasil",
    )
    assert study.bullets == ["Pre-grado."]
    # A date the layout wrapped over two lines is one date again.
    assert _roles(["SENA / Técnico en programación de aplicaciones / 2023-", "11 - 2024-05"]) == [
        ("Técnico en programación de aplicaciones", "SENA", "2023-11 - 2024-05")
    ]


def test_placeholder_and_repeated_dates_are_dates() -> None:
    assert find_dates("Month 20XX – Ongoing").group(0) == "Month 20XX – Ongoing"
    assert find_dates("YMCA, Pomona, CA | Summer 2013, 2014").group(0) == "Summer 2013, 2014"
    assert _roles(["Job Title 1 | Month 20XX – Ongoing", "Company 1 | Location"]) == [
        ("Job Title 1", "Company 1", "Month 20XX – Ongoing")
    ]


def test_headings_dressed_as_code_or_dated_are_headings() -> None:
    assert heading_kind("$ cat experience.log") == "experience"
    assert heading_kind("$ ls skills/") == "skills"
    assert heading_kind("## Education") == "education"
    assert heading_kind("$ whoami") is None
    assert heading_kind("EXPERIENCIA (10/2022-05/2023)") == "experience"
    assert heading_kind("EDUCACIÓN (03/2019-EN CURSO)") == "education"
    assert heading_kind("Voluntariado") == "experience"


def test_portfolio_grid_gives_one_project_per_tile_and_drops_its_numbers() -> None:
    dropped: list[tuple[str, str]] = []
    section = build_section(
        "projects",
        "Selected Work",
        ["01 | 02 | 03", "Nova — Brand Identity | Alto — Packaging | Loop — App Icon Set"],
        dropped,
    )
    assert [e.title for e in section.entries] == [
        "Nova — Brand Identity",
        "Alto — Packaging",
        "Loop — App Icon Set",
    ]
    assert dropped == [("01 | 02 | 03", "numbers printed on portfolio tiles")]


def test_unknown_and_course_sections_that_list_dated_entries_are_read_as_entries() -> None:
    involvement = build_section(
        "other",
        "ON CAMPUS INVOLVEMENT",
        ["Enactus, University of La Verne | August 2013 – Present", "Member", "- Led groups"],
    )
    assert involvement.kind == "experience" and involvement.heading == "ON CAMPUS INVOLVEMENT"
    assert [(e.title, e.dates) for e in involvement.entries] == [
        ("Member", "August 2013 – Present")
    ]
    courses = build_section(
        "certifications",
        "cursos",
        [
            "2014 | Excel in depth",
            "Manejo de la herramienta Excel en profundidad.",
            "2015 | The Analytics Edge | MITx",
            "Análisis de datos en R",
        ],
    )
    assert courses.kind == "education"
    assert [(e.title, e.organisation) for e in courses.entries] == [
        ("Excel in depth", ""),
        ("The Analytics Edge", "MITx"),
    ]
    # A plain list of certificates stays a list.
    plain = build_section("certifications", "Certifications", ["AWS Solutions Architect, 2021"])
    assert plain.kind == "certifications" and plain.items


def test_every_line_of_an_entry_section_is_kept_or_dropped_with_a_reason() -> None:
    text = normalise_text(
        "Jane Doe\njane@example.com\n\nSELECTED WORK\n01 | 02\n"
        "Nova — Brand Identity | Alto — Packaging\n\n"
        "EXPERIENCE\nFreelancer\nDos Monos.- e-mail marketing | Nov 2021 – Mar 2024\n"
        "Python Javascript\n\n"
        "Del Fondo.- Editorial | Jul 2020 – Jan 2021\nLaTeX\n"
    )
    dropped: list[tuple[str, str]] = []
    document = parse_cv(text, dropped)
    shown = " ".join(
        " ".join([e.title, e.organisation, e.dates, e.location, *e.bullets])
        for s in document.sections
        for e in s.entries
    )
    for line in ("Python Javascript", "LaTeX", "e-mail marketing", "Editorial", "Alto — Packaging"):
        assert line in shown
    assert ("01 | 02", "numbers printed on portfolio tiles") in dropped


def _words_row(y: float, words: list[tuple[float, float]]) -> list[Segment]:
    return [Segment(x0, y, x1, y + 10, "word", size=10, baseline=y + 8) for x0, x1 in words]


def test_justified_lines_drawn_word_by_word_are_not_read_as_two_columns() -> None:
    # Word's PDFs draw justified lines word by word: a vertical "river" of word spaces
    # (here at x 296-300 on every line) is not a gutter between two columns.
    segments: list[Segment] = []
    for row in range(14):
        y = 100 + 14 * row
        segments += _words_row(y, [(50, 120), (124, 200), (204, 296), (300, 380), (384, 540)])
    assert _find_gutter(segments, 595) is None
    # Two real columns have a gap wider than a word space between them.
    columns: list[Segment] = []
    for row in range(14):
        y = 100 + 14 * row
        columns += _words_row(y, [(50, 150), (160, 230), (300, 420), (424, 540)])
    assert _find_gutter(columns, 595) is not None


def _grid_under_columns_pdf() -> bytes:
    """Two columns (a sidebar and the roles), and under both, after a wide blank band, a
    row of numbered portfolio tiles with their titles."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    page.setFont("Helvetica-Bold", 11)
    page.drawString(40, 760, "Skills")
    page.drawString(240, 760, "Experience")
    page.setFont("Helvetica", 10)
    for row, skill in enumerate(["Figma", "Branding", "Illustration", "Motion", "Type"]):
        page.drawString(40, 740 - 16 * row, skill)
    lines = ["Senior Designer — Acme Studio 2022 — Present", "Led the rebrand of the product."]
    lines += ["Designer — Globex Creative 2019 — 2022", "Designed illustration systems."]
    for row, line in enumerate(lines):
        page.drawString(240, 740 - 16 * row, line)
    page.setFont("Helvetica-Bold", 11)
    page.drawString(40, 560, "Selected Work")
    for column, (number, title) in enumerate([("01", "Nova"), ("02", "Alto"), ("03", "Loop")]):
        page.drawString(60 + 180 * column, 520, number)
        page.drawString(40 + 180 * column, 490, title)
    page.save()
    return buffer.getvalue()


def test_a_grid_below_two_columns_is_read_after_both_columns() -> None:
    text = extract_document(_grid_under_columns_pdf(), "cv.pdf").text
    assert text.index("Designed illustration systems.") < text.index("Selected Work")
    assert text.index("Type") < text.index("Selected Work")
    document = parse_cv(normalise_text(text))
    work = document.section("projects")
    assert work is not None and [e.title for e in work.entries] == ["Nova", "Alto", "Loop"]


def test_short_date_forms_are_ranges() -> None:
    from cvimprover.cv.dates import parse_period

    # Two-digit end years, a month with a two-digit year, a month sharing the end's year.
    assert find_dates("Analista, 2016-19, Madrid").group(0) == "2016-19"
    assert parse_period("2016-19", today=(2026, 1)).end == (2019, 12)
    assert find_dates("Desarrollador | Sep 15 - NOW").group(0) == "Sep 15 - NOW"
    assert parse_period("Sep 15 - NOW", today=(2026, 1)).start == (2015, 9)
    assert parse_period("Sep 15 - Jun 18").end == (2018, 6)
    assert parse_period("April-August 2012").start == (2012, 4)
    assert parse_period("2015 - ahora", today=(2026, 1)).current
    # A day of the month is no year: "Sep 15, 2020" is 2020, and a month alone no date.
    assert find_dates("Sep 15, 2020").group(0) == "2020"
    assert find_dates("since April") is None


def test_long_employer_line_under_a_dated_role_is_its_employer() -> None:
    # A web CV saved as DOCX: the role and its dates, then the employer and its place in a
    # paragraph of its own, longer than a short header line, then the bullets.
    lines = [
        "Graduate Student Intern 2021 – 2023 [Summer]",
        "Lawrence Berkeley National Laboratory (LBNL), Berkeley, California",
        "- Integrated monitoring data from diverse sources for a system-wide analysis.",
        "Research Assistant 2019 – Present",
        "Working on research software and tools used in several laboratories of the university.",
        "- Mentored graduate and undergraduate students.",
    ]
    entries = parse_entries(lines)
    assert _roles(lines) == [
        (
            "Graduate Student Intern",
            "Lawrence Berkeley National Laboratory (LBNL)",
            "2021 – 2023 [Summer]",
        ),
        ("Research Assistant", "", "2019 – Present"),
    ]
    assert entries[0].location == "Berkeley, California"
    # A sentence of description stays a description, however capitalised its first word.
    assert entries[1].bullets[0].startswith("Working on research software")


def test_one_line_list_items_are_entries() -> None:
    # Markdown and pandoc CVs list studies and posts as items, one line each.
    document = parse_cv(
        "Ana Ruiz\nana@example.org\n\nEducation\n"
        "- BSc Physics, University of Leeds, 2015\n- MSc Data Science, University of York\n\n"
        "Employment\n- 2019: Research Engineer, Acme Labs\n\n"
        "In this role I built the data pipeline used by three teams.\n\n"
        "- 2016 - 2019: Analyst, Globex\n"
    )
    education = document.section("education")
    assert [(e.title, e.organisation, e.dates) for e in education.entries] == [
        ("BSc Physics", "University of Leeds", "2015"),
        ("MSc Data Science", "University of York", ""),
    ]
    experience = document.section("experience")
    assert [(e.title, e.organisation, e.dates) for e in experience.entries] == [
        ("Research Engineer", "Acme Labs", "2019"),
        ("Analyst", "Globex", "2016 - 2019"),
    ]
    assert experience.entries[0].bullets == [
        "In this role I built the data pipeline used by three teams."
    ]


def test_academic_posts_part_country_supervisor_and_thesis() -> None:
    # A Markdown CV saved as DOCX: the school over its degrees, a supervisor named after
    # the school, each post's dates, title, employer and country run together.
    lines = [
        "Tohoku University, Japan, Supervisor: Tohru Nakashizuka",
        '2012 : Ph.D. (Life Sciences), Graduate School of Life Sciences "Community assembly '
        'and dynamics in tropical rainforests".',
    ]
    entries = parse_entries(lines, kind="education")
    assert _roles(lines, kind="education") == [
        ("Ph.D. (Life Sciences)", "Tohoku University", "2012")
    ]
    assert "Supervisor: Tohru Nakashizuka" in entries[0].bullets
    post = parse_entries(
        [
            "August 2017-February 2019 : : Postdoctoral Research Associate, Michigan State "
            "University, USA"
        ]
    )[0]
    assert (post.organisation, post.location) == ("Michigan State University", "USA")


def test_roles_that_open_on_their_dated_line_keep_undated_details() -> None:
    # Each role opens on its dated line; the details under it have no bullet marks, and a
    # page break (a blank line) falls among them.
    lines = [
        "Senior Scientist, NVIDIA | 2019-2023",
        "",
        "Focused on proteomics including deep learning models to predict peptide matches",
        "Led team using GCNNs to predict molecular properties",
        "Senior Data Scientist and Machine Learning Engineer, | 2018-2019",
        "BenevolentAI",
        "3D CNNs for ligand pose and affinity prediction",
    ]
    entries = parse_entries(lines)
    assert _roles(lines) == [
        ("Senior Scientist", "NVIDIA", "2019-2023"),
        ("Senior Data Scientist and Machine Learning Engineer", "BenevolentAI", "2018-2019"),
    ]
    assert entries[0].bullets[1] == "Led team using GCNNs to predict molecular properties"


def test_a_post_held_in_several_periods_keeps_every_period() -> None:
    # A teaching post held two academic years running, the periods parted by a comma.
    lines = [
        "Escuela Técnica de Valverde | Cádiz, España",
        "Profesor asociado, Área de Redes | Septiembre 2016 - Junio 2017, Septiembre 2018 - "
        "Junio 2019",
    ]
    (entry,) = parse_entries(lines)
    assert entry.dates == "Septiembre 2016 - Junio 2017, Septiembre 2018 - Junio 2019"
    period = parse_period(entry.dates, today=(2026, 1))
    assert (period.start, period.end, period.current) == ((2016, 9), (2019, 6), False)
    # The last period may still be running.
    period = parse_period("Winter 2019 – 2020; Winter 2021 – present", today=(2026, 1))
    assert (period.start, period.end, period.current) == ((2019, 1), (2026, 1), True)
    # A comma followed by a place is not a second period.
    assert find_dates("2015 - 2016, Madrid").group(0) == "2015 - 2016"


def test_posts_listed_as_items_under_their_employer_or_school_are_entries() -> None:
    # LaTeX academic CVs: the school or employer on one line, each degree or post as a list
    # item with its dates after a bar, details as more items.
    lines = [
        "Northfield Polytechnic, Leeds, UK",
        "- Ph.D. in Marine Acoustics | Oct 2015 – Jun 2019",
        "- Thesis: Sound propagation in shallow estuaries",
        "",
        "- M.Sc. in Applied Physics | Sep 2013 – Sep 2014",
        "- B.Sc. in Physics | Sep 2010 – Jun 2013",
        "",
        "Harbour Academy, York, UK",
        "- A-levels in Maths and Physics | 2008 – 2010",
        "- Graduated with honours.",
    ]
    entries = parse_entries(lines, kind="education")
    assert [(e.title, e.organisation, e.dates, e.location) for e in entries] == [
        ("Ph.D. in Marine Acoustics", "Northfield Polytechnic", "Oct 2015 – Jun 2019", "Leeds, UK"),
        ("M.Sc. in Applied Physics", "Northfield Polytechnic", "Sep 2013 – Sep 2014", "Leeds, UK"),
        ("B.Sc. in Physics", "Northfield Polytechnic", "Sep 2010 – Jun 2013", "Leeds, UK"),
        ("A-levels in Maths and Physics", "Harbour Academy", "2008 – 2010", "York, UK"),
    ]
    assert entries[0].bullets == ["Thesis: Sound propagation in shallow estuaries"]
    assert entries[3].bullets == ["Graduated with honours."]
    # A post whose name has commas, wrapped after its last comma: the line under it ends it.
    lines = [
        "Brightwater Surveys Group, Tulsa, Oklahoma, USA",
        "- Field Assistant, Seismic Crew, | Mar 2011 – Oct 2012",
        "Northern Basin Unit",
        "- Logged survey lines every day.",
    ]
    (entry,) = parse_entries(lines)
    assert (entry.title, entry.organisation, entry.location) == (
        "Field Assistant, Seismic Crew, Northern Basin Unit",
        "Brightwater Surveys Group",
        "Tulsa, Oklahoma, USA",
    )
    assert entry.bullets == ["Logged survey lines every day."]
    # Bullets that merely end on a year stay achievements.
    lines = ["Analyst | Acme | 2019 – 2021", "- Cut costs by a third | 2020", "- Led audits"]
    assert len(parse_entries(lines)) == 1


def test_known_headings_qualified_in_front_are_headings() -> None:
    assert heading_kind("Relevant Work Experience") == "experience"
    assert heading_kind("ADDITIONAL EXPERIENCE") == "experience"
    assert heading_kind("Continuing Education:") == "education"
    # A subject, a post or an employer that ends on a heading word is no heading.
    assert heading_kind("Physical Education") is None
    assert heading_kind("Director of Education") is None
    assert heading_kind("Ministry of Education") is None
    # Courses under "Professional Development", each with its school and dates, are studies.
    document = parse_cv(
        "Rosa Lind\nrosa.lind@example.org\n\nProfessional Development\n"
        "Lakeside College – Faculty of Law September 2021 – Present\n"
        "Certificate in Mediation\n"
        "Northgate Institute Spring 2019\n"
        "Negotiation for Managers\n"
    )
    section = document.section("education")
    assert [(e.title, e.organisation, e.dates) for e in section.entries] == [
        (
            "Certificate in Mediation",
            "Lakeside College – Faculty of Law",
            "September 2021 – Present",
        ),
        ("Negotiation for Managers", "Northgate Institute", "Spring 2019"),
    ]


def test_an_organisation_and_its_unit_parted_by_a_dash_are_one_employer() -> None:
    lines = [
        "Policy Intern Winter 2020",
        "City Council of Halden – Department of Transport (Halden, Norway)",
        "- Mapped bus routes.",
    ]
    (entry,) = parse_entries(lines)
    assert (entry.title, entry.organisation, entry.location) == (
        "Policy Intern",
        "City Council of Halden – Department of Transport",
        "Halden, Norway",
    )
    # A role and its employer parted by a dash stay apart.
    (entry,) = parse_entries(["Data Analyst – Acme Labs | 2019 – 2021"])
    assert (entry.title, entry.organisation) == ("Data Analyst", "Acme Labs")


def test_the_field_between_a_degree_and_its_school_goes_with_the_degree() -> None:
    lines = [
        "Master of Arts, Medieval History, Kellford University, Bristol, UK 2016",
        "Bachelor of Science, Geology, Kellford University, Bristol, UK 2014",
    ]
    entries = parse_entries(lines, kind="education")
    assert [(e.title, e.organisation) for e in entries] == [
        ("Master of Arts, Medieval History", "Kellford University"),
        ("Bachelor of Science, Geology", "Kellford University"),
    ]
    assert all("Bristol" in e.location for e in entries)
    # A degree followed by its school and a town: nothing between them, nothing to move.
    (entry,) = parse_entries(
        ["B.Eng. in Robotics, Kellford University, Bristol 2012"], kind="education"
    )
    assert (entry.title, entry.organisation) == ("B.Eng. in Robotics", "Kellford University")


def test_a_department_after_a_degree_is_not_part_of_the_degree() -> None:
    lines = [
        "Ostvik University, Norway",
        "2015 : M.A. (Linguistics), Faculty of Humanities",
        "2013 : B.A. (Phonetics), Department of Phonetics",
    ]
    entries = parse_entries(lines, kind="education")
    assert [(e.title, e.organisation, e.dates) for e in entries] == [
        ("M.A. (Linguistics)", "Ostvik University", "2015"),
        ("B.A. (Phonetics)", "Ostvik University", "2013"),
    ]


def test_entries_that_open_on_a_line_in_capitals_keep_their_unit_line() -> None:
    # Each study opens on its school in capitals; the faculty under the degree, with the
    # grade beside it, is part of the study, not the next one.
    lines = [
        "UNIVERSIDAD DEL LITORAL | Santa Fe, Argentina",
        "Doctorado en Química | Marzo 2018",
        "Facultad de Ingeniería Química | Promedio: 9.1/10",
        "Líneas de trabajo: catálisis y polímeros",
        "INSTITUTO SUPERIOR DEL SUR | Rosario",
        "Licenciatura en Química | Diciembre 2012",
    ]
    entries = parse_entries(lines, kind="education")
    assert [(e.title, e.organisation, e.dates) for e in entries] == [
        ("Doctorado en Química", "UNIVERSIDAD DEL LITORAL", "Marzo 2018"),
        ("Licenciatura en Química", "INSTITUTO SUPERIOR DEL SUR", "Diciembre 2012"),
    ]
    assert any("Facultad de Ingeniería Química" in b for b in entries[0].bullets)


def test_a_post_held_again_stays_one_entry_titled_by_its_first_line() -> None:
    # Title line, employer line, then one dated line per season worked.
    lines = [
        "Deckhand (Seasonal)",
        "Lakeview Ferry Co-op",
        "Summer 2017 / Bayfield, WI",
        "Summer 2018 / Bayfield, WI",
        "- Moored the ferry in all weather.",
        "",
        "Ticket Seller",
        "Lakeview Ferry Co-op",
        "Spring 2016 / Bayfield, WI",
    ]
    entries = parse_entries(lines)
    assert [(e.title, e.organisation, e.dates, e.location) for e in entries] == [
        ("Deckhand (Seasonal)", "Lakeview Ferry Co-op", "Summer 2017, Summer 2018", "Bayfield, WI"),
        ("Ticket Seller", "Lakeview Ferry Co-op", "Spring 2016", "Bayfield, WI"),
    ]
    # Entries that each open on their own dated line are still parted.
    lines = ["2019 – 2021 | Analyst, Acme Ltd", "2017 – 2019 | Clerk, Globex"]
    assert len(parse_entries(lines)) == 2


def test_a_comma_or_a_role_word_inside_brackets_does_not_split_or_title_a_part() -> None:
    lines = [
        "Desarrollo de prototipos",
        "SensLab (Departamento de Ingeniería Mecánica, EPS)",
        "Date: Junio 2021 – Septiembre 2021 | Location: Bilbao, ES",
        "- Montaje de placas de prueba.",
    ]
    (entry,) = parse_entries(lines)
    assert (entry.title, entry.organisation, entry.location) == (
        "Desarrollo de prototipos",
        "SensLab (Departamento de Ingeniería Mecánica, EPS)",
        "Bilbao, ES",
    )


def test_a_phrase_under_a_role_that_opens_on_its_dated_line_describes_it() -> None:
    lines = [
        "Session Chair, Northern Ecology Meeting, Tromsø, Norway | 2021",
        "Chaired the session on alpine plant dispersal",
        "Reviewer, Journal of Arctic Botany | 2019",
        "Graduated as M.Sc. Plant Biology | 2018",
    ]
    entries = parse_entries(lines)
    assert entries[0].title == "Session Chair"
    assert entries[0].organisation == "Northern Ecology Meeting"
    assert entries[0].bullets == ["Chaired the session on alpine plant dispersal"]
    # A line of names (a degree, an employer) is no description.
    assert "Graduated as M.Sc. Plant Biology" not in entries[1].bullets


def test_a_lower_case_phrase_after_a_name_belongs_to_the_name() -> None:
    (entry,) = parse_entries(
        ["2011 (6 meses) | Auxiliar de almacén, Trasmar, logística portuaria."]
    )
    # (The sentence's closing full stop is kept as printed.)
    assert (entry.title, entry.organisation.rstrip(".")) == (
        "Auxiliar de almacén",
        "Trasmar, logística portuaria",
    )
    # A one-word name in lower case is a name of its own.
    (entry,) = parse_entries(["Mar 2014–Abr 2016 | Fundadora, vendimia S.L."])
    assert (entry.title, entry.organisation) == ("Fundadora", "vendimia S.L.")


def test_a_section_we_do_not_know_that_lists_posts_under_their_body_is_experience() -> None:
    document = parse_cv(
        "Ines Varga\nines.varga@example.org\n\n"
        "EDUCATION\nBSc Geology, Kellford University, 2010\n\n"
        "LEARNED SOCIETIES & OUTREACH\n"
        "Northern Society of Field Geologists,\nYork, UK\n- Member | 2015 – Present\n"
    )
    section = next(s for s in document.sections if s.heading == "LEARNED SOCIETIES & OUTREACH")
    assert section.kind == "experience"
    (entry,) = section.entries
    assert (entry.title, entry.dates) == ("Member", "2015 – Present")
    assert entry.organisation.startswith("Northern Society of Field Geologists")


def test_a_team_printed_after_its_employer_is_part_of_the_employer() -> None:
    (entry,) = parse_entries(["Platform Engineer, Globex, Payments Team | 2019 - 2021"])
    assert (entry.title, entry.organisation) == ("Platform Engineer", "Globex, Payments Team")
    # A team on a line of its own under the role describes it.
    lines = ["Platform Engineer | Globex | 2019 - 2021", "Payments Team", "- Ran the ledger."]
    (entry,) = parse_entries(lines)
    assert entry.organisation == "Globex"


def test_a_header_whose_words_say_nothing_is_read_in_the_sections_order() -> None:
    # Employer first, then the post: the two headers with role words show the order.
    lines = [
        "Harbour Hotel | Night Manager | 2020 – 2023",
        "- Ran the night shift.",
        "Blue Kettle | Barista | 2018 – 2020",
        "- Made coffee.",
        "Grand Plaza Hotel | Receptionist Trainee | 2017 – 2018",
        "- Checked guests in.",
    ]
    assert [(e.title, e.organisation) for e in parse_entries(lines)] == [
        ("Night Manager", "Harbour Hotel"),
        ("Barista", "Blue Kettle"),
        ("Receptionist Trainee", "Grand Plaza Hotel"),
    ]
    # With nothing to learn the order from, the first field stays the title.
    lines = ["Barista | Blue Kettle | 2018 – 2020", "- Made coffee."]
    assert [(e.title, e.organisation) for e in parse_entries(lines)] == [("Barista", "Blue Kettle")]


def test_a_state_code_is_no_degree_and_a_partnership_is_an_employer() -> None:
    lines = [
        "Legal Secretary — Hale & Moore LLP, Worcester, MA",
        "2016 – Present",
        "- Filed briefs.",
    ]
    (entry,) = parse_entries(lines)
    assert (entry.title, entry.organisation, entry.location) == (
        "Legal Secretary",
        "Hale & Moore LLP",
        "Worcester, MA",
    )
    # Without a role word in the title, the parts still fall in their places.
    (entry,) = parse_entries(["Paralegal — Hale & Moore LLP, Worcester, MA", "2016 – Present"])
    assert (entry.title, entry.organisation, entry.location) == (
        "Paralegal",
        "Hale & Moore LLP",
        "Worcester, MA",
    )


def test_open_ended_dates_in_every_wording_are_current() -> None:
    today = (2026, 1)
    for text in (
        "2015 to date",
        "Oct 2019 – Actualmente",
        "Enero 2020 - a la fecha",
        "Since March 2021",
        "Desde 03/2021",
    ):
        period = parse_period(text, today)
        assert period is not None and period.current, text
        assert find_dates(f"Analista | {text}").group(0) == text
    # A single date with nothing before it is a point in time, not an open period.
    assert not parse_period("March 2021", today).current


def test_spanish_post_en_employer_without_a_known_role_word() -> None:
    lines = ["Camarera en Hostal Las Dunas", "Junio 2015 – Septiembre 2016", "- Atendí mesas."]
    (entry,) = parse_entries(lines)
    assert (entry.title, entry.organisation) == ("Camarera", "Hostal Las Dunas")
    # "en" before a lower-case field is part of the title.
    (entry,) = parse_entries(["Camarera en temporada alta", "2014"])
    assert entry.title == "Camarera en temporada alta"


def test_comma_fields_are_a_post_and_its_employer_not_a_place() -> None:
    # One-line list items: post, employer, town and year, none named by a known word.
    section = build_section(
        "experience",
        "Experience",
        ["- Lifeguard, Fjord Baths, Bergen, 2014", "- Deckhand, Nordlys Ferries, Oslo, 2013"],
    )
    assert [(e.title, e.organisation, e.location) for e in section.entries] == [
        ("Lifeguard", "Fjord Baths", "Bergen"),
        ("Deckhand", "Nordlys Ferries", "Oslo"),
    ]
    # "Cashier, Target" is read like the section's other "Title, Employer" headers.
    lines = [
        "Night Manager, Harbour Hotel",
        "2020 – 2023",
        "- Ran nights.",
        "Shift Supervisor, Grand Plaza Hotel",
        "2018 – 2020",
        "- Ran shifts.",
        "Cashier, Target",
        "2016 – 2018",
        "- Rang up.",
    ]
    assert [(e.title, e.organisation) for e in parse_entries(lines)][2] == ("Cashier", "Target")
    # A header that is only a town and its region stays a place.
    (entry,) = parse_entries(["Leeds, Yorkshire | 2019 – 2021"])
    assert entry.location == "Leeds, Yorkshire" or entry.title == "Leeds, Yorkshire"


def test_marks_left_around_dates_are_no_part_of_the_header() -> None:
    # Markdown CVs print each period as inline code.
    lines = ["`2019 - 2021`", "Harbour Pilot, Port of Tromsø", "Guided tankers into port."]
    (entry,) = parse_entries(lines)
    assert (entry.title, entry.organisation, entry.dates) == (
        "Harbour Pilot",
        "Port of Tromsø",
        "2019 - 2021",
    )
    assert entry.bullets == ["Guided tankers into port."]


def test_title_then_dates_then_employer_is_one_header() -> None:
    lines = [
        "Press Officer",
        "`2018 - 2020`",
        "Harbour Communications, Bergen",
        "- Wrote releases.",
        "Reporter",
        "`2015 - 2018`",
        "City Gazette, Oslo",
        "- Covered council.",
    ]
    assert [(e.title, e.organisation, e.dates) for e in parse_entries(lines)] == [
        ("Press Officer", "Harbour Communications", "2018 - 2020"),
        ("Reporter", "City Gazette", "2015 - 2018"),
    ]
    # Titles and dates alone, one role after the other: the next title opens its role.
    lines = ["Press Officer", "2018 - 2020", "Reporter", "2015 - 2018"]
    assert [(e.title, e.dates) for e in parse_entries(lines)] == [
        ("Press Officer", "2018 - 2020"),
        ("Reporter", "2015 - 2018"),
    ]


def test_a_post_listed_as_the_one_item_under_its_employer_is_the_title() -> None:
    lines = [
        "`2018 - 2020`",
        "Harbour Communications",
        "- Press Officer",
        "Wrote releases for the port authority and local press.",
        "",
        "`2015 - 2018`",
        "City Gazette",
        "- Reporter",
        "Covered council meetings.",
    ]
    entries = build_section("experience", "Experience", lines).entries
    assert [(e.title, e.organisation, e.dates) for e in entries] == [
        ("Press Officer", "Harbour Communications", "2018 - 2020"),
        ("Reporter", "City Gazette", "2015 - 2018"),
    ]
    assert entries[1].bullets == ["Covered council meetings."]
    # Items that are achievements or tools stay bullets.
    lines = ["Acme Logistics | 2019 - 2021", "- Cut delivery times by a fifth."]
    assert parse_entries(lines)[0].bullets == ["Cut delivery times by a fifth."]
    lines = ["Acme Logistics | 2019 - 2021", "- Python, SQL"]
    assert parse_entries(lines)[0].bullets == ["Python, SQL"]


def test_the_tail_of_a_wrapped_heading_and_a_date_after_a_gap_open_nothing() -> None:
    assert heading_kind("AND EXPERIENCE") is None
    text = (
        "Lena Ortiz\nlena.ortiz@example.org\n\nEDUCATION\nBA History, Kellford University, 2014\n"
        "WORK EXPERIENCE\nClerk, Harbour Hotel, 2015 – 2016\nAWARDS\nAND PRIZES\n"
        "Essay Prize, Kellford University Sep 2013\n- For an essay on ports.\n"
    )
    document = parse_cv(text)
    assert [s.heading for s in document.sections if s.kind == "experience"] == ["WORK EXPERIENCE"]
    # A date printed alone after a gap (a "last updated" line) is no second period.
    lines = ["Colegio Sur", "Bachiller en Ciencias | 2009 – 2014", "", "Julio 2025"]
    assert parse_entries(lines, kind="education")[0].dates == "2009 – 2014"


def test_school_leaving_qualifications_are_studies_titles() -> None:
    section = build_section(
        "education",
        "Education",
        [
            "- BSc Geology, Kellford University, 2014",
            "- A Levels in Maths and Chemistry, Harbour College, 2011",
        ],
    )
    assert [(e.title, e.organisation) for e in section.entries] == [
        ("BSc Geology", "Kellford University"),
        ("A Levels in Maths and Chemistry", "Harbour College"),
    ]
    (entry,) = parse_entries(["Bachillerato de Ciencias, IES Sierra Sur, 2010"], kind="education")
    assert entry.title == "Bachillerato de Ciencias"


def test_a_lone_achievement_under_a_header_stays_a_bullet() -> None:
    (entry,) = parse_entries(["Embedded Systems Team, Aug 2016 – May 2018", "- Wrote code"])
    assert "Embedded Systems Team" in (entry.title, entry.organisation)
    assert entry.bullets == ["Wrote code"]


def test_spanish_heading_with_its_adjective_after_it() -> None:
    assert heading_kind("Proyectos independientes") == "projects"
    assert heading_kind("Experiencia relevante") == "experience"
    # A title in capitals is no heading for it.
    assert heading_kind("Proyectos Ágiles") is None


def test_a_project_is_named_by_its_name_and_its_role_stands_apart() -> None:
    (entry,) = parse_entries(
        ["2019– TideCharts for Sailors(TideKit), Lead Developer."], kind="projects"
    )
    assert entry.title == "TideCharts for Sailors(TideKit)"
    assert entry.organisation.rstrip(".") == "Lead Developer"
    # An employer's place in brackets still goes to the location.
    (entry,) = parse_entries(["Analyst, Globex (Bilbao, España) | 2019 – 2021"])
    assert (entry.organisation, entry.location) == ("Globex", "Bilbao, España")


# --- layouts of the new real CVs (issue 9, third round): invented examples of each shape ---


def test_an_end_still_to_come_is_part_of_the_range() -> None:
    assert find_dates("2020 - est. 2024 Doctor of Science, Northgate University").group(0) == (
        "2020 - est. 2024"
    )
    period = parse_period("2021 - exp.2025")
    assert period is not None and period.end[0] == 2025


def test_headings_qualified_joined_or_printed_together() -> None:
    assert heading_kind("Career Details") == "experience"
    assert heading_kind("Side projects") == "projects"
    assert heading_kind("Courses / Certifications") == "certifications"
    # Job titles that start with a heading's word stay lines of text.
    assert heading_kind("Project Manager") is None
    assert heading_kind("Education Coordinator") is None
    # A project's own line, its dates beside it, is no heading.
    assert heading_kind("Personal project | 2023") is None


def test_certificate_lines_with_their_year_are_courses_with_their_issuer() -> None:
    section = build_section(
        "certifications",
        "Licences",
        [
            "2024 SAA-C03 - Solutions Architect Associate - Amazon Web Services",
            "2021 Intro to Statistics (R) - Open University / Faculty of Science",
            "2019 First Aid at Work - Red Cross",
        ],
    )
    assert section.kind == "education"
    assert [(e.title, e.organisation, e.dates) for e in section.entries] == [
        ("SAA-C03 - Solutions Architect Associate", "Amazon Web Services", "2024"),
        ("Intro to Statistics (R)", "Open University / Faculty of Science", "2021"),
        ("First Aid at Work", "Red Cross", "2019"),
    ]


def test_a_dash_inside_a_line_of_its_own_qualifies_the_field() -> None:
    lines = [
        "Mar 2021 - Jan 2023",
        "Harbour Freight Co",
        "Shift Supervisor - Night Crew",
        "Ran the night loading crew of twelve people across two docks.",
        "Feb 2019 - Mar 2021",
        "Harbour Freight Co",
        "Forklift Operator - Yard",
        "Moved and stacked containers on the yard.",
    ]
    assert _roles(lines) == [
        ("Shift Supervisor - Night Crew", "Harbour Freight Co", "Mar 2021 - Jan 2023"),
        ("Forklift Operator - Yard", "Harbour Freight Co", "Feb 2019 - Mar 2021"),
    ]


def test_comma_fields_closed_by_a_full_stop_are_a_header() -> None:
    lines = [
        "2024",
        "Data Engineer, Brightwave, Lisbon/Remote.",
        "- Built the ingestion pipeline for sensor data.",
        "2019-2024",
        "Analyst, Norvik Systems, Tallinn (and remote)",
        "- Wrote the monthly reports.",
    ]
    entries = parse_entries(lines)
    assert [(e.title, e.organisation, e.dates) for e in entries] == [
        ("Data Engineer", "Brightwave", "2024"),
        ("Analyst", "Norvik Systems", "2019-2024"),
    ]
    assert entries[1].location == "Tallinn (and remote)"


def test_listed_projects_named_before_a_dash() -> None:
    section = build_section(
        "projects",
        "Side projects",
        [
            "- Tidewatch - alerts for the high tides of a harbour.",
            "- Loomly - a small tool that turns knitting charts into row-by-row steps.",
        ],
    )
    assert [e.title for e in section.entries] == ["Tidewatch", "Loomly"]
    assert section.entries[0].bullets == ["alerts for the high tides of a harbour."]


def test_markdown_template_post_as_the_first_list_item() -> None:
    lines = [
        "Mar. 2020 - Actualidad Panadería Lucero",
        "- Encargado de turno",
        "- Organización de los turnos de mañana y del reparto",
        "- Control del inventario y de los pedidos a proveedores",
        "Ene. 2018 - Feb. 2020 Ferretería Norte · Tarrasa, España",
        "- Dependiente",
        "- Atención al cliente en el mostrador y por teléfono",
    ]
    entries = parse_entries(lines)
    assert [(e.title, e.organisation, e.dates) for e in entries] == [
        ("Encargado de turno", "Panadería Lucero", "Mar. 2020 - Actualidad"),
        ("Dependiente", "Ferretería Norte", "Ene. 2018 - Feb. 2020"),
    ]
    assert entries[1].location == "Tarrasa, España"
    # A first item that says what was done, not the post, stays a bullet.
    done = parse_entries(
        ["2019 - 2021 Panadería Lucero", "- Hice pan", "- Atención al cliente en el mostrador"]
    )
    assert done[0].title != "Hice pan" and done[0].bullets[0] == "Hice pan"


def test_a_labelled_detail_between_projects_stays_with_its_project() -> None:
    text = (
        "Ana Ruiz\nana@example.org\nProyectos\nTidewatch\n- Alertas de mareas para puertos\n"
        "- Avisos por correo\nTecnologías: Python, Flask\nLoomly\n- Patrones de punto paso a "
        "paso\nTecnologías: Vue, Vite\nIdiomas\nInglés\n"
    )
    document = parse_cv(text)
    projects = next(s for s in document.sections if s.kind == "projects")
    assert [e.title for e in projects.entries] == ["Tidewatch", "Loomly"]
    assert "Tecnologías: Python, Flask" in projects.entries[0].bullets


def test_a_key_of_no_words_is_no_heading() -> None:
    for line in ("/", "- / -", "Skills / —", "A"):
        heading_kind(line)  # must not raise
    assert heading_kind("/") is None


def test_dated_entries_read_inside_the_contact_block_go_back_under_their_heading() -> None:
    # A designer template with its headings down a margin: "Formación" is read before its
    # entries, which come after the contact details, under "Contacto".
    text = (
        "Lucía Prieto\nFormación\nEstudiante de Biología\nContacto\n+34 600 123 456\n"
        "lucia@example.org\n2019-2023\nUniversidad de Sevilla. Sevilla\n2015-2019\n"
        "IES Triana. Sevilla\nBachillerato de Ciencias\n"
    )
    dropped: list[tuple[str, str]] = []
    document = parse_cv(text, dropped)
    studies = next(s for s in document.sections if s.kind == "education")
    dated = [(e.organisation, e.dates, e.location) for e in studies.entries if e.dates]
    assert dated == [
        ("Universidad de Sevilla", "2019-2023", "Sevilla"),
        ("IES Triana", "2015-2019", "Sevilla"),
    ]


def test_post_colon_employer_headers() -> None:
    lines = [
        "Bilbao, España | Prácticas 2: Ondara",
        "Mar 2024 – Sep 2024 | En Ondara he aprendido a mantener las bases de datos de",
        "clientes y a preparar los informes.",
        "",
        "Bilbao, España | Prácticas 1: Talleres Ibai",
        "Sep 2022 – Feb 2023 | Durante las prácticas he reparado y ajustado la maquinaria.",
    ]
    entries = parse_entries(lines)
    assert [(e.title, e.organisation, e.dates) for e in entries] == [
        ("Prácticas 2", "Ondara", "Mar 2024 – Sep 2024"),
        ("Prácticas 1", "Talleres Ibai", "Sep 2022 – Feb 2023"),
    ]
    assert entries[0].bullets[0].startswith("En Ondara he aprendido")


def test_employer_colon_post_as_a_lone_item_under_dates() -> None:
    lines = [
        "2019-present",
        "- Riverside Youth Orchestra Association : Treasurer",
        "2016-2018",
        "- Board Member : Northgate Choral Society",
    ]
    assert _roles(lines) == [
        ("Treasurer", "Riverside Youth Orchestra Association", "2019-present"),
        ("Board Member", "Northgate Choral Society", "2016-2018"),
    ]


def test_a_degree_and_its_field_as_the_first_item() -> None:
    lines = [
        "2012-2016 Linfield College, McMinnville, OR",
        "- Bachelor of Science, Chemistry",
    ]
    entries = parse_entries(lines, kind="education")
    assert (entries[0].title, entries[0].organisation) == (
        "Bachelor of Science, Chemistry",
        "Linfield College",
    )


def test_unmarked_details_under_an_employer_beside_its_dates() -> None:
    lines = [
        "2019 - 2022 Lakeside Community College",
        "Adjunct in Physics",
        "Mechanics",
        "Waves and Optics",
        "Courses designed:",
        "Astronomy for Everyone",
        "Physics of Music",
        "2017 | Hill Valley College",
        "Adjunct in Physics",
        "Electricity and Magnetism",
    ]
    entries = parse_entries(lines)
    assert [(e.title, e.organisation, e.dates) for e in entries] == [
        ("Adjunct in Physics", "Lakeside Community College", "2019 - 2022"),
        ("Adjunct in Physics", "Hill Valley College", "2017"),
    ]
    assert "Physics of Music" in entries[0].bullets


def test_first_sentence_of_a_detail_names_the_degree_and_facts_stay_details() -> None:
    lines = [
        "Dalhousie University, NS, Canada | Sep 2016 - May 2020",
        "M.Sc. in Oceanography. Supervisor: R. Hale.",
        "Lund University, Lund, Sweden | Sep 2015 - Dec 2015",
        "GPA: 3.9",
    ]
    entries = parse_entries(lines, kind="education")
    assert (entries[0].title, entries[0].organisation) == (
        "M.Sc. in Oceanography",
        "Dalhousie University",
    )
    assert entries[0].bullets == ["Supervisor: R. Hale."]
    assert entries[1].organisation.startswith("Lund University")
    assert entries[1].bullets == ["GPA: 3.9"]


def test_a_name_beside_the_dates_over_a_place_line_is_the_employer() -> None:
    lines = [
        "Institut Pasteur de Lille, Mar 2021 - Feb 2023",
        "Lille, France",
        "Postdoc. Mentor: A. Martin.",
    ]
    entries = parse_entries(lines)
    assert (entries[0].title, entries[0].organisation, entries[0].location) == (
        "Postdoc",
        "Institut Pasteur de Lille",
        "Lille, France",
    )


def test_a_list_in_time_order_is_no_group() -> None:
    lines = [
        "2020-2024",
        "Universidad de Granada. Granada",
        "2016-2020",
        "Instituto Padre Suárez. Granada",
        "Bachillerato de Ciencias",
    ]
    entries = parse_entries(lines, kind="education")
    assert [e.organisation for e in entries] == ["Universidad de Granada", "Instituto Padre Suárez"]


def test_labelled_lines_among_dated_roles_stay_in_the_section() -> None:
    text = (
        "Iker Zubiri\niker@example.org\nEXPERIENCIA\n"
        "Técnico de laboratorio Bioara | Bilbao, Ene 2023 – Actualidad\n"
        "Análisis de muestras de agua.\n"
        "Herramientas: Excel, LIMS, R\n"
        "Auxiliar de mantenimiento Talleres Ibai | Bilbao, Mar 2021 – Dic 2022\n"
        "Mantenimiento preventivo de las prensas.\n"
        "Prácticas: Ondara | Bilbao, Jun 2020 – Sep 2020\n"
        "Inventario del almacén.\n"
        "IDIOMAS\nInglés B2\n"
    )
    document = parse_cv(text)
    roles = [s for s in document.sections if s.kind == "experience"]
    assert len(roles) == 1 and roles[0].heading == "EXPERIENCIA"
    assert [e.dates for e in roles[0].entries] == [
        "Ene 2023 – Actualidad",
        "Mar 2021 – Dic 2022",
        "Jun 2020 – Sep 2020",
    ]
    assert (roles[0].entries[2].title, roles[0].entries[2].organisation) == ("Prácticas", "Ondara")
    assert "Herramientas: Excel, LIMS, R" in roles[0].entries[0].bullets


def test_a_web_address_under_a_role_stays_with_that_role() -> None:
    lines = [
        "Brightwave Ltd.",
        "Data Engineer",
        "Leeds, UK",
        "March 2020 to Present",
        "- Built the ingestion pipeline.",
        "\uebc2 https://brightwave.example/",
        "Norvik Systems",
        "Analyst",
        "York, UK",
        "May 2017 to February 2020",
        "- Wrote the monthly reports.",
    ]
    entries = parse_entries(lines)
    assert [(e.title, e.organisation) for e in entries] == [
        ("Data Engineer", "Brightwave Ltd."),
        ("Analyst", "Norvik Systems"),
    ]
    assert entries[0].bullets[-1].endswith("https://brightwave.example/")


def test_degrees_printed_under_one_school_are_entries_of_their_own() -> None:
    lines = [
        "June 2016 | Keele University",
        "M.Sc. in Geology (with merit)",
        "B.Sc. in Geology (first class)",
        "June 2016 | Keele University",
        "B.Mus in Composition (with honours)",
    ]
    entries = parse_entries(lines, kind="education")
    assert [(e.title, e.organisation, e.dates) for e in entries] == [
        ("M.Sc. in Geology (with merit)", "Keele University", "June 2016"),
        ("B.Sc. in Geology (first class)", "Keele University", "June 2016"),
        ("B.Mus in Composition (with honours)", "Keele University", "June 2016"),
    ]


def test_a_web_address_is_never_a_heading() -> None:
    # "certification" in its path would otherwise make a certificate link a section.
    assert heading_kind("freecodecamp.org/certification/") is None
    assert heading_kind("https://example.org/projects") is None
    assert heading_kind("Training / Certifications") == "certifications"


def test_heading_qualified_by_career_stage_in_any_capitals() -> None:
    # Academic CVs split studies and posts by stage, often in sentence case.
    assert heading_kind("Doctoral Studies") == "education"
    assert heading_kind("Pre-doctoral studies") == "education"
    assert heading_kind("Post- doctoral research experience") == "experience"
    assert heading_kind("Clinical experience") == "experience"
    # Any other qualifier in title case may be a subject or a post, not a heading.
    assert heading_kind("Physical Education") is None
    assert heading_kind("Research Assistant") is None


def test_year_and_two_digit_end_year_joined_by_a_dot() -> None:
    # "2018.22" on academic CVs is 2018 to 2022; "2007.08" stays August 2007, and a dotted
    # date inside a reference is not stretched into a range.
    period = parse_period("2018.22")
    assert (period.start[0], period.end[0]) == (2018, 2022)
    assert find_dates("PhD, 2018.22, Grenoble").group(0) == "2018.22"
    assert parse_period("2007.08").start == (2007, 8)
    assert find_dates("doi 2021.06.15").group(0) == "2021.06"
