"""The CV header (cvimprover/cv/header.py): name, headline and contact details as job seekers
print them, in any script and the layouts designer templates use."""

from __future__ import annotations

import re

import pytest

from cvimprover.cv.document import Contact, Link
from cvimprover.cv.extract import extract_document
from cvimprover.cv.header import (
    EMAIL,
    PHONE,
    add_link_targets,
    contact_run,
    is_link_label,
    is_name,
    link_key,
    parse_contact_block,
    phone_in,
)
from cvimprover.cv.normalise import normalise_text
from cvimprover.cv.parse import parse_cv

BODY = (
    "\n\nEXPERIENCE\nAccountant, Acme Ltd, 2019 - 2023\n- Closed the books every month\n"
    "\nEDUCATION\nBSc Accounting, State University, 2015 - 2019\n"
)


def _header(text: str) -> tuple[Contact, str, list[str], list[tuple[str, str]]]:
    dropped: list[tuple[str, str]] = []
    lines = text.split("\n")
    contact, headline, leftovers = parse_contact_block(lines, text + BODY, dropped)
    return contact, headline, leftovers, dropped


def _digits(phone: str) -> str:
    return re.sub(r"\D", "", phone)


@pytest.mark.parametrize(
    ("name", "headline", "details", "location"),
    [
        ("Łukasz Żółć", "Senior Accountant", "Kraków, Poland\nl@example.pl", "Kraków, Poland"),
        ("Дмитрий Иванов", "Бухгалтер", "Москва, Россия\nd@example.ru", "Москва, Россия"),
        ("ΕΛΈΝΗ ΠΑΠΑΔΟΠΟΎΛΟΥ", "Nurse", "Αθήνα, Ελλάδα · e@example.gr", "Αθήνα, Ελλάδα"),
        ("王小明", "Software Engineer", "w@example.cn | Shanghai, China", "Shanghai, China"),
        ("अमित शर्मा", "Accountant", "Mumbai, India | a@example.in", "Mumbai, India"),
        ("สมชาย ใจดี", "Accountant", "Bangkok, Thailand · s@example.th", "Bangkok, Thailand"),
        ("Zoë Ødegård", "", "zoe@example.no\nOslo, Norway", "Oslo, Norway"),
    ],
)
def test_names_in_any_script(name: str, headline: str, details: str, location: str) -> None:
    head = "\n".join(part for part in (name, headline, details) if part)
    contact, got_headline, leftovers, _ = _header(head)
    assert contact.name == name
    assert got_headline == headline
    assert contact.location == location
    assert leftovers == []


def test_unicode_email_is_kept_whole() -> None:
    contact, *_ = _header("Zoë Ødegård\nzoë.ødegård@example.no")
    assert contact.email == "zoë.ødegård@example.no"


def test_one_line_block_with_labels() -> None:
    contact, _, leftovers, _ = _header(
        "Sophiya Singh Email: sophiya@example.com Mobile: +91 98765 43210"
    )
    assert contact.name == "Sophiya Singh"
    assert contact.email == "sophiya@example.com"
    assert _digits(contact.phone) == "919876543210"
    assert leftovers == []


def test_name_and_contact_on_two_lines_like_a_latex_resume() -> None:
    contact, _, leftovers, _ = _header(
        "Sourabh Bajaj | Email: sourabh@example.com\nexample.com | Mobile: +1-123-456-7890"
    )
    assert contact.name == "Sourabh Bajaj"
    assert contact.email == "sourabh@example.com"
    assert contact.phone == "+1-123-456-7890"
    assert [link.url for link in contact.links] == ["example.com"]
    assert leftovers == []


@pytest.mark.parametrize(
    "head",
    [
        # Spanish labels, some with qualifiers, a name with particles
        "María José de la Cruz\nEnfermera\nEmail: maria@example.es\nTeléfono móvil: +34 612 345 678"
        "\nLinkedIn: linkedin.com/in/mariajose\nDirección: Calle Mayor 5, 28013 Madrid",
        # English labels with qualifiers before and after the label word
        "María José de la Cruz\nEnfermera\nE-mail Address: maria@example.es\n"
        "Cell Phone: +34 612 345 678\nLinkedIn: linkedin.com/in/mariajose\n"
        "Home: Calle Mayor 5, 28013 Madrid",
    ],
)
def test_labelled_lines(head: str) -> None:
    contact, headline, leftovers, dropped = _header(head)
    assert contact.name == "María José de la Cruz"
    assert headline == "Enfermera"
    assert contact.email == "maria@example.es"
    assert _digits(contact.phone) == "34612345678"
    assert [link.url for link in contact.links] == ["linkedin.com/in/mariajose"]
    assert contact.location == "Calle Mayor 5, 28013 Madrid"
    assert leftovers == [] and dropped == []


def test_labelled_name_and_city() -> None:
    contact, _, leftovers, _ = _header(
        "Nombre: Lucía Fernández\nTeléfono: 91 123 45 67\nCorreo electrónico: lucia@example.es\n"
        "Página web: luciafernandez.es\nCiudad: Valencia"
    )
    assert contact.name == "Lucía Fernández"
    assert contact.phone == "91 123 45 67"
    assert contact.location == "Valencia"
    assert [link.url for link in contact.links] == ["luciafernandez.es"]
    assert leftovers == []


def test_second_phone_is_kept_not_lost() -> None:
    contact, _, leftovers, _ = _header(
        "Laura Martín\nTel.: +34 91 555 01 23\nWhatsApp: +34 600 111 222\nlaura@example.es"
    )
    assert _digits(contact.phone) == "34915550123"
    assert any("600 111 222" in line for line in leftovers)


def test_all_caps_name_split_over_two_lines() -> None:
    contact, headline, leftovers, _ = _header(
        "CHRISTIAN\nLARICO DEPAZ\nChef de cuisine\nLima, Perú | christian@example.pe"
    )
    assert contact.name == "CHRISTIAN LARICO DEPAZ"
    assert headline == "Chef de cuisine"
    assert contact.location == "Lima, Perú"
    assert leftovers == []


def test_name_and_title_on_one_line() -> None:
    contact, headline, *_ = _header(
        "ANNA KOWALSKA – REGISTERED NURSE\nanna@example.pl | +48 500 600 700 | Gdańsk"
    )
    assert contact.name == "ANNA KOWALSKA"
    assert headline == "REGISTERED NURSE"
    assert contact.location == "Gdańsk"


def test_title_printed_above_the_name() -> None:
    # Both lines are capitalised words; the e-mail address names the person.
    contact, headline, leftovers, _ = _header(
        "Professional Photographer\nTom Baker\ntom@example.com · Leeds, UK"
    )
    assert contact.name == "Tom Baker"
    assert headline == "Professional Photographer"
    assert leftovers == []


@pytest.mark.parametrize(
    ("head", "name"),
    [
        ("Jane Doe, Ph.D.\njane@example.edu", "Jane Doe, Ph.D."),
        ("Jane Doe, RN, BSN\njane@example.com", "Jane Doe, RN, BSN"),
    ],
)
def test_name_with_credentials(head: str, name: str) -> None:
    contact, *_ = _header(head)
    assert contact.name == name


def test_affiliation_among_contact_details_is_the_address() -> None:
    contact, headline, leftovers, _ = _header(
        "Jane Doe, Ph.D.\nAssistant Professor of Cognitive Science\n"
        "jane.doe@example.edu | Department of Psychology, State University"
    )
    assert headline == "Assistant Professor of Cognitive Science"
    assert contact.location == "Department of Psychology, State University"
    assert leftovers == []


def test_street_address_over_two_lines_in_a_side_block() -> None:
    # moderncv prints the address, phone and e-mail in the top right corner, before the name.
    contact, _, leftovers, _ = _header(
        "c/ Miñagustín, 12, 2oA\n37001 – Salamanca\n(+34) 659596991\n"
        "Álex González | agonzalezro@example.com"
    )
    assert contact.name == "Álex González"
    assert contact.location == "c/ Miñagustín, 12, 2oA, 37001 – Salamanca"
    assert contact.phone == "(+34) 659596991"
    assert leftovers == []


def test_icon_glyphs_separate_contact_details() -> None:
    contact, headline, leftovers, _ = _header(
        "Aiko Tanaka\nGraphic Designer\n\uf0e0 aiko@example.jp \uf095 +81 90 1234 5678 "
        "\uf3c5 Osaka, Japan \uf08c linkedin.com/in/aikot"
    )
    assert contact.email == "aiko@example.jp"
    assert _digits(contact.phone) == "819012345678"
    assert contact.location == "Osaka, Japan"
    assert [link.url for link in contact.links] == ["linkedin.com/in/aikot"]
    assert headline == "Graphic Designer" and leftovers == []


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("+44 (0)20 7946 0958", "4402079460958"),
        ("(+34) 659 59 69 91", "34659596991"),
        ("555.123.4567", "5551234567"),
        ("+1-202-555-0147", "12025550147"),
        ("+7 912 345-67-89", "79123456789"),
        ("(312) 555-0199 ext. 12", "312555019912"),
    ],
)
def test_phone_formats(text: str, digits: str) -> None:
    assert _digits(phone_in(f"Tel: {text}")) == digits
    assert PHONE.search(text)


@pytest.mark.parametrize("text", ["2019 - 2021", "01/2019 - 12/2021", "Page 2 of 3"])
def test_not_phones(text: str) -> None:
    assert phone_in(text) == ""


def test_email_pattern_needs_a_domain() -> None:
    assert EMAIL.search("write to jane@example.com today")
    assert not EMAIL.search("@janedoe on social media")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe", True),
        ("Jean-Luc Picard", True),
        ("John O'Brien", True),
        ("María José de la Cruz", True),
        ("Дмитрий Иванов", True),
        ("Work Experience", False),
        ("Senior Software Engineer", False),
        ("jane doe", False),
        ("Doe, Jane", False),
    ],
)
def test_is_name(text: str, expected: bool) -> None:
    assert is_name(text) is expected


def test_site_named_only_in_a_sentence_is_not_a_contact_link() -> None:
    contact = Contact(name="Álex González", links=[Link(label="GitHub", url="github.com/alex")])
    visible = (
        "álex gonzález\ncreador de los cms que se utilizaron en town.com y village.com.\n"
        "mis sitios\nalexsite.com\n"
    )
    add_link_targets(
        contact,
        ["http://town.com", "https://alexsite.com/", "https://www.linkedin.com/in/alex"],
        visible,
        header="álex gonzález",
    )
    assert [link.url for link in contact.links] == [
        "github.com/alex",
        "https://alexsite.com/",
        "https://www.linkedin.com/in/alex",
    ]


def test_contact_run_in_a_section_body() -> None:
    body = ["Negotiation, CRM", "", "+44 7700 900123", "tom@example.co.uk", "Manchester, UK"]
    assert contact_run(body) == (2, 5)
    assert contact_run(["Negotiation", "tom@example.co.uk"]) is None  # one value is no block


def test_side_column_contact_without_a_heading() -> None:
    text = (
        "Tom Hardy\nSales Manager\n\nEXPERIENCE\nSales Manager, Acme Ltd, 2019 - 2023\n"
        "- Grew revenue by 20%\n\nSKILLS\nNegotiation, CRM\n\n+44 7700 900123\n"
        "tom@example.co.uk\nManchester, UK\n"
    )
    document = parse_cv(text, [])
    assert document.contact.name == "Tom Hardy"
    assert document.contact.location == "Manchester, UK"
    assert _digits(document.contact.phone) == "447700900123"
    skills = document.section("skills")
    assert skills is not None and skills.items == ["Negotiation", "CRM"]


def test_side_column_contact_under_a_personal_details_heading() -> None:
    text = (
        "Marta Ruiz\nEnfermera\n\nDATOS PERSONALES\nTeléfono: 600 123 456\n"
        "Email: marta@example.es\nDirección: Avenida de la Paz 3, 41001 Sevilla\n\n"
        "EXPERIENCIA\nEnfermera, Hospital Virgen del Rocío, 2019 - 2023\n"
    )
    dropped: list[tuple[str, str]] = []
    document = parse_cv(text, dropped)
    assert document.contact.phone == "600 123 456"
    assert document.contact.location == "Avenida de la Paz 3, 41001 Sevilla"
    assert [line for line, _ in dropped] == ["DATOS PERSONALES"]


def test_every_header_line_is_accounted_for() -> None:
    head = (
        "JD Jane Doe\nCurriculum Vitae\nRegistered Nurse\nSQL, Python and dashboards\n"
        "jane@example.com | (312) 555-0100 | Chicago, IL\nDriving licence B"
    )
    contact, headline, leftovers, dropped = _header(head)
    assert contact.name == "Jane Doe"
    placed = " ".join(
        [contact.name, contact.email, contact.phone, contact.location, headline, *leftovers]
        + [line for line, _ in dropped]
    )
    for word in re.findall(r"\w+", head):
        if word.lower() not in ("curriculum", "vitae"):
            assert word in placed, word


def test_letter_spaced_name_and_title() -> None:
    # Designer templates space out letters; the text keeps a space after each one.
    contact, headline, leftovers, _ = _header(
        "J A N E | D O E\nS E N I O R A C C O U N T A N T\njane@example.com | Denver, CO"
    )
    assert contact.name == "JANE DOE"
    assert headline == "SENIOR ACCOUNTANT"
    assert contact.location == "Denver, CO"
    assert leftovers == []


def test_one_letter_labels_of_designer_templates() -> None:
    contact, headline, leftovers, _ = _header(
        "Jane Doe\nInterior Designer\nT: +1 555 010 0199\nE: jane@example.com\n"
        "W: janedoe.design\nA: 12 Park Lane, Leeds LS1 4AB"
    )
    assert (contact.name, headline) == ("Jane Doe", "Interior Designer")
    assert contact.email == "jane@example.com"
    assert _digits(contact.phone) == "15550100199"
    assert [link.url for link in contact.links] == ["janedoe.design"]
    assert contact.location == "12 Park Lane, Leeds LS1 4AB"
    assert leftovers == []


def test_name_below_a_sidebar_of_details() -> None:
    # A side column read first: six lines of details, then the name and the title.
    contact, headline, leftovers, dropped = _header(
        "12 Park Lane\nLeeds LS1 4AB\n+44 113 496 0000\njane@example.com\n"
        "linkedin.com/in/janedoe\njanedoe.design\nPhone\nJane Doe\nInterior Designer"
    )
    assert contact.name == "Jane Doe"
    assert headline == "Interior Designer"
    assert contact.location == "12 Park Lane, Leeds LS1 4AB"
    assert [link.url for link in contact.links] == ["linkedin.com/in/janedoe", "janedoe.design"]
    assert leftovers == [] and [line for line, _ in dropped] == ["Phone"]


def test_greeting_before_the_name_is_accounted_for() -> None:
    contact, headline, _, dropped = _header("Hi, I'm Jane Doe\nInterior Designer\nj@example.com")
    assert (contact.name, headline) == ("Jane Doe", "Interior Designer")
    assert [line for line, _ in dropped] == ["Hi, I'm"]


@pytest.mark.parametrize(
    ("row", "digits"),
    [
        ("(212) 555 – 0142 | mia@example.com", "2125550142"),
        ("mia@example.com · +44 20 7946 – 0958", "442079460958"),
        ("+1 303 555 - 0188 | mia@example.com", "13035550188"),
    ],
)
def test_phone_with_a_spaced_dash_between_its_groups(row: str, digits: str) -> None:
    # Word and typeset CVs print "(212) 555 – 0142": the dash is part of the number, not
    # the separator between two details that the same dash is elsewhere on the row.
    contact, _, leftovers, _ = _header(f"Mia Kovač\n14 Elm Street\nAlbany, NY\n{row}")
    assert _digits(contact.phone) == digits
    assert contact.email == "mia@example.com"
    assert leftovers == []


@pytest.mark.parametrize("text", ["2012 – 2015 – 2016", "1998 - 2001 - 2004"])
def test_chains_of_years_are_not_phones(text: str) -> None:
    assert phone_in(text) == ""


def test_common_words_in_an_address_do_not_make_a_name() -> None:
    # "yourmail@", "info@mysite", "me@": an e-mail holds everyday words by chance; a
    # capitalised place on the details row ("Your Town") must not win over the name.
    contact, _, _, _ = _header(
        "Sam Okafor\nUpdated in May 2024\n\nYour Town yourmail@example.org +44 7700 900 456"
    )
    assert contact.name == "Sam Okafor"
    assert contact.location == "Your Town"


def test_user_name_printed_beside_a_profile_icon_is_the_link() -> None:
    # Icon rows print the user name only; the address is in the file's link target.
    lines = ["Ana Lima", "Data Engineer", "ana@example.com | analima42 | Porto, Portugal"]
    text = "\n".join(lines)
    dropped: list[tuple[str, str]] = []
    contact, headline, leftovers = parse_contact_block(
        lines, text + BODY, dropped, ["https://github.com/analima42"]
    )
    assert headline == "Data Engineer"
    assert [link.url for link in contact.links] == ["https://github.com/analima42"]
    assert contact.location == "Porto, Portugal"
    assert leftovers == []


def test_name_printed_again_in_a_byline_is_not_the_location() -> None:
    # A banner in capitals, then a byline repeating the name before the title and the town.
    contact, headline, leftovers, dropped = _header(
        "OLGA NOWAK\nOlga Nowak · Data Analyst · Gdańsk, Poland · olga@example.pl"
    )
    assert contact.name == "OLGA NOWAK"
    assert headline == "Data Analyst"
    assert contact.location == "Gdańsk, Poland"
    assert leftovers == [] and ("Olga Nowak", "the name printed again") in dropped


def test_links_in_a_row_of_details_away_from_the_header() -> None:
    # A sidebar's or a footer's row "site · profile" belongs to the contact; a site named
    # in a sentence of the body does not.
    text = (
        "Olga Nowak\nolga@example.pl\n\nEXPERIENCE\nAnalyst, Acme, 2019 - 2023\n"
        "- Built the reports shown on acme-reports.com for clients\n\n"
        "olganowak.dev · github.com/olganowak\n\nREFERENCES\nPiotr Zieliński, Acme\n"
        "piotr@acmeconsulting.com · acmeconsulting.com\n"
    )
    contact, _, _ = parse_contact_block(["Olga Nowak", "olga@example.pl"], text, [])
    assert sorted(link.url for link in contact.links) == [
        "github.com/olganowak",
        "olganowak.dev",
    ]


def test_icon_commands_printed_as_latex_text() -> None:
    # A template whose icon font failed prints the command where each icon should be.
    contact, headline, leftovers, dropped = _header(
        "Lucía Ferrer\nQuímica\n\\faPhone: +34 612 345 678\n\\icon {mapmarker}: Valencia, España\n"
        "\\faEnvelope\\ lucia@example.es"
    )
    assert (contact.name, headline) == ("Lucía Ferrer", "Química")
    assert _digits(contact.phone) == "34612345678"
    assert contact.location == "Valencia, España"
    assert contact.email == "lucia@example.es"
    assert leftovers == []
    assert ("\\faPhone", "an icon the template printed as a LaTeX command") in dropped


@pytest.mark.parametrize(
    ("address", "location"),
    [
        (
            "Av. Reforma No. 12\nJuárez\nCiudad de México, CDMX, México",
            "Av. Reforma No. 12, Juárez, Ciudad de México, CDMX, México",
        ),
        ("221 Baker Street\nMarylebone\nLondon", "221 Baker Street, Marylebone, London"),
    ],
)
def test_street_address_over_three_lines(address: str, location: str) -> None:
    # Street, then district or town alone, then the town with its region: one address.
    contact, headline, leftovers, _ = _header(
        f"Rosa Elena Díaz\nContadora\n{address}\nrosa@example.mx"
    )
    assert (contact.name, headline) == ("Rosa Elena Díaz", "Contadora")
    assert contact.location == location
    assert leftovers == []


def test_address_does_not_swallow_a_title_or_a_heading() -> None:
    contact, headline, _, _ = _header("Rosa Díaz\n221 Baker Street\nSenior Accountant\nr@x.com")
    assert contact.location == "221 Baker Street"
    assert headline == "Senior Accountant"


def test_label_column_beside_a_value_column() -> None:
    # A table read column by column: the labels first, then the values in the same order.
    contact, headline, _, dropped = _header(
        "Nombre completo\nDomicilio\nTeléfono\nCorreo electrónico\n"
        "Rosa Elena Díaz\nCalle Luna 3\nJalatlaco\nOaxaca, México\n951 123 4567\nrosa@example.mx"
    )
    assert contact.name == "Rosa Elena Díaz"
    assert contact.location == "Calle Luna 3, Jalatlaco, Oaxaca, México"
    assert headline == ""  # nothing in a column of labels is the title
    assert "Nombre completo" in [line for line, _ in dropped]


def _docx_with_links(links: list[tuple[str, str]], *, in_header: bool = False) -> bytes:
    """A DOCX CV whose contact line holds hyperlinks as (visible text, target) pairs, in the
    body or in the page header (where many Word templates print it)."""
    import io

    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    document.add_paragraph("Ana Lima")
    document.add_paragraph("Data Engineer")
    if in_header:
        header = document.sections[0].header
        header.is_linked_to_previous = False
        row, part = header.paragraphs[0], header.part
        row.add_run("ana@example.com | ")
    else:
        row, part = document.add_paragraph("ana@example.com | "), document.part
    for shown, target in links:
        relation = part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        link = OxmlElement("w:hyperlink")
        link.set(qn("r:id"), relation)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = shown
        run.append(text)
        link.append(run)
        row._p.append(link)
        row.add_run(" ")
    document.add_paragraph("EXPERIENCE")
    document.add_paragraph("Data Engineer, Acme Ltd, 2019 - 2023")
    document.add_paragraph("Built the pipelines behind the reports at acme-reports.com")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("in_header", [False, True])
def test_docx_links_shown_only_by_their_label(in_header: bool) -> None:
    # Word CVs write "LinkedIn" or "Portfolio" over the link; the address is only in the
    # file. Links that print their own address, or sit on other words, are not taken.
    data = _docx_with_links(
        [
            ("LinkedIn", "https://www.linkedin.com/in/ana-lima-42"),
            ("Portfolio", "https://analima.dev/"),
            ("the team blog", "https://acme.example/blog"),
        ],
        in_header=in_header,
    )
    extracted = extract_document(data, "cv.docx")
    assert extracted.links == ["https://www.linkedin.com/in/ana-lima-42", "https://analima.dev/"]
    document = parse_cv(extracted.text, [], extracted.links)
    assert [link.url for link in document.contact.links] == extracted.links


def test_a_blank_line_ends_a_one_word_name() -> None:
    # The layout sets a title in smaller type apart from the name with a blank line.
    contact, headline, leftovers, _ = _header(
        "Mira\n\nNavigator\n12 March 1990\nOslo, Norway\nmira@example.no"
    )
    assert (contact.name, headline) == ("Mira", "Navigator")
    assert contact.location == "Oslo, Norway"
    contact, headline, _, _ = _header("MIRA\nSOLBERG\nNavigator\nmira@example.no")
    assert (contact.name, headline) == ("MIRA SOLBERG", "Navigator")


def test_only_the_line_just_above_the_name_can_be_its_banner_title() -> None:
    # A side column of labels read before the name ("Languages", "Driving licence") is
    # not the person's title; a title set right above the name is.
    contact, headline, leftovers, _ = _header(
        "Driving licence\nAvailable from June\nProfessional Photographer\nTom Baker\n"
        "tom@example.com · Leeds, UK"
    )
    assert (contact.name, headline) == ("Tom Baker", "Professional Photographer")
    assert leftovers == ["Driving licence", "Available from June"]


@pytest.mark.parametrize(
    ("address", "location"),
    [
        ("Keizersgracht 123\n1015 CJ Amsterdam", "Keizersgracht 123, 1015 CJ Amsterdam"),
        ("Musterstr. 12\n10115 Berlin", "Musterstr. 12, 10115 Berlin"),
        ("Lindenallee 4\n1010 Wien", "Lindenallee 4, 1010 Wien"),
        (
            "123 rue Sainte-Catherine\nMontréal, QC H2X 1K4",
            "123 rue Sainte-Catherine, Montréal, QC H2X 1K4",
        ),
        ("Rua das Flores 8\n4050-262 Porto", "Rua das Flores 8, 4050-262 Porto"),
        ("Via Roma 10\n00184 Roma", "Via Roma 10, 00184 Roma"),
        ("Via dei Mille 5a\n80121 Napoli", "Via dei Mille 5a, 80121 Napoli"),
        ("ul. Długa 5\n00-238 Warszawa", "ul. Długa 5, 00-238 Warszawa"),
    ],
)
def test_street_addresses_in_european_and_canadian_forms(address: str, location: str) -> None:
    # The street word is a suffix ("-straße", "-gracht") or comes first ("rue", "Rua"),
    # and postcodes have letters or four digits: still one address, not a title.
    contact, headline, leftovers, _ = _header(f"Noor Jansen\n{address}\nnoor@example.eu")
    assert contact.location == location
    assert headline == "" and leftovers == []


def test_four_digit_numbers_in_a_sentence_are_not_postcodes() -> None:
    contact, _, _, _ = _header(
        "Noor Jansen\nAuditor\nnoor@example.eu\nAudited 2019 accounts for 40 clients, on time"
    )
    assert contact.location == ""


def test_one_letter_address_label() -> None:
    contact, _, leftovers, _ = _header("Noor Jansen\nE: noor@example.eu\nA: Utrecht")
    assert contact.location == "Utrecht"
    assert leftovers == []


def test_name_styled_in_lower_case_when_the_address_echoes_it() -> None:
    contact, headline, _, _ = _header("noor jansen\nbrand designer\nnoor@example.eu")
    assert (contact.name, headline) == ("noor jansen", "brand designer")
    # Without the echo, lower-case words could be anything: no name is made up.
    contact, _, _, _ = _header("brand designer\nlogos and packaging\nhello@example.eu")
    assert contact.name == ""


@pytest.mark.parametrize("line", ["Available via LinkedIn", "Reachable via Zoom 24/7"])
def test_via_in_a_sentence_is_not_a_street(line: str) -> None:
    contact, _, _, _ = _header(f"Noor Jansen\nnoor@example.eu\n{line}")
    assert contact.location == ""


@pytest.mark.parametrize(
    ("line", "name", "left_out"),
    [
        ("Noor Jansen (she/her)", "Noor Jansen", "(she/her)"),
        ("Alex Kim [they/them]", "Alex Kim", "[they/them]"),
        ("Ana Ruiz (ella)", "Ana Ruiz", "(ella)"),
    ],
)
def test_pronouns_beside_the_name(line: str, name: str, left_out: str) -> None:
    contact, headline, leftovers, dropped = _header(f"{line}\nBrand Designer\nme@example.eu")
    assert (contact.name, headline) == (name, "Brand Designer")
    assert left_out in [text for text, _ in dropped] and leftovers == []


def test_nickname_in_quotes_is_part_of_the_name() -> None:
    contact, headline, _, _ = _header('Robert "Bob" Okafor\nSales Lead\nbob@example.com')
    assert (contact.name, headline) == ('Robert "Bob" Okafor', "Sales Lead")


def test_name_and_title_separated_by_a_comma() -> None:
    contact, headline, leftovers, _ = _header(
        "Noor Jansen, Senior Data Analyst\nnoor@example.eu | Utrecht, Netherlands"
    )
    assert (contact.name, headline) == ("Noor Jansen", "Senior Data Analyst")
    assert contact.location == "Utrecht, Netherlands"
    assert leftovers == []


def test_labelled_handle_equal_to_another_profile_is_still_its_own_link() -> None:
    contact, _, _, _ = _header("Noor Jansen\nLinkedIn: /in/noorj | GitHub: noorj\nnoor@example.eu")
    assert [link.url for link in contact.links] == ["linkedin.com/in/noorj", "github.com/noorj"]


# --- causes found on the Spanish two-column CVs (tuned corpus) -------------------------------


def test_postcode_and_town_over_their_country_make_the_location() -> None:
    contact, headline, leftovers, _ = _header(
        "Beatriz Hernández\n\n28002 Madrid\nEspaña\n\nbea@example.com"
    )
    assert contact.location == "28002 Madrid, España"
    assert headline == "" and leftovers == []


def test_street_address_over_three_lines_keeps_its_flat_and_town() -> None:
    contact, _, leftovers, _ = _header(
        "Javier Ruiz\n\nDirección\n317 112th Ave. NE\nApt W610\nBellevue, WA 98004\n\n"
        "Email\njavier@example.com\n\nProgramación\nFluido en\nJavaScript, Python"
    )
    assert contact.location == "317 112th Ave. NE, Apt W610, Bellevue, WA 98004"
    # A sidebar's next block opens with a capitalised word alone: a heading, not a town.
    assert "Programación" in leftovers


@pytest.mark.parametrize(
    "skills", ["C, C++, Ruby, VB.Net", "ASP.NET, ADO.NET, C#", "Node.js, Vue.js, Express"]
)
def test_technology_names_are_not_links(skills: str) -> None:
    contact, *_ = _header(f"Ana Gil\nana@example.com\njanegil.dev\n{skills}")
    assert [link.url for link in contact.links] == ["janegil.dev"]


@pytest.mark.parametrize("url", ["janedoe.com", "JANEDOE.COM", "Jane-Doe.net", "jane.dev/work"])
def test_personal_sites_in_any_case_are_links(url: str) -> None:
    contact, *_ = _header(f"Jane Doe\njane@example.org | {url}")
    assert [link.url for link in contact.links] == [url]


def test_a_skype_address_is_a_link_not_a_label() -> None:
    contact, _, leftovers, _ = _header("Bea Gil\nbea@example.com\nskype://beagil")
    assert [(link.label, link.url) for link in contact.links] == [("Skype", "skype://beagil")]
    assert leftovers == []


# --- headline: chosen by score, empty rather than wrong ---------------------------------------


@pytest.mark.parametrize(
    ("head", "headline"),
    [
        # A job title under the name, alone or in a banner above it.
        ("Jane Doe\nData Engineer\njane@example.com", "Data Engineer"),
        ("Data Engineer\n\nJANE DOE\n\njane@example.com", "Data Engineer"),
        # A title without job words is still the headline right under the name.
        ("Alice Liddell\n\nAdventurer\nOxford, United Kingdom\nalice@example.com", "Adventurer"),
        (
            "Mira Solberg\nBusiness Woman & Proud Geek\nmira@example.no",
            "Business Woman & Proud Geek",
        ),
        ("Jo Park\nI.T. Specialist\njo@example.com", "I.T. Specialist"),
        ("jane doe\ndesigner\njane@example.com", "designer"),  # styled in lower case
        # Under a labelled name too.
        ("Nombre: Ana Gil\nIngeniera de datos\nana@example.com", "Ingeniera de datos"),
        # A code-style tagline loses to the job title under it.
        (
            "Jane Doe\n$ whoami\nSenior Software Engineer\njane@example.com",
            "Senior Software Engineer",
        ),
        # Section headings, EN and ES, in their own words or another form of them.
        ("Ana Gil | Mi Perfil\nana@example.com", ""),
        ("Luis Gómez\nluis@example.com\nÁreas de interés\n- Automatización", ""),
        ("Jane Doe\nProfile\njane@example.com", ""),
        # Greetings, sentences, dates, template text, user names, bare acronyms.
        ("John Doe\njohn@example.com\nWelcome to my CV!", ""),
        ("Jan Kim\nI create resume templates in\nLaTeX for everyone.\njan@example.com", ""),
        ("Nombre Apellido\n0 de diciembre de 0000\nnombre@example.com", ""),
        ("YOUR NAME\nYour Position or Tagline Here\nyou@example.com", ""),
        ("John Doe\nyourusername\njohn@example.com", ""),
        ("Federico Mazo\nSPA\nfede@example.com", ""),
        # A third-person biography wrapped under the name.
        ("Pedro Galvis\nPedro inició su carrera\nprofesional como coordinador\np@example.com", ""),
        # A block after a blank line is not the name's: a sidebar label, a skills heading.
        ("Javier Ruiz\n\nWeb & Git\njavier.dev\n\nProgramación\nC, C++, Ruby", ""),
    ],
)
def test_headline(head: str, headline: str) -> None:
    _, got, leftovers, dropped = _header(head)
    assert got == headline
    # What is not the headline stays in the CV.
    if not headline:
        words = {w for ln in leftovers for w in ln.split()} | {
            w for ln, _ in dropped for w in ln.split()
        }
        assert words, "the lines not taken as headline are kept"


@pytest.mark.parametrize(
    ("printed", "email"),
    [
        ("Email: ana[dot]ruiz[at]uni[dot]edu", "ana.ruiz@uni.edu"),
        ("ana.ruiz (at) uni.edu", "ana.ruiz@uni.edu"),
        ("ana {at} uni {dot} edu", "ana@uni.edu"),
        ("Correo: ana.ruiz [arroba] uni [punto] es", "ana.ruiz@uni.es"),
        ("ana.ruiz at uni dot edu", "ana.ruiz@uni.edu"),
    ],
)
def test_obfuscated_email_is_rebuilt(printed: str, email: str) -> None:
    contact, headline, leftovers, dropped = _header(f"Ana Ruiz\nLecturer in Chemistry\n{printed}")
    assert contact.email == email
    assert headline == "Lecturer in Chemistry"
    assert leftovers == []
    assert [line for line, _ in dropped] == [printed]  # the line as printed is accounted for


def test_at_in_a_sentence_is_no_email() -> None:
    contact, _, _, _ = _header("Ana Ruiz\nLecturer at Acme.com and at home\n+34 600 123 456")
    assert contact.email == ""


@pytest.mark.parametrize(
    ("row", "location"),
    [
        ("12 Harbour Street | Leith, EH6 6QW", "12 Harbour Street, Leith, EH6 6QW"),
        ("12 Harbour Street • Leith, EH6 6QW", "12 Harbour Street • Leith, EH6 6QW"),
    ],
)
def test_street_address_split_over_a_contact_row(row: str, location: str) -> None:
    contact, _, leftovers, _ = _header(f"Ana Ruiz\n{row}\n+44 131 496 0000 | ana@example.org")
    assert contact.location == location
    assert leftovers == []


@pytest.mark.parametrize("text", ["My Wikipedia page", "ResearchGate profile", "Google Scholar"])
def test_site_named_by_link_text_is_a_link_label(text: str) -> None:
    assert is_link_label(text)


def test_link_text_in_a_contact_row_is_no_location() -> None:
    text = "Ana Ruiz\nProfessor of History\nana@example.org | My Wikipedia page"
    dropped: list[tuple[str, str]] = []
    target = "https://en.wikipedia.org/wiki/Ana_Ruiz"
    contact, _, leftovers = parse_contact_block(text.split("\n"), text + BODY, dropped, [target])
    add_link_targets(contact, [target])
    assert contact.location == ""
    assert [link.url for link in contact.links] == [target]
    assert leftovers == []
    assert ("My Wikipedia page", "the text of a link: the link itself is kept") in dropped


@pytest.mark.parametrize(
    "address", ["Menglun, Mengla, Yunnan, 666303 China", "Connaught Place, New Delhi 110001"]
)
def test_address_with_a_six_digit_postcode_under_the_headline(address: str) -> None:
    contact, headline, _, _ = _header(
        f"Wei Zhang\nAssociate Professor\nInstitute of Botany, Academy of Sciences\n{address}\n"
        "wei.zhang@example.org"
    )
    assert contact.location == address
    assert headline == "Associate Professor"


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        # A DOCX or text right column: the tab between the name and the e-mail parts them.
        (
            "Ana Ruiz\tana@example.es\nMadrid, España\t+34 612 34 56 78",
            "location",
            "Madrid, España",
        ),
        # A name over two lines of capitals, then details.
        ("JOSÉ LUIS\nMARTÍNEZ GARCÍA\njose@example.es", "name", "JOSÉ LUIS MARTÍNEZ GARCÍA"),
        # The e-mail signs the two parts together.
        ("NGUYỄN VĂN\nAN\nnguyenan@example.com", "name", "NGUYỄN VĂN AN"),
        # A details bar over the name in capitals.
        (
            "a@example.com | +34 612 34 56 78\nJOSÉ LUIS\nMARTÍNEZ GARCÍA",
            "name",
            "JOSÉ LUIS MARTÍNEZ GARCÍA",
        ),
        # A town and its state are no name with credentials.
        (
            "+49 170 1234567\nj@example.com\nNew York, NY\nJane Doe · Registered Nurse",
            "location",
            "New York, NY",
        ),
        (
            "Dmitri Ivanov, Diseñador Gráfico\nMadrid, España\nd@example.com",
            "location",
            "Madrid, España",
        ),
        # A town alone between lines of details.
        ("Łukasz Żółć\nl@example.pl\nBarcelona\n+48 601 234 567", "location", "Barcelona"),
        # Details parted by spaced slashes.
        ("Ana Ruiz\nana@example.es / London, UK / +44 7700 900123", "location", "London, UK"),
        # A postcode before a spaced dash is not part of the phone.
        ("Ana Ruiz\nAustin, TX 78701 – (555) 123-4567 – a@example.com", "phone", "(555) 123-4567"),
    ],
)
def test_contact_written_as_people_write_it(text: str, field: str, value: str) -> None:
    from cvimprover.cv.normalise import normalise_text

    contact = parse_cv(normalise_text(text + BODY)).contact
    assert getattr(contact, field) == value


def test_handle_line_in_a_sidebar_read_after_the_body() -> None:
    text = "Ana Ruiz\nData Analyst" + BODY + "\nSKILLS\nExcel\n\nGitHub: anaruiz\nana@example.es\n"
    contact = parse_cv(text).contact
    assert [link.url for link in contact.links] == ["github.com/anaruiz"]


# --- what is printed near the contact block but is not the person's ------------------------

REFEREES_BODY = (
    "\n\nEXPERIENCE\nAccountant, Acme Ltd, 2019 - 2023\n- Closed the books every month\n"
    "\nREFERENCES\nDr. Alan Reed\nHead of Finance, Northwind Traders\n"
    "alan.reed@northwind.example\n+1 555 010 7777\n"
)


def test_a_referees_phone_is_not_the_persons() -> None:
    text = "Nora Quist\nAccountant\nnora@example.com | Hobart, Tasmania" + REFEREES_BODY
    contact = parse_cv(text).contact
    assert contact.email == "nora@example.com"
    assert contact.phone == ""


def test_a_phone_beside_someone_elses_email_is_not_the_persons() -> None:
    # A referee's block read away from its heading (a two-column page), with no heading.
    text = (
        "Nora Quist\nAccountant\nnora@example.com\n\nEXPERIENCE\nAccountant, Acme Ltd, "
        "2019 - 2023\n- Closed the books\n\nPaula Stone\nEditor\npaula@planet.example\n"
        "650-555-0199\nhttps://planet.example.org/staff"
    )
    assert parse_cv(text).contact.phone == ""


def test_a_sidebar_read_after_the_referees_keeps_the_persons_details() -> None:
    text = (
        "Nora Quist\nAccountant\n\nEXPERIENCE\nAccountant, Acme Ltd, 2019 - 2023\n"
        "- Closed the books\n\nReferees\nMarta Solís\nDirectora Financiera, Grupo Sur\n"
        "marta.solis@gruposur.example\n+34 699 00 11 22\n\nHobart, Tasmania\n"
        "+61 400 123 456\nnora@example.com\n"
    )
    contact = parse_cv(text).contact
    assert contact.email == "nora@example.com"
    assert _digits(contact.phone) == "61400123456"
    assert contact.location == "Hobart, Tasmania"


def test_an_employers_site_printed_in_a_job_is_not_a_contact_link() -> None:
    text = (
        "Nora Quist\nWeb Developer\n+1 555 010 1234 | nora@example.com | https://noraquist.dev/"
        "\n\nEXPERIENCE\nPixel Forge Ltd.\nSenior Web Developer\n2019 - 2023\n"
        "- Rebuilt the shop\nhttps://pixelforge.com/\n\nPROJECTS\nTide Tables\n"
        "https://tidetables.app/\n"
    )
    targets = ["https://noraquist.dev/", "https://pixelforge.com/", "https://tidetables.app/"]
    contact = parse_cv(text, [], targets).contact
    assert {link_key(link.url) for link in contact.links} == {"noraquist.dev"}


def test_a_personal_site_on_a_row_of_details_read_inside_a_job_is_kept() -> None:
    # A sidebar's row of details that the text stream prints among the jobs.
    text = (
        "Nora Quist\nWeb Developer\n\nEXPERIENCE\nPixel Forge Ltd.\n- Rebuilt the shop\n"
        "+1 555 010 1234 | nora@example.com | https://noraquist.dev/\n"
    )
    contact = parse_cv(text, [], ["https://noraquist.dev/"]).contact
    assert {link_key(link.url) for link in contact.links} == {"noraquist.dev"}


def test_kramdown_attributes_are_not_part_of_a_link() -> None:
    text = normalise_text(
        "nora@example.com {: #email }\nnoraquist.dev | github.com/nq{:.print-url}"
    )
    assert text == "nora@example.com\nnoraquist.dev | github.com/nq"
    contact, *_ = _header("Nora Quist\n" + text)
    assert {link.url for link in contact.links} == {"noraquist.dev", "github.com/nq"}


@pytest.mark.parametrize(
    ("line", "headline", "location"),
    [
        ("Junior Data Engineer, Sevilla, España", "Junior Data Engineer", "Sevilla, España"),
        ("Registered Nurse, Austin, TX", "Registered Nurse", "Austin, TX"),
        ("Senior Accountant, Казань, Россия", "Senior Accountant", "Казань, Россия"),
        # No place after the title: a list of roles or of skills stays the headline.
        ("Statistician, Writer, Professor", "Statistician, Writer, Professor", ""),
        ("Product Designer, UX, UI", "Product Designer, UX, UI", ""),
        ("Data Analyst, Python, SQL", "Data Analyst, Python, SQL", ""),
    ],
)
def test_a_place_after_the_headline(line: str, headline: str, location: str) -> None:
    contact, got, _, _ = _header(f"Nora Quist\n{line}\nnora@example.com")
    assert got == headline
    assert contact.location == location


@pytest.mark.parametrize(
    ("sentence", "location"),
    [
        ("I am based in Hobart, Tasmania.", "Hobart, Tasmania"),
        ("Analyst with six years of experience, based in Leeds, UK.", "Leeds, UK"),
        ("Disponible para proyectos. Trabajo remoto / Bilbao.", "Bilbao"),
        ("Actualmente resido en Rosario, Argentina y busco nuevos retos.", "Rosario, Argentina"),
        ("I am based in the Bay Area.", ""),  # no capitalised place after the cue
    ],
)
def test_the_place_a_profile_sentence_names(sentence: str, location: str) -> None:
    text = f"Nora Quist\nAccountant\nnora@example.com\nProfile\n{sentence}" + BODY
    assert parse_cv(text).contact.location == location


def test_a_link_name_among_the_details_is_no_town() -> None:
    contact, _, leftovers, dropped = _header(
        "Nora Quist\nWeb Developer\nnora@example.com | noraquist.dev | GitHub"
    )
    assert contact.location == ""
    assert ("GitHub", "the text of a link: the link itself is kept") in dropped
    assert leftovers == []


def test_a_word_after_a_list_of_courses_is_no_town() -> None:
    contact, *_ = _header(
        "Nora Quist\n\nStatistician, Journalist, Professor\nnora@example.com\n\n"
        "education | Ph.D. State University, Statistics | 2003\n"
        "B.S. City College, Engineering | 1996\nCommunication"
    )
    assert contact.location == ""


def test_a_word_over_a_paragraph_is_no_town() -> None:
    contact, *_ = _header(
        "Nora Quist\nWeb Developer\nnora@example.com | noraquist.dev\nCurrently\n"
        "Web developer with six years of experience building shops and booking systems."
    )
    assert contact.location == ""


def test_a_row_of_details_with_the_town_read_inside_a_section() -> None:
    # A designer's banner row that the text stream prints after the sidebar's sections.
    text = (
        "Nora Quist\n\nPROFILES\nnoraq | noraq\nLinkedIn | GitHub\n\nAWARDS\nBest Newcomer\n"
        "City Bankers Club\nJul 2021\nFintech Manager\n\n"
        "Hobart, TAS | 555-555-0123 | hi@noraquist.com | https://noraquist.com\n\n"
        "SUMMARY\nTwenty years in banking operations."
    )
    contact = parse_cv(text, [], ["https://noraquist.com/"]).contact
    assert contact.location == "Hobart, TAS"
    assert contact.email == "hi@noraquist.com"
    assert _digits(contact.phone) == "5555550123"
    assert {link_key(link.url) for link in contact.links} == {"noraquist.com"}


def test_an_address_under_its_label_over_several_lines() -> None:
    contact, _, leftovers, _ = _header(
        "Nora Quist\nMathematician\n\nEmail\nnora@example.org\n\nMailing Address\n"
        "Room B2 11, Institute of Tides\nHafenstraße 7\n20459 Hamburg\nGermany"
    )
    assert contact.location == (
        "Room B2 11, Institute of Tides, Hafenstraße 7, 20459 Hamburg, Germany"
    )
    assert leftovers == []


@pytest.mark.parametrize(
    ("lines", "name"),
    [
        # A long name wrapped by the page, its block ending there.
        ("Rocío Itzel Vargas\nQuispe\n\nrocio.vargas@example.org", "Rocío Itzel Vargas Quispe"),
        # A common word under the name is its headline, not a surname.
        ("Rocío Itzel Vargas\nMarketing\n\nrocio.vargas@example.org", "Rocío Itzel Vargas"),
        ("Jane Mary Doe\nNursing\n\njane.doe@example.org", "Jane Mary Doe"),
        # A two-word name is not cut by the page: the word under it is a headline.
        ("Rocío Vargas\nQuispe\n\nrocio.vargas@example.org", "Rocío Vargas"),
    ],
)
def test_a_long_name_wrapped_over_two_lines(lines: str, name: str) -> None:
    contact, *_ = _header(lines)
    assert contact.name == name


def test_year_ranges_in_the_header_are_kept_not_read_as_phones() -> None:
    dropped: list[tuple[str, str]] = []
    text = (
        "Nora Quist\n+52 55 5550 1234\nnora@example.org\n\n2019-2023\n"
        "Universidad del Valle. Ciudad de México"
    )
    document = parse_cv(text, dropped)
    assert _digits(document.contact.phone) == "525555501234"
    shown = str(document.sections) + str(dropped)
    assert "2019-2023" in shown


def test_a_voicemail_or_fax_number_gives_way_to_the_persons_phone() -> None:
    # An office line with an answering box or a fax is printed first; the person is reached
    # on the other number. Alone, such a number is still the only phone there is.
    contact, _, leftovers, _ = _header(
        "Marta Ruiz\n[Voicemail] (555) 010-4400 x27\n[Mobile] (555) 010-7781\nmarta@example.org"
    )
    assert _digits(contact.phone) == "5550107781"
    assert any("010-4400" in line for line in leftovers)
    contact, _, _, _ = _header("Marta Ruiz\nFax: +44 20 7946 0011\nmarta@example.org")
    assert _digits(contact.phone) == "442079460011"
    assert phone_in("Fax +34 91 555 01 23 · Tel +34 91 555 01 99") == "+34 91 555 01 99"


def test_an_employers_name_before_an_office_address_is_not_the_location() -> None:
    contact, _, leftovers, _ = _header(
        "Omar Haddad\nomar@example.org\n"
        "Northwind Bank, 14 Harbour Street, Leeds LS1 4AB, United Kingdom"
    )
    assert contact.location == "14 Harbour Street, Leeds LS1 4AB, United Kingdom"
    assert "Northwind Bank" in leftovers
    # A street address with no organisation before it stays whole.
    contact, _, _, _ = _header("Omar Haddad\nomar@example.org\n14 Harbour Street, Leeds LS1 4AB")
    assert contact.location == "14 Harbour Street, Leeds LS1 4AB"


def test_a_town_after_the_contact_block_does_not_replace_its_address() -> None:
    # The first job's town is read into the head when its heading is not recognised; the
    # address the block gives stays the location. Inside the block, a town still wins.
    contact, _, _, _ = _header(
        "Nadia Perrin\nResearch fellow\nQC H2X 1Y4, Montreal, Canada\nnadia@example.org\n\n"
        "Post- doctoral work\nResearch fellow | Lab of Cognition\nOttawa, Canada"
    )
    assert contact.location == "QC H2X 1Y4, Montreal, Canada"
    contact, _, _, _ = _header(
        "Nadia Perrin\n12 Rue Sainte-Catherine, Apt 4\nnadia@example.org\nMontreal, Canada"
    )
    assert contact.location == "Montreal, Canada"


def test_a_copyright_notice_link_is_not_a_contact_link() -> None:
    # Templates print their publisher's site in a notice; PDF fonts often draw "©" as "c".
    for notice in (
        "c Template Office, 2004-2015 | http://templates.example.eu",
        "© 2021 cvforms.example.com",
    ):
        contact, _, _, _ = _header(
            f"{notice}\nPedro Alves\npedro@example.org\nlinkedin.com/in/pedro-alves"
        )
        assert [link.url for link in contact.links] == ["linkedin.com/in/pedro-alves"]
    # A personal site is kept when no notice surrounds it.
    contact, _, _, _ = _header("Pedro Alves\npedro@example.org\nhttp://pedroalves.example.eu")
    assert [link.url for link in contact.links] == ["http://pedroalves.example.eu"]


def test_a_country_subdomain_target_is_the_printed_link() -> None:
    contact = Contact(links=[Link(label="LinkedIn", url="linkedin.com/in/pedro.alves")])
    add_link_targets(contact, ["http://pt.linkedin.com/in/pedro.alves", "https://go.dev/doc"])
    assert [link.url for link in contact.links] == [
        "linkedin.com/in/pedro.alves",
        "https://go.dev/doc",
    ]


def test_docx_links_on_handles_and_names_in_a_row_of_details() -> None:
    # Word templates put an icon and a user name, an iD or the person's name over each link
    # of the contact row; the address is only in the file.
    data = _docx_with_links(
        [
            ("Ana Lima", "https://osf.io/abc12/"),
            ("AnaLima42", "https://x.com/AnaLima42"),
            ("/analima", "https://analima.github.io/"),
            ("0000-0002-1825-0097", "https://orcid.org/0000-0002-1825-0097"),
        ]
    )
    assert extract_document(data, "cv.docx").links == [
        "https://osf.io/abc12/",
        "https://x.com/AnaLima42",
        "https://analima.github.io/",
        "https://orcid.org/0000-0002-1825-0097",
    ]


def test_docx_links_on_names_of_firms_or_people_in_the_body_are_not_taken() -> None:
    # An employer's name on its own site, or co-authors' names on their pages, are not the
    # person's links, even when one word matches the site's name.
    data = _docx_with_links([("Accenture", "http://accenture.example/")])
    assert extract_document(data, "cv.docx").links == []
    data = _docx_with_links(
        [("Maria Costa", "https://mariacosta.example/"), ("the team blog", "https://t.example/")]
    )
    assert extract_document(data, "cv.docx").links == []
