"""Agreement figures: kappa, the bootstrap interval, the monotone word-count baseline, and `grader evaluate`
on a small labelled folder. These check the figures are computed correctly, not that they are high."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from grader import grade_file
from grader.cli import main
from grader.errors import DocumentError
from grader.evaluate import (bootstrap_interval, evaluate, isotonic_fit, predict_monotone, quadratic_weighted_kappa,
                             read_labels, render_report, word_count_baseline)

from .conftest import DATA

LABELLED = DATA / "labelled"


@pytest.mark.parametrize("a, b, categories, expected", [
    ([0, 1, 2], [0, 1, 2], [0, 1, 2], 1.0),
    ([0, 0, 1, 1], [0, 1, 0, 1], [0, 1], 0.0),  # no better than chance
    ([0, 1, 2, 2], [0, 1, 1, 2], [0, 1, 2], 0.8),  # worked by hand: 1 - 0.25 / 1.25
    ([0, 2], [2, 0], [0, 1, 2], -1.0),
    ([3, 3, 3], [3, 3, 3], list(range(11)), 1.0),  # one category each: identical is full agreement
])
def test_quadratic_weighted_kappa(a, b, categories, expected):
    assert quadratic_weighted_kappa(a, b, categories) == pytest.approx(expected)


def test_isotonic_fit_pools_violators_and_predicts_monotone():
    fitted = isotonic_fit([1, 2, 3, 4], [1, 3, 2, 4])
    assert fitted == [(1, 1.0), (2, 2.5), (3, 2.5), (4, 4.0)]
    assert predict_monotone(fitted, 0) == 1.0 and predict_monotone(fitted, 9) == 4.0
    assert predict_monotone(fitted, 3.5) == pytest.approx(3.25)


def test_word_count_baseline_is_leave_one_out():
    # each essay's prediction comes from the others only: the longest essay is predicted from shorter ones
    assert word_count_baseline([100, 200, 300, 400], [2, 4, 6, 8], list(range(11))) == [4, 4, 6, 6]


def test_bootstrap_interval_is_repeatable_and_brackets_the_estimate():
    a, b = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], [0, 2, 2, 3, 5, 5, 6, 8, 8, 9]
    first = bootstrap_interval(a, b, list(range(11)), samples=300)
    assert first == bootstrap_interval(a, b, list(range(11)), samples=300)
    assert first[0] <= quadratic_weighted_kappa(a, b, list(range(11))) <= first[1]


def test_evaluate_figures_match_the_grades(rubric):
    report = evaluate(LABELLED, LABELLED / "labels.jsonl", rubric)
    ids = ["kw", "priya", "refuser", "split"]
    marks = [grade_file(LABELLED / f"{i}.txt", rubric).mark for i in ids]
    teacher = [0, 9, 3, 1]
    assert report.essays == 4
    assert report.qwk == pytest.approx(quadratic_weighted_kappa(teacher, marks, list(range(11))))
    words = [grade_file(LABELLED / f"{i}.txt", rubric).word_count for i in ids]
    baseline = word_count_baseline(words, teacher, list(range(11)))
    assert report.baseline_qwk == pytest.approx(quadratic_weighted_kappa(teacher, baseline, list(range(11))))
    assert report.exact == sum(m == t for m, t in zip(marks, teacher)) / 4
    assert sum(map(sum, report.confusion)) == 4
    assert report.confusion[0][marks[0]] == 1
    assert report.unmatched_labels == ["absent"]
    assert set(report.elements) == {e.id for e in rubric.elements}


def test_evaluate_command_text_and_json():
    runner = CliRunner()
    text = runner.invoke(main, ["evaluate", str(LABELLED), "--labels", str(LABELLED / "labels.jsonl")])
    assert text.exit_code == 0, text.output
    assert "Essays compared: 4" in text.output and "word-count baseline" in text.output
    assert "Labels without an essay: absent" in text.output
    data = json.loads(runner.invoke(main, ["evaluate", str(LABELLED), "--labels", str(LABELLED / "labels.jsonl"),
                                           "--format", "json"]).output)
    assert data["essays"] == 4
    assert set(data["overall"]) == {"grader", "word_count_baseline"}
    assert set(data["overall"]["grader"]) == {"qwk", "qwk_95", "exact", "within_one"}


@pytest.mark.parametrize("line, problem", [
    ("not json", "not valid JSON"),
    ('{"id": "a", "overall": 11}', '"overall" must be a whole number from 0 to 10'),
    ('{"id": "a", "overall": 5, "ccp_view": 3}', '"ccp_view" must be 0, 1 or 2'),
    ('{"overall": 5}', 'each line must be an object with a string "id"'),
])
def test_bad_labels_are_one_line_errors(tmp_path, rubric, line, problem):
    path = tmp_path / "labels.jsonl"
    path.write_text('{"id": "ok", "overall": 3}\n' + line + "\n")
    with pytest.raises(DocumentError) as caught:
        read_labels(path, rubric)
    assert caught.value.message.startswith(f"{path}:2: ") and problem in caught.value.message
    result = CliRunner().invoke(main, ["evaluate", str(LABELLED), "--labels", str(path)])
    assert result.exit_code == 1 and result.output.startswith("error: ")


def test_honesty_figures_count_the_teachers_zero_parts_and_errors(tmp_path, rubric):
    essay = (DATA / "essay_wrong_facts.txt").read_text(encoding="utf-8")
    (tmp_path / "wrong.txt").write_text(essay, encoding="utf-8")
    label = {"id": "wrong", "ccp_view": 0, "ussr_view": 0, "natural_judgement": 0, "domestic_factors": 0,
             "international_factors": 0, "factors_against": 0, "final_reason": 0, "evidence": 0, "on_topic": True,
             "overall": 2, "factual_errors": [
                 "signed in Beijing in 1945 - it was signed in Moscow in 1950",  # reported as incorrect
                 "Yalta Conference of 1945 gave Stalin rights in Manchuria - (a marker's slip: it is right)",  # shown correct
                 "Stalin flew to the moon - not in the essay"]}  # not found
    labels = tmp_path / "labels.jsonl"
    labels.write_text(json.dumps(label) + "\n", encoding="utf-8")
    report = evaluate(tmp_path, labels, rubric)
    graded = grade_file(tmp_path / "wrong.txt", rubric)
    assert report.honesty["labelled_errors"] == 3
    assert report.honesty["labelled_errors_reported"] == 1 / 3
    assert report.honesty["labelled_errors_shown_correct"] == 1
    assert report.honesty["labelled_errors_not_found_in_text"] == 1
    zero_left = sum(e.level == 0 for e in graded.elements)
    assert report.honesty["teacher_zero_parts"] == 8 and report.honesty["zero_parts_left_at_zero"] == zero_left / 8
    assert report.honesty["on_topic_bias"] == graded.mark - 2
    text = render_report(report)
    assert "Teacher's factual errors reported as incorrect: 33% of 3 (1 shown as correct, 1 not found in the text)" in text
