"""Benchmark: our reportlab templates vs WeasyPrint rendering the same CV from HTML/CSS.

The original service rendered CVs with WeasyPrint from an HTML template; this builds an
equivalent HTML/CSS page (same content, same DejaVu fonts) and times both in one run.

Run: .venv/bin/python bench/render.py [--runs N]
(WeasyPrint: pip install -r bench/requirements.txt; it needs Debian's libpango.)
"""

from __future__ import annotations

import argparse
import html
import io
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from results import RESULTS, record, summary_ms  # noqa: E402

from cvimprover.cv.document import CVDocument  # noqa: E402
from cvimprover.cv.render import TEMPLATES, render_pdf  # noqa: E402
from cvimprover.cv.render.fonts import FONTS_DIR, SANS, SERIF, bold, register_fonts  # noqa: E402
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


def bare_reportlab(document: CVDocument) -> bytes:
    """The floor: the same text in the same fonts as plain reportlab paragraphs, no layout."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    e = html.escape
    body = ParagraphStyle("body", fontName=SANS, fontSize=9.8, leading=13.5)
    heading = ParagraphStyle("heading", fontName=bold(SERIF), fontSize=12.5, leading=16)
    contact = document.contact
    story = [
        Paragraph(e(contact.name), heading),
        Paragraph(e(document.headline), body),
        Paragraph(" | ".join(e(x) for x in (contact.email, contact.phone, contact.location)), body),
    ]
    for link in contact.links:
        story.append(Paragraph(f"{e(link.label)}: {e(link.url)}", body))
    for section in document.sections:
        story.append(Paragraph(e(section.heading), heading))
        if section.text:
            story.append(Paragraph(e(section.text), body))
        for entry in section.entries:
            head = f"<b>{e(entry.title)}</b> {e(entry.dates)}"
            story.append(Paragraph(head, body))
            story.append(Paragraph(f"<i>{e(entry.organisation)} · {e(entry.location)}</i>", body))
            story.extend(Paragraph(f"• {e(b)}", body) for b in entry.bullets)
        if section.items:
            story.append(Paragraph(" · ".join(e(i) for i in section.items), body))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm).build(story)
    return out.getvalue()


def interleaved(functions: dict[str, Callable[[], bytes]], runs: int) -> dict[str, list[float]]:
    """Each function once per round, round after round, so the machine's load (shared,
    noisy) falls on all of them alike; one warm-up call each first."""
    for function in functions.values():
        function()
    times: dict[str, list[float]] = {name: [] for name in functions}
    for _ in range(runs):
        for name, function in functions.items():
            started = time.perf_counter()
            function()
            times[name].append(time.perf_counter() - started)
    return times


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

    register_fonts()
    figures: dict = {"runs": args.runs}
    print(f"median of {args.runs} interleaved runs after one warm-up, A4, same content and fonts\n")
    print(f"{'CV':<9}{'renderer':<22}{'median ms':>10}{'p95 ms':>9}{'WeasyPrint/x':>14}"
          f"{'x/floor':>9}")  # fmt: skip
    for pages in (1, 3):
        document = sample_cv(pages=pages)
        functions: dict[str, Callable[[], bytes]] = {}
        if HTML is not None:
            page = cv_html(document)
            functions["weasyprint"] = lambda page=page: HTML(string=page).write_pdf()
        functions["reportlab_floor"] = lambda d=document: bare_reportlab(d)
        for name in TEMPLATES:
            functions[name] = lambda d=document, n=name: render_pdf(d, n)
        times = interleaved(functions, args.runs)
        medians = {name: statistics.median(values) for name, values in times.items()}
        weasy = medians.get("weasyprint")
        floor = medians["reportlab_floor"]
        figures[f"{pages}_page"] = {
            name: summary_ms(values)
            | {
                "weasyprint_over_this": round(weasy / medians[name], 1) if weasy else None,
                "this_over_floor": round(medians[name] / floor, 2),
            }
            for name, values in times.items()
        }
        label = f"{pages} page" + ("s" if pages > 1 else "")
        for name in times:
            row = figures[f"{pages}_page"][name]
            faster = f"{row['weasyprint_over_this']:.1f}x" if weasy else "n/a"
            print(f"{label:<9}{name:<22}{row['median_ms']:>10.1f}{row['p95_ms']:>9.1f}"
                  f"{faster:>14}{row['this_over_floor']:>8.2f}x")  # fmt: skip
    if HTML is None:
        figures["weasyprint_earlier_run"] = earlier_weasyprint()
    record("render", figures)


def earlier_weasyprint() -> dict:
    """WeasyPrint's rows from the last recorded run that had it (kept, marked as such,
    when this run could not measure it), so one run without it does not erase them."""
    try:
        earlier = json.loads(RESULTS.read_text())["benchmarks"]["render"]
    except (OSError, KeyError, ValueError):
        return {}
    if "weasyprint_earlier_run" in earlier:
        return earlier["weasyprint_earlier_run"]
    rows = {
        k: v["weasyprint"] for k, v in earlier.items() if isinstance(v, dict) and "weasyprint" in v
    }
    return (
        rows
        | {"measured_at": earlier.get("measured_at"), "load_average": earlier.get("load_average")}
        if rows
        else {}
    )


if __name__ == "__main__":
    main()
