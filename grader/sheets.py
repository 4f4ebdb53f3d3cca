"""A spreadsheet of answers (.csv, .tsv, .xlsx): one answer per row, as Google Forms, Microsoft Forms and
Moodle quiz responses export them.

The first non-empty row is the header. The id and answer columns are named by the teacher or guessed from
the header's words ("Id", "Email Address", "Student"; "Answer", "Response", "EssayText"); a guess that is
not clear is refused with the columns listed, never made silently. Each row keeps its spreadsheet row
number, so a result's `file` (`answers.csv#7`) leads back to it.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from .documents import decode_text
from .errors import DocumentError, GraderError

SHEET_SUFFIXES = (".csv", ".tsv", ".xlsx")
MAX_SHEET_BYTES = 50 * 1024 * 1024
#: Header words that name the id column, most telling first; a header takes the rank of its best word.
ID_WORDS = ("id", "student", "email", "username", "user", "name")
#: Header words that name the answer column, most telling first.
TEXT_WORDS = ("answer", "response", "text", "essay")
#: With no telling header, the answer column is the one whose cells are this many times longer than any other's.
LONGEST_FACTOR = 2
_HEADER_WORD = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+")


class SheetError(GraderError):
    """A spreadsheet whose columns cannot be told apart or are missing: a usage error, not a bad answer."""


@dataclass(frozen=True)
class Answer:
    """One row's answer: its spreadsheet row number, the id it gives, and the answer text (maybe empty)."""

    row: int
    student: str
    text: str
    score: str = ""  # the teacher's mark, when the sheet is read for calibration


def is_sheet(path: Path) -> bool:
    """Whether a path names a spreadsheet of answers rather than a folder of essays."""
    return path.suffix.lower() in SHEET_SUFFIXES and not path.is_dir()


def read_answers(path: Path, id_column: str | None = None, text_column: str | None = None,
                 score_column: str | None = None) -> list[Answer]:
    """Every answer row of the sheet in sheet order (rows with neither id nor answer are left out); with
    `score_column`, each row's mark from that column too."""
    name = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise DocumentError(name, "file not found") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot read the file ({exc.strerror or exc})") from None
    if size > MAX_SHEET_BYTES:
        raise DocumentError(name, f"the spreadsheet is too large ({size:,} bytes; the limit is {MAX_SHEET_BYTES:,}): "
                                  "split it")
    rows = _xlsx_rows(path) if path.suffix.lower() == ".xlsx" else _text_rows(path)
    numbered = [(n, [cell.strip() for cell in row]) for n, row in enumerate(rows, 1)]
    numbered = [(n, row) for n, row in numbered if any(row)]
    if not numbered:
        raise DocumentError(name, "the spreadsheet is empty")
    (_, header), body = numbered[0], numbered[1:]
    ids = _column(name, header, id_column, ID_WORDS, "id", "--id-column")
    texts = _column(name, header, text_column, TEXT_WORDS, "answer", "--text-column", exclude=ids,
                    longest=[row for _, row in body])
    if ids == texts:
        raise SheetError(name, f"the id and the answer cannot be the same column ('{header[ids]}')")
    scores = None if score_column is None else _column(name, header, score_column, (), "score", "--score-column")
    if not body:
        raise DocumentError(name, "the spreadsheet has a header but no answers")
    answers = []
    for number, row in body:
        cells = row + [""] * (len(header) - len(row))
        if cells[ids] or cells[texts]:
            answers.append(Answer(number, cells[ids], cells[texts], cells[scores] if scores is not None else ""))
    return answers


def _text_rows(path: Path) -> list[list[str]]:
    """A .csv (comma or semicolon, as Excel writes it in many countries) or .tsv, in any encoding grader reads."""
    text = decode_text(path.read_bytes(), str(path))
    if path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise DocumentError(str(path), f"not a readable {path.suffix.lower()} file ({exc})") from None


def _xlsx_rows(path: Path) -> list[list[str]]:
    """The first worksheet's cells as text (numbers as a person would type them: 12, not 12.0)."""
    import zipfile

    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise DocumentError(str(path), f"not a readable .xlsx workbook ({type(exc).__name__})") from None
    try:
        sheet = book.worksheets[0]
        return [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _clearly_longest(header: list[str], rows: list[list[str]], exclude: int | None) -> int | None:
    """The column whose cells are on average at least twice as long as any other's, if there is one."""
    lengths = []
    for i in range(len(header)):
        cells = [row[i] for row in rows if i < len(row)]
        lengths.append((sum(map(len, cells)) / len(cells) if cells and i != exclude else 0.0, i))
    lengths.sort(reverse=True)
    if len(lengths) == 1 or lengths[0][0] >= LONGEST_FACTOR * lengths[1][0] > 0 or (lengths[0][0] and not lengths[1][0]):
        return lengths[0][1]
    return None


def _header_words(header: str) -> list[str]:
    """A header's words, case folded: "EssayText" -> essay, text; "Email Address" -> email, address."""
    return [w.casefold() for w in _HEADER_WORD.findall(header)]


def _column(name: str, header: list[str], wanted: str | None, words: tuple[str, ...], what: str, option: str,
            exclude: int | None = None, longest: list[list[str]] | None = None) -> int:
    """The index of the column the teacher named (by header or 1-based number), or the one whose header's
    words rank best; with `longest` (the rows), failing that, the column of clearly the longest cells (a form
    export whose answer column is headed by the question itself)."""
    listed = ", ".join(f"'{h}'" for h in header)
    if wanted is not None:
        for i, h in enumerate(header):
            if h.casefold() == wanted.strip().casefold():
                return i
        if wanted.strip().isdigit() and 1 <= int(wanted) <= len(header):
            return int(wanted) - 1
        raise SheetError(name, f"no column '{wanted}' (the columns are {listed})")
    ranks = {}
    for i, h in enumerate(header):
        found = [words.index(w) for w in _header_words(h) if w in words]
        if found and i != exclude:
            ranks[i] = min(found)
    if not ranks and longest:
        clear = _clearly_longest(header, longest, exclude)
        if clear is not None:
            return clear
    if not ranks:
        raise SheetError(name, f"cannot tell which column holds the {what}: name it with {option} "
                               f"(the columns are {listed})")
    best = min(ranks.values())
    tied = [i for i, r in ranks.items() if r == best]
    if len(tied) > 1:
        raise SheetError(name, f"cannot tell which column holds the {what} ("
                               f"{' or '.join(repr(header[i]) for i in tied)}): name it with {option}")
    return tied[0]
