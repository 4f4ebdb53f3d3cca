"""Names and paragraphs as the student sees them: a name line gives the name a report addresses, paragraphs
are counted from the answer's first, and a sentence a page break cuts is quoted whole."""
from __future__ import annotations

import pytest

from grader import grade_file, grade_text
from grader.reports import render

from .conftest import DATA

BODY = (DATA / "essay_developed.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]


@pytest.mark.parametrize("top, name", [
    ("Name: Amara", "Amara"),
    ("Brendan Walsh 12C", "Brendan Walsh"),
    ("Talia Brennan – Year 13 History", "Talia Brennan"),
    ("Noah Richter    History 12B    4 March 2024", "Noah Richter"),
    ("Wendell Ashby-Grant", "Wendell Ashby-Grant"),
    ("The Sino-Soviet Alliance", "essay"),  # a title is no name
    ("History Essay", "essay"),
])
def test_the_name_line_gives_the_name_and_the_file_stays_the_student(top, name, rubric):
    result = grade_text(f"{top}\n\n{BODY}", rubric, name="essay.txt")
    assert result.name == name and result.student == "essay"
    assert f"Feedback for {name}" in render(result, "html")


def test_paragraphs_are_numbered_from_the_answer_after_the_name_and_title(rubric):
    result = grade_text(f"Name: Amara\n\nWhy Mao Leaned to One Side\n\n{BODY}", rubric)
    assert result.front_matter_paragraphs == 2
    quote = next(q for e in result.elements for q in e.evidence)
    assert quote.paragraph >= 3  # the JSON counts from the top of the file, as `grader extract` prints it
    page = render(result, "html")
    assert f"(paragraph {quote.paragraph - 2})" in page and "from the first after your name and title" in page
    shown = {f"(paragraph {q.paragraph - 2})" for e in result.elements for q in e.evidence}
    assert result.strengths and all(any(p in s for p in shown) for s in result.strengths)


def test_a_sentence_cut_by_a_page_break_is_quoted_whole(tmp_path, rubric):
    import docx
    from docx.enum.text import WD_BREAK

    document = docx.Document()
    paragraph = document.add_paragraph("Mao needed Soviet loans")
    paragraph.add_run().add_break(WD_BREAK.PAGE)
    paragraph.add_run("to rebuild an economy wrecked by inflation and civil war. " + BODY.split("\n\n")[0])
    path = tmp_path / "broken.docx"
    document.save(path)
    result = grade_file(path, rubric)
    quotes = [q.text for e in result.elements for q in e.evidence]
    assert "Mao needed Soviet loans to rebuild an economy wrecked by inflation and civil war." in quotes
