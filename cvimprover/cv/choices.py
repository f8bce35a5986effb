"""Undo the changes a user rejected: the improved CV with only the accepted changes."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

from cvimprover.cv.document import CVDocument

# Changes are recorded by cvimprover/cv/rewrite.py with a `path` in the improved document:
#   sections.S.entries.E.bullets.B   one bullet rewritten (before -> after)
#   sections.S.entries.E.bullets     the bullets reordered (before/after: one bullet a line)
#   sections.S.items                 the skills list (before/after: items joined by ", ")
#   sections.S.text                  the summary (an empty `before` means it was added)
# A change without a path (for example a language model's rewording) cannot be undone
# here; it stays.


def reversible(change: dict[str, Any]) -> bool:
    """True when `change` can be rejected (it says where it applies)."""
    return bool(change.get("id")) and _parse(change.get("path") or "") is not None


def apply_choices(
    improved: dict[str, Any], changes: Iterable[dict[str, Any]], rejected: Iterable[str]
) -> CVDocument:
    """The improved document with every change whose id is in `rejected` undone.

    Undoing is by content, not only by index: a change whose `after` text is no longer
    where it was recorded (the document was edited since) is skipped, never misapplied.
    """
    rejected = set(rejected)
    data = copy.deepcopy(improved)
    sections = data.get("sections", [])
    chosen = [c for c in changes if c.get("id") in rejected and reversible(c)]
    # Reorders first: a rewritten bullet is then found by its text wherever it stands
    chosen.sort(key=lambda c: 0 if _parse(c["path"])[1] == "order" else 1)
    emptied: set[int] = set()
    for change in chosen:
        section_index, kind, entry_index, bullet_index = _parse(change["path"])
        if section_index >= len(sections):
            continue
        section = sections[section_index]
        if kind == "text":
            if section.get("text") == change["after"]:
                section["text"] = change["before"]
                if not change["before"].strip():
                    emptied.add(section_index)
        elif kind == "items":
            if ", ".join(section.get("items", [])) == change["after"]:
                section["items"] = _split_items(change["before"])
                if not section["items"]:
                    emptied.add(section_index)
        else:
            entries = section.get("entries", [])
            if entry_index >= len(entries):
                continue
            bullets = entries[entry_index].setdefault("bullets", [])
            if kind == "order":
                if "\n".join(bullets) == change["after"]:
                    entries[entry_index]["bullets"] = change["before"].split("\n")
            else:
                _undo_bullet(bullets, bullet_index, change["before"], change["after"])
    # A section the rewrite added and the user rejected disappears (indices above stay valid
    # until here because removal happens last)
    data["sections"] = [s for i, s in enumerate(sections) if i not in emptied or _has_content(s)]
    return CVDocument.from_dict(data)


def _undo_bullet(bullets: list[str], index: int, before: str, after: str) -> None:
    if index < len(bullets) and bullets[index] == after:
        bullets[index] = before
    elif after in bullets:
        bullets[bullets.index(after)] = before


def _split_items(text: str) -> list[str]:
    return [item for item in text.split(", ") if item.strip()] if text.strip() else []


def _has_content(section: dict[str, Any]) -> bool:
    return bool(
        (section.get("text") or "").strip() or section.get("items") or section.get("entries")
    )


def _parse(path: str) -> tuple[int, str, int, int] | None:
    """(section, kind, entry, bullet) for a change's path; kind is text, items, order or
    bullet; None for a path this module does not know."""
    parts = path.split(".")
    if len(parts) < 3 or parts[0] != "sections" or not parts[1].isdigit():
        return None
    section = int(parts[1])
    rest = parts[2:]
    if rest == ["text"]:
        return section, "text", 0, 0
    if rest == ["items"]:
        return section, "items", 0, 0
    if len(rest) in (3, 4) and rest[0] == "entries" and rest[1].isdigit() and rest[2] == "bullets":
        if len(rest) == 3:
            return section, "order", int(rest[1]), 0
        if rest[3].isdigit():
            return section, "bullet", int(rest[1]), int(rest[3])
    return None
