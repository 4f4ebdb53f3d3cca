"""The command line: click over the public API. It parses options, calls grader, prints, and maps errors
to one line on stderr and an exit status (DESIGN section 6). It computes nothing itself.
"""
from __future__ import annotations

import functools
import os
import sys
from pathlib import Path

import click

from . import build
from .defaults import DEFAULT_RUBRIC_ID
from .errors import ExitStatus, GraderError, RubricError


def _skip_cache(ctx: click.Context, param: click.Parameter, value: bool) -> bool:
    """--no-cache: this process, and the batch workers it starts, neither read nor write grader's cache."""
    if value:
        os.environ["GRADER_NO_CACHE"] = "1"
    return value


def rubric_option(func):
    """--rubric ID|FILE and --no-cache, the same on every command that grades."""
    func = click.option("--no-cache", is_flag=True, expose_value=False, is_eager=True, callback=_skip_cache,
                        help="Work the rubric and the English dictionary out afresh instead of reading them from "
                             "grader's cache folder (GRADER_CACHE_DIR), and keep nothing there.")(func)
    return click.option("--rubric", "rubric_ref", default=DEFAULT_RUBRIC_ID, show_default=True, metavar="ID|FILE",
                        help="A bundled rubric id or a path to a rubric YAML file.")(func)


def paper_option(func):
    """--paper a4|letter, the same on every command that writes a report or a Word file."""
    return click.option("--paper", type=click.Choice(["a4", "letter"]), default="a4", show_default=True,
                        help="The paper printed HTML reports and Word files grader creates are laid out on.")(func)


def sources_option(func):
    """--sources DIR, the same on every command that grades."""
    return click.option("--sources", "sources_dir", type=click.Path(path_type=Path), default=None, metavar="DIR",
                        help="A folder of handouts and textbook extracts (.txt, .docx): passages copied from them "
                             "without quotation marks earn nothing, as from the rubric's own sources.")(func)


def load_with_sources(rubric_ref: str, sources_dir: Path | None):
    """The rubric, with a teacher's source folder added when one is given."""
    from .rubric import load_rubric
    from .sources import with_sources

    rubric = load_rubric(rubric_ref)
    return with_sources(rubric, sources_dir) if sources_dir is not None else rubric


def fail(error: GraderError) -> None:
    """Print one line naming the file and the reason, and exit with the error's status."""
    click.echo(f"error: {error.message}", err=True)
    from .sheets import SheetError

    sys.exit(ExitStatus.USAGE if isinstance(error, (RubricError, SheetError)) else ExitStatus.INPUT_FAILED)


def reports_errors(func):
    """Turn grader's own errors and Ctrl-C into a one-line message and an exit status, never a traceback."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except GraderError as error:
            fail(error)
        except KeyboardInterrupt:
            click.echo("interrupted: no file was left half-written; run the command again to finish", err=True)
            sys.exit(ExitStatus.INTERRUPTED)
    return wrapper


def write_output(data: str | bytes, out: Path | None) -> None:
    """Print, or write atomically (temporary file, then rename) so a reader never sees half a file."""
    if out is None:
        click.echo(data, nl=False)
        return
    from .files import write_atomic

    write_atomic(out, data.encode("utf-8") if isinstance(data, str) else data)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="grader", prog_name="grader", message=f"%(prog)s %(version)s ({build()})")
def main() -> None:
    """Grade essays against a rubric of required elements, offline, with feedback that quotes the student."""


@main.command()
@click.argument("essay", type=click.Path(path_type=Path, dir_okay=True))
@rubric_option
@click.option("--format", "fmt", type=click.Choice(["text", "json", "md", "html", "docx"]), default="text",
              show_default=True, help="text for the terminal, json for the grader.result/1 object, or a report "
                                      "for the student as md, html or docx (docx needs -o).")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write to this file instead of standard output.")
@click.option("--explain", is_flag=True, help="Also say, sentence by sentence, what each earned and which rule "
                                              "decided (text and json; the json key `sentences`).")
@sources_option
@paper_option
@reports_errors
def grade(essay: Path, rubric_ref: str, fmt: str, out: Path | None, explain: bool, sources_dir: Path | None,
          paper: str) -> None:
    """Grade one essay (.docx or .txt) and print the verdict for every part of the question."""
    from .grading import grade_file
    from .reports import render_bytes

    if fmt == "docx" and out is None:
        raise click.UsageError("--format docx needs -o FILE (a Word file cannot go to the terminal)")
    rubric = load_with_sources(rubric_ref, sources_dir)
    result = grade_file(essay, rubric, name=str(essay), explain=explain)
    data = render_bytes(result, fmt, paper, rubric)
    write_output(data if fmt == "docx" else data.decode("utf-8"), out)


@main.command()
@click.argument("essay", type=click.Path(path_type=Path, dir_okay=True))
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="Where to write the marked .docx.")
@rubric_option
@paper_option
@reports_errors
def annotate(essay: Path, out: Path, rubric_ref: str, paper: str) -> None:
    """Write the student's own document with margin comments on the sentences that earned marks, on wrong
    facts, and a summary at the start (a .txt essay becomes a plain .docx first)."""
    from .documents import read_document
    from .grading import grade_document
    from .reports.docx import annotate as annotate_document
    from .rubric import load_rubric

    if out.exists() and essay.exists() and out.resolve() == essay.resolve():
        raise click.UsageError(f"{out}: the marked copy cannot overwrite the student's file; give another -o")
    rubric = load_rubric(rubric_ref)
    document = read_document(essay, str(essay))
    result = grade_document(document, rubric)
    write_output(annotate_document(essay, document, result, paper), out)


@main.command()
@click.argument("essay", type=click.Path(path_type=Path, dir_okay=True))
@reports_errors
def extract(essay: Path) -> None:
    """Print the essay's plain text exactly as graded: every reported offset points into it."""
    from .documents import read_document

    document = read_document(essay, str(essay))
    click.echo(document.text)


@main.group()
def rubric() -> None:
    """Check or show a rubric."""


@rubric.command("check")
@click.argument("ref", metavar="ID|FILE")
@reports_errors
def rubric_check(ref: str) -> None:
    """Validate a rubric and run every element's examples; exit 1 if any example fails."""
    from .rubric import load_rubric
    from .rubric_check import run_examples

    loaded = load_rubric(ref)
    outcomes = run_examples(loaded)
    failed = [o for o in outcomes if not o.passed]
    for o in failed:
        click.echo(f"FAIL {o.element} {o.kind}[{o.index}]: {o.problem}: {o.text}", err=True)
    name = ref if loaded.path is None else str(ref)
    click.echo(f"{name}: {len(loaded.elements)} elements, {len(loaded.facts)} facts, "
               f"{len(outcomes)} examples: {len(outcomes) - len(failed)} passed, {len(failed)} failed")
    if failed:
        sys.exit(ExitStatus.INPUT_FAILED)


@main.command()
@click.argument("rubric_ref", metavar="RUBRIC")
@click.argument("essays", required=False, type=click.Path(path_type=Path, file_okay=False))
@click.option("--labels", "labels_path", type=click.Path(path_type=Path, dir_okay=False),
              help="A teacher's marks for the essays in ESSAYS, one JSON object per essay (DESIGN section 5).")
@click.option("--scores", "sheet", type=click.Path(path_type=Path, dir_okay=False),
              help="A spreadsheet (.csv, .tsv, .xlsx) of answers with the teacher's marks, one per row.")
@click.option("--score-column", help="With --scores: the column of marks (header or number).")
@click.option("--id-column", help="With --scores: the column of ids [default: guessed].")
@click.option("--text-column", help="With --scores: the column of answers [default: guessed].")
@click.option("-o", "--output", "out", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="The calibration file to write (name it in the rubric with `calibration:`).")
@click.option("--propose", "proposal_path", type=click.Path(path_type=Path, dir_okay=False),
              help="Also write terms that separate high- from low-scoring answers, as a diff of the rubric file.")
@reports_errors
def calibrate(rubric_ref: str, essays: Path | None, labels_path: Path | None, sheet: Path | None,
              score_column: str | None, id_column: str | None, text_column: str | None, out: Path,
              proposal_path: Path | None) -> None:
    """Fit a rubric's numbers (part weights, the cut points of its marks) to answers a teacher has marked."""
    from .calibrate import MIN_ANSWERS, answers_from_labels, answers_from_sheet, fit, marked_answers
    from .files import write_atomic
    from .errors import DocumentError
    from .rubric import load_rubric

    if (labels_path is None) == (sheet is None):
        raise click.UsageError("give either --labels LABELS.jsonl with a folder of ESSAYS, or --scores SHEET")
    if labels_path is not None and essays is None:
        raise click.UsageError("--labels needs the folder of ESSAYS it marks")
    if sheet is not None and (essays is not None or not score_column):
        raise click.UsageError("--scores takes no ESSAYS folder and needs --score-column")
    loaded = load_rubric(rubric_ref)
    rubric = loaded.uncalibrated
    results, scores, texts = (
        answers_from_labels(rubric, labels_path, essays) if labels_path is not None and essays is not None
        else answers_from_sheet(rubric, sheet, score_column or "", id_column, text_column) if sheet is not None
        else ([], [], []))
    answers = marked_answers(rubric, results, scores)
    if len(answers) < MIN_ANSWERS:
        raise DocumentError(str(sheet or labels_path), f"{len(answers)} marked answers are too few to calibrate on "
                                                       f"(at least {MIN_ANSWERS})")
    fitted = fit(rubric, answers)
    write_atomic(out, fitted.to_yaml(rubric).encode("utf-8"))
    click.echo(f"Calibrated on {fitted.answers} marked answers. Quadratic weighted kappa with the teacher's marks:")
    click.echo(f"  the rubric as written    {fitted.before:.3f}")
    click.echo(f"  calibrated               {fitted.after:.3f}  (on the answers it was fitted to)")
    click.echo(f"  cross-validated          {fitted.cross_validated:.3f}  (each fifth marked by numbers fitted on the rest)")
    named = (rubric.calibration is not None and loaded.path is not None
             and (loaded.path.parent / rubric.calibration).resolve() == out.resolve())
    click.echo(f"Wrote {out}" + ("; the rubric already uses it." if named else
                                 f"; add `calibration: {out.name}` to the rubric (beside it) to use it."))
    if proposal_path is not None:
        from .files import write_atomic
        from .proposals import propose, rubric_diff

        proposals = propose(rubric, texts, scores)
        diff = rubric_diff(loaded.path, proposals) if loaded.path is not None else ""
        write_atomic(proposal_path, diff.encode("utf-8"))
        click.echo(f"{len(proposals)} proposed terms (in answers marked high / low), written as a diff to {proposal_path}:")
        for p in proposals:
            what = f"a spelling of '{p.spelling_of}'" if p.spelling_of else "separates high from low"
            click.echo(f"  {p.word:20s} {p.high:>5d} / {p.low:<5d} -> {p.group} ({what})")


@main.command()
@click.argument("outdir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option("--port", type=click.IntRange(min=0, max=65535), default=0, help="Port on 127.0.0.1 [default: any free one].")
@click.option("--no-browser", is_flag=True, help="Print the address instead of opening the browser.")
@reports_errors
def review(outdir: Path, port: int, no_browser: bool) -> None:
    """Review a marked batch in a page on this machine: see each essay's evidence, set a part's level or add a
    comment; each change goes to OUTDIR/overrides.csv and the batch's files are marked again."""
    from .review import serve

    def ready(url: str, server) -> None:
        click.echo(f"Reviewing {outdir} at {url}  (only this machine can open it; Ctrl-C to stop)")

    serve(outdir, port, open_browser=not no_browser, ready=ready)


@main.command()
@click.option("--rubric", "rubric_ref", default=None, metavar="ID|FILE",
              help="Show the settings in effect for this rubric (its `rules:` over the defaults).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@reports_errors
def rules(rubric_ref: str | None, fmt: str) -> None:
    """List every judging rule: its id, what it does, its settings and their defaults."""
    import json

    from .rubric import load_rubric
    from .rules_docs import describe, render_text

    settings = load_rubric(rubric_ref).compiled.settings if rubric_ref is not None else None
    if fmt == "json":
        click.echo(json.dumps(describe(settings), indent=2, ensure_ascii=False))
    else:
        click.echo(render_text(settings), nl=False)


@rubric.command("show")
@click.argument("ref", metavar="ID|FILE")
@reports_errors
def rubric_show(ref: str) -> None:
    """Print a rubric's question, elements, weights, bands and term groups."""
    from .rubric import load_rubric
    from .reports.rubric_text import render_rubric

    click.echo(render_rubric(load_rubric(ref)), nl=False)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path, file_okay=False))
@click.option("--labels", "labels_path", required=True, type=click.Path(path_type=Path, dir_okay=False),
              help="A teacher's marks, one JSON object per essay (DESIGN section 5).")
@rubric_option
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@reports_errors
def evaluate(folder: Path, labels_path: Path, rubric_ref: str, fmt: str) -> None:
    """Grade a labelled folder and report agreement with the teacher, beside a word-count baseline."""
    import json

    from .evaluate import evaluate as run_evaluation
    from .evaluate import render_report
    from .rubric import load_rubric

    report = run_evaluation(folder, labels_path, load_rubric(rubric_ref))
    if fmt == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render_report(report), nl=False)
    for message in report.failed:
        click.echo(f"error: {message}", err=True)
    if report.failed:
        sys.exit(ExitStatus.INPUT_FAILED)


@main.command()
@click.argument("folder", type=click.Path(path_type=Path))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(path_type=Path, file_okay=False),
              help="Folder for gradebook.csv, results.jsonl, reports/, overview.html/.md and overlap.csv.")
@rubric_option
@click.option("--format", "fmt", type=click.Choice(["html", "md", "docx", "json"]), default="html", show_default=True,
              help="Format of each student's report in reports/.")
@click.option("--workers", type=click.IntRange(min=1), default=None, help="Parallel processes [default: cores].")
@click.option("--recursive", is_flag=True, help="Also grade essays in sub-folders.")
@click.option("--quiet", is_flag=True, help="No progress bar.")
@click.option("--export", type=click.Choice(["canvas", "moodle", "csv"]), default=None,
              help="Also fill in an LMS gradebook: the Canvas gradebook export or Moodle grading worksheet given with "
                   "--roster (OUTDIR/canvas.csv, OUTDIR/moodle.csv), or a plain OUTDIR/export.csv.")
@click.option("--roster", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="The file exported from the LMS that --export canvas|moodle fills in.")
@click.option("--assignment", default=None, help="With --export canvas: the assignment column to fill [default: the only one].")
@click.option("--id-column", help="With a spreadsheet: the column of student ids (header or number) [default: guessed].")
@click.option("--text-column", help="With a spreadsheet: the column of answers (header or number) [default: guessed].")
@sources_option
@paper_option
@reports_errors
def batch(folder: Path, outdir: Path, rubric_ref: str, fmt: str, workers: int | None, recursive: bool,
          quiet: bool, export: str | None, roster: Path | None, assignment: str | None, id_column: str | None,
          text_column: str | None, sources_dir: Path | None, paper: str) -> None:
    """Grade every essay in a folder, or every answer of a spreadsheet (.csv, .tsv, .xlsx; one answer per row):
    a gradebook, a report per student, a class overview, shared passages."""
    from .batch import run_batch
    from .sheets import is_sheet

    if export in ("canvas", "moodle") and roster is None:
        raise click.UsageError(f"--export {export} needs --roster: the file you exported from the LMS")
    if roster is not None and export not in ("canvas", "moodle"):
        raise click.UsageError("--roster goes with --export canvas or --export moodle")
    if (id_column or text_column) and not is_sheet(folder):
        raise click.UsageError("--id-column and --text-column apply to a spreadsheet of answers (.csv, .tsv, .xlsx)")
    if not is_sheet(folder) and folder.exists() and not folder.is_dir():
        raise click.UsageError(f"{folder}: give a folder of essays or a spreadsheet of answers (.csv, .tsv, .xlsx)")

    show = not quiet and sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if show:
            width = 30
            filled = width * done // total
            click.echo(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", err=True, nl=done == total)

    def on_error(message: str) -> None:
        if show:
            click.echo("", err=True)
        click.echo(f"error: {message}", err=True)

    def on_notice(message: str) -> None:
        click.echo(f"note: {message}", err=True)

    summary = run_batch(folder, outdir, rubric_ref, fmt, workers, recursive, progress, on_error, sources_dir,
                        id_column, text_column, paper, on_notice)
    click.echo(f"graded {summary.graded}, failed {summary.failed}, skipped {summary.skipped}: written to {outdir}")
    if export is not None:
        from .lms import export_canvas, export_csv, export_moodle, marked_from_results

        marked = marked_from_results(outdir / "results.jsonl")
        if export == "canvas" and roster is not None:
            report = export_canvas(roster, marked, outdir / "canvas.csv", assignment)
        elif export == "moodle" and roster is not None:
            report = export_moodle(roster, marked, outdir / "moodle.csv")
        else:
            report = export_csv(marked, outdir / "export.csv")
        click.echo(f"filled in {report.written}")
        for student, row, score in report.fuzzy:
            click.echo(f"  matched {student} to '{row}' by a similar name ({score:g}/100): check it")
        if report.unmatched_essays:
            click.echo(f"  essays with no student in the roster: {', '.join(report.unmatched_essays)}")
        if report.unmatched_students:
            click.echo(f"  students in the roster with no essay: {', '.join(report.unmatched_students)}")
    if summary.failed:
        sys.exit(ExitStatus.INPUT_FAILED)
