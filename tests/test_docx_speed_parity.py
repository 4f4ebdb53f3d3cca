"""The fast path of the feedback .docx: reports start from a copy of one blank report, set styles by id, and are
zipped from python-docx's parts directly; none of that may change what a report contains."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from grader import grade_file, load_rubric
from grader.reports import render_bytes

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def rubric():
    return load_rubric("sino-soviet-alliance")


def test_docx_reports_share_nothing_and_zip_what_python_docx_saves(rubric):
    import docx

    from grader.reports.docx import _blank_report, _package_entries

    first, other = grade_file(DATA / "essay_developed.txt", rubric), grade_file(DATA / "essay_false_history.txt", rubric)
    alone = render_bytes(first, "docx", "a4", rubric)
    render_bytes(other, "docx", "letter", rubric)
    render_bytes(other, "docx", "a4", rubric)
    assert render_bytes(first, "docx", "a4", rubric) == alone  # nothing of one report leaks into the next
    report = docx.Document(io.BytesIO(alone))
    assert report.tables[0].style.name == "Table Grid"
    assert {p.style.name for p in report.paragraphs} >= {"Title", "Heading 1", "Heading 2", "List Bullet", "Quote"}
    assert round(report.sections[0].page_width.mm) == 210
    # The entries zipped directly are exactly those python-docx's own save() writes.
    blank, _ = _blank_report("a4")
    saved = io.BytesIO()
    blank.save(saved)
    with zipfile.ZipFile(saved) as package:
        assert _package_entries(blank) == {name: package.read(name) for name in package.namelist()}
