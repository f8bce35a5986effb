"""`flask cv improve` and `flask cv templates`: the pipeline from the command line."""

import io
import json

from PIL import Image

from tests.support import pdf_text, sample_pdf

REPORT_KEYS = {
    "language", "score_before", "score_after", "score_parts", "contact", "sections",
    "keywords", "findings", "changes", "improved_markdown", "cover_letter",
}  # fmt: skip


def test_cv_improve_writes_the_pdf_and_the_report(runner, tmp_path):
    resume = tmp_path / "ada.pdf"
    resume.write_bytes(sample_pdf())
    job = tmp_path / "job.txt"
    job.write_text("Python, PostgreSQL, Redis and Kubernetes; mentor engineers.")
    photo = tmp_path / "me.png"
    buffer = io.BytesIO()
    Image.new("RGB", (300, 400), (90, 120, 150)).save(buffer, "PNG")
    photo.write_bytes(buffer.getvalue())
    pdf, report = tmp_path / "out.pdf", tmp_path / "out.json"

    result = runner.invoke(
        args=["cv", "improve", str(resume), "--job-file", str(job), "--position",
              "Senior Python Engineer", "--industry", "Fintech", "--experience-level", "6+",
              "--template", "modern", "--photo", str(photo), "--pdf", str(pdf),
              "--report", str(report)]
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text())
    assert set(data) >= REPORT_KEYS
    assert data["contact"]["name"] == "Ada Lovelace"
    assert data["score_after"] >= data["score_before"]
    assert "Kubernetes" in data["keywords"]["missing"]
    text = pdf_text(pdf.read_bytes())
    assert "Ada Lovelace" in text and "Analytical Engines" in text


def test_cv_improve_reports_a_bad_file_clearly(runner, tmp_path):
    resume = tmp_path / "cv.pdf"
    resume.write_bytes(b"%PDF-1.7 not really")
    result = runner.invoke(args=["cv", "improve", str(resume), "--pdf", str(tmp_path / "o.pdf")])
    assert result.exit_code == 1
    assert "error: This PDF is damaged" in result.output
    assert not (tmp_path / "o.pdf").exists()


def test_cv_improve_rejects_an_unknown_template(runner, tmp_path):
    resume = tmp_path / "cv.txt"
    resume.write_text("Ada Lovelace\nada@example.com")
    args = ["cv", "improve", str(resume), "--template", "nope", "--pdf", str(tmp_path / "o.pdf")]
    result = runner.invoke(args=args)
    assert result.exit_code == 2 and "classic" in result.output


def test_cv_templates_lists_them(runner):
    result = runner.invoke(args=["cv", "templates"])
    assert result.exit_code == 0
    names = [line.split()[0] for line in result.output.splitlines()]
    assert {"classic", "modern", "compact"} <= set(names)
