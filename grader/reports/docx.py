"""Word output: the feedback report as a .docx, and the student's own document with margin comments.

Comments are anchored on the exact characters of a sentence through the Document's offset-to-run map:
runs are split at sentence boundaries, so a comment covers its sentence and nothing else, and the
document's words, formatting, tracked changes, notes and images are left as they were. Output is
deterministic: fixed zip timestamps and document dates, and no comment dates.
"""
from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from ..documents import Document, RunSpan, read_docx_bytes
from ..errors import DocumentError
from ..results import LEVEL_NAMES, GradeResult
from .context import build_context

MAIN_PART = "word/document.xml"
FIXED_TIME = dt.datetime(2000, 1, 1, 0, 0, 0)
AUTHOR, INITIALS = "grader", "G"
#: The shade of the rubric grid's cell at the level an essay reached.
GRID_FILL = "E8F4EC"
#: Margin comments besides the summary: at least this many, or one per this many words of the essay.
MIN_COMMENTS, WORDS_PER_COMMENT = 3, 60
_XML_INVALID = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


def _clean(text: str) -> str:
    """Text Word can store: XML-invalid characters become spaces."""
    return _XML_INVALID.sub(" ", str(text))


def _fixed_bytes(document, set_dates: bool = True) -> bytes:
    """Save a python-docx Document with fixed zip timestamps, entries in a stable order (and, for documents
    grader creates, fixed dates; a student's own document keeps its properties untouched)."""
    if set_dates:
        props = document.core_properties
        props.created = props.modified = FIXED_TIME
        props.last_printed = FIXED_TIME
    try:
        entries = _package_entries(document)
    except (AttributeError, TypeError):  # a python-docx whose writer differs: unzip what it saves instead
        buffer = io.BytesIO()
        document.save(buffer)
        with zipfile.ZipFile(buffer) as saved:
            entries = {name: saved.read(name) for name in saved.namelist()}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in sorted(entries, key=lambda name: (name != "[Content_Types].xml", name)):
            fixed = zipfile.ZipInfo(name, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, entries[name])
    return out.getvalue()


def _package_entries(document) -> dict[str, bytes]:
    """Each zip entry `document.save()` would write, by name (a name written twice keeps its last content),
    not yet zipped: _fixed_bytes zips them once, with fixed timestamps, where unzipping python-docx's saved
    package and zipping it again compressed everything twice. These are the steps of python-docx's
    OpcPackage.save and PackageWriter.write (python-docx 1.2), with the entries kept instead of zipped."""
    from docx.opc.pkgwriter import PackageWriter

    entries: dict[str, bytes] = {}

    class Collect:
        """Stands in for python-docx's zip writer (PhysPkgWriter)."""

        @staticmethod
        def write(uri, blob: bytes | str) -> None:
            entries[uri.membername] = blob.encode("utf-8") if isinstance(blob, str) else blob

    writer: Any = Collect
    package = document.part.package
    for part in package.parts:
        part.before_marshal()
    PackageWriter._write_content_types_stream(writer, package.parts)
    PackageWriter._write_pkg_rels(writer, package.rels)
    PackageWriter._write_parts(writer, package.parts)
    return entries


# ------------------------------------------------------------------------------------- feedback report


def set_paper(document, paper: str) -> None:
    """Every section of a Word document grader creates on A4 or US Letter (python-docx's template is Letter)."""
    from docx.shared import Inches, Mm

    width, height = (Inches(8.5), Inches(11)) if paper == "letter" else (Mm(210), Mm(297))
    for section in document.sections:
        section.page_width, section.page_height = width, height


#: The paragraph styles the feedback report uses, by python-docx's names for them.
REPORT_STYLES = ("Title", "Heading 1", "Heading 2", "List Bullet", "List Number", "Quote")


@functools.cache
def _blank_report(paper: str) -> tuple[Any, dict[str, str]]:
    """A blank feedback report on `paper` (python-docx's template, Normal text at 11 pt), and the style id of
    each of REPORT_STYLES and of "Table Grid". Made once per process and never changed: every report starts
    from a deep copy, several times faster than opening and parsing the template again, and sets its styles
    by id, because python-docx finds a style by name by scanning the whole styles part each time."""
    import docx
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    document = docx.Document()
    set_paper(document, paper)
    document.styles["Normal"].font.size = Pt(11)
    ids = {name: document.styles.get_style_id(name, WD_STYLE_TYPE.PARAGRAPH) for name in REPORT_STYLES}
    ids["Table Grid"] = document.styles.get_style_id("Table Grid", WD_STYLE_TYPE.TABLE)
    return document, ids


def feedback_docx(result: GradeResult, paper: str = "a4", rubric=None) -> bytes:
    """The student's feedback report as a Word document: headings, a table of the parts, quotes in a quote style."""
    from docx.shared import Pt

    ctx = build_context(result, paper, rubric)
    blank, style_ids = _blank_report("letter" if paper == "letter" else "a4")
    document = copy.deepcopy(blank)

    def add(text: str = "", style: str | None = None):
        """`document.add_paragraph(text, style)`, with the style set by its id (the same XML, no lookup)."""
        paragraph = document.add_paragraph(text)
        if style is not None:
            paragraph._p.style = style_ids[style]
        return paragraph

    document.core_properties.title = _clean(f"Feedback for {ctx.student}")
    document.core_properties.author = AUTHOR
    add(_clean(f"Feedback for {ctx.student}"), "Title")
    add(_clean(ctx.title)).runs[0].italic = True
    mark = add()
    run = mark.add_run(f"Mark: {ctx.mark} / {ctx.mark_max} — {_clean(ctx.band)}" if ctx.parts
                       else f"Mark: none — {_clean(ctx.band)}")
    run.bold = True
    run.font.size = Pt(16)
    if ctx.parts:
        mark.add_run(f"   {ctx.score} / {ctx.max_score} points, {ctx.percent}%")
    add(f"{ctx.word_count} words." + (f" {ctx.held_back}" if ctx.held_back else ""))
    if ctx.flags:
        add("Read this first", "Heading 1")
        for flag in ctx.flags:
            add(_clean(flag), "List Bullet")
    if ctx.priorities:
        add("Your priorities", "Heading 1")
        for item in ctx.priorities:
            add(_clean(item), "List Number")
    if ctx.parts:
        add("The rubric: where your answer is", "Heading 1")
        _parts_table(document, ctx, style_ids["Table Grid"])
    for part in ctx.parts:
        add(_clean(f"{part.number}. {part.title}: {part.verdict}"), "Heading 2")
        add(part.explanation)
        if part.quotes:
            add("What you wrote that counts here:")
            for quote in part.quotes:
                add(_clean(f"“{quote.text}” (paragraph {quote.paragraph})"), "Quote")
            if part.more_quotes:
                add(f"…and {part.more_quotes} more sentence{'s' if part.more_quotes > 1 else ''} on this part.")
        step = add()
        step.add_run("Well done: " if part.done_well else "Next step: ").bold = True
        step.add_run(_clean(part.next_step))
    if ctx.wrong_facts or ctx.right_facts:
        add("Fact check", "Heading 1")
        for fact in ctx.wrong_facts:
            p = add(style="List Bullet")
            p.add_run("✗ Check this: ").bold = True
            p.add_run(_clean(f"“{fact.text}” "))
            p.add_run("Correct version: ").bold = True
            p.add_run(_clean(fact.note))
        for fact in ctx.right_facts:
            p = add(style="List Bullet")
            p.add_run("✓ Accurate: ").bold = True
            p.add_run(_clean(f"“{fact.text}”"))
    if ctx.strengths:
        add("What you did well", "Heading 1")
        for item in ctx.strengths:
            add(_clean(item), "List Bullet")
    return _fixed_bytes(document)


# ------------------------------------------------------------------------------------------ annotation


def _parts_table(document, ctx, style_id: str) -> None:
    """The rubric grid, in the table style `style_id`: each part by its levels' descriptors, the level the
    essay reached ticked and shaded, and the part's marks."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm

    table = document.add_table(rows=1, cols=5)
    table._tbl.tblStyle_val = style_id  # by id, as in feedback_docx
    for cell, text in zip(table.rows[0].cells, ("Part of the question", *ctx.level_names, "Marks")):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    for number, row in enumerate(ctx.grid, 1):
        cells = table.add_row().cells
        cells[0].text = _clean(f"{number}. {row.title}")
        for cell, (text, reached) in zip(cells[1:4], row.cells):
            run = cell.paragraphs[0].add_run(_clean(f"✓ {text}" if reached else text))
            if reached:
                run.bold = True
                shading = OxmlElement("w:shd")
                shading.set(qn("w:val"), "clear")
                shading.set(qn("w:fill"), GRID_FILL)
                cell._tc.get_or_add_tcPr().append(shading)
        cells[4].text = row.marks
    for table_row in table.rows:
        for cell, width in zip(table_row.cells, (Cm(4), Cm(3.6), Cm(3.6), Cm(3.6), Cm(1.8))):
            cell.width = width


def comments_for(result: GradeResult) -> tuple[str, list[tuple[int, int, str]]]:
    """The summary comment, and (start, end, text) for each sentence to comment on, in text order."""
    ctx = build_context(result)
    missing = [p.title for p in ctx.parts if p.level == 0]
    summary = [f"Mark: {ctx.mark} / {ctx.mark_max}, {ctx.band} ({ctx.score} / {ctx.max_score} points, {ctx.percent}%)."
               if ctx.parts
               else f"Mark: none ({ctx.band})."]
    if ctx.held_back:
        summary.append(ctx.held_back)
    if missing:
        summary.append("Not answered yet: " + "; ".join(missing) + ".")
    summary += [f"Priority {i}: {item}" for i, item in enumerate(ctx.priorities, 1)]
    # What a teacher would write in the margin, most useful first: each wrong fact, then for each part one
    # comment on its strongest sentence (what to do for a thin part, a word of credit for a developed one).
    wanted: list[tuple[int, int, str]] = []
    for fact in result.facts:
        if fact.status == "incorrect":
            wanted.append((fact.start, fact.end, f"Check this fact: {fact.note}"))
    parts = sorted((e for e in result.elements if e.evidence), key=lambda e: e.level)
    for element in parts:
        best = max(element.evidence, key=lambda q: (len(q.terms), -q.start))
        if element.level == 2:
            note = f"“{element.title}”: {LEVEL_NAMES[2]} here. {element.feedback}"
        else:
            note = f"“{element.title}”: a start here. Next: {element.feedback}"
        wanted.append((best.start, best.end, note))
    by_span: dict[tuple[int, int], list[str]] = {}
    written: set[str] = set()
    for a, b, note in wanted:
        if note in written or ((a, b) not in by_span and len(by_span) >= comment_budget(result.word_count)):
            continue  # never the same words twice, and no more comments than a teacher would write
        written.add(note)
        by_span.setdefault((a, b), []).append(note)
    notes = [(a, b, "\n".join(texts)) for (a, b), texts in sorted(by_span.items())]
    return "\n".join(summary), notes


def comment_budget(words: int) -> int:
    """How many margin comments an essay of this length gets besides the summary: one for each
    WORDS_PER_COMMENT words, and at least MIN_COMMENTS."""
    return max(MIN_COMMENTS, words // WORDS_PER_COMMENT)


def annotate(path: str | Path, document: Document, result: GradeResult, paper: str = "a4") -> bytes:
    """The student's own .docx, on its own paper, (or a plain .docx of a .txt essay, on `paper`) with margin
    comments on the graded sentences."""
    import docx

    path = Path(path)
    if document.kind == "docx":
        data = path.read_bytes()
        word = docx.Document(io.BytesIO(data))
        if _remove_own_comments(word):  # the marks moved the runs: read the cleaned copy afresh
            data = _fixed_bytes(word, set_dates=False)
    else:
        data = _plain_docx(document, paper)
    marked = read_docx_bytes(data, document.name)
    if marked.text != document.text:
        raise DocumentError(document.name, "the document changed while it was being marked; grade it again")
    word = docx.Document(io.BytesIO(data))
    summary, notes = comments_for(result)
    body_runs = [r for r in marked.runs if r.part == MAIN_PART]
    if not body_runs:
        raise DocumentError(document.name, "the document has no body text to comment on")
    first = body_runs[0]
    first_paragraph_end = next((p.end for p in marked.paragraphs if p.kind == "body"), first.end)
    targets = [(first.start, min(first_paragraph_end, max(r.end for r in body_runs)), summary)]
    targets += [(a, b, text) for a, b, text in notes if _in_body(a, b, body_runs)]
    starts, ends = _split_at(word.element, body_runs, {x for a, b, _ in targets for x in (a, b)})
    from docx.text.run import Run

    for a, b, text in targets:
        if a not in starts or b not in ends:
            continue
        comment = word.add_comment([Run(starts[a], word), Run(ends[b], word)], text=_clean(text), author=AUTHOR,
                                   initials=INITIALS)
        comment._comment_elm.attrib.pop(f"{_W}date", "")
    return _fixed_bytes(word, set_dates=False)


def _remove_own_comments(word) -> bool:
    """Take out the comments an earlier run of grader wrote (author "grader"), anchors and all, so marking a
    marked copy again replaces them instead of adding a second set; a teacher's own comments stay. Whether
    there were any."""
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:
        comments = word.part.part_related_by(RELATIONSHIP_TYPE.COMMENTS).element
    except KeyError:
        return False  # no comments at all
    ids = set()
    for comment in list(comments.iterchildren(f"{_W}comment")):
        if comment.get(f"{_W}author") == AUTHOR:
            ids.add(comment.get(f"{_W}id"))
            comments.remove(comment)
    if not ids:
        return False
    body = word.element
    for tag in ("commentRangeStart", "commentRangeEnd", "commentReference"):
        for mark in list(body.iter(f"{_W}{tag}")):
            if mark.get(f"{_W}id") not in ids:
                continue
            holder = mark.getparent()
            if tag == "commentReference" and holder.tag == f"{_W}r" and len(holder) <= 2:
                holder.getparent().remove(holder)  # the run that only carried the reference
            else:
                holder.remove(mark)
    return True


def _in_body(start: int, end: int, runs: list[RunSpan]) -> bool:
    return any(r.start <= start < r.end for r in runs) and any(r.start < end <= r.end for r in runs)


def _resolve(root, path: tuple[int, ...]):
    elem = root
    for i in path:
        elem = elem[i]
    return elem


def _run_of(elem):
    """The w:r holding a text piece."""
    while elem is not None and elem.tag != f"{_W}r":
        elem = elem.getparent()
    return elem


def _split_at(root, runs: list[RunSpan], boundaries: set[int]):
    """Split runs so each boundary falls between two runs; return the runs starting and ending at each one.

    Every piece's element is found before anything changes. Boundaries are handled from the end backwards,
    so the original text element always holds the leftmost remaining part; which run starts or ends at a
    boundary is worked out only once all splits are done.
    """
    elems = [_resolve(root, r.path) for r in runs]
    pieces = {i: [(r.start, elems[i])] for i, r in enumerate(runs)}
    for boundary in sorted(boundaries, reverse=True):
        i = next((i for i, r in enumerate(runs) if r.start < boundary < r.end), None)
        if i is None:
            continue
        elem = elems[i]
        run = _run_of(elem)
        if elem.tag != f"{_W}t" or run is None:
            continue
        pieces[i].append((boundary, _split_run(run, elem, boundary - runs[i].start)))
    starts: dict[int, Any] = {}
    ends: dict[int, Any] = {}
    for i, span in enumerate(runs):
        ordered = sorted(pieces[i], key=lambda piece: piece[0])
        for k, (start, elem) in enumerate(ordered):
            end = ordered[k + 1][0] if k + 1 < len(ordered) else span.end
            run = _run_of(elem)
            starts.setdefault(start, run)
            ends[end] = run
    return starts, ends


def _split_run(run, text_elem, offset: int):
    """Split `run` inside `text_elem` at `offset`: the run keeps the left part; a new run right after it
    takes the rest of the text and the run's later children (moved, not copied). Returns the new text element."""
    text = text_elem.text or ""
    right = copy.deepcopy(run)
    for child in list(right):
        if child.tag != f"{_W}rPr":
            right.remove(child)
    right_text = copy.deepcopy(text_elem)
    right_text.text = text[offset:]
    text_elem.text = text[:offset]
    for elem in (text_elem, right_text):
        elem.set(_XML_SPACE, "preserve")
    right.append(right_text)
    index = list(run).index(text_elem)
    for child in list(run)[index + 1 :]:
        right.append(child)
    run.addnext(right)
    return right_text


def _plain_docx(document: Document, paper: str = "a4") -> bytes:
    """A plain Word document of a .txt essay: one Word paragraph per paragraph, line breaks kept."""
    import docx

    word = docx.Document()
    set_paper(word, paper)
    for paragraph in document.paragraphs:
        word.add_paragraph().add_run(_clean(document.text[paragraph.start : paragraph.end]))
    return _fixed_bytes(word)
