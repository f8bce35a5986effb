"""The results page: its parts from any report shape, the user's choices of changes and
re-rendering (a render job, no new analysis), the history list and template pictures."""

from __future__ import annotations

import io

from markupsafe import escape

from cvimprover.applications import results
from cvimprover.extensions import db
from cvimprover.models import Application
from tests.applications.test_application_views import FORM, login_new_user
from tests.support import pdf_text, sample_pdf

REJECTED_BEFORE = "Responsible for the billing service written in Python and PostgreSQL"


def submit_and_finish(client, run_worker) -> str:
    data = FORM | {"resume": (io.BytesIO(sample_pdf()), "cv.pdf")}
    response = client.post("/applications/new", data=data, content_type="multipart/form-data")
    assert response.status_code == 302
    run_worker()
    return response.headers["Location"]


def test_results_page_shows_every_part(client, run_worker):
    login_new_user(client, "r@example.com")
    page_url = submit_and_finish(client, run_worker)
    html = client.get(page_url).get_data(as_text=True)
    for part in ('class="gauge"', 'id="terms"', 'id="findings"', 'id="changes"', "Keep change 1"):
        assert part in html, part
    report = db.session.get(Application, page_url.rsplit("/", 1)[1]).analysis.report
    # The engine's own sentence for each part when it gives one, else ours
    impact_help = (report.get("score_help") or results.SCORE_HELP)["impact"]
    assert str(escape(impact_help)) in html
    assert 'id="download-pdf"' in html and 'id="download-letter"' in html


def test_rejected_change_is_left_out_of_the_new_pdf_without_reanalysis(app, client, run_worker):
    login_new_user(client, "r@example.com")
    page_url = submit_and_finish(client, run_worker)
    application_id = page_url.rsplit("/", 1)[1]
    application = db.session.get(Application, application_id)
    report = application.analysis.report
    analysed_at = application.analysis.created_at
    rejected = next(c for c in report["changes"] if c["before"] == REJECTED_BEFORE)
    kept = [c["id"] for c in report["changes"] if c["id"] != rejected["id"]]
    assert REJECTED_BEFORE not in " ".join(pdf_text(client.get(page_url + "/cv.pdf").data).split())

    response = client.post(page_url + "/choices", data={"keep": kept})
    assert response.status_code == 302
    assert client.get(page_url + "/progress").get_json()["status"] == "queued"
    queued = app.extensions["cvimprover.redis"].lrange("rq:queue:high", 0, -1)
    assert len(queued) == 1  # a render job on the fast queue
    run_worker()

    db.session.expire_all()
    application = db.session.get(Application, application_id)
    assert application.rejected_changes == [rejected["id"]]
    assert application.analysis.created_at == analysed_at  # not analysed again
    text = " ".join(pdf_text(client.get(page_url + "/cv.pdf").data).split())
    assert REJECTED_BEFORE in text and rejected["after"] not in text
    html = client.get(page_url).get_data(as_text=True)
    assert "1 change is left out now." in html
    assert f'value="{rejected["id"]}" checked' not in html
    assert f'value="{kept[0]}" checked' in html

    # Keeping everything again brings the change back
    client.post(page_url + "/choices", data={"keep": kept + [rejected["id"]]})
    run_worker()
    db.session.expire_all()  # the job ran in a forked work horse; this session is stale
    assert rejected["after"] in " ".join(pdf_text(client.get(page_url + "/cv.pdf").data).split())


def test_render_again_in_another_template(client, run_worker):
    login_new_user(client, "r@example.com")
    page_url = submit_and_finish(client, run_worker)
    assert client.post(page_url + "/render", data={"template": "nope"}).status_code == 422
    improved = db.session.get(Application, page_url.rsplit("/", 1)[1])
    improved_at = improved.finished_at
    assert client.post(page_url + "/render", data={"template": "compact"}).status_code == 302
    run_worker()
    html = client.get(page_url).get_data(as_text=True)
    assert "Compact template" in html
    # The render job follows the same lifecycle: started, then done
    db.session.expire_all()
    rendered = db.session.get(Application, page_url.rsplit("/", 1)[1])
    assert rendered.status == "done" and rendered.stage == "done"
    assert improved_at <= rendered.started_at <= rendered.finished_at
    login_new_user(client, "other@example.com")
    assert client.post(page_url + "/render", data={"template": "modern"}).status_code == 404
    assert client.post(page_url + "/choices", data={}).status_code == 404


def test_choices_need_a_finished_application(client):
    login_new_user(client, "r@example.com")
    data = FORM | {"resume": (io.BytesIO(sample_pdf()), "cv.pdf")}
    page_url = client.post(
        "/applications/new", data=data, content_type="multipart/form-data"
    ).headers["Location"]
    assert client.post(page_url + "/choices", data={}).status_code == 409


def test_history_shows_score_template_and_actions(client, run_worker):
    login_new_user(client, "r@example.com")
    page_url = submit_and_finish(client, run_worker)
    html = client.get("/applications").get_data(as_text=True)
    application_id = page_url.rsplit("/", 1)[1]
    assert "→ <strong>" in html and "Classic" in html and ">done<" in html
    assert f"/applications/{application_id}/cv.pdf" in html
    assert f"/applications/{application_id}/delete" in html


def test_template_pictures(client):
    picture = client.get("/templates/modern.png")
    assert picture.status_code == 200 and picture.data.startswith(b"\x89PNG")
    assert client.get("/templates/nope.png").status_code == 404
    login_new_user(client, "r@example.com")
    form = client.get("/applications/new").get_data(as_text=True)
    assert form.count('class="template-card"') >= 3 and 'src="/templates/classic.png"' in form


def test_report_views_read_old_and_new_report_shapes():
    old = {
        "score_parts": {"keywords": 50, "impact": 40, "weights": {"keywords": 0.3}},
        "keywords": {"matched": ["Python"], "missing": ["Go"]},
        "findings": [
            {"code": "weak", "severity": "warning", "message": "Weak.", "excerpt": "a"},
            {"code": "weak", "severity": "warning", "message": "Weak.", "excerpt": "b"},
            {"code": "short", "severity": "info", "message": "Short.", "excerpt": ""},
        ],
        "changes": [{"before": "a", "after": "b", "reason": "r"}],
    }
    parts = results.score_parts(old)
    assert [p.name for p in parts] == ["keywords", "impact"] and parts[0].weight == 0.3
    assert parts[1].help == results.SCORE_HELP["impact"] and parts[1].after is None
    terms = results.key_terms(old)
    assert [(t.term, t.found) for t in terms] == [("Python", True), ("Go", False)]
    groups = results.finding_groups(old)
    assert [(g.code, g.count, g.excerpts) for g in groups] == [
        ("weak", 2, ["a", "b"]),
        ("short", 1, []),
    ]
    assert not results.change_views(old, None)[0].can_reject
    assert results.dropped_lines(old) == []

    new = {
        "score_parts": {"keywords": 50},
        "score_help": {"keywords": "Our own words."},
        "keywords": {
            "evidence": [
                {
                    "term": "Kubernetes",
                    "required": True,
                    "status": "variant",
                    "matched_as": "K8s",
                    "lines": [{"section": "experience", "text": "Ran K8s clusters"}],
                    "suggestion": None,
                }
            ]
        },
        "findings": [
            {
                "code": "weak",
                "severity": "warning",
                "message": "W",
                "count": 7,
                "excerpts": ["1", "2", "3", "4", "5"],
                "excerpt": "1",
            }
        ],  # fmt: skip
        "preserved": {"dropped_lines": [{"line": "Page 1 of 2", "reason": "page number"}]},
    }
    assert results.score_parts(new)[0].help == "Our own words."
    term = results.key_terms(new)[0]
    assert term.found and term.matched_as == "K8s" and term.lines[0]["text"] == "Ran K8s clusters"
    assert results.finding_groups(new)[0].count == 7
    assert results.dropped_lines(new) == [{"line": "Page 1 of 2", "reason": "page number"}]


def test_results_page_shows_the_new_report_fields(client, make_user, web_login, make_application):
    user = make_user("fields@example.com")
    report = {
        "score_before": 41,
        "score_after": 77,
        "score_parts": {"keywords": 40, "weights": {"keywords": 0.3}},
        "score_help": {"keywords": "Parte de la puntuación: términos del anuncio."},
        "keywords": {
            "evidence": [
                {"term": "Kubernetes", "required": True, "status": "variant",
                 "matched_as": "K8s", "suggestion": None,
                 "lines": [{"section": "experience", "text": "Ran K8s clusters for 3 teams"}]},
                {"term": "Terraform", "required": False, "status": "missing",
                 "matched_as": None, "lines": [], "suggestion": "Add Terraform if you used it"},
            ]
        },
        "findings": [{"code": "no_metric", "severity": "info", "message": "Add a number.",
                      "count": 4, "excerpts": ["Led the team"], "excerpt": "Led the team"}],
        "preserved": {"dropped_lines": [{"line": "Page 2 of 2", "reason": "a page number"}]},
        "changes": [{"id": "c1", "path": "sections.0.text", "before": "Old", "after": "New",
                     "reason": "clearer"}],
    }  # fmt: skip
    application = make_application(user, analysis=report)
    web_login("fields@example.com")
    html = client.get(f"/applications/{application.id}").get_data(as_text=True)
    for text in (
        "Parte de la puntuación: términos del anuncio.",
        "Ran K8s clusters for 3 teams",
        "found as a variant: “K8s”",
        "Add Terraform if you used it",
        "4 times",
        "Removed on purpose",
        "Page 2 of 2",
        "a page number",
        'value="c1" checked',
    ):
        assert text in html, text
