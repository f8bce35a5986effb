"""`flask cv ...`: run the CV pipeline in-process, list templates."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from cvimprover.applications.schemas import EXPERIENCE_LEVELS

cv = AppGroup("cv", help="Improve a CV from the command line; list PDF templates.")


@cv.command("improve")
@click.argument("resume", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--job-file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--position", default="", help="The position applied for.")
@click.option("--industry", default="", help="The industry of the job.")
@click.option("--experience-level", type=click.Choice(EXPERIENCE_LEVELS), default="3-5")
@click.option("--template", default="classic", show_default=True)
@click.option("--photo", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--instructions", default=None)
@click.option("--pdf", "pdf_out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--report", "report_out", type=click.Path(dir_okay=False, path_type=Path))
def improve_command(
    resume,
    job_file,
    position,
    industry,
    experience_level,
    template,
    photo,
    instructions,
    pdf_out,
    report_out,
):
    """Analyse RESUME against a job, rewrite it and render the PDF (and JSON report)."""
    from cvimprover.cv.errors import CVError
    from cvimprover.cv.pipeline import JobTarget, LLMSettings, improve
    from cvimprover.cv.render import TEMPLATES, PdfMeta, RenderError, render_pdf
    from cvimprover.images.photo import PhotoError, process_photo

    if template not in TEMPLATES:
        raise click.BadParameter(
            f"choose one of {', '.join(sorted(TEMPLATES))}", param_hint="--template"
        )
    target = JobTarget(
        position=position,
        industry=industry,
        experience_level=experience_level,
        job_description=job_file.read_text(encoding="utf-8") if job_file else "",
    )

    def progress(percent: int, stage: str) -> None:
        click.echo(f"{percent:3d}% {stage}", err=True)

    try:
        photo_bytes = process_photo(photo.read_bytes()).square if photo else None
        improvement = improve(
            resume.read_bytes(),
            resume.name,
            target,
            instructions=instructions,
            progress=progress,
            llm=LLMSettings.from_env(current_app.config),
        )
        document = improvement.document
        pdf = render_pdf(
            document,
            template,
            photo=photo_bytes,
            meta=PdfMeta(
                title=f"{document.contact.name} – {position}".strip(" –"),
                author=document.contact.name,
                subject=position,
            ),
        )
    except (CVError, RenderError, PhotoError) as exc:
        click.echo(f"error: {exc.message}", err=True)
        sys.exit(1)
    pdf_out.write_bytes(pdf)
    if report_out:
        report_out.write_text(
            json.dumps(improvement.report, indent=2, ensure_ascii=False, default=str)
        )
    click.echo(
        f"score {improvement.report['score_before']} -> {improvement.report['score_after']}; "
        f"PDF written to {pdf_out}"
    )


@cv.command("templates")
def templates_command():
    """List the PDF templates."""
    from cvimprover.cv.render import TEMPLATES

    for name, info in sorted(TEMPLATES.items()):
        click.echo(f"{name:10} {info.title}: {info.description}")
