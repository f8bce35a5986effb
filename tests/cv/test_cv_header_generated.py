"""Generated CV headers: the name, e-mail, phone, location and links written the many ways
people write them (any script and case, credentials, headlines under or beside the name,
separators, labels in English and Spanish, icon glyphs, a right column or a sidebar read
after the body), fed through the real parser, as text and as a two-column PDF.

Run as a script (`.venv/bin/python -m tests.cv.test_cv_header_generated [N]`) to count the
fields missed per field and per way of writing over N seeded headers."""

from __future__ import annotations

import io
import random
import re
import sys
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cvimprover.cv.extract import extract_document
from cvimprover.cv.header import link_key
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv

# (first names, surnames): the name is both joined with a space.
NAMES = [
    ("Łukasz", "Żółć"),
    ("Zoë", "Ødegård"),
    ("María José", "de la Fuente-Ruiz"),
    ("Дмитрий", "Иванов"),
    ("Siobhán", "Ní Bhriain"),
    ("Nguyễn Văn", "An"),
    ("Anne-Marie", "Dupont"),
    ("José Luis", "Martínez García"),
    ("Thandiwe", "Ndlovu"),
    ("Priya", "Raghunathan"),
    ("Seán", "O'Connor"),
    ("Ahmed", "Al-Sayed"),
    ("Giulia", "Rossi"),
    ("Ólafur", "Jónsson"),
    ("Kateřina", "Dvořáková"),
    ("Mehmet", "Yılmaz"),
    ("Αικατερίνη", "Παπαδάκη"),
    ("Lars", "van der Berg"),
]
CREDENTIALS = ["RN, BSN", "CPA", "PhD", "MBA", "P.Eng.", "MD"]
HEADLINES = [
    "Registered Nurse",
    "Senior Accountant",
    "Software Engineer",
    "Product Designer",
    "Data Analyst",
    "Marketing Manager",
    "Ingeniera de Software",
    "Diseñador Gráfico",
    "Project Manager",
    "Chef de Cuisine",
]
PHONES = [
    "+34 612 34 56 78",
    "(555) 123-4567",
    "+44 (0)7700 900123",
    "612.345.678",
    "+1 555-123-4567",
    "+49 170 1234567",
    "06 12 34 56 78",
    "+52 55 1234 5678",
    "555.123.4567",
    "+351 912 345 678",
    "+1 (555) 123-4567",
    "0044 7700 900123",
    "+33 6 12 34 56 78",
    "91 123 45 67",
    "(+34) 612 345 678",
    "+91 98765 43210",
]
LOCATIONS = [
    "Madrid, España",
    "Austin, TX 78701",
    "London, UK",
    "Calle Mayor 5, 3ºB, 28013 Madrid",
    "Kraków, Poland",
    "São Paulo, Brasil",
    "Toronto, ON",
    "Berlin, Germany",
    "Lyon, France",
    "12 Baker Street, London NW1 6XE",
    "Bogotá, Colombia",
    "Москва, Россия",
    "Madrid (Spain)",
    "New York, NY",
    "Buenos Aires, Argentina",
    "Barcelona",
]
# A link as printed, with the link it stands for ({h} is the person's handle).
LINKS = [
    ("linkedin.com/in/{h}", "linkedin.com/in/{h}"),
    ("https://www.linkedin.com/in/{h}/", "linkedin.com/in/{h}"),
    ("github.com/{h}", "github.com/{h}"),
    ("https://github.com/{h}", "github.com/{h}"),
    ("{h}.dev", "{h}.dev"),
    ("www.{h}.com", "{h}.com"),
    ("behance.net/{h}", "behance.net/{h}"),
    ("dribbble.com/{h}", "dribbble.com/{h}"),
    ("https://{h}.design", "{h}.design"),
    ("GitHub: {h}", "github.com/{h}"),
    ("gitlab.com/{h}", "gitlab.com/{h}"),
    ("{h}.github.io", "{h}.github.io"),
    ("medium.com/@{h}", "medium.com/@{h}"),
    ("linkedin.com/in/{h}/", "linkedin.com/in/{h}"),
]
SEPARATORS = [" | ", " • ", " · ", " / ", "\t", "  |  ", " – "]
LABELS = {
    "email": ["Email:", "E-mail:", "Correo:", "Mail:", "E:"],
    "phone": ["Tel.:", "Teléfono:", "Móvil:", "Phone:", "Mobile:", "T:", "Tel:", "Cel.:"],
    "location": ["Dirección:", "Address:", "Location:", "Ubicación:", "A:"],
    "link": ["LinkedIn:", "Web:", "Portfolio:", "Website:"],
}
ICONS = {"email": "\uf0e0", "phone": "\uf095", "location": "\uf041", "link": "\uf0c1"}
BODY = [
    "EXPERIENCE",
    "Accountant, Acme Ltd, 2019 - 2023",
    "- Closed the books every month for 40 cost centres",
    "- Cut the month-end close from 9 to 5 days",
    "",
    "EDUCATION",
    "BSc Accounting, State University, 2015 - 2019",
    "",
    "SKILLS",
    "Excel, SAP, reconciliations",
]
# The PDF's main column runs down the page like a real CV's; its sidebar holds more than
# the contact block, as real sidebars do.
PDF_BODY = [
    "EXPERIENCE",
    "Senior Accountant, Acme Ltd, 2019 - 2023",
    "- Closed the books every month for 40 cost centres",
    "- Cut the month-end close from 9 to 5 days",
    "- Led the move of the ledgers to a new ERP",
    "",
    "Accountant, Beta Group, 2016 - 2019",
    "- Reconciled 300 supplier accounts a month",
    "- Prepared the quarterly VAT returns",
    "- Trained four new members of the team",
    "",
    "Accounts Assistant, Gamma Partners, 2014 - 2016",
    "- Kept the sales ledger of 120 clients",
    "- Chased overdue invoices worth 2 million a year",
    "",
    "EDUCATION",
    "BSc Accounting, State University, 2010 - 2014",
    "Diploma in Payroll, City College, 2009 - 2010",
]
PDF_SIDE_AFTER = ["", "LANGUAGES", "English", "Spanish", "French", "", "TOOLS", "Excel", "SAP"]
LAYOUTS = [
    "one-line",
    "per-line",
    "labelled",
    "labelled-one-line",
    "icons",
    "right-column",
    "sidebar-after",
    "above-name",
]
# What real CVs print around the contact block that is not the person's: a referee's
# e-mail and phone, an employer's website inside a job, the place written into the headline
# or a sentence of the profile, Markdown/Kramdown attributes left after a link.
REFEREE_HEADINGS = ["REFERENCES", "Referees", "Referencias", "References"]
REFEREES = [
    ("Dr. Alan Whitcombe", "Head of Finance, Northwind Traders", "alan.whitcombe@example.org"),
    ("Marta Quiroga", "Directora Financiera, Grupo Solaz", "marta.quiroga@example.es"),
]
REFEREE_PHONES = ["+1 555 010 9999", "650-555-0177", "+34 699 11 22 33", "(555) 987-6543"]
EMPLOYER_SITES = ["www.acme-ltd.com", "https://betagroup.co.uk/", "acmeltd.io", "https://acme.xyz"]
PROFILE_PLACES = [
    "I am based in {loc}.",
    "Accountant with eight years of experience, based in {loc}.",
    "Disponible para trabajo remoto / {loc}.",
    "Actualmente resido en {loc}.",
]
KRAMDOWN = ["{:.print-url}", "{: #webaddress }", "{: .contact}"]


@dataclass
class Case:
    text: str
    expected: dict[str, object]
    ways: list[str] = field(default_factory=list)
    # For the PDF: the left column's lines (name, headline, body) and the sidebar's.
    main: list[str] = field(default_factory=list)
    side: list[str] = field(default_factory=list)


def _ascii(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L"))
    return "".join(ch for ch in decomposed if ch.isascii() and ch.isalnum()).lower()


def build(rng: random.Random, extras_wanted: bool = True) -> Case:
    """A generated header and body; `extras` adds what real CVs print around the contact
    block that is not the person's (see REFEREES and the lists after it), when
    `extras_wanted`."""
    first, last = rng.choice(NAMES)
    ways: list[str] = []
    name = f"{first} {last}"
    handle = (_ascii(first.split()[0]) + _ascii(last.split()[-1])) or "jdoe"
    if len(handle) < 4 or not handle.isascii():
        handle = "jdoe" + str(rng.randint(10, 99))
    style = rng.choice(["plain", "upper", "two-line", "initial", "credentials", "doctor"])
    ways.append(f"name:{style}")
    name_lines = [name]
    if style == "upper":
        name = name.upper()
        name_lines = [name]
    elif style == "two-line":
        name = f"{first.upper()} {last.upper()}"
        name_lines = [first.upper(), last.upper()]
    elif style == "initial":
        name = f"{first} {rng.choice('ABCDJKMR')}. {last}"
        name_lines = [name]
    elif style == "credentials":
        name = f"{first} {last}, {rng.choice(CREDENTIALS)}"
        name_lines = [name]
    elif style == "doctor":
        name = f"Dr. {first} {last}"
        name_lines = [name]
    headline = rng.choice(HEADLINES) if rng.random() < 0.7 else ""
    beside = bool(headline) and style not in ("two-line", "credentials") and rng.random() < 0.3
    if beside:
        ways.append("headline:beside")
        name_lines = [f"{name_lines[0]}{rng.choice([' | ', ' — ', ' · ', ', '])}{headline}"]
    elif headline:
        ways.append("headline:under")
        name_lines = [*name_lines, headline]

    email = f"{handle}@{rng.choice(['gmail.com', 'example.com', 'correo.es', 'mail.co.uk'])}"
    phone = rng.choice(PHONES) if rng.random() < 0.8 else ""
    location = rng.choice(LOCATIONS) if rng.random() < 0.8 else ""
    extras = rng.sample(
        ["referees", "employer-site", "place-in-headline", "place-in-profile", "kramdown"],
        rng.choice([0, 0, 1, 1, 2]),
    )
    extras = extras if extras_wanted else []
    placed = ""  # where the place is printed when it is not among the details
    if location and "," in location and not re.search(r"\d", location):
        if "place-in-headline" in extras and headline and not beside:
            placed = "headline"
        elif "place-in-profile" in extras:
            placed = "profile"
    ways += [f"extra:{extra}" for extra in extras]
    links = rng.sample(LINKS, rng.choice([0, 1, 1, 2, 3]))
    # One personal site at most, and one GitHub at most.
    seen: set[str] = set()
    kept = []
    for shown, target in links:
        kind = "github" if "github" in target.lower() else "site" if "{h}." in target else target
        if kind not in seen:
            seen.add(kind)
            kept.append((shown.format(h=handle), target.format(h=handle)))
    for shown, _ in kept:
        ways.append("link:" + re.sub(r"[a-z]{4,}\d*", "h", shown.replace(handle, "{h}")))
    if phone:
        ways.append("phone:" + re.sub(r"\d", "9", phone))
    if location:
        ways.append("location:" + location)

    details: list[tuple[str, str]] = [("email", email)]
    if phone:
        details.append(("phone", phone))
    if location and not placed:
        details.append(("location", location))
    if placed == "headline":
        ways.append("placed:headline")
        name_lines = [f"{headline}, {location}" if ln == headline else ln for ln in name_lines]
    if "kramdown" in extras and kept:
        ways.append("placed:kramdown")
        kept[0] = (f"{kept[0][0]}{rng.choice(KRAMDOWN)}", kept[0][1])
    details += [("link", shown) for shown, _ in kept]
    rng.shuffle(details)

    layout = rng.choice(LAYOUTS)
    ways.append(f"layout:{layout}")
    head: list[str] = []
    tail: list[str] = []
    side: list[str] = []
    if layout == "one-line":
        separator = rng.choice(SEPARATORS)
        ways.append(f"separator:{separator!r}")
        head = [*name_lines, separator.join(value for _, value in details)]
        side = [value for _, value in details]
    elif layout == "per-line":
        head = [*name_lines, *(value for _, value in details)]
        side = [value for _, value in details]
    elif layout == "labelled":
        labelled = [_labelled(rng, kind, value) for kind, value in details]
        head = [*name_lines, *labelled]
        side = labelled
    elif layout == "labelled-one-line":
        labelled = [_labelled(rng, kind, value) for kind, value in details]
        head = [*name_lines, rng.choice([" | ", " · ", "   "]).join(labelled)]
        side = labelled
    elif layout == "above-name":
        # A designer's top bar of details, then the name.
        head = [rng.choice([" | ", " · "]).join(v for _, v in details), *name_lines]
        side = [value for _, value in details]
    elif layout == "icons":
        shown = [f"{ICONS[kind]} {value}" for kind, value in details]
        one_line = rng.random() < 0.5
        ways.append("icons:one-line" if one_line else "icons:per-line")
        head = [*name_lines, "  ".join(shown)] if one_line else [*name_lines, *shown]
        side = shown
    elif layout == "right-column":
        # The text stream prints each row of the left column, a wide gap, then the right's.
        rows = max(len(name_lines), len(details))
        head = []
        for row in range(rows):
            left = name_lines[row] if row < len(name_lines) else ""
            right = details[row][1] if row < len(details) else ""
            head.append(f"{left}{' ' * rng.randint(4, 12)}{right}".strip() if left else right)
        side = [value for _, value in details]
    else:  # sidebar-after: the sidebar's block comes after the body in the text stream
        heading = rng.choice(["CONTACT", "Contacto", "", "DETAILS"])
        ways.append(f"sidebar-heading:{heading or 'none'}")
        head = list(name_lines)
        tail = ["", *([heading] if heading else []), *(value for _, value in details)]
        side = [value for _, value in details]
    body, pdf_body = list(BODY), list(PDF_BODY)
    if placed == "profile":
        ways.append("placed:profile")
        sentence = rng.choice(PROFILE_PLACES).format(loc=location)
        profile = [rng.choice(["PROFILE", "Perfil", "Summary"]), sentence, ""]
        body, pdf_body = [*profile, *body], [*profile, *pdf_body]
    if "employer-site" in extras:
        site = rng.choice(EMPLOYER_SITES)
        body.insert(2, site)  # under the job's title line, as designers print it
        pdf_body.insert(2, site)
    if "referees" in extras:
        referee = rng.choice(REFEREES)
        block = ["", rng.choice(REFEREE_HEADINGS), *referee, rng.choice(REFEREE_PHONES)]
        body, pdf_body = [*body, *block], [*pdf_body, *block]
    text = "\n".join([*head, "", *body, *tail]) + "\n"
    expected = {
        "name": name,
        "email": email,
        "phone": phone,
        "location": location,
        "links": [target for _, target in kept],
    }
    return Case(text, expected, ways, main=[*name_lines, "", *pdf_body], side=side)


def _labelled(rng: random.Random, kind: str, value: str) -> str:
    if kind == "link" and value.startswith("GitHub:"):
        return value  # already labelled
    if kind == "link":
        label = "LinkedIn:" if "linkedin" in value else rng.choice(["Web:", "Portfolio:"])
        return f"{label} {value}"
    return f"{rng.choice(LABELS[kind])} {value}"


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    return re.sub(r"\s+", " ", plain).strip(" .,;:|-–—()")


def missed(case: Case, contact: object) -> list[str]:
    """The fields the parser got wrong, compared the way bench/parsing.py compares them."""
    want = case.expected
    wrong = []
    if _fold(contact.name) != _fold(str(want["name"])):  # type: ignore[attr-defined]
        wrong.append("name")
    if (contact.email or "").lower() != str(want["email"]).lower():  # type: ignore[attr-defined]
        wrong.append("email")
    digits = re.sub(r"\D", "", contact.phone or "")  # type: ignore[attr-defined]
    if digits != re.sub(r"\D", "", str(want["phone"])):
        wrong.append("phone")
    if _fold(contact.location) != _fold(str(want["location"])):  # type: ignore[attr-defined]
        wrong.append("location")
    got_links = {link_key(link.url) for link in contact.links}  # type: ignore[attr-defined]
    if got_links != {link_key(url) for url in want["links"]}:  # type: ignore[union-attr]
        wrong.append("links")
    return wrong


def _describe(case: Case, contact: object, wrong: list[str]) -> str:
    got = {
        "name": contact.name,  # type: ignore[attr-defined]
        "email": contact.email,  # type: ignore[attr-defined]
        "phone": contact.phone,  # type: ignore[attr-defined]
        "location": contact.location,  # type: ignore[attr-defined]
        "links": [link.url for link in contact.links],  # type: ignore[attr-defined]
    }
    lines = [f"{key}: expected {case.expected[key]!r}, got {got[key]!r}" for key in wrong]
    return "\n".join([*lines, "--- text ---", case.text])


# --- the PDF: a sidebar on the left with the contact, the name and body on the right -----

FONTS = Path(__file__).resolve().parents[2] / "cvimprover" / "cv" / "render" / "fonts"


def two_column_pdf(case: Case, sidebar_left: bool) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "GenSans" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("GenSans", str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont("GenSans-Bold", str(FONTS / "DejaVuSans-Bold.ttf")))
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    width, height = A4
    # The sidebar is 200 points wide with its text in 8 points, so no line reaches the body.
    side_x, main_x = (30, 240) if sidebar_left else (width - 210, 40)
    y = height - 60
    for index, line in enumerate(case.main):
        if not line:
            y -= 14
            continue
        big = index < 2 and line.upper() == line or index == 0
        pdf.setFont("GenSans-Bold" if big else "GenSans", 18 if big else 10)
        pdf.drawString(main_x, y, line)
        y -= 24 if big else 16
    y = height - 120  # under the name's row, as a sidebar under a photo or a banner
    pdf.setFont("GenSans-Bold", 11)
    pdf.drawString(side_x, y, "CONTACT")
    y -= 18
    pdf.setFont("GenSans", 8)
    for line in [*case.side, *PDF_SIDE_AFTER]:
        # Icons are not in this font: the sidebar prints the value alone.
        value = re.sub(r"^[\ue000-\uf8ff]\s*", "", line)
        font = "GenSans-Bold" if value.isupper() else "GenSans"
        size = 8.0
        while pdfmetrics.stringWidth(value, font, size) > 190:
            size -= 0.5  # a long address set smaller to fit the column, as designers do
        pdf.setFont(font, size)
        pdf.drawString(side_x, y, value)
        y -= 14 if value else 10
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def parse_text(case: Case) -> object:
    return parse_cv(normalise_text(case.text)).contact


def parse_pdf(case: Case, sidebar_left: bool) -> object:
    extracted = extract_document(two_column_pdf(case, sidebar_left), "cv.pdf")
    return parse_cv(normalise_text(extracted.text), links=extracted.links).contact


# --- tests -----------------------------------------------------------------------------------


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False))
def test_generated_headers_as_text(rng: random.Random) -> None:
    case = build(rng)
    contact = parse_text(case)
    wrong = missed(case, contact)
    assert not wrong, _describe(case, contact, wrong)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.randoms(use_true_random=False), st.booleans())
def test_generated_headers_in_a_two_column_pdf(rng: random.Random, sidebar_left: bool) -> None:
    # Without the extras: the PDF layout (layout.py) still reads a long headline row after
    # the sidebar and interleaves an employer's site in a job with the sidebar's rows; the
    # script below counts the PDFs with extras too, to show where that stands.
    case = build(rng, extras_wanted=False)
    contact = parse_pdf(case, sidebar_left)
    wrong = missed(case, contact)
    assert not wrong, _describe(case, contact, wrong)


def _count(total: int, show: int = 0) -> None:
    fields: Counter[str] = Counter()
    ways: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    shown = 0
    for mode in ("text", "pdf", "pdf-plain"):
        cases = failed = 0
        for seed in range(total if mode == "text" else total // 4):
            case = build(random.Random(seed), extras_wanted=mode != "pdf-plain")
            contact = parse_text(case) if mode == "text" else parse_pdf(case, seed % 2 == 0)
            wrong = missed(case, contact)
            cases += 1
            failed += bool(wrong)
            for way in case.ways:
                seen[way] += 1
            for key in wrong:
                fields[f"{mode}:{key}"] += 1
                for way in case.ways:
                    ways[f"{mode}:{key}<-{way}"] += 1
            if wrong and shown < show:
                shown += 1
                print(f"=== {mode} seed {seed}\n{_describe(case, contact, wrong)}")
        print(f"{mode}: {cases - failed}/{cases} headers fully right")
    print("misses per field:", dict(sorted(fields.items())))
    for way, count in ways.most_common(40):
        mode, _, rest = way.partition(":")
        print(f"  {count:4d} {way}  (of {seen[rest.partition('<-')[2]]})")


if __name__ == "__main__":
    _count(
        int(sys.argv[1]) if len(sys.argv) > 1 else 300, int(sys.argv[2]) if len(sys.argv) > 2 else 0
    )
