"""Benchmark: our reportlab templates vs WeasyPrint rendering the same CV from HTML/CSS.

The original service rendered CVs with WeasyPrint from an HTML template; this builds an
equivalent HTML/CSS page (same content, same DejaVu fonts) and times both in one run.

Run: .venv/bin/python bench/render.py [--runs N]
(WeasyPrint: pip install -r bench/requirements.txt; it needs Debian's libpango.)
"""

from __future__ import annotations

import argparse
import html
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from cvimprover.cv.document import CVDocument  # noqa: E402
from cvimprover.cv.render import TEMPLATES, render_pdf  # noqa: E402
from cvimprover.cv.render.fonts import FONTS_DIR  # noqa: E402
from cvimprover.cv.render.samples import sample_cv  # noqa: E402

CSS = """
@font-face { font-family: "CV Sans"; src: url("{fonts}/DejaVuSans.ttf"); }
@font-face { font-family: "CV Sans"; font-weight: bold; src: url("{fonts}/DejaVuSans-Bold.ttf"); }
@font-face { font-family: "CV Sans"; font-style: italic;
             src: url("{fonts}/DejaVuSans-Oblique.ttf"); }
@font-face { font-family: "CV Serif"; font-weight: bold;
             src: url("{fonts}/DejaVuSerif-Bold.ttf"); }
@page { size: A4; margin: 17mm 20mm 18mm;
        @bottom-right { content: "Page " counter(page) " of " counter(pages);
                        font: 8pt "CV Sans"; color: #5b6270; } }
body { font: 9.8pt/1.38 "CV Sans"; color: #1d1d1f; }
h1 { font: bold 25pt "CV Serif"; color: #1f3a5f; text-align: center; margin: 0; }
.headline { text-align: center; color: #5b6270; font-size: 11.5pt; margin: 2pt 0; }
.contact { text-align: center; font-size: 9pt; }
.contact a { color: #1f3a5f; text-decoration: none; }
h2 { font: bold 12.5pt "CV Serif"; color: #1f3a5f; border-bottom: 0.6pt solid #b8c2cf;
     margin: 13pt 0 5pt; padding-bottom: 2pt; break-after: avoid; }
.entry { margin-bottom: 8pt; }
.entry-head { display: flex; justify-content: space-between; font-weight: bold;
              break-after: avoid; }
.dates { font-weight: normal; color: #5b6270; font-size: 9pt; }
.meta { font-style: italic; color: #5b6270; break-after: avoid; }
ul { margin: 1pt 0 0; padding-left: 11pt; }
li { margin-bottom: 1.6pt; }
p { margin: 0 0 3pt; }
"""


def cv_html(document: CVDocument) -> str:
    """The sample CV as the kind of HTML page the original service fed WeasyPrint."""
    e = html.escape
    contact = document.contact
    links = [f'<a href="mailto:{e(contact.email)}">{e(contact.email)}</a>', e(contact.phone)]
    links.append(e(contact.location))
    for link in contact.links:
        links.append(f'<a href="{e(link.url)}">{e(link.label)}: {e(link.url)}</a>')
    parts = [
        f"<h1>{e(contact.name)}</h1>",
        f'<p class="headline">{e(document.headline)}</p>',
        f'<p class="contact">{" | ".join(links)}</p>',
    ]
    for section in document.sections:
        parts.append(f"<h2>{e(section.heading)}</h2>")
        if section.text:
            parts.append(f"<p>{e(section.text)}</p>")
        for entry in section.entries:
            bullets = "".join(f"<li>{e(b)}</li>" for b in entry.bullets)
            parts.append(
                f'<div class="entry"><div class="entry-head"><span>{e(entry.title)}</span>'
                f'<span class="dates">{e(entry.dates)}</span></div>'
                f'<div class="meta">{e(entry.organisation)} · {e(entry.location)}</div>'
                f"<ul>{bullets}</ul></div>"
            )
        if section.items:
            parts.append(f"<p>{' · '.join(e(i) for i in section.items)}</p>")
    css = CSS.replace("{fonts}", FONTS_DIR.as_uri())
    return (
        f'<!doctype html><html lang="{e(document.language)}"><head><meta charset="utf-8">'
        f"<title>{e(contact.name)}</title><style>{css}</style></head>"
        f"<body>{''.join(parts)}</body></html>"
    )


def median_seconds(function: Callable[[], bytes], runs: int) -> float:
    function()  # warm-up: font parsing and imports happen once per worker process
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    try:
        from weasyprint import HTML
    except Exception as exc:  # ImportError, or OSError when pango is missing
        HTML = None  # noqa: N806
        print(f"WeasyPrint is NOT available ({exc.__class__.__name__}: {exc}).")
        print("Only our timings are shown; see bench/requirements.txt to install it.\n")

    print(f"median of {args.runs} runs after one warm-up, A4, same content and fonts\n")
    print(f"{'CV':<10}{'renderer':<22}{'median ms':>10}{'vs WeasyPrint':>16}")
    for pages in (1, 3):
        document = sample_cv(pages=pages)
        label = f"{pages} page" + ("s" if pages > 1 else "")
        weasy = None
        if HTML is not None:
            page = cv_html(document)
            weasy = median_seconds(lambda page=page: HTML(string=page).write_pdf(), args.runs)
            print(f"{label:<10}{'WeasyPrint (HTML)':<22}{weasy * 1000:>10.1f}{'1.0x':>16}")
        for name in TEMPLATES:
            ours = median_seconds(lambda d=document, n=name: render_pdf(d, n), args.runs)
            ratio = f"{weasy / ours:.1f}x faster" if weasy else "n/a"
            print(f"{label:<10}{'reportlab ' + name:<22}{ours * 1000:>10.1f}{ratio:>16}")


if __name__ == "__main__":
    main()
