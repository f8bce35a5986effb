"""Key terms of a job ad: the one matcher, the taxonomy, phrases, and junk never reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from cvimprover.cv import vocabulary
from cvimprover.cv.keywords import (
    _before_place,
    _company_names,
    ad_candidates,
    ad_lines,
    contains_term,
    inflections,
    is_junk,
    job_terms,
    label_pair_share,
    match_entries,
    phrase_candidates,
    surface_form,
    terms_from_candidates,
)
from cvimprover.cv.vocabulary import fold

PRODUCT_AD = """We are hiring a Product Manager.
Requirements:
- 5+ years of product management, owning product strategy and the roadmap
- Work with cross-functional teams on pricing and positioning
- Run beta programmes with customers
Nice to have:
- MBA
Apply: https://careers.example.com/jobs/aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ0MDA=?ref=x
https://careers.example.com/jobs/aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ0MDA=?ref=y
https://careers.example.com/jobs/aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ0MDA=?ref=z
"""
SERVICENOW_AD = """Requirements:
- Experience with Git and Jenkins
- Glide API scripting, MID Server, Integration Hub and Service Catalog
- MLOps; SOAP and REST integrations
- Knowledge of data structures and algorithms"""
SPANISH_AD = """BBVA busca desarrollador/a Java para su equipo de pagos.
Requisitos:
- Experiencia con Java, Spring e Hibernate
- Bases de datos SQL Server
- Desarrollo frontend/backend
Más información en www.bbva.com/careers"""


def _texts(position: str, ad: str, language: str = "en") -> set[str]:
    return {fold(t.text) for t in job_terms(position, ad, language)}


def test_the_issues_product_manager_terms_are_found() -> None:
    found = _texts("Product Manager", PRODUCT_AD)
    for term in ("product strategy", "product roadmap", "cross-functional teams", "pricing"):
        assert term in found
    assert {"market positioning", "beta testing", "mba"} <= found


def test_the_issues_servicenow_terms_are_found() -> None:
    found = _texts("ServiceNow Developer", SERVICENOW_AD)
    wanted = {"git", "jenkins", "glide api", "mid server", "integration hub", "service catalog",
              "mlops", "soap", "data structures", "algorithms"}  # fmt: skip
    assert wanted <= found


def test_spanish_ad_terms_and_the_employer_is_not_a_skill() -> None:
    found = _texts("Desarrollador/a Java", SPANISH_AD, "es")
    assert {"hibernate", "sql server", "frontend", "backend", "java"} <= found
    assert "bbva" not in found
    assert not any("bbva" in t for t in found)


def test_links_and_identifiers_are_never_terms() -> None:
    terms = job_terms("Product Manager", PRODUCT_AD)
    for term in terms:
        assert "http" not in term.text and "aGVsbG8" not in term.text
        assert not is_junk(term.text)
    assert is_junk("aGVsbG8gd29ybGQgdGhpcyBpcyBiYXNlNjQ0MDA=")
    assert is_junk("20FASC168SVGOTR")
    assert is_junk("careers.example.com")
    assert is_junk("Acme", {"acme"})
    assert not is_junk("Kubernetes")


def test_each_term_says_where_it_came_from_and_whether_it_is_required() -> None:
    terms = {t.text: t for t in job_terms("Product Manager", PRODUCT_AD)}
    strategy = terms["Product strategy"]
    assert strategy.required and strategy.source == "requirements"
    assert "product strategy" in strategy.line
    mba = terms["MBA"]
    assert not mba.required and mba.source == "nice_to_have" and mba.line == "- MBA"
    data = strategy.to_dict()
    assert {"text", "category", "weight", "required", "source", "line"} <= set(data)


def test_an_optional_clause_does_not_make_its_whole_line_optional() -> None:
    terms = {t.text: t for t in job_terms("Engineer", "Python and Redis; Kubernetes is a plus.")}
    assert terms["Python"].required and terms["Redis"].required
    assert not terms["Kubernetes"].required


def test_benefits_and_about_sections_are_skipped() -> None:
    ad = "Requirements:\n- Python\nWhat we offer:\n- Health insurance and a Kubernetes budget"
    assert [line.source for line in ad_lines("Dev", ad)] == ["position", "requirements"]
    assert "kubernetes" not in _texts("Dev", ad)


def test_longest_match_wins_and_curated_terms_outrank_the_taxonomy() -> None:
    hits = match_entries("ITIL Foundation certified")
    assert len(hits) == 1 and hits[0][1:] == (0, len("ITIL Foundation"))
    assert match_entries("Jenkins CI and Hibernate ORM")  # O*NET names


def test_product_names_that_are_words_need_their_capitals_and_not_a_sentence_start() -> None:
    assert "contribute" not in _texts("Engineer", "Requirements:\n- Contribute to design reviews")
    assert "jenkins" in _texts("Engineer", "Requirements:\n- Pipelines in Jenkins")


def test_phrase_candidates_cut_at_function_words() -> None:
    phrases = [p for p, *_ in phrase_candidates("Experience with workforce planning and Boolean "
                                                "search", "en")]  # fmt: skip
    assert "workforce planning" in phrases and "Boolean search" in phrases


def test_contains_and_surface_form_keep_the_cv_spelling() -> None:
    term = next(t for t in job_terms("Dev", "Requirements: Kubernetes") if t.text == "Kubernetes")
    assert contains_term(term, "Ran K8s clusters")
    assert surface_form(term, "Ran K8s clusters") == "K8s"


def test_taxonomy_is_shipped_compact_with_its_sources() -> None:
    folder = Path(vocabulary.__file__).parent
    assert (folder / "taxonomy.tsv").stat().st_size < 3_000_000
    readme = (folder / "README.md").read_text(encoding="utf-8")
    for needed in ("ESCO", "O*NET", "CC BY 4.0", "scripts/build_taxonomy.py"):
        assert needed in readme
    concepts = vocabulary.taxonomy()
    assert len(concepts) > 5000
    assert {c.source for c in concepts} == {"esco", "onet"}
    spanish = [c for c in concepts if any(lang == "es" for lang, _l, _c in c.labels)]
    assert len(spanish) > 1000


@pytest.mark.parametrize("word", ["communication", "teamwork"])
def test_soft_skills_are_not_key_terms(word: str) -> None:
    assert word not in _texts("Dev", f"Requirements:\n- {word.title()} and Python")


def test_hiring_administration_and_eligibility_lines_give_no_terms() -> None:
    description = (
        "Security clearance:\nPublic trust. Background investigation required.\n"
        "Key Requirements\n- You must be a U.S. Citizen and pass a background check\n"
        "Qualifications\n- Experience with Python and PostgreSQL\n"
    )
    texts = {t.text for t in job_terms("Engineer", description)}
    assert {"Python", "PostgreSQL"} <= texts
    assert not any("investigation" in t.lower() or "citizen" in t.lower() for t in texts)


def test_an_office_named_with_its_acronym_is_not_a_skill() -> None:
    description = (
        "This position is located within the Federal Acquisition Service (FAS).\n"
        "Requirements:\n- Federal acquisition experience and SAS or R\n"
    )
    terms = job_terms("Contract Specialist", description)
    lines = [t.line for t in terms if "acquisition" in t.text.lower()]
    assert all("located within" not in line for line in lines)
    assert "SAS" in {t.text for t in terms}


def test_a_javascript_library_is_not_read_as_the_employer_web_domain() -> None:
    description = "Requirements:\n- Vue.js and Node.js on the front end\nApply at acme.com\n"
    texts = {t.text.lower() for t in job_terms("Developer", description)}
    assert any("vue" in t for t in texts) and any("node" in t for t in texts)


def test_an_ad_run_into_one_line_keeps_its_sections() -> None:
    description = (
        "DESCRIPCIÓN: CONTABLE REQUISITOS: Imprescindibles: - Conocimientos de Excel - Inglés "
        "SE VALORARÁ SAP - CONDICIONES: - Contrato indefinido"
    )
    lines = ad_lines("Contable", description)
    by_text = {line.text: line for line in lines}
    assert by_text["- Conocimientos de Excel"].required
    assert by_text["- Inglés"].source == "requirements"
    assert any("SAP" in t and not by_text[t].required for t in by_text)
    assert not any("Contrato" in t for t in by_text)


def test_candidates_carry_where_they_sit_in_the_ad() -> None:
    ad = (
        "Requirements:\n"
        "- Experience with workforce planning\n"
        "- Excel, payroll, Tableau, budgeting\n"
        "We are a team of experts in logistics, payroll and procurement working across many "
        "agencies and programmes on complex problems every day of the year."
    )
    candidates = ad_candidates("Analyst", ad)
    by_text = {(fold(c.text), c.line.text[:12]): c for c in candidates}
    cued = by_text[("workforce planning", "- Experience")]
    assert cued.features["cue"] == 1.0
    listed = [c for c in candidates if c.line.text.startswith("- Excel")]
    assert listed and all(c.features["in_list"] == 1.0 for c in listed)
    prose = [c for c in candidates if c.line.text.startswith("We are")]
    assert prose and all(c.features["prose"] == 1.0 and c.features["about_us"] for c in prose)
    # job_terms keeps what the candidates and the model keep, nothing else.
    kept = {t.key for t in job_terms("Analyst", ad)}
    assert kept <= {c.key for c in candidates}


def test_a_conditions_word_inside_a_run_on_line_closes_the_requirements() -> None:
    ad = (
        "Requisitos: Grado en Magisterio. Se valorará Máster del Profesorado.- Contrato: "
        "Temporal. Centros de trabajo en Corvera y Gozón."
    )
    lines = ad_lines("Profesor/a", ad)
    assert not any("Gozón" in line.text for line in lines)
    assert any("Magisterio" in line.text for line in lines)
    assert "gozon" not in _texts("Profesor/a", ad, "es")


def test_the_employer_behind_a_legal_entity_or_a_policy_is_not_a_skill() -> None:
    ad = (
        "Requirements:\n- Excel and Expensify\n- Ability to use Zorblatt\n"
        "- Apply the Zorblatt Reimbursement policy\n- If employed by Zorblatt Federal, LLC, "
        "comply with its rules"
    )
    found = _texts("Expense Specialist", ad)
    assert "zorblatt" not in found
    assert "excel" in found


def test_a_requirements_word_later_in_a_run_on_line_reopens_the_requirements() -> None:
    ad = "Contrato: temporal. Jornada parcial. Requisitos: carnet de conducir y Excel avanzado."
    lines = ad_lines("Administrativo/a", ad)
    assert not any("temporal" in line.text for line in lines)
    assert [line.source for line in lines if "Excel" in line.text] == ["requirements"]


def test_a_one_letter_conjunction_cuts_only_between_spaces() -> None:
    # "C+E" is a driving licence, not "C+" and the conjunction "e".
    phrases = [p for p, *_ in phrase_candidates("Carnet C+E y CAP, o experiencia", "es")]
    assert "Carnet C+E" in phrases
    assert "CAP" in phrases
    assert not any(p.endswith("C+") for p in phrases)


def test_conditions_and_places_are_never_phrases() -> None:
    ad = (
        "Requisitos:\n"
        "- Experiencia en control de inventarios\n"
        "- Jornada parcial, turno partido\n"
        "- Convenio colectivo del sector\n"
        "- Puesto en Villanueva de Gállego\n"
        "IMPRESCINDIBLE CERTIFICADO DE DISCAPACIDAD IGUAL O SUPERIOR AL 33%."
    )
    texts = {fold(c.text) for c in ad_candidates("Mozo/a de almacén", ad, "es")}
    assert "control de inventarios" in texts
    assert not any(t.startswith(("jornada", "turno", "convenio")) for t in texts)
    assert not any("villanueva" in t or "discapacidad" in t for t in texts)


def test_an_employer_written_in_capitals_is_not_a_term() -> None:
    ad = "EMPRESA DE LOS ALCÁZARES NECESITA AUXILIAR ADMINISTRATIVO/A\nRequisitos:\n- Ofimática"
    texts = {fold(c.text) for c in ad_candidates("Auxiliar administrativo/a", ad, "es")}
    assert not any("alcazares" in t for t in texts)
    assert "office software" in texts  # "Ofimática", by its curated name


def test_candidates_know_how_often_the_ad_names_them_and_duty_lines() -> None:
    ad = (
        "Responsibilities:\n"
        "- Manage freight audits\n"
        "Requirements:\n"
        "- Experience with freight audits\n"
        "- Tableau"
    )
    candidates = ad_candidates("Analyst", ad)
    onboarding = [c for c in candidates if fold(c.text) == "freight audits"]
    assert len(onboarding) == 2
    assert all(c.features["mentions"] > 0 for c in onboarding)
    duty = next(c for c in onboarding if c.line.text.startswith("- Manage"))
    asked = next(c for c in onboarding if c.line.text.startswith("- Experience"))
    assert duty.features["verb_led"] == 1.0
    assert asked.features["verb_led"] == 0.0
    tableau = next(c for c in candidates if fold(c.text) == "tableau")
    assert tableau.features["mentions"] == 0.0


def test_a_given_model_decides_which_candidates_are_kept() -> None:
    candidates = ad_candidates("Analyst", "Requirements:\n- Tableau\n- freight audits")
    listed = {c.key for c in candidates if c.origin != "phrase"}
    phrases = {c.key for c in candidates if c.origin == "phrase"}
    assert listed and phrases
    keep_all = ({"bias": 5.0}, 0.5, None)
    keep_listed = ({"bias": -5.0}, 0.5, None)
    drop_all = ({"bias": -5.0}, 0.5, 0.5)
    assert {t.key for t in terms_from_candidates(candidates, "en", keep_all)} == listed | phrases
    assert {t.key for t in terms_from_candidates(candidates, "en", keep_listed)} == listed
    assert terms_from_candidates(candidates, "en", drop_all) == []
    # The shipped model is what job_terms uses.
    shipped = {t.key for t in terms_from_candidates(candidates, "en")}
    assert shipped == {
        t.key for t in job_terms("Analyst", "Requirements:\n- Tableau\n- freight audits")
    }


# --- issue 10, second batch: number and gender, credentials, requirement sentences --------


def test_inflections_change_number_and_gender_but_never_one_word_names() -> None:
    assert inflections("conciliación bancaria", "es") == ["conciliaciones bancarias"]
    assert "técnica contable" in inflections("técnico contable", "es")
    # Only the words before the first complement change: "de almacén" stays.
    assert inflections("gestión de almacén", "es") == ["gestiones de almacén"]
    assert inflections("food safety standard", "en") == ["food safety standards"]
    assert inflections("food safety standards", "en") == ["food safety standard"]
    assert inflections("Process", "en") == [] and inflections("contabilidad", "es") == []
    assert inflections("Microsoft SQL", "en") == []  # an acronym has no plural


def test_a_taxonomy_name_is_found_in_its_other_number() -> None:
    ad = "Requirements:\n- Knowledge of food safety standard procedures in a large kitchen"
    keys = {t.key for t in job_terms("Cook", ad, "en")}
    assert "food safety standards" in keys
    es = "Requisitos: normas sobre seguridad alimentaria y manejo de cocina industrial."
    assert "food safety standards" in {t.key for t in job_terms("Cocinero/a", es, "es")}


@pytest.mark.parametrize(
    ("ad", "language", "expected"),
    [
        (
            "Requirements:\n- Current RN licence and BLS certification\n- PALS preferred",
            "en",
            {"rn", "bls", "pals"},
        ),
        ("Requirements:\n- Valid CDL and a clean driving record", "en", {"cdl"}),
        ("Requirements:\n- CPA or CISA designation", "en", {"cpa", "cisa"}),
        (
            "REQUISITOS: carné de carretillero y CAP en vigor. Se valorará ESO.",
            "es",
            {"forklift certification", "cap", "secondary school certificate"},
        ),
        (
            "Requisitos: TCAE o certificado de profesionalidad.",
            "es",
            {"tcae", "certificado de profesionalidad"},
        ),
    ],
)
def test_credentials_and_licences_are_key_terms(ad: str, language: str, expected: set) -> None:
    terms = job_terms("Staff", ad, language)
    keys = {t.key for t in terms}
    assert expected <= keys, keys
    assert all(t.category in ("cert", "degree") for t in terms if t.key in expected)


def test_cia_needs_its_capitals() -> None:
    assert "cia" not in {t.key for t in job_terms("Staff", "Requirements:\n- Social media", "en")}
    assert "cia" not in {t.key for t in job_terms("Staff", "Requirements:\n- Gracia cia", "en")}


def test_a_requirement_sentence_weighs_more_than_a_duty_sentence() -> None:
    duty = job_terms("Analyst", "You will build reports in Tableau for the finance team.", "en")
    asked = job_terms("Analyst", "Experience with Tableau is required.", "en")
    by_duty = next(t for t in duty if t.key == "tableau")
    by_ask = next(t for t in asked if t.key == "tableau")
    assert by_ask.required
    assert by_ask.weight > by_duty.weight
    es = job_terms("Analista", "Se requiere experiencia en Tableau. Horario de mañana.", "es")
    assert next(t for t in es if t.key == "tableau").required


def test_requirement_and_duty_cues_are_features_of_the_sentence_not_the_line() -> None:
    # In-sentence cues; a heading such as "Funciones:" sets the line's source instead.
    text = "La persona se encargará de gestionar pedidos de clientes. Se requiere manejo de SAP."
    candidates = ad_candidates("Administrativo/a", text, "es")
    sap = next(c for c in candidates if c.key == "sap")
    assert sap.features["requirement_cue"] == 1.0 and sap.features["duty_cue"] == 0.0
    duty = [c for c in candidates if "pedidos" in c.key]
    assert duty and all(c.features["duty_cue"] == 1.0 for c in duty)


def test_a_name_before_a_province_in_brackets_is_a_place() -> None:
    line = "Puesto para residencia en Villar de Arriba (Zamora) con turnos"
    end = line.index(" (Zamora)")
    assert _before_place(line, end)
    assert not _before_place(
        "Técnico en Cuidados Auxiliares (TCAE)", len("Técnico en Cuidados Auxiliares")
    )
    terms = job_terms("Gerocultor/a", "Gerocultor/a para residencia en Villar de Arriba (Zamora). "
                      "Requisitos: certificado de profesionalidad.", "es")  # fmt: skip
    assert not any("villar" in t.key for t in terms)


def test_the_employer_named_by_its_possessive_is_not_a_skill() -> None:
    assert "acmecorp" in _company_names("Document Acmecorp’s financial processes.")
    assert "acmecorp" in _company_names("You share Acmecorp's values.")
    assert not _company_names("Knowledge of Python's standard library and Django's ORM.")
    ad = "Requirements:\n- Ability to use Acmecorp\n- Document Acmecorp’s audit processes"
    assert not any("acmecorp" in t.key for t in job_terms("Auditor", ad, "en"))


def test_a_phrase_that_shares_word_pairs_with_known_names_is_of_the_field() -> None:
    assert label_pair_share("food safety standards") == 1.0
    assert label_pair_share("normas sobre seguridad alimentaria") > 0
    assert label_pair_share("purple banana telescope") == 0.0
    assert label_pair_share("banana") == 0.0  # one word has no pair


def test_a_known_skill_in_a_sentence_about_our_people_is_not_asked_of_the_cv() -> None:
    about = "Our teams of experts in data science and procurement help agencies modernise."
    assert not {"data science", "procurement"} & {t.key for t in job_terms("Engineer", about, "en")}
    asked = "Requirements:\n- Experience in data science and procurement."
    assert {"data science", "procurement"} <= {t.key for t in job_terms("Engineer", asked, "en")}
    # The sentence, not the line: a requirement after a sentence about the team still counts.
    both = "We build public services. Knowledge of data science is expected."
    assert "data science" in {t.key for t in job_terms("Engineer", both, "en")}


def test_a_we_sentence_that_asks_for_skills_or_names_its_stack_keeps_them() -> None:
    """ "We" describes the employer's people, except when it asks for someone or says what
    the team works with: then the skills named are the ones the CV must show."""
    for ad, language, wanted in (
        ("We need a Python engineer with PostgreSQL and Kubernetes.", "en",
         {"python", "postgresql", "kubernetes"}),
        ("We use Django and Redis every day.", "en", {"django", "redis"}),
        ("Buscamos a alguien con experiencia en SAP y Excel.", "es", {"sap", "excel"}),
        ("Trabajamos con Java y PostgreSQL.", "es", {"java", "postgresql"}),
    ):  # fmt: skip
        assert wanted <= {t.key for t in job_terms("Engineer", ad, language)}, ad


def test_a_cv_shows_a_term_in_its_other_number_or_gender() -> None:
    # A taxonomy label in its other number (the label is singular only).
    terms = job_terms("Cocinero/a", "Requisitos: normas sobre seguridad alimentaria.", "es")
    norms = next(t for t in terms if t.key == "food safety standards")
    assert contains_term(norms, "Apliqué la norma sobre seguridad alimentaria.")
    # A phrase no list holds, in the other gender (kept whatever the shipped model says).
    keep_all = ({"bias": 5.0}, 0.5, None)
    ad = "Requisitos: experiencia como oficial fontanero."
    phrases = terms_from_candidates(ad_candidates("Fontanero/a", ad, "es"), "es", keep_all)
    plumber = next(t for t in phrases if t.key == "oficial fontanero")
    assert contains_term(plumber, "Trabajé de oficial fontanera en obra nueva.")
    assert not contains_term(plumber, "Trabajé de electricista.")
    english = job_terms("Accountant", "Requirements:\n- Food safety standard audits", "en")
    food = next(t for t in english if t.key == "food safety standards")
    assert contains_term(food, "Applied food safety standards daily.")
    assert not contains_term(food, "Applied food hygiene daily.")


def test_server_administration_is_a_skill_in_spanish_ads_and_cvs() -> None:
    ad = "Funciones: instalación y gestión de servidores y NAS, copias de seguridad."
    terms = job_terms("Técnico de sistemas", ad, "es")
    servers = next(t for t in terms if t.key == "server administration")
    assert contains_term(servers, "Instalé y mantuve los servidores de la oficina.")
    # The English word alone is not the skill: "servers" are also a restaurant's staff.
    assert "server administration" not in {
        t.key for t in job_terms("Restaurant manager", "Lead a team of servers and cooks.", "en")
    }
