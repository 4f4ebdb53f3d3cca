"""Property tests: arbitrary text to grade_text and arbitrary bytes to the readers raise nothing but the
project's own errors, and every span still points into the text."""
from __future__ import annotations

import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader import grade_text
from grader.documents import decode_text, document_from_text, read_docx_bytes
from grader.errors import GraderError

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
WORDS = st.sampled_from(["Mao", "Stalin", "Soviet", "aid", "treaty", "1950", "natural", "alliance", "the", "-", "—",
                         ".", "?", "\n", "\n\n", " ", "“", "”", "[1]", "Sino-Soviet", "not", "I", "will", "discuss",
                         "Moscow", "in", "Beijing", "1945", "Stallin", "*", "#", "<b>", "&", "\t", "\r", "\x0b"])


def _raises_only_own_errors(read, *args) -> None:
    """Call a reader: any outcome but an exception that is not the project's own is fine."""
    try:
        read(*args)
    except GraderError:
        pass


def _grades_or_is_refused(rubric, text: str) -> None:
    """grade_text either refuses with the project's own error or grades with spans into the plain text."""
    try:
        result = grade_text(text, rubric)
    except GraderError:
        return
    plain = document_from_text(text).text
    for element in result.elements:
        for quote in element.evidence:
            assert plain[quote.start : quote.end] == quote.text
    assert 0 <= result.percent <= 100


@SETTINGS
@given(st.text(max_size=400))
def test_any_unicode_grades_or_is_refused(rubric, text):
    _grades_or_is_refused(rubric, text)


@SETTINGS
@given(st.lists(WORDS, max_size=300).map(" ".join))
def test_essay_like_noise_grades(rubric, text):
    _grades_or_is_refused(rubric, text)


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_decode_or_are_refused(data):
    _raises_only_own_errors(decode_text, data, "x.txt")


@SETTINGS
@given(st.binary(max_size=2000))
def test_any_bytes_as_docx_are_refused_cleanly(data):
    _raises_only_own_errors(read_docx_bytes, data, "x.docx")


@SETTINGS
@given(st.binary(min_size=0, max_size=3000), st.sampled_from(["word/document.xml", "_rels/.rels", "word/footnotes.xml"]))
def test_any_bytes_inside_a_docx_package_are_refused_cleanly(data, part):
    from .conftest import DATA

    with zipfile.ZipFile(DATA / "docx_with_footnotes.docx") as source:
        files = {n: source.read(n) for n in source.namelist()}
    files[part] = data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for name, content in files.items():
            target.writestr(name, content)
    _raises_only_own_errors(read_docx_bytes, buffer.getvalue(), "x.docx")
