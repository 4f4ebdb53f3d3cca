"""Export: graded essays → the gradebook file a school LMS imports (a Canvas gradebook export, a Moodle
grading worksheet) or a plain CSV.

The teacher downloads the file from the LMS, grader fills in the marks, and the teacher uploads it again.
The LMS compares what comes back with what it sent, so every row and column grader has no mark for is
kept as it was: the header and untouched rows come back byte for byte. Essays are matched to roster rows
by the student's name; a match that is not exact is reported with its similarity, and one that is not
clear (two rows equally close, two essays for one row) is left undone and reported, never guessed.
"""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .batch import neutralise
from .errors import GraderError
from .files import write_atomic

#: Least rapidfuzz token_sort_ratio (0-100) for a name that is not exact to match a roster row. At 85,
#: "Tom Lee" would take "Tim Lee" (85.7); typos in longer names ("Jonathon Perry") score 90 or more.
FUZZY_THRESHOLD = 88.0
#: Decimal places kept of a fuzzy match's similarity in the report.
SIMILARITY_DECIMALS = 1

#: Canvas columns that say who the student is; the other columns are assignments or computed totals.
CANVAS_IDENTITY = ("Student", "ID", "SIS User ID", "SIS Login ID", "Integration ID", "Root Account", "Section")
#: Words in the headers of columns Canvas computes itself (totals, group scores, grades); an import ignores them.
CANVAS_COMPUTED = ("Current Score", "Current Points", "Current Grade", "Final Score", "Final Points", "Final Grade",
                   "Unposted", "Override Score", "Override Grade")
#: First cell, after stripping spaces, of the row under Canvas's header that gives each assignment's points.
CANVAS_POINTS_ROW = "Points Possible"
#: The columns a Moodle grading worksheet must have for grader to fill it.
MOODLE_NAME, MOODLE_GRADE, MOODLE_FEEDBACK = "Full name", "Grade", "Feedback comments"

CSV_HEADER = ("student", "name", "mark", "band", "feedback")
_BOM = b"\xef\xbb\xbf"
_CANVAS_ID = re.compile(r"\(\d+\)\s*$")
_NOT_NAME = re.compile(r"[\W_]+")


class LmsError(GraderError):
    """A roster file grader cannot fill: missing, unreadable, or without the columns it needs."""


@dataclass(frozen=True)
class Marked:
    """One graded essay as an export needs it."""

    student: str  # the essay's file name without extension ("alice_smith")
    name: str  # the student's name from the essay's name line ("Alice Smith"), or == student
    mark: int | None  # None when the essay could not be marked
    band: str
    feedback: str  # plain text for the student; may hold newlines


@dataclass
class ExportReport:
    """What an export wrote and what it could not match."""

    written: Path
    fuzzy: list[tuple[str, str, float]]  # (essay student, roster name matched, similarity 0-100)
    unmatched_essays: list[str]  # essays no roster row took
    unmatched_students: list[str]  # roster rows no essay filled (their display name)


@dataclass
class _Record:
    """One CSV record: its cells and the exact text it was read from, so an untouched row is written back as it was."""

    cells: list[str]
    raw: str
    changed: bool = False


@dataclass(frozen=True)
class _Roster:
    path: Path
    bom: bool
    records: list[_Record]
    header: int  # index of the header record

    @property
    def columns(self) -> list[str]:
        return self.records[self.header].cells


@dataclass(frozen=True)
class Matching:
    """Which essay fills which roster row, and what could not be matched."""

    taken: dict[int, Marked]  # roster row index → its essay
    fuzzy: list[tuple[str, str, float]]
    unmatched_essays: list[str]
    unmatched_students: list[str]


# ------------------------------------------------------------------------------------------------- reading


def _decode(path: Path) -> tuple[str, bool]:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise LmsError(str(path), "file not found") from None
    except IsADirectoryError:
        raise LmsError(str(path), "a folder, not a CSV file") from None
    except OSError as error:
        raise LmsError(str(path), f"cannot read the file ({error.strerror or error})") from None
    bom = data.startswith(_BOM)
    data = data[len(_BOM):] if bom else data
    if not data.strip():
        raise LmsError(str(path), "the file is empty")
    if b"\x00" in data:
        raise LmsError(str(path), "binary data, not a CSV file (download the gradebook as CSV)")
    try:
        return data.decode("utf-8"), bom
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), bom
    except UnicodeDecodeError:
        raise LmsError(str(path), "the file is neither UTF-8 nor cp1252 text") from None


def _lines(text: str) -> list[str]:
    """Lines with their endings; only \\n ends a line (str.splitlines would also split on \\x0b, \\x1c, ...)."""
    pieces = text.split("\n")
    return [piece + "\n" for piece in pieces[:-1]] + ([pieces[-1]] if pieces[-1] else [])


def _records(text: str, path: Path) -> list[_Record]:
    lines = _lines(text)
    consumed: list[str] = []

    def feed():
        for line in lines:
            consumed.append(line)
            yield line

    reader = csv.reader(feed())
    records: list[_Record] = []
    start = 0
    try:
        for cells in reader:
            records.append(_Record(cells, "".join(consumed[start:])))
            start = len(consumed)
    except csv.Error as error:
        raise LmsError(str(path), f"not valid CSV ({error})", line=start + 1) from None
    return records


def _read_roster(path: Path) -> _Roster:
    text, bom = _decode(path)
    records = _records(text, path)
    header = next((i for i, r in enumerate(records) if any(c.strip() for c in r.cells)), None)
    if header is None:
        raise LmsError(str(path), "the file is empty")
    return _Roster(path, bom, records, header)


def _column(roster: _Roster, wanted: str, kind: str) -> int:
    """The index of the column headed `wanted` (spaces and case aside); LmsError naming it if there is none."""
    for i, cell in enumerate(roster.columns):
        if cell.strip().casefold() == wanted.casefold():
            return i
    found = ", ".join(c.strip() for c in roster.columns)
    raise LmsError(str(roster.path), f'not a {kind}: no "{wanted}" column (the header has: {found})')


# ------------------------------------------------------------------------------------------------ matching


def normalise_name(name: str) -> str:
    """A name as compared: case-folded, without accents or punctuation, "Last, First" turned to "First Last"."""
    last, comma, first = name.partition(",")
    name = f"{first} {last}" if comma else name
    name = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return _NOT_NAME.sub(" ", name.casefold()).strip()


def _keys(essay: Marked) -> set[str]:
    return {key for key in (normalise_name(essay.name), normalise_name(essay.student)) if key}


def _best_row(essay: Marked, rows: dict[int, str]) -> tuple[int, bool, float] | None:
    """The one row the essay matches best as (row, exact, similarity); None when none is close enough or two tie."""
    from rapidfuzz import fuzz

    keys = _keys(essay)
    exact = [row for row, name in rows.items() if name in keys]
    if exact:
        return (exact[0], True, 100.0) if len(exact) == 1 else None
    scores = {row: max(fuzz.token_sort_ratio(key, name) for key in keys) for row, name in rows.items()}
    close = {row: score for row, score in scores.items() if score >= FUZZY_THRESHOLD}
    if not close:
        return None
    best = max(close.values())
    winners = [row for row, score in close.items() if score == best]
    return (winners[0], False, best) if len(winners) == 1 else None


def match_students(names: dict[int, str], marked: list[Marked]) -> Matching:
    """Pair essays with roster rows (`names`: row index → display name, in roster order).

    Each essay picks its closest row; a row wanted by several essays goes to the closest of them (an exact
    match beats any fuzzy one), and to none when they tie. Losers are not tried on their next-best row.
    """
    rows = {row: key for row, name in names.items() if (key := normalise_name(name))}
    bids: dict[int, list[tuple[bool, float, int]]] = {}  # row → (exact, similarity, essay index)
    unmatched: list[int] = []
    for index, essay in enumerate(marked):
        best = _best_row(essay, rows) if _keys(essay) else None
        if best is None:
            unmatched.append(index)
        else:
            bids.setdefault(best[0], []).append((best[1], best[2], index))
    taken: dict[int, Marked] = {}
    fuzzy: list[tuple[int, str, float]] = []  # (essay index, roster name, similarity)
    for row, offers in bids.items():
        offers.sort(key=lambda offer: (offer[0], offer[1]), reverse=True)
        if len(offers) > 1 and offers[0][:2] == offers[1][:2]:
            unmatched.extend(offer[2] for offer in offers)
            continue
        exact, score, index = offers[0]
        taken[row] = marked[index]
        unmatched.extend(offer[2] for offer in offers[1:])
        if not exact:
            fuzzy.append((index, names[row], round(score, SIMILARITY_DECIMALS)))
    return Matching(taken, [(marked[i].student, name, score) for i, name, score in sorted(fuzzy)],
                    [marked[i].student for i in sorted(unmatched)],
                    [name for row, name in names.items() if row in rows and row not in taken])


# ------------------------------------------------------------------------------------------------- writing


def _set(record: _Record, column: int, value: str) -> None:
    record.cells.extend([""] * (column + 1 - len(record.cells)))
    record.cells[column] = value
    record.changed = True


def _serialise(record: _Record) -> str:
    if not record.changed:
        return record.raw
    ending = "\r\n" if record.raw.endswith("\r\n") else "\n" if record.raw.endswith("\n") else ""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator=ending).writerow(record.cells)
    return buffer.getvalue()


def _write_roster(roster: _Roster, out: Path) -> None:
    data = "".join(_serialise(record) for record in roster.records).encode("utf-8")
    write_atomic(out, (_BOM if roster.bom else b"") + data)


def _student_rows(roster: _Roster, name_column: int) -> dict[int, str]:
    """Row index → display name, for the rows below the header that name a student."""
    names: dict[int, str] = {}
    for i, record in enumerate(roster.records[roster.header + 1:], start=roster.header + 1):
        name = record.cells[name_column].strip() if name_column < len(record.cells) else ""
        if name and name != CANVAS_POINTS_ROW:
            names[i] = name
    return names


def _report(out: Path, matching: Matching) -> ExportReport:
    return ExportReport(out, matching.fuzzy, matching.unmatched_essays, matching.unmatched_students)


# -------------------------------------------------------------------------------------------------- canvas


def canvas_assignments(columns: list[str]) -> list[int]:
    """The indexes of a Canvas header's assignment columns: neither who the student is nor a computed total."""
    identity = {name.casefold() for name in CANVAS_IDENTITY}
    found = []
    for i, column in enumerate(columns):
        name = column.strip()
        computed = any(word.casefold() in name.casefold() for word in CANVAS_COMPUTED) and not _CANVAS_ID.search(name)
        if name and name.casefold() not in identity and not computed:
            found.append(i)
    return found


def _quoted(columns: list[str], indexes: list[int]) -> str:
    return ", ".join(f'"{columns[i].strip()}"' for i in indexes)


def _assignment_column(roster: _Roster, assignment: str | None) -> int:
    columns = roster.columns
    candidates = canvas_assignments(columns)
    where = str(roster.path)
    if not candidates:
        raise LmsError(where, "no assignment column in this Canvas gradebook")
    if assignment is None:
        if len(candidates) > 1:
            raise LmsError(where, f"several assignment columns, name one with --assignment: {_quoted(columns, candidates)}")
        return candidates[0]
    wanted = assignment.strip().casefold()
    tests = (lambda name: name == assignment.strip(), lambda name: name.casefold() == wanted,
             lambda name: name.rpartition(" (")[0].strip().casefold() == wanted)
    for test in tests:
        hits = [i for i in candidates if test(columns[i].strip())]
        if len(hits) == 1:
            return hits[0]
        if hits:
            raise LmsError(where, f'"{assignment}" names several assignment columns: {_quoted(columns, hits)}')
    raise LmsError(where, f'no assignment column "{assignment}"; the assignment columns are: {_quoted(columns, candidates)}')


def export_canvas(roster: Path, marked: list[Marked], out: Path, assignment: str | None = None) -> ExportReport:
    """Fill one assignment's column of a Canvas gradebook export with the marks, for Canvas to import again."""
    sheet = _read_roster(Path(roster))
    name_column = _column(sheet, "Student", "Canvas gradebook export")
    column = _assignment_column(sheet, assignment)
    matching = match_students(_student_rows(sheet, name_column), marked)
    for row, essay in matching.taken.items():
        if essay.mark is not None:  # an essay that could not be marked never blanks a mark already there
            _set(sheet.records[row], column, str(essay.mark))
    _write_roster(sheet, Path(out))
    return _report(Path(out), matching)


# -------------------------------------------------------------------------------------------------- moodle


def export_moodle(roster: Path, marked: list[Marked], out: Path) -> ExportReport:
    """Fill a Moodle assignment's grading worksheet with marks and feedback, for Moodle to import again."""
    sheet = _read_roster(Path(roster))
    kind = "Moodle grading worksheet"
    name_column, grade, feedback = (_column(sheet, c, kind) for c in (MOODLE_NAME, MOODLE_GRADE, MOODLE_FEEDBACK))
    matching = match_students(_student_rows(sheet, name_column), marked)
    for row, essay in matching.taken.items():
        if essay.mark is not None:
            _set(sheet.records[row], grade, str(essay.mark))
        _set(sheet.records[row], feedback, essay.feedback)  # says why, when the essay could not be marked
    _write_roster(sheet, Path(out))
    return _report(Path(out), matching)


# ----------------------------------------------------------------------------------------------------- csv


def export_csv(marked: list[Marked], out: Path) -> ExportReport:
    """One row per essay, for any LMS or spreadsheet: UTF-8 with a BOM (so Excel reads it), formulas disarmed."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for essay in marked:
        mark = "" if essay.mark is None else str(essay.mark)
        writer.writerow([neutralise(essay.student), neutralise(essay.name), mark, neutralise(essay.band),
                         neutralise(essay.feedback)])
    write_atomic(Path(out), _BOM + buffer.getvalue().encode("utf-8"))
    return ExportReport(Path(out), [], [], [])


def marked_from_results(path: Path) -> list[Marked]:
    """A batch's results.jsonl as the essays an export fills in: the mark, the band, and a plain-text summary
    of the feedback (the mark, the teacher's comment, the priorities)."""
    import json

    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        result = json.loads(line)
        scale = result["rubric"].get("mark", {})
        lines = [f"Mark: {result['mark']} / {scale.get('max', '')} ({result['band']})." if result["mark"] is not None
                 else f"Not marked ({result['band']})."]
        if result.get("teacher_comment"):
            lines.append(f"Your teacher: {result['teacher_comment']}")
        lines += [f"{k}. {item}" for k, item in enumerate(result["improvements"], 1)]
        out.append(Marked(result["student"], result.get("name") or result["student"], result["mark"], result["band"],
                          "\n".join(lines)))
    return out

