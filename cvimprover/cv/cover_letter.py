"""Write a one-page cover letter from the CV's own facts, in the application's language."""

from __future__ import annotations

from cvimprover.cv.analyse import bullet_tense
from cvimprover.cv.document import CVDocument
from cvimprover.cv.keywords import Term, contains_term, surface_form
from cvimprover.cv.markdown import document_text
from cvimprover.cv.rewrite import _join


def _evidence(document: CVDocument, terms: list[Term]) -> list[tuple[str, str, str]]:
    """Up to three (term, role label, bullet) pairs: the strongest job terms the CV proves."""
    out: list[tuple[str, str, str]] = []
    used: set[str] = set()
    for term in terms:
        for section in document.sections:
            if section.kind not in ("experience", "projects"):
                continue
            for entry in section.entries:
                for bullet in entry.bullets:
                    if bullet in used or not contains_term(term, bullet):
                        continue
                    used.add(bullet)
                    role = " — ".join(p for p in (entry.title, entry.organisation) if p)
                    out.append((surface_form(term, bullet) or term.text, role, bullet))
                    break
                else:
                    continue
                break
            else:
                continue
            break
        if len(out) == 3:
            break
    if len(out) < 2:
        # Few job terms to go on: fall back to the CV's measurable results, newest role first.
        for section in document.sections:
            if section.kind != "experience":
                continue
            for entry in section.entries:
                for bullet in entry.bullets:
                    if bullet not in used and any(ch.isdigit() for ch in bullet) and len(out) < 2:
                        used.add(bullet)
                        role = " — ".join(p for p in (entry.title, entry.organisation) if p)
                        out.append(("", role, bullet))
    return out


def write_cover_letter(
    document: CVDocument, terms: list[Term], target: object, language: str
) -> str:
    """A short letter: opening, two or three matches backed by CV bullets, a close."""
    position = getattr(target, "position", "").strip()
    industry = getattr(target, "industry", "").strip()
    name = document.contact.name
    text = document_text(document)
    evidence = _evidence(document, terms)
    extra = [
        surface_form(t, text)
        for t in terms
        if t.category != "degree"
        and surface_form(t, text)
        and all(surface_form(t, text) != e[0] for e in evidence)
    ][:4]
    spanish = language == "es"
    lines = ["Estimado equipo de selección:" if spanish else "Dear Hiring Manager,", ""]
    if spanish:
        opening = f"Les presento mi candidatura para el puesto de {position}"
        opening += f" en el sector {industry}." if industry else "."
    else:
        opening = f"I am applying for the {position} role"
        opening += f" in {industry}." if industry else "."
    if document.headline:
        opening += " " + ("Como " if spanish else "As a ") + document.headline + ", "
        opening += (
            "me gustaría contribuir a vuestro equipo."
            if spanish
            else "I would welcome the chance to contribute to your team."
        )
    lines += [opening, ""]
    for term, role, bullet in evidence:
        verb_led = bullet_tense(bullet, language) is not None
        body = bullet.rstrip(".")
        label = f"{term}: " if term else ""
        if spanish:
            sentence = (
                f"{label}{'c' if label else 'C'}omo {role}, {body[0].lower() + body[1:]}."
                if verb_led
                else f"{label}{role}. {body}."
            )
        else:
            sentence = (
                f"{label}{'a' if label else 'A'}s {role}, I {body[0].lower() + body[1:]}."
                if verb_led
                else f"{label}{role}. {body}."
            )
        lines.append(sentence)
    if evidence:
        lines.append("")
    if extra:
        lines += [
            (
                f"También aporto {_join(extra, 'es')}."
                if spanish
                else f"I also bring {_join(extra, 'en')}."
            ),
            "",
        ]
    lines.append(
        "Me gustaría conversar sobre cómo puedo contribuir a su equipo."
        if spanish
        else "I would welcome the chance to discuss how I can contribute to your team."
    )
    lines += ["", "Atentamente," if spanish else "Kind regards,", name]
    return "\n".join(lines).strip() + "\n"
