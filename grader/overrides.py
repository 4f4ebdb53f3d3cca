"""A teacher's decisions about a batch, kept in `OUTDIR/overrides.csv` and applied on every re-run.

One row per decision: `student,part,level,mark,comment,note,essay_hash`. With a `part`, the row sets that
part's level (0 missing, 1 thin, 2 developed) and may add a comment for the student; without one, it is
about the whole essay: a `mark` the teacher sets, a comment, a note for the teacher alone. `essay_hash`
ties the decision to the text it was made on: when the essay has changed since, the decision is not
applied and the teacher is told, as for a student or part the batch no longer has. Nothing is dropped
silently. The file may be edited in a spreadsheet: UTF-8 with or without BOM, or cp1252, comma- or
semicolon-separated, and the gradebook's formula guard (a leading `'`) is taken off.
"""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

from .errors import DocumentError
from .results import PERCENT, ElementResult, GradeResult, half_up
from .rubric import Rubric

HEADER = ["student", "part", "level", "mark", "comment", "note", "essay_hash"]
FILE_NAME = "overrides.csv"
#: Characters of the text's SHA-256 kept as its fingerprint: enough to tell any two essays apart.
HASH_CHARS = 16


@dataclass(frozen=True)
class Override:
    """One row of overrides.csv."""

    row: int
    student: str
    part: str
    level: int | None
    mark: int | None
    comment: str
    note: str
    essay_hash: str


def essay_hash(text: str) -> str:
    """The fingerprint of an essay's text, as the review page writes it."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


def read_overrides(path: Path) -> list[Override]:
    """Every decision in the file (none when there is no file); a malformed row is a one-line error naming it."""
    if not path.is_file():
        return []
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";" if first.count(";") > first.count(",") else ","))
    if not rows:
        return []
    header = [h.strip().lstrip("'").casefold() for h in rows[0]]
    missing = [h for h in ("student", "part", "level") if h not in header]
    if missing:
        raise DocumentError(str(path), f"the header lacks {', '.join(missing)} (it is {','.join(HEADER)})")
    out = []
    for number, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        cells = {h: (row[i].strip().lstrip("'") if i < len(row) else "") for i, h in enumerate(header)}
        where = f"{path}:{number}"
        if not cells.get("student"):
            raise DocumentError(where, "no student named")
        out.append(Override(number, cells["student"], cells.get("part", ""), _whole(cells.get("level", ""), where, "level"),
                            _whole(cells.get("mark", ""), where, "mark"), cells.get("comment", ""),
                            cells.get("note", ""), cells.get("essay_hash", "")))
    return out


def _whole(cell: str, where: str, what: str) -> int | None:
    if not cell:
        return None
    try:
        return int(cell)
    except ValueError:
        raise DocumentError(where, f"{what} must be a whole number, got '{cell}'") from None


def apply_overrides(result: GradeResult, rubric: Rubric, text: str, overrides: list[Override]) -> tuple[GradeResult, list[str]]:
    """The result with the teacher's decisions in place (the grader's own levels and mark kept beside them),
    and what could not be applied, one line each."""
    problems: list[str] = []
    if not result.marked:
        return result, [f"{FILE_NAME}: {result.student}: the essay is not marked ({result.band}); its decisions wait"]
    fingerprint = essay_hash(text)
    levels = {e.id: e.level for e in result.elements}
    comments: dict[str, str] = {}
    whole_mark = None
    whole_comment = ""
    low, high = rubric.mark.min, rubric.mark.max
    for o in overrides:
        where = f"{FILE_NAME}:{o.row}: {o.student}"
        if o.essay_hash and o.essay_hash != fingerprint:
            problems.append(f"{where}: the essay has changed since this decision; it was not applied")
            continue
        if o.part:
            if o.part not in levels:
                problems.append(f"{where}: '{o.part}' is not a part of this rubric ({', '.join(levels)})")
                continue
            if o.level is not None:
                if not 0 <= o.level <= 2:
                    problems.append(f"{where}: level {o.level} is not 0, 1 or 2")
                    continue
                levels[o.part] = o.level
            if o.comment:
                comments[o.part] = o.comment
        else:
            if o.mark is not None:
                if not low <= o.mark <= high:
                    problems.append(f"{where}: mark {o.mark} is outside the scale {low}-{high}")
                    continue
                whole_mark = o.mark
            whole_comment = o.comment or whole_comment
    changed = {e.id for e in result.elements if levels[e.id] != e.level}
    if not changed and not comments and whole_mark is None and not whole_comment:
        return result, problems
    return _rescored(result, rubric, levels, changed, comments, whole_mark, whole_comment), problems


def _rescored(result: GradeResult, rubric: Rubric, levels: dict[str, int], changed: set[str], comments: dict[str, str],
              whole_mark: int | None, whole_comment: str) -> GradeResult:
    """The result's points, score, percent, band and mark worked out again from the teacher's levels."""
    from .marks import count_parts, mark_from_percent
    from .scoring import band_for

    settings = rubric.compiled.settings["developed"]
    counted = count_parts(rubric, levels) if rubric.scoring else None
    kept = 1 - (0.0 if all(level == 2 for level in levels.values()) else settings.complete_share)
    elements: list[ElementResult] = []
    for e in result.elements:
        element = rubric.element(e.id)
        level = levels[e.id]
        if counted is not None:
            points = float(e.id in counted.parts)
        else:
            points = element.weight * (0, settings.thin_credit, 1)[level] * kept
        feedback = e.feedback if e.id not in changed else element.feedback.phrasings(level)[0]
        elements.append(e.model_copy(update={
            "level": level, "points": half_up(points, 2), "feedback": feedback,
            "grader_level": e.level if e.id in changed else e.grader_level,
            "adjusted_by_teacher": e.adjusted_by_teacher or e.id in changed or e.id in comments,
            "teacher_comment": comments.get(e.id, e.teacher_comment)}))
    score = sum(e.points for e in elements)
    max_score = result.max_score
    percent = half_up(PERCENT * score / max_score if max_score else 0.0, 1)
    computed = counted.mark if counted is not None else mark_from_percent(rubric, percent)
    return result.model_copy(update={
        "elements": elements, "score": half_up(score, 2), "percent": percent, "band": band_for(rubric, percent),
        "mark": whole_mark if whole_mark is not None else computed,
        "grader_mark": result.mark if (whole_mark is not None or changed) else result.grader_mark,
        "adjusted_by_teacher": True, "teacher_comment": whole_comment or result.teacher_comment})
