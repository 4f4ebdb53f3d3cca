"""Every sample essay: it grades, validates, quotes exactly what `grader extract` prints, and grades the same twice."""
from __future__ import annotations

import json

import pytest

from grader import grade_file
from grader.documents import read_document

from .conftest import SAMPLES, essay_files

SAMPLE_FILES = essay_files()
LABELS = {json.loads(line)["id"]: json.loads(line) for line in (SAMPLES / "labels.jsonl").read_text().splitlines()}


def test_sample_set_shape():
    assert len(SAMPLE_FILES) >= 40
    assert sum(p.suffix == ".docx" for p in SAMPLE_FILES) >= 2
    assert {p.stem for p in SAMPLE_FILES} == set(LABELS)


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_sample_spans_point_into_the_extracted_text(path, rubric, validate):
    text = read_document(path).text
    result = grade_file(path, rubric)
    validate(result)
    for element in result.elements:
        for quote in element.evidence:
            assert text[quote.start : quote.end] == quote.text
            assert 1 <= quote.paragraph
            for term in quote.terms:
                assert term in quote.text
    for fact in result.facts:
        assert text[fact.start : fact.end] == fact.text
    assert grade_file(path, rubric).to_json() == result.to_json()


def test_docx_samples_keep_footnotes_and_tracked_changes():
    chloe = read_document(SAMPLES / "chloe.docx")
    assert sum(p.kind == "note" for p in chloe.paragraphs) == 6
    xena = read_document(SAMPLES / "xena.docx")
    assert "{+" not in xena.text and "{-" not in xena.text


@pytest.mark.parametrize("essay_id", sorted(i for i, label in LABELS.items() if label.get("on_topic") is False))
def test_off_topic_samples_are_flagged_and_low(essay_id, rubric):
    path = next(p for p in SAMPLE_FILES if p.stem == essay_id)
    result = grade_file(path, rubric)
    assert "off_topic" in [f.code for f in result.flags]
    assert result.mark <= 2


PADDED = ["aaron", "gus", "lila"]  # long, vague and repetitive, by their markers' notes
DENSE = ["ada", "cass", "edgar"]  # under 300 words, specific and accurate


def test_padded_essays_score_below_short_dense_ones(rubric):
    score = {p.stem: grade_file(p, rubric).percent for p in SAMPLE_FILES if p.stem in PADDED + DENSE}
    assert max(score[i] for i in PADDED) < min(score[i] for i in DENSE)


def test_padding_a_dense_essay_earns_nothing(rubric):
    from grader import grade_text

    essay = (SAMPLES / "ada.txt").read_text(encoding="utf-8")
    filler = ("There were many different factors that played a part in this important alliance, and historians "
              "have looked at them in many different ways over the years. ")
    padded = essay + "\n\n" + "\n\n".join(filler * 3 for _ in range(6))
    assert grade_text(padded, rubric).score <= grade_text(essay, rubric).score

