"""Rubrics: the bundled ones load, and every broken rubric in tests/data/bad_rubrics fails in one line."""
from __future__ import annotations

from pathlib import Path

import pytest

import grader
from grader.errors import RubricError
from grader.rubric import bundled_rubric_ids, load_rubric

from .conftest import DATA

BAD = sorted((DATA / "bad_rubrics").glob("*.yaml"))


def test_bundled_rubrics_are_found_by_id():
    assert bundled_rubric_ids() == ["photosynthesis", "sino-soviet-alliance"]
    rubric = grader.load_rubric("sino-soviet-alliance")
    assert [e.id for e in rubric.elements] == ["ccp_view", "ussr_view", "natural_judgement", "domestic_factors",
                                               "international_factors", "factors_against", "final_reason", "evidence"]
    assert sum(e.weight for e in rubric.elements) == rubric.total == 20


def test_bundled_rubric_meets_its_minimums(rubric):
    assert len(rubric.facts) >= 15
    for element in rubric.elements:
        assert len(element.examples.count) >= 3, element.id
        assert len(element.examples.do_not_count) >= 3, element.id


@pytest.mark.parametrize("path", BAD, ids=[p.stem for p in BAD])
def test_bad_rubric_fails_with_its_expected_line(path: Path, monkeypatch):
    expected = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ")
    monkeypatch.chdir(DATA)
    with pytest.raises(RubricError) as caught:
        load_rubric(Path("bad_rubrics") / path.name)
    assert caught.value.message == expected
    assert "\n" not in caught.value.message


def test_valid_small_rubric_loads():
    rubric = load_rubric(DATA / "valid_small_rubric.yaml")
    assert rubric.total == 4 and rubric.path == (DATA / "valid_small_rubric.yaml").resolve()


def test_unknown_rubric_id_names_the_bundled_ones():
    with pytest.raises(RubricError, match="bundled: photosynthesis, sino-soviet-alliance"):
        load_rubric("no-such-rubric")


def test_missing_rubric_file():
    with pytest.raises(RubricError, match="rubric file not found"):
        load_rubric("nowhere/rubric.yaml")


def test_missing_source_file_is_an_invalid_rubric(tmp_path):
    text = (DATA / "valid_small_rubric.yaml").read_text() + "sources:\n  - {id: book, title: A book, file: book.txt}\n"
    path = tmp_path / "r.yaml"
    path.write_text(text)
    with pytest.raises(RubricError) as caught:
        load_rubric(path)
    assert caught.value.message == f"{path}:30: sources[0].file: source file not found: book.txt"


def test_rubric_format_doc_is_generated_from_the_models():
    from grader.rubric_docs import render

    from .conftest import ROOT

    on_disk = (ROOT / "docs" / "rubric-format.md").read_text(encoding="utf-8")
    assert on_disk == render(), "refresh with: python -m grader.rubric_docs > docs/rubric-format.md"
