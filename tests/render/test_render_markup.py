"""User text becomes inert Paragraph markup; only safe link targets are kept."""

from __future__ import annotations

import pytest

from cvimprover.cv.render.markup import clean, display_url, escape, link, safe_url


def test_escape_neutralises_markup() -> None:
    assert escape('<b>A & "B"</b>') == "&lt;b&gt;A &amp; &quot;B&quot;&lt;/b&gt;"
    assert escape("line one\nline two") == "line one<br/>line two"


def test_clean_drops_control_characters_and_collapses_spaces() -> None:
    assert clean("a\x00b\x1b  c\t\u00a0d\r\ne") == "ab c d\ne"
    assert clean(None) == ""


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://example.com/x", "https://example.com/x"),
        ("github.com/me", "https://github.com/me"),
        ("example.com:8080/x", "https://example.com:8080/x"),
        ("me@example.com", "mailto:me@example.com"),
        ("mailto:me@example.com", "mailto:me@example.com"),
        ("tel:+4930123", "tel:+4930123"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)", None),
        ("data:text/html,hi", None),
        ("file:///etc/passwd", None),
        ("https://", None),
        ("two words", None),
        ("", None),
    ],
)
def test_safe_url(given, expected) -> None:
    assert safe_url(given) == expected


def test_link_escapes_both_label_and_target() -> None:
    markup = link("A&B", 'https://x.org/?a=1&b="2"')
    assert markup == '<a href="https://x.org/?a=1&amp;b=&quot;2&quot;">A&amp;B</a>'
    assert link("Evil", "javascript:alert(1)") == "Evil"


def test_display_url_is_what_people_write() -> None:
    assert display_url("https://www.linkedin.com/in/me/") == "linkedin.com/in/me"
    assert display_url("mailto:me@x.org") == "me@x.org"
