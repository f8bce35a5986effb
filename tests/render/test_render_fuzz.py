"""Property test: whatever text a CV holds, every template renders it and gives it back."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdf_text import assert_in_order, page_texts

from cvimprover.cv.document import Contact, CVDocument, Entry, Link, Section
from cvimprover.cv.render import TEMPLATES, render_pdf

# Scripts the bundled DejaVu fonts cover, plus everything that means something in markup.
ALPHABET = (
    "abcxyzABCXYZ0189 ąęłńóśźżĄŁŻßäöüøåéèçñ"
    "αβγδωΑΒΓΩάέ абвгджщюяАБВЖЩЯ"
    "<>&\"';:/\\.,-–—()[]{}#%*+=@!?€£·•…"
)
text = st.text(alphabet=ALPHABET, min_size=1, max_size=60).filter(lambda s: s.strip())
entries = st.builds(
    Entry,
    title=text,
    organisation=text,
    dates=st.text(alphabet="0123456789 –-", max_size=12),
    location=text,
    bullets=st.lists(text, max_size=3),
)
sections = st.builds(
    Section,
    kind=st.sampled_from(["summary", "experience", "skills", "projects", "other"]),
    heading=text,
    text=st.one_of(st.just(""), text),
    entries=st.lists(entries, max_size=2),
    items=st.lists(text, max_size=4),
)
documents = st.builds(
    CVDocument,
    contact=st.builds(
        Contact,
        name=text,
        email=text,
        phone=st.text(alphabet="+0123456789 ()", max_size=16),
        location=text,
        links=st.lists(st.builds(Link, label=text, url=text), max_size=2),
    ),
    headline=text,
    sections=st.lists(sections, max_size=4),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document=documents, template=st.sampled_from(sorted(TEMPLATES)))
def test_any_text_renders_and_round_trips(document: CVDocument, template: str) -> None:
    pdf = render_pdf(document, template)
    extracted = "\n".join(page_texts(pdf))
    assert_in_order(extracted, [document.contact.name, document.headline])
    for section in document.sections:
        # Sidebar sections may move in modern; within a section, order always holds.
        pieces = [section.heading, *([section.text] if section.text else [])]
        for entry in section.entries:
            pieces += [entry.title, *entry.bullets]
        pieces += section.items
        assert_in_order(extracted, pieces)
