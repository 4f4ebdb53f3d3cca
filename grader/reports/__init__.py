"""Reports: render a GradeResult. JSON and terminal text are small pure functions here."""
from __future__ import annotations

from ..results import GradeResult
from .text import render_text

FORMATS = ("text", "json")


def render(result: GradeResult, fmt: str = "text") -> str:
    """The result in one of FORMATS, as text ending in a newline."""
    if fmt == "json":
        return result.to_json(indent=2) + "\n"
    if fmt == "text":
        return render_text(result)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
