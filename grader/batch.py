"""Batch: a folder of essays, or a spreadsheet of answers (one per row), → one result each, written as a
gradebook, results.jsonl, a report per student, the class overview and overlap.csv (DESIGN section 6).

Essays are graded in parallel processes; results are written in sorted path order, so the files do not
depend on the number of workers and a re-run gives identical bytes. Every file is written to a
temporary name and renamed when complete: an interrupted batch leaves only complete files. Results
stream to disk; what is kept per essay for the overview is a few numbers, so memory stays flat.
"""
from __future__ import annotations

import csv
import json
import os
import re
import unicodedata
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, Iterator

from .defaults import DEFAULT_RUBRIC_ID
from .errors import DocumentError, GraderError
from .files import AtomicText, find_essays, write_atomic, write_atomic_parts
from .rubric import Rubric, load_rubric
from .sources import with_sources

REPORT_FORMATS = ("html", "md", "docx", "json")
_UNSAFE = re.compile(r"[^\w.\- ]+")
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.I)
MAX_NAME = 80


@dataclass(frozen=True, slots=True)
class Essay:
    """One file of the batch: where it is, how it is shown, and its report's file name. (Slots and a plain
    string path: the main process keeps one per essay for the whole batch, about 400 bytes each.)"""

    index: int
    path: str
    relative: str
    student: str
    report: str
    text: str | None = None  # a spreadsheet row's answer, graded as it stands (no file to read)
    problem: str | None = None  # why a spreadsheet row cannot be graded (an empty answer, a repeated id)


@dataclass(frozen=True, slots=True)
class EssaySummary:
    """What the class overview keeps of one graded essay: a few numbers, so memory stays flat."""

    student: str
    file: str
    score: float | None  # None when the essay was not marked (another language)
    max_score: float
    percent: float | None
    band: str
    mark: int | None
    levels: tuple[int, ...]  # in rubric order
    flags: tuple[str, ...]
    wrong_facts: tuple[str, ...]
    report: str


@dataclass(frozen=True)
class Outcome:
    """What a worker sends back: the compact result line and summary, or the error; the overlap fingerprints."""

    index: int
    result_json: str | None
    summary: EssaySummary | None
    error: str | None
    prints: list[tuple[int, int]]
    words: str  # the body's normalised words, joined by spaces
    notices: tuple[str, ...] = ()  # a teacher's decisions that could not be applied


@dataclass
class BatchSummary:
    """Counts and the per-essay summaries the overview is built from."""

    graded: int = 0
    failed: int = 0
    skipped_files: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)  # overrides that could not be applied

    @property
    def skipped(self) -> int:
        """Files left alone: Word lock files, hidden files, other extensions."""
        return len(self.skipped_files)


# ----------------------------------------------------------------------------------------------- names


def safe_name(text: str) -> str:
    """A file name that cannot leave the reports folder or trip Windows: no separators, no reserved names."""
    text = unicodedata.normalize("NFC", text)
    text = _UNSAFE.sub("_", text).strip(" .")
    text = text[:MAX_NAME].strip(" .") or "essay"
    if _RESERVED.match(text):
        text = "_" + text
    return text


def sheet_essays(path: Path, suffix: str, id_column: str | None, text_column: str | None) -> list[Essay]:
    """A spreadsheet's rows as the batch's essays, in sheet order: `file` is `<sheet>#<row>`, the student is the
    row's id; a row without an id or an answer, or repeating an earlier row's id, is an error row."""
    from .sheets import read_answers

    answers = read_answers(path, id_column, text_column)
    names = report_names([a.student or f"row {a.row}" for a in answers], suffix, as_given=True)
    first_row: dict[str, int] = {}
    essays = []
    for i, (answer, name) in enumerate(zip(answers, names)):
        problem = None
        if not answer.student:
            problem = "no id in this row"
        elif answer.student.casefold() in first_row:
            problem = f"the id '{answer.student}' is repeated (first in row {first_row[answer.student.casefold()]})"
        elif not answer.text:
            problem = "the answer is empty"
        first_row.setdefault(answer.student.casefold(), answer.row)
        essays.append(Essay(i, str(path), f"{path.name}#{answer.row}", answer.student or f"row {answer.row}", name,
                            answer.text, problem))
    return essays


def folder_essays(found: list[tuple[Path, str]], suffix: str) -> list[Essay]:
    """A folder's essay files as the batch's essays, in the order found, each with its report's file name."""
    names = report_names([rel for _, rel in found], suffix)
    return [Essay(i, str(path), rel, Path(rel).stem, name) for i, ((path, rel), name) in enumerate(zip(found, names))]


def report_names(relatives: list[str], suffix: str, as_given: bool = False) -> list[str]:
    """Unique report file names: the student's name; on a clash the relative path, then a number (`as_given`:
    the names are a spreadsheet's ids, used as they stand, a number telling repeats apart)."""
    from collections import Counter

    names = [safe_name(r if as_given else Path(r).stem) for r in relatives]
    if not as_given:
        counts = Counter(s.casefold() for s in names)
        clashing = {key for key, n in counts.items() if n > 1}
        names = [safe_name(str(Path(r).with_suffix("")).replace("/", "_")) if s.casefold() in clashing else s
                 for r, s in zip(relatives, names)]
    used: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate.casefold() in used:
            n += 1
            candidate = f"{name}-{n}"
        used.add(candidate.casefold())
        out.append(candidate + suffix)
    return out


# ---------------------------------------------------------------------------------------------- workers

_worker_state: dict = {}
#: A worker's first collection threshold: the default (700 new objects) sets off a collection several times a
#: sentence while grading; larger steps cost a little memory and save about a twentieth of the time.
WORKER_GC_THRESHOLD = 10_000


def _prepare(rubric: Rubric, reports: Path, fmt: str, paper: str, overrides: dict | None) -> None:
    """Make everything grading needs in this process, once: the rubric whole (term index, fact tables, sources),
    the English dictionary and word lists, the result models, the question's fingerprints. Workers forked
    afterwards share it."""
    from .language import english
    from .overlap import excluded_hashes
    from .results import build_models
    from .text import lemma

    rubric.compiled.warm()
    english()
    lemma("warming")  # opens the dictionary
    build_models()
    if fmt in ("md", "html"):
        from .reports.templating import environment

        environment().get_template(f"report.{fmt}.j2")
    elif fmt == "docx":
        from .reports import docx  # noqa: F401 - python-docx and its template, imported once
    _worker_state.update(rubric=rubric, reports=reports, fmt=fmt, paper=paper, overrides=overrides or {},
                         excluded=excluded_hashes(rubric))


def _settle() -> None:
    """Keep what was prepared out of later collections, and collect less often: a worker's garbage is short-lived."""
    import gc

    gc.freeze()
    gc.set_threshold(WORKER_GC_THRESHOLD, *gc.get_threshold()[1:])


def _init_forked(ignore_interrupt: bool) -> None:
    """A forked worker has the parent's prepared state already. Workers leave Ctrl-C to the main process."""
    if ignore_interrupt:
        import signal

        signal.signal(signal.SIGINT, signal.SIG_IGN)
    _settle()


def _init_worker(rubric_path: str, reports_dir: str, fmt: str, ignore_interrupt: bool = False,
                 sources_dir: str | None = None, paper: str = "a4", overrides: dict | None = None) -> None:
    """Where workers cannot be forked: load the rubric (with a teacher's source folder) once per worker process."""
    rubric = load_rubric(rubric_path)
    if sources_dir is not None:
        rubric = with_sources(rubric, sources_dir)
    _prepare(rubric, Path(reports_dir), fmt, paper, overrides)
    _init_forked(ignore_interrupt)


def _grade_one(essay: Essay) -> Outcome:
    """Grade one essay, write its report, and return what the main process needs."""
    from .documents import document_from_text, read_document
    from .grading import analyse_document, result_of
    from .overlap import fingerprints, words_of
    from .reports import render_bytes

    rubric: Rubric = _worker_state["rubric"]
    if essay.problem is not None:
        return Outcome(essay.index, None, None, f"{essay.relative}: {essay.problem}", [], "")
    try:
        document = (read_document(essay.path, essay.relative) if essay.text is None
                    else document_from_text(essay.text, essay.relative))
        analysis = analyse_document(document, rubric)
        result = result_of(document, rubric, analysis, student=essay.student)
        notices: tuple[str, ...] = ()
        decisions = _worker_state["overrides"].get(essay.student)
        if decisions:
            from .overrides import apply_overrides

            result, problems = apply_overrides(result, rubric, document.text, decisions)
            notices = tuple(problems)
        write_atomic(_worker_state["reports"] / essay.report, render_bytes(result, _worker_state["fmt"], _worker_state["paper"], rubric))
    except GraderError as error:
        return Outcome(essay.index, None, None, error.message, [], "")
    except Exception as error:  # noqa: BLE001 - one bad file must never stop a class's batch
        return Outcome(essay.index, None, None, f"{essay.relative}: could not be graded ({type(error).__name__})", [], "")
    summary = EssaySummary(
        result.student, result.file, result.score, result.max_score, result.percent, result.band,
        result.mark, tuple(e.level for e in result.elements), tuple(f.code for f in result.flags),
        tuple(f.id for f in result.facts if f.status == "incorrect"), essay.report)
    words = words_of(document, analysis.sentences)
    prints = fingerprints(words, _worker_state["excluded"])
    return Outcome(essay.index, result.to_json(indent=None), summary, None, prints, " ".join(words), notices)


# ------------------------------------------------------------------------------------------------ output


def neutralise(cell: str) -> str:
    """A text cell a spreadsheet will not run as a formula (DESIGN section 6)."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def gradebook_header(rubric: Rubric) -> list[str]:
    """The gradebook's columns."""
    return ["student", "file", "score", "max_score", "percent", "mark", "band", *[e.id for e in rubric.elements], "flags",
            "error"]


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def gradebook_row(rubric: Rubric, essay: Essay, outcome: Outcome) -> list[str]:
    """One row: numbers empty when the essay could not be graded."""
    s = outcome.summary
    if s is None:
        cells = [essay.student, essay.relative, "", "", "", "", "", *["" for _ in rubric.elements], "", outcome.error or ""]
    else:
        cells = [s.student, s.file, _number(s.score), _number(s.max_score), _number(s.percent), _number(s.mark), s.band,
                 *[str(level) for level in s.levels], ";".join(s.flags), ""]
    text_columns = {0, 1, 6, len(cells) - 2, len(cells) - 1}
    return [neutralise(c) if i in text_columns else c for i, c in enumerate(cells)]


# ----------------------------------------------------------------------------------------------- running


#: Essays sent to a worker at a time, and how many such chunks may be in flight per worker: enough to keep
#: the workers busy, few enough that finished results never pile up in memory.
CHUNK = 8
CHUNKS_AHEAD = 4


class _Keeper:
    """What the main process keeps of a worker's summary: the essay's own names, and one copy of each band, flag
    list and list of levels a class shares, rather than the fresh copies each unpickled summary brings (so
    that memory grows as little as it can with the size of the class)."""

    def __init__(self) -> None:
        self._shared: dict[tuple[str, object], object] = {}

    def _one(self, kind: str, value):
        return self._shared.setdefault((kind, value), value)

    def __call__(self, summary: EssaySummary, essay: Essay) -> EssaySummary:
        def own(held: str, sent: str) -> str:
            return held if held == sent else sent

        return replace(
            summary, student=own(essay.student, summary.student), file=own(essay.relative, summary.file),
            report=own(essay.report, summary.report),
            band=self._one("band", summary.band), levels=self._one("levels", summary.levels),
            flags=self._one("flags", summary.flags), wrong_facts=self._one("facts", summary.wrong_facts),
            max_score=self._one("max", summary.max_score))


def _grade_chunk(essays: list[Essay]) -> list[Outcome]:
    return [_grade_one(essay) for essay in essays]


def _fork_context():
    """The fork start method where the platform has it (workers then share the prepared rubric and dictionary
    instead of loading their own), else None."""
    import multiprocessing

    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


def _outcomes(essays: list[Essay], rubric: Rubric, rubric_path: str, reports: Path, fmt: str, workers: int,
              sources_dir: str | None = None, paper: str = "a4", overrides: dict | None = None) -> Iterator[Outcome]:
    """Outcomes in essay order, from `workers` processes (or this one when workers is 1)."""
    if workers <= 1 or len(essays) <= 1:
        import gc

        _prepare(rubric, reports, fmt, paper, overrides)
        threshold = gc.get_threshold()
        # collect as seldom as a worker does, and undo it afterwards: this process may be a program that goes on
        gc.set_threshold(WORKER_GC_THRESHOLD, *threshold[1:])
        try:
            for essay in essays:
                yield _grade_one(essay)
        finally:
            gc.set_threshold(*threshold)
        return
    from collections import deque

    chunks = [essays[i : i + CHUNK] for i in range(0, len(essays), CHUNK)]
    fork = _fork_context()
    if fork is not None:
        _prepare(rubric, reports, fmt, paper, overrides)
        pool = ProcessPoolExecutor(max_workers=workers, mp_context=fork, initializer=_init_forked, initargs=(True,))
    else:
        pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker,
                                   initargs=(rubric_path, str(reports), fmt, True, sources_dir, paper, overrides))
    with pool:
        pending: deque = deque()
        try:
            for chunk in chunks:
                pending.append(pool.submit(_grade_chunk, chunk))
                if len(pending) >= workers * CHUNKS_AHEAD:
                    yield from pending.popleft().result()
            while pending:
                yield from pending.popleft().result()
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


def run_batch(folder: str | Path, outdir: str | Path, rubric_ref: str | Path = DEFAULT_RUBRIC_ID,
              fmt: str = "html", workers: int | None = None, recursive: bool = False,
              progress: Callable[[int, int], None] | None = None,
              on_error: Callable[[str], None] | None = None, sources: str | Path | None = None,
              id_column: str | None = None, text_column: str | None = None, paper: str = "a4",
              on_notice: Callable[[str], None] | None = None) -> BatchSummary:
    """Grade every essay in `folder`, or every answer of a spreadsheet (`id_column`, `text_column`: its columns,
    guessed when not given), and write the batch outputs to `outdir` (`sources`: a teacher's folder of handouts
    that copying is checked against, besides the rubric's own)."""
    from .overlap import OverlapIndex
    from .sheets import is_sheet

    folder, outdir = Path(folder), Path(outdir)
    if fmt not in REPORT_FORMATS:
        raise ValueError(f"unknown report format {fmt!r}")
    sheet = is_sheet(folder)
    found, skipped = ([], []) if sheet else find_essays(folder, recursive)
    rubric = load_rubric(rubric_ref)
    rubric_path = str(rubric.path) if rubric.path else str(rubric_ref)
    sources_dir = str(Path(sources).resolve()) if sources is not None else None
    if sources_dir is not None:
        rubric = with_sources(rubric, sources_dir)  # a folder that cannot be read stops the batch before it starts
    if sheet:
        essays = sheet_essays(folder, "." + fmt, id_column, text_column)
    elif not found:
        others = f"; {len(skipped)} other file{'s' if len(skipped) != 1 else ''} skipped" if skipped else ""
        raise DocumentError(str(folder), f"no essays found (.txt or .docx{others})")
    else:
        essays = folder_essays(found, "." + fmt)
        del found  # the essays hold what is needed of it
    reports = outdir / "reports"
    try:
        reports.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DocumentError(str(outdir), f"cannot create the output folder ({exc.strerror or exc})") from None

    from .overrides import FILE_NAME, read_overrides

    decisions: dict[str, list] = {}
    for decision in read_overrides(outdir / FILE_NAME):  # a teacher's decisions, applied on every run
        decisions.setdefault(decision.student, []).append(decision)
    summary = BatchSummary(skipped_files=skipped)
    known = {essay.student for essay in essays}
    for student in sorted(set(decisions) - known):
        lines = ", ".join(str(d.row) for d in decisions[student])
        summary.notices.append(f"{FILE_NAME}:{lines}: '{student}' is no essay of this batch; not applied")
    rows: list[EssaySummary] = []
    graded: list[int] = []  # the essay index of each row
    kept = _Keeper()
    gradebook = AtomicText(outdir / "gradebook.csv", bom=True)
    results = AtomicText(outdir / "results.jsonl")
    index = OverlapIndex()
    try:
        writer = csv.writer(gradebook.handle, lineterminator="\n")
        writer.writerow(gradebook_header(rubric))
        for n, outcome in enumerate(_outcomes(essays, rubric, rubric_path, reports, fmt, workers or os.cpu_count() or 1,
                                              sources_dir, paper, decisions), 1):
            essay = essays[outcome.index]
            summary.notices.extend(outcome.notices)
            writer.writerow(gradebook_row(rubric, essay, outcome))
            if outcome.summary is None:
                summary.failed += 1
                summary.errors.append(outcome.error or essay.relative)
                if on_error:
                    on_error(outcome.error or essay.relative)
            else:
                summary.graded += 1
                assert outcome.result_json is not None  # a worker sends the result and its summary together
                results.handle.write(outcome.result_json + "\n")
                index.add(essay.index, outcome.prints, outcome.words)
                rows.append(kept(outcome.summary, essay))
                graded.append(essay.index)
            if progress:
                progress(n, len(essays))
        from .reports.overview import MAX_OVERLAPS_SHOWN, overview_html, overview_markdown

        for notice in summary.notices:
            if on_notice:
                on_notice(notice)

        overlaps, pairs, shared = _write_overlaps(index, essays, rubric, outdir / "overlap.csv", MAX_OVERLAPS_SHOWN)
        if shared:
            rows, gradebook, results = _flag_shared_passages(shared, essays, graded, rows, gradebook, results,
                                                             reports, fmt, paper, rubric)
        write_atomic_parts(outdir / "overview.md", (piece.encode("utf-8") for piece in
                                                    overview_markdown(rubric, rows, summary, overlaps, pairs)))
        write_atomic_parts(outdir / "overview.html", (piece.encode("utf-8") for piece in
                                                      overview_html(rubric, rows, summary, overlaps, pairs, paper,
                                                                    "grader review .")))
        settings = {"folder": str(folder.resolve()), "rubric": str(Path(rubric_path).resolve()) if Path(rubric_path).is_file()
                    else rubric_path, "format": fmt, "recursive": recursive, "sources": sources_dir, "paper": paper,
                    "id_column": id_column, "text_column": text_column,
                    "essays": [{"student": e.student, "file": e.relative, "report": e.report} for e in essays]}
        write_atomic(outdir / "batch.json", (json.dumps(settings, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        gradebook.commit()
        results.commit()
    except BaseException:
        gradebook.discard()
        results.discard()
        raise
    finally:
        index.close()
    return summary


def _write_overlaps(index, essays: list[Essay], rubric: Rubric, path: Path,
                    keep: int) -> tuple[list, int, dict[int, list[tuple[str, int]]]]:
    """Check every candidate pair word by word and stream the confirmed ones to overlap.csv (in path order);
    return the `keep` pairs sharing most words, for the overview, how many pairs there are, and for each essay
    sharing long passages the others it shares them with (and how many words)."""
    import heapq

    from .overlap import FLAG_PASSAGE_WORDS, FLAG_SHARED_WORDS, MAX_PASSAGES, Overlap, excluded_hashes, shared_passages

    excluded = excluded_hashes(rubric)
    out = AtomicText(path, bom=True)
    top: list[tuple[int, int, Overlap]] = []
    shared: dict[int, list[tuple[str, int]]] = {}
    count = 0
    cached: tuple[int, list[str]] = (-1, [])
    try:
        writer = csv.writer(out.handle, lineterminator="\n")
        writer.writerow(["first", "second", "shared_words", "passages"])
        for a, b, seeds in index.pairs():
            if cached[0] != a:
                cached = (a, index.words(a))
            passages = shared_passages(cached[1], index.words(b), seeds, excluded)
            if not passages:
                continue
            found = Overlap(essays[a].relative, essays[b].relative, sum(len(p.split()) for p in passages),
                            tuple(passages[:MAX_PASSAGES]))
            if found.shared_words >= FLAG_SHARED_WORDS or len(passages[0].split()) >= FLAG_PASSAGE_WORDS:
                shared.setdefault(a, []).append((essays[b].relative, found.shared_words))
                shared.setdefault(b, []).append((essays[a].relative, found.shared_words))
            writer.writerow(next(overlap_rows([found])))
            count += 1
            entry = (found.shared_words, -count, found)
            if len(top) < keep:
                heapq.heappush(top, entry)
            else:
                heapq.heappushpop(top, entry)
        out.commit()
    except BaseException:
        out.discard()
        raise
    return [entry[2] for entry in sorted(top, key=lambda e: (-e[0], -e[1]))], count, shared


def _shared_flag(others: list[tuple[str, int]]) -> dict[str, str]:
    """The shared_passage flag of an essay sharing long passages with `others` (file, words in common)."""
    named = "; ".join(f"{file} ({words} words)" for file, words in sorted(others))
    return {"code": "shared_passage", "message": f"Shares long passages with {named}: compare the essays. This flag "
                                                 "depends on the rest of the class and changes no mark."}


def _flag_shared_passages(shared: dict[int, list[tuple[str, int]]], essays: list[Essay], graded: list[int],
                          rows: list[EssaySummary], gradebook: AtomicText, results: AtomicText,
                          reports: Path, fmt: str, paper: str = "a4",
                          rubric: Rubric | None = None) -> tuple[list[EssaySummary], AtomicText, AtomicText]:
    """Add the shared_passage flag to the results, gradebook rows, reports and summaries of the essays that
    share long passages; the files are rewritten line by line from their temporary copies, and no level
    changes."""
    from .reports import render_bytes
    from .results import GradeResult

    rows = [replace(row, flags=(*row.flags, "shared_passage")) if i in shared else row
            for i, row in zip(graded, rows)]
    old_results, new_results = results, AtomicText(results.path)
    old_results.handle.close()
    with open(old_results.tmp, encoding="utf-8") as lines:
        for i, line in zip(graded, lines):
            if i in shared:
                data = json.loads(line)
                data["flags"] = [*data["flags"], _shared_flag(shared[i])]
                result = GradeResult.model_validate(data)
                line = result.to_json(indent=None) + "\n"
                write_atomic(reports / essays[i].report, render_bytes(result, fmt, paper, rubric))
            new_results.handle.write(line)
    old_results.discard()
    old_book, new_book = gradebook, AtomicText(gradebook.path, bom=True)
    old_book.handle.close()
    with open(old_book.tmp, encoding="utf-8-sig", newline="") as handle:
        reader, writer = csv.reader(handle), csv.writer(new_book.handle, lineterminator="\n")
        header = next(reader)
        writer.writerow(header)
        flags = header.index("flags")
        for essay, row in zip(essays, reader):
            if essay.index in shared:
                row[flags] = ";".join(filter(None, [row[flags], "shared_passage"]))
            writer.writerow(row)
    old_book.discard()
    return rows, new_book, new_results


def overlap_rows(overlaps: list) -> Iterator[list[str]]:
    """overlap.csv rows: the two files, the words they share, the passages."""
    for o in overlaps:
        yield [neutralise(o.first), neutralise(o.second), str(o.shared_words), " | ".join(o.passages)]


