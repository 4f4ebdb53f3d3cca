"""Every example of every bundled rubric, one test each: the rubric's own specification, run as tests."""
from __future__ import annotations

import pytest

from grader.rubric import bundled_rubric_ids, load_rubric
from grader.rubric_check import run_examples, strip_markers


def _cases():
    for rubric_id in bundled_rubric_ids():
        for outcome in run_examples(load_rubric(rubric_id)):
            name = f"{rubric_id}-{outcome.element}-{'test_pass' if outcome.kind == 'count' else 'test_fail'}_{outcome.index}"
            yield pytest.param(outcome, id=name)


@pytest.mark.parametrize("outcome", list(_cases()))
def test_example(outcome):
    assert outcome.passed, f"{outcome.kind} example {outcome.text!r}: {outcome.problem}"


def test_strip_markers():
    assert strip_markers("A. [[B c.]] D.") == ("A. B c. D.", (3, 7))
    assert strip_markers("No markers.") == ("No markers.", None)


def test_an_element_whose_example_fails_is_reported(tmp_path):
    from .conftest import DATA

    text = (DATA / "valid_small_rubric.yaml").read_text().replace('do_not_count: ["moon sunlight"]',
                                                                  'do_not_count: ["The moon reflects sunlight."]')
    path = tmp_path / "r.yaml"
    path.write_text(text)
    failed = [o for o in run_examples(load_rubric(path)) if not o.passed]
    assert [(o.element, o.kind, o.problem) for o in failed] == [
        ("light", "do_not_count", "counted as evidence: 'The moon reflects sunlight.'")]
