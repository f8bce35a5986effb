"""Evidence per job term: exact, variant, related or missing, and what the rewrite may do."""

from __future__ import annotations

from cvimprover.cv.evidence import build_evidence, coverage, in_bullets_not_skills
from cvimprover.cv.keywords import job_terms
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv
from cvimprover.cv.rewrite import rewrite

CV = """Ann Lee
ann@example.com | +44 7700 900000 | Leeds, UK

EXPERIENCE
Platform Engineer — Acme | 2019 – 2023
- Ran K8s clusters for 40 services
- Built Terraform modules used by 6 teams
- Wrote React front ends for the billing team

SKILLS
Python, Docker
"""
AD = """Requirements:
- Kubernetes and Terraform
- Python and JavaScript
- Go
Nice to have:
- Ansible"""


def _evidence(cv: str = CV, ad: str = AD) -> dict:
    document = parse_cv(normalise_text(cv))
    return {e.term: e for e in build_evidence(document, job_terms("Engineer", ad), "en")}


def test_statuses() -> None:
    evidence = _evidence()
    assert evidence["Python"].status == "exact"
    assert evidence["Python"].lines == [{"section": "skills", "text": "Python"}]
    kubernetes = evidence["Kubernetes"]
    assert kubernetes.status == "variant" and kubernetes.matched_as == "K8s"
    assert kubernetes.lines[0]["section"] == "experience"
    # React is in JavaScript's O*NET family (web platform development software)
    javascript = evidence["JavaScript"]
    assert javascript.status == "related" and javascript.matched_as == "React"
    assert javascript.suggestion == "Add JavaScript if you have used it"
    go = evidence["Go"]
    assert go.status == "missing" and go.lines == [] and go.suggestion


def test_order_and_shape() -> None:
    items = build_evidence(parse_cv(normalise_text(CV)), job_terms("Engineer", AD), "en")
    assert [e.required for e in items] == sorted((e.required for e in items), reverse=True)
    assert items[-1].term == "Ansible" and not items[-1].required
    assert set(items[0].to_dict()) == {
        "term", "required", "status", "matched_as", "lines", "suggestion"
    }  # fmt: skip


def test_spanish_suggestions() -> None:
    document = parse_cv(normalise_text(CV))
    missing = [e for e in build_evidence(document, job_terms("Ingeniero", AD), "es")
               if e.status == "missing"]  # fmt: skip
    assert missing and missing[0].suggestion.startswith("Añade ")


def test_variant_spellings_of_a_phrase() -> None:
    cv = CV.replace("Ran K8s clusters", "Led cross functional team work on K8s clusters")
    ad = "Requirements:\n- Work with cross-functional teams"
    assert _evidence(cv, ad)["Cross-functional teams"].status in ("exact", "variant")


def test_coverage_counts_required_terms_double() -> None:
    items = build_evidence(parse_cv(normalise_text(CV)), job_terms("Engineer", AD), "en")
    assert 0 < coverage(items) < 1
    everything = CV.replace("Python, Docker", "Python, Docker, JavaScript, Go, Ansible")
    richer = build_evidence(parse_cv(normalise_text(everything)), job_terms("Engineer", AD), "en")
    assert coverage(richer) > coverage(items)


def test_a_term_shown_in_a_bullet_moves_to_skills_and_a_missing_one_never_does() -> None:
    document = parse_cv(normalise_text(CV))
    terms = job_terms("Engineer", AD)
    moved = {e.term for e in in_bullets_not_skills(build_evidence(document, terms, "en"))}
    assert {"Kubernetes", "Terraform"} <= moved
    improved, changes = rewrite(document, terms, position="Engineer", industry="Cloud")
    skills = improved.section("skills").items
    assert "K8s" in skills and "Terraform" in skills  # the CV's own spelling
    assert not {"Go", "Ansible", "JavaScript", "Kubernetes"} & set(skills)
    assert any("skills the job asks for" in c["reason"] for c in changes)


def test_a_spanish_cv_shows_an_english_ads_term_through_the_taxonomy() -> None:
    cv = CV.replace("Built Terraform modules used by 6 teams", "Diseñé algoritmos para 6 equipos")
    evidence = _evidence(cv, "Requirements:\n- Data structures and algorithms")
    algorithms = evidence["algorithms"]
    assert algorithms.status == "variant" and algorithms.matched_as == "algoritmos"


def test_another_form_of_a_one_word_term_is_related_evidence() -> None:
    cv = "Jane Roe\n\nExperience\nSales Lead, Acme, 2020 - 2023\n- Recruited a team of four reps\n"
    ad = "Requirements:\n- Recruitment and SAS\n"
    evidence = _evidence(cv, ad)
    recruitment = evidence["Recruitment"]
    assert recruitment.status == "related" and recruitment.matched_as.lower() == "recruited"
    assert evidence["SAS"].status == "missing"  # "reps" is not a form of anything asked


def test_a_catch_all_onet_family_relates_nothing() -> None:
    cv = "Jane Roe\n\nSkills\nEPIC GIS\n"
    evidence = _evidence(cv, "Requirements:\n- SAS\n")
    assert evidence["SAS"].status == "missing"


def test_a_named_tool_shows_the_broad_skill_it_is_a_kind_of() -> None:
    cv = CV.replace("Wrote React front ends", "Tuned MySQL queries and kept the code in Git")
    ad = "Requirements:\n- Relational databases and source control\n- Cloud computing"
    evidence = _evidence(cv, ad)
    databases = evidence["Relational databases"]
    assert databases.status == "variant" and databases.matched_as == "MySQL"
    control = evidence["Version control"]
    assert control.status == "variant" and control.matched_as == "Git"
    # Only a kind of the skill counts: Docker and Terraform are not cloud computing.
    assert evidence["Cloud computing"].status in ("missing", "related")


def test_every_tool_in_the_broader_list_is_a_known_skill() -> None:
    from cvimprover.cv.keywords import Term, narrower_keys

    term = Term("Relational databases", "tool", 1.0, key="relational databases")
    assert {"mysql", "postgresql"} <= narrower_keys(term)
    assert narrower_keys(Term("Python", "tool", 1.0, key="python")) == frozenset()


def test_a_name_inside_a_longer_skill_is_evidence() -> None:
    cv = "Ana Ruiz\n\nExperiencia\nJefa de almacén, Acme, 2019 - 2023\n"
    cv += "- Gestión de compras y comunicación con proveedores de 12 países\n"
    evidence = _evidence(cv, "Requisitos:\n- Experiencia en compras y logística\n")
    procurement = evidence["Procurement"]
    assert procurement.status in ("exact", "variant")
    assert "Gestión de compras" in procurement.lines[0]["text"]


def test_related_evidence_is_sought_under_the_terms_spanish_name() -> None:
    cv = "Ana Ruiz\n\nExperiencia\nJefa de almacén, Acme, 2019 - 2023\n"
    cv += "- Mejoré la rotación de inventario y la gestión de pedidos urgentes\n"
    evidence = _evidence(cv, "Requisitos:\n- Gestión de inventarios\n")
    assert evidence["Inventory management"].status == "related"


def test_negotiating_is_another_form_of_negotiation() -> None:
    cv = "Jane Roe\n\nExperience\nAgent, Acme, 2020 - 2023\n- Negotiating leases with 30 tenants\n"
    evidence = _evidence(cv, "Requirements:\n- Excellent negotiation skills\n")
    assert evidence["Negotiation"].status in ("related", "variant", "exact")
