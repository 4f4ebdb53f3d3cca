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


def test_rubric_check_runs_fact_and_misconception_examples(tmp_path):
    from click.testing import CliRunner

    from grader.cli import main

    from .conftest import DATA

    rubric = tmp_path / "moon.yaml"
    rubric.write_text((DATA / "valid_small_rubric.yaml").read_text(encoding="utf-8") + """
facts:
  - id: full_moon_cycle
    about: [moon, phase]
    must: {year: 1610}
    note: Galileo first described the moon's phases through a telescope in 1610.
    examples:
      right: ["Galileo saw the phases of the moon in 1610."]
      wrong: ["Galileo saw the phases of the moon in 1610, as everyone knows."]
misconceptions:
  - id: own_light
    claim: {all: [phase, light], none: [negation]}
    note: Phases come from how much of the sunlit half of the moon we see; the sunlight never stops.
    examples:
      wrong: ["Phases happen because the sunlight switches off.", "Phases change the moon."]
      not_wrong: ["The phases do not come from the sunlight stopping."]
""", encoding="utf-8")
    done = CliRunner().invoke(main, ["rubric", "check", str(rubric)])
    assert done.exit_code == 1
    assert "FAIL own_light wrong[1]: not reported: Phases change the moon." in done.output
    assert "FAIL full_moon_cycle wrong[0]: not checked incorrect:" in done.output
    assert "2 failed" in done.output
