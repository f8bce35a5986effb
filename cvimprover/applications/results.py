"""The results page's view of a report: score parts with help, key-term evidence, findings
grouped by kind, changes with the user's choices. Every report field is read with .get(), so
reports written before a field existed still show."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cvimprover.cv.choices import reversible

# Used when the report carries no `score_help` (reports made before it existed)
SCORE_HELP = {
    "keywords": "How many of the job's key terms your CV mentions, the required ones counting "
    "most.",
    "skills": "Whether the skills the job asks for are listed where a recruiter looks for them.",
    "structure": "Whether the CV has the sections and contact details a reader expects, in a "
    "clear order.",
    "impact": "How many of your bullets start with an action verb and show a measurable result.",
    "readability": "Whether sentences are short, active and free of first-person pronouns.",
}
GENERIC_HELP = "One part of the match score, from 0 to 100."

STATUS_LABELS = {
    "exact": "found",
    "variant": "found as a variant",
    "related": "related experience",
    "missing": "missing",
}


@dataclass
class ScorePart:
    name: str
    label: str
    before: int
    after: int | None
    weight: float | None
    help: str


@dataclass
class TermEvidence:
    term: str
    status: str
    label: str
    required: bool | None = None
    matched_as: str | None = None
    lines: list[dict[str, str]] = field(default_factory=list)
    suggestion: str | None = None

    @property
    def found(self) -> bool:
        # A related skill (Docker for Kubernetes) is a hint, not the term a recruiter screens for
        return self.status in ("exact", "variant")


@dataclass
class FindingGroup:
    code: str
    severity: str
    message: str
    count: int
    excerpts: list[str]


@dataclass
class ChangeView:
    id: str | None
    path: str | None
    before: str
    after: str
    reason: str
    can_reject: bool
    kept: bool


def score_parts(report: dict[str, Any]) -> list[ScorePart]:
    """Each numeric score part with its value before and after, weight and one sentence."""
    parts = report.get("score_parts") or {}
    after = report.get("score_parts_after") or {}
    weights = parts.get("weights") if isinstance(parts.get("weights"), dict) else {}
    help_texts = report.get("score_help") or {}
    result = []
    for name, value in parts.items():
        if not isinstance(value, int | float) or isinstance(value, bool):
            continue
        later = after.get(name)
        result.append(
            ScorePart(
                name=name,
                label=name.replace("_", " ").capitalize(),
                before=round(value),
                after=round(later) if isinstance(later, int | float) else None,
                weight=weights.get(name),
                help=help_texts.get(name) or SCORE_HELP.get(name, GENERIC_HELP),
            )
        )
    return result


def key_terms(report: dict[str, Any]) -> list[TermEvidence]:
    """The job's key terms, each found (with the CV lines that show it) or missing."""
    keywords = report.get("keywords") or {}
    evidence = keywords.get("evidence")
    if evidence:
        return [
            TermEvidence(
                term=item.get("term", ""),
                status=item.get("status") or "missing",
                label=STATUS_LABELS.get(item.get("status") or "missing", item.get("status", "")),
                required=item.get("required"),
                matched_as=item.get("matched_as"),
                lines=[line for line in item.get("lines") or [] if line.get("text")],
                suggestion=item.get("suggestion"),
            )
            for item in evidence
            if item.get("term")
        ]
    # Older reports: only the matched and missing lists
    required = {t.get("text"): t.get("required") for t in keywords.get("job") or []}
    found = [
        TermEvidence(term=t, status="exact", label="found", required=required.get(t))
        for t in keywords.get("matched") or []
    ]
    missing = [
        TermEvidence(term=t, status="missing", label="missing", required=required.get(t))
        for t in keywords.get("missing") or []
    ]
    return found + missing


def finding_groups(report: dict[str, Any]) -> list[FindingGroup]:
    """Findings grouped by kind, with how often each occurs and up to five examples."""
    groups: dict[str, FindingGroup] = {}
    for finding in report.get("findings") or []:
        code = finding.get("code") or finding.get("message", "")
        excerpts = list(finding.get("excerpts") or [])
        if not excerpts and finding.get("excerpt"):
            excerpts = [finding["excerpt"]]
        count = finding.get("count") or max(1, len(excerpts))
        group = groups.get(code)
        if group is None:
            groups[code] = FindingGroup(
                code=code,
                severity=finding.get("severity", "info"),
                message=finding.get("message", ""),
                count=count,
                excerpts=excerpts[:5],
            )
            continue
        # The same kind listed once per occurrence (older reports): merge
        group.count += count
        group.excerpts = (group.excerpts + [e for e in excerpts if e not in group.excerpts])[:5]
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(groups.values(), key=lambda g: (order.get(g.severity, 3), -g.count))


def change_views(report: dict[str, Any], rejected: list[str] | None) -> list[ChangeView]:
    """Every change, side by side, marked kept or rejected by the user's stored choices."""
    rejected_ids = set(rejected or [])
    return [
        ChangeView(
            id=change.get("id"),
            path=change.get("path"),
            before=change.get("before", ""),
            after=change.get("after", ""),
            reason=change.get("reason", ""),
            can_reject=reversible(change),
            kept=change.get("id") not in rejected_ids,
        )
        for change in report.get("changes") or []
    ]


def reversible_ids(report: dict[str, Any]) -> list[str]:
    return [c["id"] for c in report.get("changes") or [] if reversible(c)]


def dropped_lines(report: dict[str, Any]) -> list[dict[str, str]]:
    """Source lines the rewrite removed on purpose, with the reason shown to the user."""
    preserved = report.get("preserved") or {}
    return [
        {"line": item.get("line", ""), "reason": item.get("reason", "")}
        for item in preserved.get("dropped_lines") or []
        if item.get("line")
    ]
