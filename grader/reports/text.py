"""The terminal report: the mark first, then each part of the question with the student's own sentences."""
from __future__ import annotations

import textwrap

from ..results import LEVEL_NAMES_WITH_TERMS, GradeResult
from .context import held_back_note, part_marks, stance_words
from .quotes import strongest_quotes, unquoted_count

WIDTH = 100


def _fmt(number: float) -> str:
    return f"{number:g}"


def _wrap(text: str, indent: str, first: str | None = None) -> list[str]:
    return textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent=first if first is not None else indent,
                         subsequent_indent=indent) or [first or indent]


def render_text(result: GradeResult) -> str:
    """A plain-text report for the terminal: verdict, evidence quotes, next steps, facts, flags."""
    lines = [f"{result.name}: {result.rubric.title}",
             f"Mark: {result.mark} / {result.rubric.mark.max}, {result.band} "
             f"({_fmt(result.score)} / {_fmt(result.max_score)} points, {result.percent:.1f}%)"
             if result.score is not None and result.percent is not None else f"Mark: none ({result.band})",
             f"Words: {result.word_count}"]
    held_back = held_back_note(result)
    if held_back:
        lines.extend(_wrap(held_back, ""))
    lines.append("")
    quoted: set[int] = set()
    for number, element in enumerate(result.elements if result.marked else [], 1):  # nothing to mark otherwise
        lines.append(f"{number}. {element.title}: {LEVEL_NAMES_WITH_TERMS[element.level]} "
                     f"({part_marks(result, element.points)}/{_fmt(element.max_points)})")
        if element.stance:
            lines.append(f"   Your judgement, as the grader read it: {stance_words(element.stance)}")
        for quote in strongest_quotes(element.evidence, quoted):
            lines.extend(_wrap(f"“{quote.text}” (paragraph {result.shown_paragraph(quote.paragraph)})", "     ", "   - "))
        if unquoted_count(element.evidence):
            lines.append(f"     ... and {unquoted_count(element.evidence)} more")
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
    if result.sentences is not None:
        lines.extend(_explanation(result))
    return "\n".join(lines).rstrip() + "\n"


def _explanation(result: GradeResult) -> list[str]:
    """Every sentence with what it earned and the rule that decided (`grader grade --explain`)."""
    lines = ["Sentence by sentence"]
    for s in result.sentences or []:
        parts = f" {', '.join(s.elements)}" if s.status == "evidence" else ""
        lines.extend(_wrap(f"¶{s.paragraph} [{s.status}{parts}] “{s.text}”", "       ", "   "))
        lines.extend(_wrap(f"{s.rule}: {s.reason}", "       "))
    lines.append("")
    return lines
