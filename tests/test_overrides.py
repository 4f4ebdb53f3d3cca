"""A teacher's decisions in overrides.csv: applied on every re-run, shown as the teacher's, never dropped
silently when they no longer fit."""
from __future__ import annotations

import csv
import io
import json

from click.testing import CliRunner

from grader.cli import main
from grader.overrides import essay_hash

from .conftest import ROOT

ESSAYS = ["ada.txt", "ben.txt", "cora.txt"]


def _class(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name in ESSAYS:
        (folder / name).write_bytes((ROOT / "samples" / name).read_bytes())
    return folder


def _batch(folder, out):
    return CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--quiet", "--workers", "1"])


def _results(out):
    return {r["student"]: r for r in map(json.loads, (out / "results.jsonl").read_text(encoding="utf-8").splitlines())}


def test_a_teachers_level_survives_the_re_run_and_changes_only_that_essay(tmp_path):
    folder, out = _class(tmp_path), tmp_path / "out"
    assert _batch(folder, out).exit_code == 0
    before = _results(out)
    lines_before = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    ada = before["ada"]
    part = next(e for e in ada["elements"] if e["level"] < 2)
    text = (folder / "ada.txt").read_text(encoding="utf-8")
    from grader.documents import document_from_text

    fingerprint = essay_hash(document_from_text(text, "ada.txt").text)
    (out / "overrides.csv").write_text(
        "student,part,level,mark,comment,note,essay_hash\n"
        f"ada,{part['id']},2,,Well argued - I read this part as developed.,checked in class,{fingerprint}\n",
        encoding="utf-8")
    assert _batch(folder, out).exit_code == 0
    after = _results(out)
    changed = next(e for e in after["ada"]["elements"] if e["id"] == part["id"])
    assert changed["level"] == 2 and changed["grader_level"] == part["level"] and changed["adjusted_by_teacher"]
    assert changed["teacher_comment"] == "Well argued - I read this part as developed."
    assert after["ada"]["adjusted_by_teacher"] and after["ada"]["score"] > ada["score"]
    assert after["ada"]["grader_mark"] == ada["mark"]
    lines_after = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert [line for line in lines_after if '"student":"ada"' not in line] == \
        [line for line in lines_before if '"student":"ada"' not in line]  # the others byte for byte
    row = next(r for r in csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig")))
               if r["student"] == "ada")
    assert row[part["id"]] == "2" and float(row["score"]) == after["ada"]["score"] and int(row["mark"]) == after["ada"]["mark"]
    report = (out / "reports" / "ada.html").read_text(encoding="utf-8")
    assert "set by your teacher" in report and "Well argued - I read this part as developed." in report
    assert "checked in class" not in report  # the note is the teacher's alone
    overview = (out / "overview.md").read_text(encoding="utf-8")
    ada_row = next(line for line in overview.splitlines() if line.startswith("| ada |"))
    assert f"| {after['ada']['mark']} |" in ada_row and f"| {after['ada']['percent']:g} |" in ada_row


def test_decisions_that_no_longer_fit_are_reported_not_dropped(tmp_path):
    folder, out = _class(tmp_path), tmp_path / "out"
    assert _batch(folder, out).exit_code == 0
    (out / "overrides.csv").write_text(
        "\ufeffstudent;part;level;mark;comment;note;essay_hash\n"
        "'zed;ccp_view;2;;;;\n"
        "ben;nonsense_part;1;;;;\n"
        "cora;ccp_view;2;;;;0000000000000000\n"
        "ben;;;9;;;\n", encoding="utf-8")
    result = _batch(folder, out)
    assert result.exit_code == 0
    notes = [line for line in result.output.splitlines() if line.startswith("note: ")]
    assert any("'zed' is no essay of this batch" in n for n in notes)
    assert any("'nonsense_part' is not a part of this rubric" in n for n in notes)
    assert any("cora: the essay has changed since this decision" in n for n in notes)
    overview = (out / "overview.html").read_text(encoding="utf-8")
    assert overview.count("a decision was not applied") == 3
    results = _results(out)
    assert results["ben"]["mark"] == 9 and results["ben"]["adjusted_by_teacher"]  # the whole mark, semicolons and all
    assert not results["cora"]["adjusted_by_teacher"]


def test_a_malformed_decision_is_a_one_line_error(tmp_path):
    folder, out = _class(tmp_path), tmp_path / "out"
    out.mkdir()
    (out / "overrides.csv").write_text("student,part,level\nada,ccp_view,high\n", encoding="utf-8")
    result = _batch(folder, out)
    assert result.exit_code == 1
    assert result.output.strip().endswith("overrides.csv:2: level must be a whole number, got 'high'")
