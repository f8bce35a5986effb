"""Turns user text into safe reportlab Paragraph markup and safe link targets."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# C0/C1 control characters (except tab and newline) break reportlab's parser and
# never carry meaning in a CV; U+FFFE/FFFF and lone surrogates cannot be encoded.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_SAFE_SCHEMES = ("http", "https", "mailto", "tel")
# "javascript:..." has a scheme; "example.com:8080/x" does not (a digit follows the colon).
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:(?!\d)")


def clean(text: str | None) -> str:
    """Plain text with control characters removed and runs of spaces collapsed."""
    if not text:
        return ""
    text = _CONTROL.sub("", str(text).replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n")).strip()


def escape(text: str | None) -> str:
    """Paragraph markup for literal user text: `<`, `>`, `&` and quotes can't inject tags."""
    text = clean(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace('"', "&quot;")
    return text.replace("\n", "<br/>")


def safe_url(url: str | None) -> str | None:
    """A link target we are willing to embed, or None (javascript:, data:, junk)."""
    url = clean(url).replace("\n", "")
    if not url or any(c.isspace() for c in url):
        return None
    if "@" in url and ":" not in url and "/" not in url:
        url = f"mailto:{url}"
    elif not _SCHEME.match(url):
        # People write "github.com/me"; a bare host (even "host:8080") means the web.
        url = f"https://{url}"
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES:
        return None
    if parts.scheme.lower() in ("http", "https") and not parts.netloc:
        return None
    return url


def link(label: str, url: str | None, colour: str | None = None) -> str:
    """Markup for a clickable label; the visible text is the escaped label."""
    target = safe_url(url)
    text = escape(label or url)
    if target is None:
        return text
    colour_attr = f' color="{colour}"' if colour else ""
    return f'<a href="{escape(target)}"{colour_attr}>{text}</a>'


def display_url(url: str) -> str:
    """A URL as people write it on a CV: no scheme, no trailing slash."""
    text = clean(url)
    for prefix in ("https://", "http://", "mailto:"):
        if text.lower().startswith(prefix):
            text = text[len(prefix) :]
            break
    if text.lower().startswith("www."):
        text = text[4:]
    return text.rstrip("/")
