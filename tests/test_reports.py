"""Reports: every sample in every format shows the mark, every part and the quoted evidence; student text is
escaped everywhere; the annotated .docx keeps the student's document and anchors comments on the sentences."""
from __future__ import annotations

import html
import io
import re
import zipfile
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from lxml import etree

from grader import grade_file, grade_text
from grader.cli import main
from grader.documents import read_document, read_docx_bytes
from grader.reports import render, render_bytes
from grader.reports.context import build_context
from grader.reports.docx import annotate
from grader.reports.quotes import MAX_QUOTES
from grader.reports.templating import escape_markdown

from .conftest import DATA, ROOT, essay_files

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HOSTILE = ("Mao needed Soviet loans <script>alert('x')</script> & *bold* _under_ `tick` [link](http://evil.example) "
           "<b>tag</b> # heading \"quoted\" to rebuild China's economy after the war.")
JARGON = re.compile(r"\b(element|level [012]|kappa|QWK|prompt_echo|off_topic|keyword_list)\b", re.I)


class _Visible(HTMLParser):
    """Visible text and tag names of an HTML page."""

    def __init__(self):
        super().__init__()
        self.text, self.tags, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self._skip += tag in ("style", "script", "title")

    def handle_endtag(self, tag):
        self._skip -= tag in ("style", "script", "title")

    def handle_data(self, data):
        if not self._skip:
            self.text.append(data)

    @classmethod
    def of(cls, page: str):
        parser = cls()
        parser.feed(page)
        return " ".join(" ".join(parser.text).split()), parser.tags


def markdown_visible(text: str):
    from markdown_it import MarkdownIt

    return _Visible.of(MarkdownIt("commonmark").render(text))


def docx_text(data: bytes) -> str:
    return read_docx_bytes(data, "report.docx").text


@pytest.fixture(scope="module")
def sample_results(rubric):
    return [grade_file(p, rubric) for p in essay_files()]


def _expected_quotes(result):
    return [q.text for part in build_context(result).parts for q in part.quotes]


def test_every_sample_in_every_format_shows_mark_parts_and_evidence(sample_results):
    for result in sample_results:
        ctx = build_context(result)
        mark = f"{ctx.score} / {ctx.max_score}"
        page_text, _ = _Visible.of(render(result, "html"))
        md_text, _ = markdown_visible(render(result, "md"))
        word_text = docx_text(render_bytes(result, "docx"))
        for shown in (page_text, md_text, word_text):
            assert mark in shown and ctx.band in shown, result.student
            for part in ctx.parts:
                assert part.title in shown and part.verdict in shown
            for quote in _expected_quotes(result):
                assert quote in shown, (result.student, quote)
            assert not JARGON.search(shown), (result.student, JARGON.search(shown))


def test_at_most_three_quotes_per_part_with_the_rest_counted(rubric):
    result = grade_file(DATA / "essay_developed.txt", rubric)
    for element, part in zip(result.elements, build_context(result).parts):
        assert len(part.quotes) == min(MAX_QUOTES, len(element.evidence))
        assert part.more_quotes == max(0, len(element.evidence) - MAX_QUOTES)


def test_hostile_text_is_literal_in_every_format(rubric):
    essay = (DATA / "essay_developed.txt").read_text(encoding="utf-8").split("\n\n", 1)[1] + "\n\n" + HOSTILE
    result = grade_text(essay, rubric, name="<i>evil<i>&co.txt")  # no name line: the file's name is shown
    assert any(q.text == HOSTILE for e in result.elements for q in e.evidence)
    page = render(result, "html")
    text, tags = _Visible.of(page)
    assert HOSTILE.replace("  ", " ") in text and "<i>evil<i>&co" in text
    assert "script" not in tags and "b" not in tags and "i" not in tags and "a" not in tags
    assert html.escape("<script>", quote=False) in page
    md = render(result, "md")
    md_text, md_tags = markdown_visible(md)
    assert HOSTILE in md_text and "<i>evil<i>&co" in md_text
    assert not {"script", "em", "strong", "code", "a", "h1", "b", "i"} & set(md_tags[md_tags.index("h2"):]) - {"strong"}
    assert "script" not in md_tags and "a" not in md_tags and "code" not in md_tags
    assert HOSTILE in docx_text(render_bytes(result, "docx"))


@pytest.mark.parametrize("raw", ["*a* _b_ `c` [d](e) <f> & # g", "1. not a list", "- not a bullet", "\\ back", "a | b ~ c !"])
def test_markdown_escape_shows_text_literally(raw):
    from markdown_it import MarkdownIt

    rendered = MarkdownIt("commonmark").render(escape_markdown(raw))
    text, tags = _Visible.of(rendered)
    assert text == raw and tags == ["p"]


def _comment_ranges(data: bytes) -> dict[str, str]:
    """Comment id -> the body text between its range start and end, in document order."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    open_ids: set[str] = set()
    texts: dict[str, list[str]] = {}
    for elem in root.iter():
        if elem.tag == f"{W}commentRangeStart":
            open_ids.add(elem.get(f"{W}id"))
            texts.setdefault(elem.get(f"{W}id"), [])
        elif elem.tag == f"{W}commentRangeEnd":
            open_ids.discard(elem.get(f"{W}id"))
        elif elem.tag == f"{W}t" and elem.text:
            for i in open_ids:
                texts[i].append(elem.text)
        elif elem.tag == f"{W}p":
            for i in open_ids:
                texts[i].append("\n")
    return {i: "".join(parts).strip("\n") for i, parts in texts.items()}


def _comment_texts(data: bytes) -> dict[str, str]:
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/comments.xml"))
    return {c.get(f"{W}id"): "".join(t.text or "" for t in c.iter(f"{W}t")) for c in root.iter(f"{W}comment")}


@pytest.mark.parametrize("name", ["docx_rich.docx", "docx_tracked_changes.docx", "essay_developed.txt"])
def test_annotate_keeps_the_text_and_anchors_each_comment_on_its_sentence(name, rubric):
    path = DATA / name
    document = read_document(path)
    result = grade_file(path, rubric)
    marked = annotate(path, document, result)
    assert read_docx_bytes(marked, "marked.docx").text == document.text
    ranges, comments = _comment_ranges(marked), _comment_texts(marked)
    assert comments["0"].startswith(f"Mark: {result.mark} / 10, {result.band} ({result.score:g} / {result.max_score:g} points")
    sentences = {q.text for e in result.elements for q in e.evidence} | {f.text for f in result.facts if f.status == "incorrect"}
    sentences = {re.sub(r"\[\w+\]", "", text) for text in sentences}  # footnote marks are not w:t text
    anchored = [ranges[i] for i in ranges if i != "0"]
    assert bool(anchored) == bool(sentences) and set(anchored) <= sentences
    assert len(anchored) == len(set(anchored))  # one comment per sentence
    for i in ranges:
        if i != "0":
            assert "Check this fact" in comments[i] or "”: " in comments[i]  # names the part, or the fact


def test_annotate_keeps_tracked_changes_footnotes_images_and_styles(rubric_words_not_a_source):
    path = DATA / "docx_rich.docx"
    marked = annotate(path, read_document(path), grade_file(path, rubric_words_not_a_source))
    before, after = zipfile.ZipFile(path), zipfile.ZipFile(io.BytesIO(marked))
    for part in ("word/footnotes.xml", "word/media/image1.png", "word/styles.xml"):
        assert after.read(part) == before.read(part), part
    document = after.read("word/document.xml")
    assert document.count(b"<w:ins ") == before.read("word/document.xml").count(b"<w:ins ") == 1
    assert b"<w:del " in document and b"<w:delText" in document and b"so</w:delText>" in document
    assert document.count(b'w:val="EssayBody"') == 4
    assert b"<w:drawing>" in document
    wrong = _comment_texts(marked)
    assert any("Check this fact: " in t and "signed in Moscow" in t for t in wrong.values())


def test_annotate_is_deterministic(rubric):
    path = DATA / "docx_rich.docx"
    result = grade_file(path, rubric)
    assert annotate(path, read_document(path), result) == annotate(path, read_document(path), result)


def test_docx_report_has_headings_a_table_and_quote_style(rubric):
    import docx

    result = grade_file(DATA / "essay_developed.txt", rubric)
    report = docx.Document(io.BytesIO(render_bytes(result, "docx")))
    styles = [p.style.name for p in report.paragraphs]
    assert "Title" in styles and "Heading 1" in styles and "Heading 2" in styles and "Quote" in styles
    table = report.tables[0]  # the rubric grid
    assert [c.text for c in table.rows[0].cells] == ["Part of the question", "Missing", "Needs developing", "Developed",
                                                     "Marks"]
    assert len(table.rows) == 1 + len(result.elements)
    for row, element in zip(table.rows[1:], result.elements):
        ticked = [k for k, cell in enumerate(row.cells[1:4]) if cell.text.startswith("✓ ")]
        assert ticked == [element.level]
    assert render_bytes(result, "docx") == render_bytes(result, "docx")


def test_html_report_is_standalone_responsive_and_printable(rubric):
    page = render(grade_file(DATA / "essay_developed.txt", rubric), "html")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert 'name="viewport"' in page and "@media print" in page and "font: 17px" in page
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page
    headings = re.findall(r"<h([1-6])", page)
    assert headings[0] == "1" and all(int(b) - int(a) <= 1 for a, b in zip(headings, headings[1:]))


def test_cli_formats_and_annotate(tmp_path):
    runner = CliRunner()
    essay = DATA / "essay_developed.txt"
    for fmt in ("md", "html", "docx"):
        out = tmp_path / f"report.{fmt}"
        result = runner.invoke(main, ["grade", str(essay), "--format", fmt, "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert out.stat().st_size > 500
    no_output = runner.invoke(main, ["grade", str(essay), "--format", "docx"])
    assert no_output.exit_code == 2 and "needs -o" in no_output.output
    marked = tmp_path / "marked.docx"
    result = runner.invoke(main, ["annotate", str(DATA / "docx_rich.docx"), "-o", str(marked)])
    assert result.exit_code == 0 and zipfile.is_zipfile(marked)
    bad = runner.invoke(main, ["annotate", str(DATA / "legacy.doc"), "-o", str(tmp_path / "x.docx")])
    assert bad.exit_code == 1 and bad.output.startswith("error: ") and not (tmp_path / "x.docx").exists()


def test_priorities_do_not_repeat_the_flags(rubric):
    result = grade_file(DATA / "essay_refusing_parts.txt", rubric)
    ctx = build_context(result)
    assert ctx.flags and not set(ctx.flags) & set(ctx.priorities)
    assert 1 <= len(ctx.priorities) <= 3


def test_every_format_says_why_developed_parts_show_less_than_full_marks(rubric):
    partial = grade_file(DATA.parent.parent / "samples" / "hard" / "agnes.txt", rubric)
    assert {e.level for e in partial.elements} == {1, 2}
    note = "Each part earns 85% of its marks until every part is developed"
    for fmt in ("text", "md", "html"):
        assert note in " ".join(render(partial, fmt).split()), fmt
    assert "answer.\n\n## Your priorities" in render(partial, "md")  # a blank line still sets off the next heading
    import docx
    report = docx.Document(io.BytesIO(render_bytes(partial, "docx")))
    assert any(note in p.text for p in report.paragraphs)
    complete = grade_file(DATA.parent.parent / "samples" / "hard" / "tariq.txt", rubric)
    assert {e.level for e in complete.elements} == {2}
    assert all(note not in render(complete, fmt) for fmt in ("text", "md", "html"))


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".docx")))
def test_annotate_comments_like_a_teacher_on_the_samples(name, rubric, tmp_path):
    from grader.reports.docx import comment_budget

    path = ROOT / "samples" / name
    document = read_document(path)
    result = grade_file(path, rubric)
    marked = annotate(path, document, result)
    texts = [t for i, t in _comment_texts(marked).items() if i != "0"]
    assert len(texts) <= comment_budget(result.word_count)
    assert len(texts) == len(set(texts))  # no comment text repeated
    # marking the marked copy replaces grader's comments rather than adding a second set
    again_path = tmp_path / "remarked.docx"
    again_path.write_bytes(marked)
    again = annotate(again_path, read_document(again_path), grade_file(again_path, rubric))
    assert _comment_texts(again) == _comment_texts(marked)


def test_annotate_refuses_to_overwrite_the_students_file(tmp_path):
    from click.testing import CliRunner

    from grader.cli import main

    essay = tmp_path / "chloe.docx"
    essay.write_bytes((ROOT / "samples" / "chloe.docx").read_bytes())
    before = essay.read_bytes()
    result = CliRunner().invoke(main, ["annotate", str(essay), "-o", str(tmp_path / "." / "chloe.docx")])
    assert result.exit_code == 2 and "cannot overwrite the student's file" in result.output
    assert essay.read_bytes() == before


def test_written_files_follow_the_umask(tmp_path):
    import os
    import stat

    from grader.files import write_atomic

    old = os.umask(0o022)
    try:
        write_atomic(tmp_path / "a.txt", b"x")
        os.umask(0o077)
        write_atomic(tmp_path / "b.txt", b"x")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "a.txt").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "b.txt").stat().st_mode) == 0o600


def test_a_page_written_in_parts_appears_whole_or_not_at_all(tmp_path):
    """A page rendered as it is written keeps the earlier file when rendering fails part way, and leaves no
    temporary file behind."""
    from grader.files import write_atomic, write_atomic_parts

    target = tmp_path / "overview.html"
    write_atomic(target, b"last run")

    def failing():
        yield b"<html>"
        raise RuntimeError("template failed")

    with pytest.raises(RuntimeError):
        write_atomic_parts(target, failing())
    assert target.read_bytes() == b"last run"
    assert [p.name for p in tmp_path.iterdir()] == ["overview.html"]
    write_atomic_parts(target, iter([b"<html>", b"</html>"]))
    assert target.read_bytes() == b"<html></html>"


def test_the_rubric_grid_ticks_each_parts_level_with_the_rubrics_descriptors(rubric):
    result = grade_file(DATA / "essay_developed.txt", rubric)
    page = render(result, "html", rubric=rubric)
    assert "The rubric: where your answer is" in page
    for element in result.elements:
        descriptor = getattr(rubric.element(element.id).levels, ("missing", "thin", "developed")[element.level])
        assert f'class="reached level-{element.level}"><span aria-label="your level">✓</span> {html.escape(descriptor)}' in page
    bare = render(result, "html")  # without the rubric at hand, the grid names the levels
    assert "✓</span> Developed" in bare or "✓</span> Needs developing" in bare or "✓</span> Missing" in bare
    md = render(result, "md", rubric=rubric)
    assert md.count("**✓ ") == len(result.elements)


@pytest.mark.parametrize("rounding, shown", [("half", "1.5 of 3"), ("whole", "2 of 3"), ("exact", "1.55 of 3")])
def test_part_marks_are_shown_as_the_rubric_asks(rubric, rounding, shown):
    from grader.reports.context import build_context

    result = grade_file(DATA / "essay_developed.txt", rubric)
    element = result.elements[0].model_copy(update={"points": 1.55, "max_points": 3.0})
    changed = result.model_copy(update={"elements": [element, *result.elements[1:]],
                                        "rubric": result.rubric.model_copy(update={"part_marks": rounding})})
    assert build_context(changed).grid[0].marks == shown
    assert changed.elements[0].points == 1.55 and '"points":1.55' in changed.to_json(indent=None)  # exact in the result


def test_each_sentence_is_listed_once_under_the_fact_check(rubric):
    from grader.reports.context import build_context
    from grader.results import FactResult

    result = grade_file(DATA / "essay_developed.txt", rubric)
    one, two = "The treaty was signed in Beijing in 1951.", "Mao went to Moscow in December 1949."
    checks = [FactResult(id="a", status="incorrect", text=one, start=0, end=1, note="It was signed in Moscow."),
              FactResult(id="b", status="incorrect", text=one, start=0, end=1, note="It was signed in 1950."),
              FactResult(id="c", status="correct", text=one, start=0, end=1, note=""),
              FactResult(id="d", status="correct", text=two, start=2, end=3, note=""),
              FactResult(id="e", status="correct", text=two, start=2, end=3, note="")]
    context = build_context(result.model_copy(update={"facts": checks}))
    assert [(f.text, f.note) for f in context.wrong_facts] == [(one, "It was signed in Moscow. It was signed in 1950.")]
    assert [f.text for f in context.right_facts] == [two]


def _template_environment(folder):
    from grader.reports.template_cache import TemplateCache
    from grader.reports.templating import new_environment

    return new_environment(TemplateCache(folder))


def test_compiled_templates_are_kept_privately_and_read_back_instead_of_compiled(tmp_path, monkeypatch):
    import jinja2

    first = _template_environment(tmp_path).get_template("report.md.j2")
    kept = list(tmp_path.glob("*.template"))
    assert len(kept) == 1 and kept[0].stat().st_mode & 0o077 == 0

    def refuse(*args, **kwargs):
        raise AssertionError("compiled again")

    monkeypatch.setattr(jinja2.Environment, "compile", refuse)
    again = _template_environment(tmp_path).get_template("report.md.j2")
    context = build_context(grade_file(ROOT / "samples" / "ada.txt"))
    fields = {name: getattr(context, name) for name in context.__dataclass_fields__}
    assert again.render(**fields) == first.render(**fields)


def test_a_compiled_template_others_could_write_is_compiled_afresh(tmp_path, monkeypatch):
    import jinja2

    _template_environment(tmp_path).get_template("report.md.j2")
    (kept,) = tmp_path.glob("*.template")
    kept.write_bytes(b"planted by someone else")
    kept.chmod(0o666)
    compiled = []
    original = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, *a, **k: compiled.append(1) or original(self, *a, **k))
    _template_environment(tmp_path).get_template("report.md.j2")
    assert compiled  # the planted file was not read: the template was compiled from its source
    # replaced by a fresh private file, never written through
    assert kept.read_bytes() != b"planted by someone else" and kept.stat().st_mode & 0o077 == 0


def test_no_compiled_templates_are_kept_with_caching_off(monkeypatch):
    from grader.reports.template_cache import template_cache

    monkeypatch.setenv("GRADER_NO_CACHE", "1")
    assert template_cache() is None
