"""The registry of PDF templates: name -> description and render function."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

from ...document import CVDocument
from ..base import PdfMeta, RenderError, TemplateInfo
from ..theme import Theme
from . import classic, compact, modern

_MODULES: dict[str, ModuleType] = {m.INFO.name: m for m in (classic, modern, compact)}
TEMPLATES: dict[str, TemplateInfo] = {name: m.INFO for name, m in _MODULES.items()}

RenderFunction = Callable[[CVDocument, bytes | None, PdfMeta], bytes]


def _module(name: str) -> ModuleType:
    try:
        return _MODULES[name]
    except (KeyError, TypeError):
        valid = ", ".join(sorted(_MODULES))
        raise RenderError(f"Unknown template {name!r}; choose one of: {valid}.") from None


def renderer(name: str) -> RenderFunction:
    return _module(name).render


def theme(name: str) -> Theme:
    return _module(name).THEME
