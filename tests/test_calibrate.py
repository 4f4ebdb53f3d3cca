"""`grader calibrate`: a rubric's numbers fitted to a teacher's marks, written to a file the rubric names."""
from __future__ import annotations

import csv
import json

import pytest
import yaml
from click.testing import CliRunner

from grader import grade_text, load_rubric
from grader.cli import main
from grader.errors import RubricError

from .conftest import DATA

HEART = (DATA / "short" / "heart.yaml").read_text(encoding="utf-8")
VALVES = "Valves shut so the blood cannot flow backwards."
CHAMBERS = "The ventricles contract and push the blood out."
LUNGS = "The right ventricle pumps blood to the lungs."
NOTHING = "Blood is red."


def _rubric(folder, text=HEART):
    path = folder / "heart.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _sheet(folder, rows):
    path = folder / "marked.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Student", "Answer", "Mark"])
        writer.writerows(rows)
    return path


def _calibrate(*args):
    return CliRunner().invoke(main, ["calibrate", *[str(a) for a in args]])


def test_a_teacher_who_gives_full_marks_for_two_parts_gets_that_table(tmp_path):
    # this teacher gives 3 for valves and chambers together: the written table gives 2
    answers = [(f"{VALVES} {CHAMBERS}", 3), (VALVES, 1), (NOTHING, 0), (f"{CHAMBERS} {LUNGS}", 3)]
    rows = [(f"s{i}", text, mark) for i in range(10) for text, mark in answers]
    rubric = _rubric(tmp_path)
    result = _calibrate(rubric, "--scores", _sheet(tmp_path, rows), "--score-column", "Mark", "-o",
                        tmp_path / "heart.calibration.yaml")
    assert result.exit_code == 0, result.output
    assert "the rubric as written    0.8" in result.output and "cross-validated          1.000" in result.output
    written = yaml.safe_load((tmp_path / "heart.calibration.yaml").read_text(encoding="utf-8"))
    assert written == {"found": "thin", "marks": [0, 1, 3, 3]}
    assert "add `calibration: heart.calibration.yaml` to the rubric" in result.output
    rubric.write_text(HEART + "calibration: heart.calibration.yaml\n", encoding="utf-8")
    assert grade_text(f"{VALVES} {CHAMBERS}", load_rubric(rubric)).mark == 3
    again = _calibrate(rubric, "--scores", tmp_path / "marked.csv", "--score-column", "3", "-o",
                       tmp_path / "heart.calibration.yaml")
    assert "the rubric already uses it" in again.output and "the rubric as written    0.8" in again.output


def test_percentage_marking_learns_which_part_the_teacher_values(tmp_path):
    text = HEART.replace("scoring:\n  groups:\n    - {elements: [valves, chambers, pressure], max: 2}\n  marks: [0, 1, 2, 3]\n", "")
    rubric = _rubric(tmp_path, text)
    answers = [(LUNGS, 3), (f"{VALVES} {CHAMBERS}", 1), (VALVES, 0), (NOTHING, 0), (f"{LUNGS} {VALVES}", 3),
               (CHAMBERS, 0)]
    rows = [(f"s{i}", t, m) for i in range(8) for t, m in answers]
    out = tmp_path / "heart.calibration.yaml"
    result = _calibrate(rubric, "--scores", _sheet(tmp_path, rows), "--score-column", "Mark", "-o", out)
    assert result.exit_code == 0, result.output
    written = yaml.safe_load(out.read_text(encoding="utf-8"))
    weights = written["weights"]
    assert weights["lungs"] > weights["valves"]
    assert len(written["cuts"]) == 3 and written["cuts"] == sorted(written["cuts"])
    rubric.write_text(text + "calibration: heart.calibration.yaml\n", encoding="utf-8")
    calibrated = load_rubric(rubric)
    assert calibrated.uncalibrated.element("lungs").weight == 1
    assert sum(e.weight for e in calibrated.elements) == pytest.approx(calibrated.total)
    assert grade_text(LUNGS, calibrated).mark == 3 and grade_text(f"{VALVES} {CHAMBERS}", calibrated).mark == 1


def test_labels_and_a_folder_of_essays_calibrate_too(tmp_path):
    essays = tmp_path / "essays"
    essays.mkdir()
    labels = []
    for i in range(24):
        text, mark = [(f"{VALVES} {CHAMBERS}", 3), (NOTHING, 0), (VALVES, 1)][i % 3]
        (essays / f"e{i}.txt").write_text(text, encoding="utf-8")
        labels.append(json.dumps({"id": f"e{i}", "overall": mark}))
    (tmp_path / "labels.jsonl").write_text("\n".join(labels), encoding="utf-8")
    result = _calibrate(_rubric(tmp_path), essays, "--labels", tmp_path / "labels.jsonl", "-o", tmp_path / "cal.yaml")
    assert result.exit_code == 0, result.output
    assert "Calibrated on 24 marked answers" in result.output
    assert yaml.safe_load((tmp_path / "cal.yaml").read_text(encoding="utf-8"))["marks"] == [0, 1, 3, 3]


@pytest.mark.parametrize("rows, message", [
    ([("a", VALVES, "4")], "marked.csv#2: the mark '4' is not a whole number from 0 to 3 (the rubric's mark scale)"),
    ([("a", VALVES, "two")], "marked.csv#2: the mark 'two' is not a whole number from 0 to 3"),
    ([("a", VALVES, "1")] * 5, "5 marked answers are too few to calibrate on (at least 20)"),
])
def test_marks_a_calibration_cannot_use_are_one_line_errors(tmp_path, rows, message):
    result = _calibrate(_rubric(tmp_path), "--scores", _sheet(tmp_path, rows), "--score-column", "Mark", "-o",
                        tmp_path / "cal.yaml")
    assert result.exit_code == 1 and message in result.output and len(result.output.strip().splitlines()) == 1
    assert not (tmp_path / "cal.yaml").exists()


@pytest.mark.parametrize("args, message", [
    ((), "give either --labels LABELS.jsonl with a folder of ESSAYS, or --scores SHEET"),
    (("--scores", "x.csv"), "--scores takes no ESSAYS folder and needs --score-column"),
])
def test_calibrate_needs_one_source_of_marks(tmp_path, args, message):
    result = _calibrate(_rubric(tmp_path), *args, "-o", tmp_path / "cal.yaml")
    assert result.exit_code == 2 and message in result.output


@pytest.mark.parametrize("calibration, message", [
    ("weights: {nerves: 2}", "heart.cal.yaml:1: 'nerves' is not one of the rubric's parts"),
    ("cuts: [10, 50]", "heart.cal.yaml: mark.cuts: needs one cut per step of the scale: 3, not 2"),
    ("cuts: [50, 10, 60]", "cuts must rise and lie between 0 and 100"),
    ("weights: {valves: 1}\nweights: {valves: 2}", "duplicate key"),
    ("colour: red", "heart.cal.yaml:1: colour: Extra inputs are not permitted"),
])
def test_a_broken_calibration_file_is_a_one_line_rubric_error(tmp_path, calibration, message):
    text = HEART.replace("scoring:\n  groups:\n    - {elements: [valves, chambers, pressure], max: 2}\n  marks: [0, 1, 2, 3]\n", "")
    rubric = _rubric(tmp_path, text + "calibration: heart.cal.yaml\n")
    (tmp_path / "heart.cal.yaml").write_text(calibration + "\n", encoding="utf-8")
    with pytest.raises(RubricError) as caught:
        load_rubric(rubric)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_a_missing_calibration_file_is_named(tmp_path):
    rubric = _rubric(tmp_path, HEART + "calibration: gone.yaml\n")
    with pytest.raises(RubricError, match="gone.yaml: calibration file not found"):
        load_rubric(rubric)


def test_proposed_terms_separate_high_from_low_answers_as_a_diff_of_the_rubric(tmp_path):
    import subprocess

    # "tricuspid" is misspelt by the good answers ("tricuspd") and "backflow" by nobody; "septum" is a word the
    # rubric lacks that the good answers use
    good = "Valves shut so the blood cannot flow backwards. The ventricles contract. The septum keeps sides apart."
    rows = [(f"g{i}", good, 3) for i in range(8)] + [(f"t{i}", "The tricuspd valve shuts so blood cannot go back.", 2)
                                                      for i in range(6)]
    rows += [(f"w{i}", "Blood is red and warm.", 0) for i in range(10)]
    rubric = _rubric(tmp_path)
    diff_path = tmp_path / "terms.diff"
    result = _calibrate(rubric, "--scores", _sheet(tmp_path, rows), "--score-column", "Mark", "-o",
                        tmp_path / "cal.yaml", "--propose", diff_path)
    assert result.exit_code == 0, result.output
    assert "septum" in result.output and "-> proposed_terms (separates high from low)" in result.output
    assert "tricuspd" in result.output and "-> valve (a spelling of 'tricuspid')" in result.output
    assert "warm" not in result.output  # a word of the low answers
    diff = diff_path.read_text(encoding="utf-8")
    added = [line for line in diff.splitlines() if line.startswith("+  proposed_terms: [")]
    assert diff.startswith(f"--- {rubric}") and len(added) == 1 and '"septum"' in added[0] and '"warm"' not in added[0]
    assert rubric.read_text(encoding="utf-8") == HEART  # nothing changes until the teacher applies it
    applied = subprocess.run(["patch", str(rubric), str(diff_path)], capture_output=True, text=True)
    if applied.returncode == 0:
        assert "tricuspd" in rubric.read_text(encoding="utf-8")
        assert grade_text("The tricuspd valve shuts so blood cannot go back.", load_rubric(rubric)).elements[0].level == 1
