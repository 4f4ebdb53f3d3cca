"""Reports: render a GradeResult. JSON and terminal text are small functions; Markdown and HTML are jinja2
templates over the documented context (context.py); the feedback .docx is built with python-docx."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..results import GradeResult
from .text import render_text

if TYPE_CHECKING:
    from ..rubric import Rubric

TEXT_FORMATS = ("text", "json", "md", "html")
FORMATS = TEXT_FORMATS + ("docx",)
SUFFIXES = {"text": ".txt", "json": ".json", "md": ".md", "html": ".html", "docx": ".docx"}
#: Paper sizes reports print on: A4 unless asked.
PAPERS = ("a4", "letter")


def render(result: GradeResult, fmt: str = "text", paper: str = "a4", rubric: Rubric | None = None) -> str:
    """The result in one of TEXT_FORMATS, as text ending in a newline (`paper`: what HTML prints on; `rubric`:
    the rubric it was graded with, for the level descriptors of the rubric grid)."""
    if fmt == "json":
        return result.to_json(indent=2) + "\n"
    if fmt == "text":
        return render_text(result)
    if fmt in ("md", "html"):
        from .context import build_context
        from .templating import render_template

        return render_template(f"report.{fmt}.j2", build_context(result, paper, rubric))
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def render_bytes(result: GradeResult, fmt: str, paper: str = "a4", rubric: Rubric | None = None) -> bytes:
    """The result in any of FORMATS as bytes (UTF-8 text, or a .docx package), printing on `paper`."""
    if fmt == "docx":
        from .docx import feedback_docx

        return feedback_docx(result, paper, rubric)
    return render(result, fmt, paper, rubric).encode("utf-8")
