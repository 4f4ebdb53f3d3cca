"""The terminal report: the mark first, then each part of the question with the student's own sentences."""
from __future__ import annotations

import textwrap

from ..results import GradeResult

WIDTH = 100
VERDICTS = {0: "missing", 1: "thin: needs developing", 2: "developed"}
MAX_QUOTES = 3


def _fmt(number: float) -> str:
    return f"{number:g}"


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent) or [first or indent]


def render_text(result: GradeResult) -> str:
    """A plain-text report for the terminal: verdict, evidence quotes, next steps, facts, flags."""
    lines = [f"{result.student}: {result.rubric.title}",
             f"Mark: {_fmt(result.score)} / {_fmt(result.max_score)} ({result.percent:.1f}%), {result.band}",
             f"Words: {result.word_count}", ""]
    for number, element in enumerate(result.elements, 1):
        lines.append(f"{number}. {element.title}: {VERDICTS[element.level]} "
                     f"({_fmt(element.points)}/{_fmt(element.max_points)})")
        for quote in element.evidence[:MAX_QUOTES]:
            lines.extend(_wrap(f"“{quote.text}” (paragraph {quote.paragraph})", "     ", "   - "))
        if len(element.evidence) > MAX_QUOTES:
            lines.append(f"     ... and {len(element.evidence) - MAX_QUOTES} more")
        label = "Well done: " if element.level == 2 else "Next step: "
        lines.extend(_wrap(label + element.feedback, "     ", "   "))
        lines.append("")
    if result.facts:
        lines.append("Fact checks")
        for fact in result.facts:
            mark = "right" if fact.status == "correct" else "WRONG"
            lines.extend(_wrap(f"[{mark}] “{fact.text}”", "     ", "   "))
            if fact.status == "incorrect":
                lines.extend(_wrap(f"Correct version: {fact.note}", "     "))
        lines.append("")
    if result.flags:
        lines.append("Flags")
        for flag in result.flags:
            lines.extend(_wrap(f"{flag.code}: {flag.message}", "     ", "   - "))
        lines.append("")
    if result.strengths:
        lines.append("Strengths")
        for s in result.strengths:
            lines.extend(_wrap(s, "     ", "   - "))
        lines.append("")
    if result.improvements:
        lines.append("Priorities")
        for i, s in enumerate(result.improvements[:3], 1):
            lines.extend(_wrap(s, "      ", f"   {i}. "))
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
