"""The local letter writer on small hand-made CVs: which evidence leads, spelling, the
employer and the person the ad names, years from the dates, and saying less when the CV
shows little."""

from __future__ import annotations

import re

from cvimprover.cv.cover_letter import (
    Point,
    _choose,
    _verb_led,
    company_in_ad,
    person_in_ad,
    spelling,
    write_cover_letter,
)
from cvimprover.cv.document import CVDocument, Entry, Section
from cvimprover.cv.facts import invented_facts
from cvimprover.cv.pipeline import JobTarget, improve
from cvimprover.cv.rewrite import years_in_words, years_of_experience

CV = """Marta Ruiz
marta@example.com | Leeds, UK

EXPERIENCE
Product Manager — Northwind | Jan 2019 – Dec 2023
- Led product management for a payments app used by 2 million customers
- Mentored 3 product managers and hired a team of 6 engineers
- Ran SQL analyses that cut churn by 12%
- Defined the roadmap with design and engineering leads

Associate Product Manager — Contoso | Jan 2016 – Dec 2018
- Shipped a Kubernetes-based release pipeline that cut release time from 5 days to 1

SKILLS
SQL, Kubernetes, Jira
"""
AD = (
    "Senior Product Manager\n\nAt Fabrikam, product managers own outcomes. Fabrikam is hiring.\n"
    "Requirements:\n- Product management experience\n- SQL\n- Kubernetes\n- A roadmap\n"
    "- Leadership of a team\nContact: Laura Gómez\n"
)


def _letter(instructions: str = "", **answers: str) -> str:
    target = JobTarget("Senior Product Manager", "Fintech", "6+", job_description=AD, **answers)
    return improve(CV.encode(), "cv.txt", target, instructions=instructions).cover_letter


def _body_sentences(letter: str) -> list[str]:
    body = " ".join(letter.strip().split("\n\n")[1:-1])
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", body)


def test_letter_argues_from_the_cv_in_the_ads_words() -> None:
    letter = _letter(location="Leeds", application_timeline="immediate")
    assert letter.startswith("Dear Laura Gómez,\n\n")
    assert "Senior Product Manager role at Fabrikam" in letter
    assert "with eight years of experience, most recently at Northwind" in letter
    assert "I ran SQL analyses that cut churn by 12%" in letter
    assert "I shipped a Kubernetes-based release pipeline" in letter
    assert "at Contoso" in letter
    assert "product management" in letter and "Product Management" not in letter
    assert "I am based in Leeds and can start straight away." in letter
    sentences = _body_sentences(letter)
    assert len(sentences) == len(set(sentences))
    assert invented_facts(letter, CV, AD + "\nLeeds") == []
    assert all("\n" not in p for p in letter.strip().split("\n\n")[:-1])


def test_the_instruction_decides_which_evidence_leads() -> None:
    plain = _letter().strip().split("\n\n")[2]
    led = _letter("Please emphasise leadership").strip().split("\n\n")[2]
    # The first argued sentence is the leadership line; without the instruction, the
    # requirements of the ad lead.
    assert led.startswith("What I would bring first: at Northwind, I mentored 3 product managers")
    assert "mentored 3" not in plain.split(". ")[0]


def test_spanish_letter_uses_the_spanish_table() -> None:
    cv = (
        "Lucía Martín\nlucia@example.com\n\nEXPERIENCIA\nEnfermera — Hospital Sur | 2015 - 2023\n"
        "- Coordiné la UCI de 12 camas con un equipo de 20 enfermeras\n"
        "- Reduje las infecciones un 30% con un protocolo de control de infecciones\n"
    )
    ad = (
        "Enfermera de UCI\n\nEl Hospital Norte busca enfermera.\nRequisitos: experiencia en UCI, "
        "control de infecciones y trabajo en equipo. En el Hospital Norte cuidamos."
    )
    target = JobTarget("Enfermera de UCI", "Salud", "6+", job_description=ad)
    letter = improve(cv.encode(), "cv.txt", target).cover_letter
    assert letter.startswith("Estimado equipo de selección:\n\n")
    assert "Les escribo para presentar mi candidatura al puesto de Enfermera de UCI" in letter
    assert "con ocho años de experiencia" in letter
    assert "coordiné la UCI de 12 camas" in letter
    assert "Dear" not in letter and "I am" not in letter
    assert letter.rstrip().endswith("Atentamente,\nLucía Martín")
    assert invented_facts(letter, cv, ad) == []


def test_a_cv_that_shows_little_gets_a_short_letter() -> None:
    cv = "Sam Poe\nsam@example.com\n\nEXPERIENCE\nClerk — Acme | 2020 - 2022\n- Filed papers\n"
    target = JobTarget("Data Engineer", "", "3-5", job_description="Spark, Kafka and Airflow")
    letter = improve(cv.encode(), "cv.txt", target).cover_letter
    assert "Spark" not in letter and "Kafka" not in letter and "Airflow" not in letter
    assert "You ask for" not in letter
    assert len(letter.split()) < 90


def test_company_and_person_in_the_ad() -> None:
    assert company_in_ad("At GitLab, we ship.\nSupport GitLab for our customers.", "AE") == "GitLab"
    assert company_in_ad("Step 1: apply. Step 2: wait. Step 3: interview.", "AE") == ""
    product_list = "Crear CloudPages con HTML y SQL. AMPscript CloudPages. SQL HTML/CSS"
    assert company_in_ad(product_list, "Desarrollador") == ""
    assert (
        company_in_ad("Empresa del sector cárnico situada en Binéfar precisa personal.", "") == ""
    )
    assert person_in_ad("Apply now. Contact: Ana García (HR)") == "Ana García"
    assert person_in_ad("Contact us at jobs@example.com") == ""


def test_spelling_follows_the_text_not_the_heading() -> None:
    texts = ["PRODUCT MANAGEMENT\n- Led product management for X", "we want product management"]
    assert spelling("Product Management", texts) == "product management"
    assert spelling("kubernetes", ["Runs on Kubernetes and Kubernetes operators"]) == "Kubernetes"
    assert spelling("SQL", ["Heading"]) == "SQL"


def test_years_are_counted_from_the_dates_once() -> None:
    roles = [Entry("A", "X", "2019 - 2023"), Entry("B", "Y", "Jan 2021 - Dec 2021")]
    document = CVDocument(sections=[Section("experience", "Experience", entries=roles)])
    assert years_of_experience(document) == 4  # the overlap counts once
    assert years_in_words(4, "en") == "four" and years_in_words(25, "es") == "más de veinte"


def test_who_i_am_names_the_title_closest_to_the_job() -> None:
    cv = (
        "Sam Poe\nsam@example.com\n\nEXPERIENCE\nDelivery Driver — Atom | Jan 2023 - Present\n"
        "- Delivered 250 packages a day across 3 routes\n"
        "Sales Representative — Moxie | Jan 2019 - Dec 2022\n"
        "- Exceeded the sales quota by 20% for 8 quarters\n"
        "- Built a sales pipeline of 40 accounts with cold calls\n"
    )
    ad = "Account Executive\nAt Fabrikam you will own a sales pipeline and a sales quota."
    target = JobTarget("Account Executive", "", "3-5", job_description=ad)
    letter = improve(cv.encode(), "cv.txt", target).cover_letter
    # The older role is the one that speaks to the ad, and the years are the career's.
    assert "including my work as a Sales Representative at Moxie" in letter
    assert "I am a Delivery Driver" not in letter
    assert "I have also worked at Atom." in letter
    # The requirement in the ad's words, argued from the CV's own line, then the role's
    # other line; the other role speaks with its measurable result.
    assert "You ask for sales pipeline: at Moxie, I built a sales pipeline of 40 accounts" in letter
    assert "There, I also exceeded the sales quota by 20% for 8 quarters." in letter
    assert "at Atom, I delivered 250 packages a day" in letter
    assert invented_facts(letter, cv, ad) == []


def test_one_requirement_is_argued_once_under_one_name() -> None:
    """ "roadmap" and "product roadmap" are one requirement, whether the ad lists both or
    the CV's lines write one term two ways: the letter argues it once and spends its other
    paragraphs on other evidence."""
    role, other = Entry("Product Manager", "Acme"), Entry("Product Manager", "Globex")
    points = [
        Point(["roadmap"], "Owned the roadmap for billing", role, 3.0, requirement="Roadmap"),
        Point(
            ["product roadmap"],
            "Ran interviews to guide the product roadmap",
            other,
            2.9,
            requirement="Product roadmap",
        ),  # fmt: skip
        Point(
            ["Roadmapping"], "Roadmapping for the mobile app", other, 2.8, requirement="Roadmap"
        ),  # fmt: skip
        Point(["analytics"], "Shipped an analytics dashboard", other, 1.0, requirement="Analytics"),
    ]
    chosen, rest = _choose(points, 3)
    assert [p.terms for p in chosen] == [["roadmap"], ["analytics"]]
    assert rest == []


def test_a_heading_label_is_not_quoted_as_part_of_the_line() -> None:
    """ "Server Administration: Managed two servers ..." is quoted from "managed": the label
    would read as a broken sentence, but it still says which requirement the line shows."""
    cv = (
        "Kim Ito\nkim@example.com\n\nEXPERIENCE\nResearch Assistant — Texas Lab | 2016 - 2023\n"
        "- Server Administration: Managed two high-end servers for 40 researchers\n"
        "- Database Management: Managed the MySQL database and its nightly backups\n"
    )
    ad = "Systems Engineer\nRequirements: server administration, MySQL and backups."
    target = JobTarget("Systems Engineer", "", "3-5", job_description=ad)
    letter = improve(cv.encode(), "cv.txt", target).cover_letter
    assert "managed two high-end servers for 40 researchers" in letter, letter
    assert "I managed the MySQL database" in letter
    assert "Administration" not in letter and "Management:" not in letter


def test_a_line_about_something_else_is_not_padding() -> None:
    """Without a requirement, a line is quoted only when it touches the job: a number, a key
    term in full, a word of the role. A teaching line sharing two everyday words with a
    logistics ad is left out, and the letter says less."""
    cv = (
        "Ana Gil\nana@example.com\n\nEXPERIENCIA\n"
        "Coordinadora de logística — Carvajal | 2015 - 2023\n"
        "- Coordiné la logística de transporte de carga con 30 transportistas\n"
        "Profesora — British Council | 2010 - 2015\n"
        "- Proporcionar apoyo a los estudiantes que requieren atención adicional en clase\n"
    )
    ad = (
        "Técnico de logística\nRequisitos: logística, transporte y estudios similares. Se "
        "requiere experiencia. Valoramos estudiantes en prácticas."
    )
    target = JobTarget("Técnico de logística", "", "3-5", job_description=ad)
    letter = improve(cv.encode(), "cv.txt", target).cover_letter
    assert "coordiné la logística de transporte" in letter
    assert "apoyo a los estudiantes" not in letter, letter


def test_lines_read_as_sentences_in_their_frames() -> None:
    """A line opening "Also" in a frame that says "also" says it once; "Involved in ..." is
    no deed to put after "I"; a sentence opening "It ..." is quoted with the one it points
    back to, never alone."""
    cv = (
        "Lee Park\nlee@example.com\n\nEXPERIENCE\nData Engineer — Acme | 2016 - 2023\n"
        "- Built a Kafka pipeline that feeds 12 dashboards\n"
        "- Also created a Kafka schema registry for 30 teams\n"
        "- Involved in Kafka capacity planning for 4 data centres\n"
        "- Designed a Kafka deduplication job. It cut storage by 40%\n"
    )
    ad = "Data Engineer\nRequirements: Kafka, capacity planning and data pipelines."
    target = JobTarget("Data Engineer", "", "3-5", job_description=ad)
    letter = improve(cv.encode(), "cv.txt", target).cover_letter
    assert not re.search(r"\balso also\b", letter, re.IGNORECASE), letter
    # (The rewrite turns a whole "Involved in" bullet into "Contributed to"; a later
    # sentence of a bullet keeps it, and the letter must not put it after "I".)
    assert not _verb_led("Involved in features such as A/B testing", "en")
    assert _verb_led("Continuously improved the architecture", "en")
    assert letter.count("It cut storage by 40%") == 1
    assert "deduplication job. It cut storage by 40%" in letter


def test_also_only_after_a_sentence_that_said_where() -> None:
    """Roles without a title give no "who I am" sentence: the employers are then named
    without "also", which would point back at nothing."""
    roles = [Entry("", "Google LLC", "2019 - 2022"), Entry("", "Acme", "2016 - 2019")]
    document = CVDocument(sections=[Section("experience", "Experience", entries=roles)])
    target = JobTarget("Office Assistant", "", "", job_description="Office work at Initech.")
    letter = write_cover_letter(document, [], target, "en")
    assert "I have worked at Google LLC and Acme." in letter, letter
    assert "also worked" not in letter


def test_summary_and_letter_read_the_roles_of_every_experience_section() -> None:
    """A CV read as two experience sections, the first empty (a heading over a sidebar, then
    "Positions"), still gets a summary that says who and a letter that names the role."""
    from cvimprover.cv.keywords import job_terms
    from cvimprover.cv.rewrite import rewrite

    role = Entry(
        "Statistics Lecturer",
        "Lakeside University",
        "2010 - 2022",
        bullets=["Taught statistics and data analysis to 300 students a year using R"],
    )
    document = CVDocument(
        sections=[
            Section("experience", "Experience"),
            Section("experience", "Positions", entries=[role]),
        ]
    )
    ad = "Requirements:\n- Data analysis\n- R programming\n"
    terms = job_terms("Data Analyst", ad)
    improved, _changes = rewrite(
        document, terms, position="Data Analyst", industry="", job_description=ad
    )
    summary = improved.section("summary")
    assert summary is not None
    assert summary.text.startswith("Statistics Lecturer with twelve years of experience")
    from cvimprover.cv.evidence import build_evidence

    target = JobTarget("Data Analyst", "", "6+", job_description=ad)
    evidence = build_evidence(improved, terms, "en")
    letter = write_cover_letter(improved, evidence, target, "en", terms=terms)
    assert "Statistics Lecturer" in letter


def test_a_quoted_line_keeps_the_capitals_of_a_name_it_opens_with() -> None:
    """A line quoted after a frame ("...also covered this: ") loses its capital only when it
    opens with an ordinary word; a product's name keeps its own ("Active Directory",
    "Microsoft 365", "Excel")."""
    from cvimprover.cv.cover_letter import _lower_first

    assert _lower_first("Active Directory user management") == "Active Directory user management"
    assert _lower_first("Microsoft 365 support for 300 users").startswith("Microsoft 365")
    assert _lower_first("Excel models for the budget").startswith("Excel")
    assert _lower_first("Managed 12 people") == "managed 12 people"
    assert _lower_first("Performed Windows server upgrades").startswith("performed Windows")
    assert _lower_first("Designed the billing database") == "designed the billing database"
    assert _lower_first("Gestioné 4 tiendas") == "gestioné 4 tiendas"
