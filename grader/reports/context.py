"""The template context: what a student's report shows, built once from a GradeResult.

Templates format this; they never compute marks. Words here are the student's words, not grading jargon:
a level is a verdict ("Developed", "Needs developing", "Missing"), an element is "part of the question".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..results import LEVEL_NAMES, GradeResult, half_up
from .quotes import strongest_quotes, unquoted_count

if TYPE_CHECKING:
    from ..rubric import Rubric

#: What each level means, said to the student under its verdict.
EXPLANATIONS = {
    2: "You answered this part well.",
    1: "You started on this part, but it needs more explanation or evidence.",
    0: "This part of the question is not answered yet.",
}
#: A symbol beside each verdict, so the verdict never depends on colour alone.
SYMBOLS = {2: "✓", 1: "◐", 0: "✗"}
MAX_PRIORITIES = 3
#: A developed part's share of its maximum below which marks were held back (points are rounded to hundredths).
HELD_BACK_MIN = 0.995


#: What stands for a number an essay that was not marked does not have.
NOT_MARKED = "–"


def _number(value: float | None) -> str:
    return NOT_MARKED if value is None else f"{value:g}"


def part_marks(result: GradeResult, points: float) -> str:
    """A part's points as the rubric shows them: to the nearest half mark, whole mark, or exactly."""
    rounding = result.rubric.part_marks
    if rounding == "half":
        points = half_up(points * 2, 0) / 2
    elif rounding == "whole":
        points = half_up(points, 0)
    return f"{points:g}"


@dataclass(frozen=True)
class QuoteView:
    """A sentence of the student's, with where it is."""

    text: str
    paragraph: int


@dataclass(frozen=True)
class PartView:
    """One part of the question: verdict, the sentences that earned it, and the next step."""

    number: int
    title: str
    level: int
    verdict: str
    symbol: str
    explanation: str
    points: str
    max_points: str
    quotes: tuple[QuoteView, ...]
    more_quotes: int
    next_step: str
    done_well: bool
    stance: str  # the judgement the grader read ("not natural"), or "" for a part without stances
    teacher_comment: str = ""
    set_by_teacher: bool = False  # the teacher chose this level


@dataclass(frozen=True)
class FactView:
    """A checked claim: the student's words and, when wrong, the correct version."""

    correct: bool
    text: str
    note: str


@dataclass(frozen=True)
class GridRow:
    """One part in the rubric grid: each level's descriptor, and which level the essay reached."""

    title: str
    cells: tuple[tuple[str, bool], ...]  # (descriptor, reached) for missing, thin, developed
    marks: str


@dataclass(frozen=True)
class ReportContext:
    """Everything the report templates may use."""

    student: str
    file: str
    title: str
    score: str
    max_score: str
    percent: str
    mark: str
    mark_max: str
    band: str
    word_count: int
    parts: tuple[PartView, ...]
    wrong_facts: tuple[FactView, ...]
    right_facts: tuple[FactView, ...]
    flags: tuple[str, ...]
    strengths: tuple[str, ...]
    priorities: tuple[str, ...]
    held_back: str = ""
    paper: str = "A4"  # the CSS page size a printed HTML report takes
    grid: tuple[GridRow, ...] = ()
    teacher_comment: str = ""
    level_names: tuple[str, str, str] = ("", "", "")


def held_back_note(result: GradeResult) -> str:
    """Why developed parts show less than their full marks: the rubric keeps a share of every part's marks
    for a complete answer. Read from the result itself (a developed part's points against its maximum)."""
    shares = [e.points / e.max_points for e in result.elements if e.level == 2 and e.max_points]
    if not shares or min(shares) >= HELD_BACK_MIN:
        return ""
    kept = f"{min(shares) * 100:.0f}%"
    return (f"Each part earns {kept} of its marks until every part is developed: "
            "the full marks are for a complete answer.")


def stance_words(stance: str | None) -> str:
    """A stance id as words ("not_natural" -> "not natural"), or "" when there is none."""
    return stance.replace("_", " ") if stance else ""


def grid_rows(result: GradeResult, rubric: Rubric | None) -> tuple[GridRow, ...]:
    """The rubric grid: every part by its levels, with the rubric's descriptors where it gives them (a report
    rendered without the rubric shows the level names)."""
    rows = []
    known = {e.id: e for e in rubric.elements} if rubric is not None else {}
    for element in result.elements:
        levels = known[element.id].levels if element.id in known else None
        given = (levels.missing, levels.thin, levels.developed) if levels is not None else (None, None, None)
        cells = tuple((text or LEVEL_NAMES[k].capitalize(), element.level == k) for k, text in enumerate(given))
        rows.append(GridRow(element.title, cells, f"{part_marks(result, element.points)} of {_number(element.max_points)}"))
    return tuple(rows)


def _facts_once(result: GradeResult) -> list[FactView]:
    """The fact checks with each sentence listed once: a sentence with two wrong claims shows both corrections
    together, and a sentence shown as wrong is not listed again as accurate."""
    wrong: dict[str, list[str]] = {}
    right: list[str] = []
    for f in result.facts:
        text = " ".join(f.text.split())
        if f.status == "incorrect":
            notes = wrong.setdefault(text, [])
            if f.note not in notes:
                notes.append(f.note)
        elif text not in right:
            right.append(text)
    return ([FactView(False, text, " ".join(notes)) for text, notes in wrong.items()]
            + [FactView(True, text, "") for text in right if text not in wrong])


def build_context(result: GradeResult, paper: str = "a4", rubric: Rubric | None = None) -> ReportContext:
    """The report's content, in the order a student reads it."""
    parts = []
    quoted: set[int] = set()
    for number, element in enumerate(result.elements, 1):
        parts.append(PartView(
            number=number, title=element.title, level=element.level, verdict=LEVEL_NAMES[element.level].capitalize(),
            symbol=SYMBOLS[element.level], explanation=EXPLANATIONS[element.level], points=part_marks(result, element.points),
            max_points=_number(element.max_points),
            quotes=tuple(QuoteView(" ".join(q.text.split()), result.shown_paragraph(q.paragraph))
                         for q in strongest_quotes(element.evidence, quoted)),
            more_quotes=unquoted_count(element.evidence),
            next_step=element.feedback, done_well=element.level == 2,
            stance=stance_words(element.stance), teacher_comment=element.teacher_comment or "",
            set_by_teacher=element.grader_level is not None))
    facts = _facts_once(result)
    return ReportContext(
        student=result.name, file=result.file, title=result.rubric.title, score=_number(result.score),
        max_score=_number(result.max_score), percent=_number(result.percent),
        mark="" if result.mark is None else str(result.mark), mark_max=str(result.rubric.mark.max), band=result.band,
        word_count=result.word_count, parts=tuple(parts) if result.marked else (),
        wrong_facts=tuple(f for f in facts if not f.correct), right_facts=tuple(f for f in facts if f.correct),
        flags=tuple(f.message for f in result.flags), strengths=tuple(result.strengths),
        priorities=tuple([i for i in result.improvements if i not in {f.message for f in result.flags}][:MAX_PRIORITIES]),
        held_back=held_back_note(result), paper="letter" if paper == "letter" else "A4",
        grid=grid_rows(result, rubric) if result.marked else (), teacher_comment=result.teacher_comment or "",
        level_names=tuple(name.capitalize() for name in LEVEL_NAMES))  # type: ignore[arg-type]
