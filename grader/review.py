"""`grader review OUTDIR`: a page on this machine where a teacher checks a marked batch essay by essay and
changes what they disagree with.

It shows each essay's text with every part's evidence highlighted in the part's colour and wrong facts
marked, the flags, and for each part the level with one button per level and a comment box. A change is
written to `OUTDIR/overrides.csv` at once (atomically) and the batch is marked again from `batch.json`, so
that essay's report, its gradebook row and the overview show the teacher's decision while every other
essay's files stay byte for byte. The server is the standard library's: one teacher, one machine, a few
requests a minute need no framework. Only this machine can reach it (it listens on 127.0.0.1), every
request must carry the random token of the address it printed (otherwise 403), and it writes nothing
outside OUTDIR.
"""
from __future__ import annotations

import csv
import html
import io
import json
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from .errors import DocumentError
from .files import write_atomic
from .overrides import FILE_NAME, HEADER, essay_hash, read_overrides
from .results import LEVEL_NAMES, GradeResult

#: One colour per part, in rubric order (they repeat after eight), for the highlighted evidence.
PART_COLOURS = ("#fde68a", "#bfdbfe", "#bbf7d0", "#fbcfe8", "#ddd6fe", "#fed7aa", "#a5f3fc", "#e5e7eb")


class Review:
    """A marked batch being reviewed: its settings, results, and the teacher's decisions."""

    def __init__(self, outdir: Path):
        self.outdir = outdir
        settings = outdir / "batch.json"
        if not settings.is_file():
            raise DocumentError(str(outdir), "no batch.json here: mark the class with grader batch first")
        self.settings = json.loads(settings.read_text(encoding="utf-8"))
        self.token = secrets.token_urlsafe(16)
        self.lock = threading.Lock()
        self._answers: dict[str, str] | None = None  # a spreadsheet's answers by `file`, read once

    def results(self) -> list[GradeResult]:
        """The batch's results, in batch order."""
        lines = (self.outdir / "results.jsonl").read_text(encoding="utf-8").splitlines()
        return [GradeResult.model_validate_json(line) for line in lines]

    def text_of(self, result: GradeResult) -> str:
        """The essay's plain text, as it was graded (what the result's offsets point into)."""
        from .documents import document_from_text, read_document

        folder = Path(self.settings["folder"])
        if folder.is_file():  # a spreadsheet of answers: the row's answer
            if self._answers is None:
                from .batch import sheet_essays

                rows = sheet_essays(folder, ".html", self.settings.get("id_column"), self.settings.get("text_column"))
                self._answers = {e.relative: e.text or "" for e in rows}
            return document_from_text(self._answers[result.file], result.file).text
        return read_document(folder / result.file, result.file).text

    def decide(self, student: str, part: str, level: int | None, comment: str, text: str) -> None:
        """Record a decision about one part (replacing an earlier one about it) and mark the batch again."""
        from .batch import neutralise

        path = self.outdir / FILE_NAME
        kept = [o for o in read_overrides(path) if not (o.student == student and o.part == part)]
        rows = [[o.student, o.part, _cell(o.level), _cell(o.mark), o.comment, o.note, o.essay_hash] for o in kept]
        rows.append([student, part, _cell(level), "", comment, "", essay_hash(text)])
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(HEADER)
        writer.writerows([[neutralise(cell) for cell in row] for row in rows])
        write_atomic(path, out.getvalue().encode("utf-8"))
        self.remark()

    def remark(self) -> None:
        """Mark the batch again with its own settings, so the decisions reach every file."""
        from .batch import run_batch

        s = self.settings
        run_batch(s["folder"], self.outdir, s["rubric"], s["format"], workers=1, recursive=s["recursive"],
                  sources=s["sources"], id_column=s.get("id_column"), text_column=s.get("text_column"),
                  paper=s.get("paper", "a4"))


def _cell(number: int | None) -> str:
    return "" if number is None else str(number)


def page(review: Review, index: int) -> str:
    """The review page for the essay at `index`."""
    from markupsafe import Markup

    from .reports.templating import environment

    results = review.results()
    index = max(0, min(index, len(results) - 1))
    result = results[index]
    text = review.text_of(result)
    parts = [{"id": e.id, "title": e.title, "level": e.level, "colour": PART_COLOURS[k % len(PART_COLOURS)],
              "feedback": e.feedback, "comment": e.teacher_comment or "", "grader_level": e.grader_level,
              "points": f"{e.points:g}", "max_points": f"{e.max_points:g}"} for k, e in enumerate(result.elements)]
    return environment().get_template("review.html.j2").render(**{
        "result": result, "index": index, "count": len(results), "token": review.token, "parts": parts,
        "essay": Markup(highlighted(text, result)), "levels": LEVEL_NAMES,
        "students": [(k, r.name, r.mark) for k, r in enumerate(results)],
        "wrong": [f for f in result.facts if f.status == "incorrect"]})


def highlighted(text: str, result: GradeResult) -> str:
    """The essay as HTML: each evidence sentence in its first part's colour (titled with every part it serves),
    each wrong fact underlined; paragraphs kept."""
    marks: dict[tuple[int, int], list[int]] = {}
    for k, element in enumerate(result.elements):
        for quote in element.evidence:
            marks.setdefault((quote.start, quote.end), []).append(k)
    wrong = {(f.start, f.end): f.note for f in result.facts if f.status == "incorrect"}
    cuts = sorted({0, len(text), *[x for span in [*marks, *wrong] for x in span]})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        piece = html.escape(text[a:b]).replace("\n\n", "</p><p>").replace("\n", "<br>")
        parts = sorted({k for (s, e), ks in marks.items() if s <= a and b <= e for k in ks})
        notes = [note for (s, e), note in wrong.items() if s <= a and b <= e]
        if parts:
            titles = "; ".join(result.elements[k].title for k in parts)
            colour = PART_COLOURS[parts[0] % len(PART_COLOURS)]
            piece = f'<mark style="background:{colour}" title="{html.escape(titles)}">{piece}</mark>'
        if notes:
            piece = f'<span class="wrong" title="{html.escape(" ".join(notes))}">{piece}</span>'
        out.append(piece)
    return "<p>" + "".join(out) + "</p>"


def handler_for(review: Review) -> type[BaseHTTPRequestHandler]:
    """Request handling bound to one review: GET an essay's page, POST a decision about a part."""

    class Handler(BaseHTTPRequestHandler):
        def _allowed(self) -> dict[str, list[str]] | None:
            query = parse_qs(urlparse(self.path).query)
            if query.get("token", [""])[0] != review.token:
                self.send_error(403, "This page needs the address grader review printed.")
                return None
            return query

        def _send(self, status: int, body: str, location: str | None = None) -> None:
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.send_header("Cache-Control", "no-store")
            if location:
                self.send_header("Location", location)
            self.end_headers()
            self.wfile.write(data)

        def _essay_index(self) -> int:
            parts = urlparse(self.path).path.strip("/").split("/")
            return int(parts[1]) if len(parts) >= 2 and parts[0] == "essay" and parts[1].isdigit() else 0

        def do_GET(self) -> None:  # noqa: N802 - the standard library's name
            if self._allowed() is None:
                return
            with review.lock:
                self._send(200, page(review, self._essay_index()))

        def do_POST(self) -> None:  # noqa: N802
            if self._allowed() is None:
                return
            length = int(self.headers.get("Content-Length") or 0)
            form = parse_qs(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)
            index = self._essay_index()
            with review.lock:
                results = review.results()
                if not 0 <= index < len(results):
                    self.send_error(404, "No such essay.")
                    return
                result = results[index]
                part = form.get("part", [""])[0]
                if part not in {e.id for e in result.elements}:
                    self.send_error(400, "No such part.")
                    return
                level_text = form.get("level", [""])[0]
                current = next(e for e in result.elements if e.id == part)
                level = int(level_text) if level_text in ("0", "1", "2") else current.level
                grader_level = current.grader_level if current.grader_level is not None else current.level
                review.decide(result.student, part, None if level == grader_level else level,
                              form.get("comment", [""])[0].strip(), review.text_of(result))
            self._send(303, "", f"/essay/{index}?token={review.token}")

        def log_message(self, format: str, *args) -> None:  # noqa: A002 - quiet: the terminal is the teacher's
            pass

    return Handler


def serve(outdir: Path, port: int = 0, open_browser: bool = True, ready=None) -> None:
    """Serve the review page until interrupted; `ready(url, server)` is called once it listens."""
    review = Review(outdir)
    server = ThreadingHTTPServer(("127.0.0.1", port), handler_for(review))
    url = f"http://127.0.0.1:{server.server_address[1]}/essay/0?token={review.token}"
    if ready is not None:
        ready(url, server)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    try:
        server.serve_forever()
    finally:
        server.server_close()
