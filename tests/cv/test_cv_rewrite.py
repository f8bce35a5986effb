"""Faithful rewriting: strong openings, pronouns, tense, ordering, surfaced skills, instructions."""

from __future__ import annotations

from cvimprover.cv.keywords import job_terms
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv
from cvimprover.cv.rewrite import improve_bullet, rewrite, years_of_experience
from tests.cv.samples import ANALYST_CV

CV = ANALYST_CV


def _rewrite(instructions: str = ""):
    document = parse_cv(normalise_text(CV))
    terms = job_terms("Data Analyst", "Requirements: SQL, Tableau, Excel")
    return rewrite(
        document, terms, position="Data Analyst", industry="Retail", instructions=instructions
    )


def test_bullet_edits() -> None:
    assert (
        improve_bullet("Responsible for managing the rota", "en", "past")[0] == "Managed the rota"
    )
    assert improve_bullet("Helped with the audit", "en", "past")[0] == "Contributed to the audit"
    assert (
        improve_bullet("Helped build the API", "en", "past")[0] == "Contributed to building the API"
    )
    assert improve_bullet("I built 4 dashboards", "en", "past")[0] == "Built 4 dashboards"
    assert improve_bullet("Manage 2 analysts", "en", "past")[0] == "Managed 2 analysts"
    assert improve_bullet("Responsable de gestionar 3 tiendas", "es", "past")[0] == (
        "Gestioné 3 tiendas"
    )
    assert improve_bullet("Participé en el lanzamiento", "es", "past")[0] == (
        "Contribuí al lanzamiento"
    )


def test_rewrite_orders_surfaces_and_summarises() -> None:
    improved, changes = _rewrite()
    bullets = improved.section("experience").entries[0].bullets
    assert bullets[0] in ("Cut costs by 10% using SQL", "Built 4 dashboards in Tableau")
    assert "Managed 3 monthly reports" in bullets
    skills = improved.section("skills").items
    assert skills[:1] == ["Excel"] and {"Tableau", "SQL"} <= set(skills)
    summary = improved.section("summary").text
    assert "a Data Analyst role in the Retail sector" in summary
    assert all(set(c) == {"id", "path", "before", "after", "reason"} for c in changes)


def test_instructions_change_emphasis_only() -> None:
    plain, _ = _rewrite()
    led, _ = _rewrite("Please emphasise leadership")
    assert led.section("experience").entries[0].bullets[0] == "Mentored 2 junior analysts"
    assert "Mentored 2 junior analysts" in led.section("summary").text
    assert plain.section("experience").entries[0].bullets[0] != "Mentored 2 junior analysts"


def test_summary_opening_is_a_sentence_in_both_languages() -> None:
    from cvimprover.cv.document import Entry
    from cvimprover.cv.rewrite import summary_opening

    role = [Entry("Full Stack Java Developer", "ABC Company", "2021 - 2023")]
    assert summary_opening(role, [], "Product Manager", "Software", "en") == (
        "Full Stack Java Developer with experience at ABC Company. "
        "Seeking a Product Manager role in the Software sector."
    )
    assert summary_opening(role, ["Java", "Angular"], "Engineering Manager", "", "en") == (
        "Full Stack Java Developer with experience at ABC Company. Brings Java and Angular "
        "to an Engineering Manager role."
    )
    nurse = [Entry("Enfermera", "Hospital Sur", "2019 - 2023")]
    assert summary_opening(nurse, ["UCI"], "Enfermera de quirófano", "Salud", "es") == (
        "Enfermera con experiencia en Hospital Sur. Aporta UCI a un puesto de "
        "Enfermera de quirófano en el sector Salud."
    )
    # A wrapped fragment is never named as a role; with nothing else to say, say nothing.
    assert summary_opening([Entry("Boot")], [], "Product Manager", "", "en") == ""
    assert summary_opening([Entry("using Java and", "", "2020")], [], "PM", "", "en") == ""
    # Who, the strongest line as the CV wrote it, what the person brings: three sentences.
    assert summary_opening(
        role, ["Java"], "Tech Lead", "", "en", 2, highlight="Cut build time by 40%"
    ) == (
        "Full Stack Java Developer with two years of experience at ABC Company. "
        "Cut build time by 40%. Brings Java to a Tech Lead role."
    )


def test_summary_names_the_title_closest_to_the_job() -> None:
    from cvimprover.cv.document import Entry
    from cvimprover.cv.rewrite import related_title

    roles = [
        Entry("Amazon Driver", "Atom", "2023 - Present"),
        Entry("Sales Representative", "Moxie", "2021 - 2023"),
        Entry("Sales Representative Intern", "Proof", "2018 - 2019"),
    ]
    assert related_title(roles, "Account Executive", "Sales quota, sales pipeline").title == (
        "Sales Representative"
    )
    # Nothing in common with the job: the newest role.
    assert related_title(roles, "Nurse", "ICU").title == "Amazon Driver"


def test_title_rests_on_a_role_held_for_long_not_on_a_months_one() -> None:
    from cvimprover.cv.document import Entry
    from cvimprover.cv.rewrite import related_title

    roles = [
        Entry("DevOps Engineer", "Dunamu", "Sep 2023 - Mar 2024"),
        Entry("Site Reliability Engineer", "Danggeun Market", "Feb 2021 - Mar 2021"),
        Entry("Site Reliability Engineer & Team Lead", "KarrotPay", "Jun 2018 - Jan 2021"),
    ]
    chosen = related_title(roles, "Site Reliability Engineer", "Cloud operations")
    assert chosen.organisation == "KarrotPay"
    # A short role still names the person when it alone is close to the job.
    alone = [roles[0], Entry("Site Reliability Engineer", "Danggeun Market", "Feb 2021")]
    assert related_title(alone, "Site Reliability Engineer", "").organisation == "Danggeun Market"


def test_cover_letter_never_names_a_fragment_as_role() -> None:
    from cvimprover.cv.pipeline import JobTarget, improve

    cv = (
        "Ann Lee\nann@example.com\n\nEXPERIENCE\nFull Stack Java Developer | ABC Company | "
        "2021 - 2023\n- Developed the onboarding service using Java and Spring\nBoot\n"
        "- Built Angular screens for 40 branch offices\n"
    )
    target = JobTarget("Frontend Developer", "Banking", "3-5", job_description="Angular, Java")
    letter = improve(cv.encode(), "cv.txt", target).cover_letter
    assert "As Boot" not in letter
    assert "Angular: at ABC Company, I built Angular screens for 40 branch offices." in letter


def test_a_bullet_that_names_the_work_keeps_its_first_word() -> None:
    from cvimprover.cv.rewrite import improve_bullet

    # "Desarrollo" here names the work; "Desarrollé y mantenimiento" would not be Spanish.
    kept, reasons = improve_bullet("Desarrollo y mantenimiento de sistemas web", "es", "past")
    assert kept == "Desarrollo y mantenimiento de sistemas web", reasons
    assert improve_bullet("Desarrollo de software con C#", "es", "past")[0].startswith(
        "Desarrollo de"
    )
    assert improve_bullet("Design and implementation of the API", "en", "past")[0].startswith(
        "Design and"
    )
    # A verb stays a verb: the tense is still made consistent.
    assert improve_bullet("Desarrollo aplicaciones web en Java", "es", "past")[0].startswith(
        "Desarrollé"
    )
    assert improve_bullet("Design and build dashboards", "en", "past")[0].startswith("Designed")


def test_summary_quotes_one_line_of_work_not_a_tool_list() -> None:
    """The summary's evidence is the strongest line that records the person's work, by the
    letter's classifier: a bare list of tools names more of the ad's terms but shows
    nothing done; a heading label and a bullet's second sentence are left out. Two or three
    sentences, the skills in the ad's spelling."""
    cv = (
        "Ana Ruiz\nana@example.com\n\nEXPERIENCE\nBackend Engineer — Acme | 2017 - 2023\n"
        "- Python Django PostgreSQL Kubernetes\n"
        "- Platform Work: Moved 40 Python services to Kubernetes. The move took a year\n"
        "- Answered support tickets\n\nSKILLS\ndata warehousing, python\n"
    )
    ad = "Backend Engineer\nWe use Python, Django, Kubernetes and Data Warehousing daily."
    document = parse_cv(normalise_text(cv))
    terms = job_terms("Backend Engineer", ad)
    improved, _ = rewrite(document, terms, position="Backend Engineer", industry="",
                          job_description=ad)  # fmt: skip
    opening = improved.section("summary").text.split("\n")[0]
    assert "Moved 40 Python services to Kubernetes." in opening, opening
    assert "Django PostgreSQL" not in opening and "Platform Work" not in opening
    assert "The move took a year" not in opening
    assert opening.startswith("Backend Engineer with six years of experience at Acme.")
    assert "Python" in opening.split(".")[-2] and "python" not in opening


def test_summary_years_are_those_of_the_titles_line_of_work() -> None:
    """A teacher who was a software developer before is not "Choir Teacher with twenty
    years of experience": the figure counts the roles of the title's line of work."""
    cv = (
        "Dan Reyes\ndan@example.org\n\nEXPERIENCE\n"
        "Choir Teacher — Hillside School | 2016 - 2024\n"
        "- Led a 60-voice choir to two state festival awards\n"
        "Assistant Choir Director — St. Mark's | 2014 - 2016\n"
        "- Ran weekly rehearsals for 30 singers\n"
        "Software Developer — Ledger Systems | 2000 - 2014\n"
        "- Built billing software used by 40 law firms\n"
    )
    document = parse_cv(normalise_text(cv))
    assert years_of_experience(document) == 24
    assert years_of_experience(document, "Choir Teacher") == 10
    ad = "Music Teacher\nTeach choir and general music to grades 6-12."
    terms = job_terms("Music Teacher", ad)
    improved, _ = rewrite(document, terms, position="Music Teacher", industry="Education",
                          job_description=ad)  # fmt: skip
    opening = improved.section("summary").text.split("\n")[0]
    assert opening.startswith("Choir Teacher with ten years of experience"), opening
