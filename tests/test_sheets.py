"""A spreadsheet of answers: `grader batch answers.csv|.tsv|.xlsx` grades each row as an answer."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from grader.cli import main

from .conftest import DATA

HEART = str(DATA / "short" / "heart.yaml")
GOOD = "Valves shut so the blood cannot flow backwards. The ventricles contract and push the blood out."
WEAK = "Blood is red."


def _batch(sheet, out, *extra):
    return CliRunner().invoke(main, ["batch", str(sheet), "-o", str(out), "--rubric", HEART, "--quiet", *extra])


def _gradebook(out):
    return list(csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig"))))


def _results(out):
    return [json.loads(line) for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines()]


def test_a_tsv_export_is_graded_row_by_row_in_sheet_order(tmp_path):
    sheet = tmp_path / "set.tsv"
    sheet.write_text(f"Id\tEssaySet\tEssayText\n17\t1\t{GOOD}\n9\t1\t{WEAK}\n", encoding="utf-8")
    result = _batch(sheet, tmp_path / "out")
    assert result.exit_code == 0, result.output
    results = _results(tmp_path / "out")
    assert [(r["student"], r["file"], r["mark"]) for r in results] == [("17", "set.tsv#2", 2), ("9", "set.tsv#3", 0)]
    assert [r["student"] for r in _gradebook(tmp_path / "out")] == ["17", "9"]
    assert sorted(p.name for p in (tmp_path / "out" / "reports").iterdir()) == ["17.html", "9.html"]


def test_a_google_forms_csv_guesses_the_email_and_the_long_answer_column(tmp_path):
    sheet = tmp_path / "responses.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Timestamp", "Email Address", "Score", "How does the heart keep blood moving one way?"])
        writer.writerow(["2026/11/02 9:14:03", "ana@school.org", "", GOOD])
        writer.writerow(["2026/11/02 9:15:40", "ben@school.org", "", WEAK])
    assert _batch(sheet, tmp_path / "out").exit_code == 0
    assert {r["student"]: r["mark"] for r in _gradebook(tmp_path / "out")} == {"ana@school.org": "2", "ben@school.org": "0"}


def test_a_semicolon_csv_from_excel_reads_too(tmp_path):
    sheet = tmp_path / "klas.csv"
    sheet.write_text(f"Student;Answer\nana;{GOOD}\n", encoding="cp1252")
    assert _batch(sheet, tmp_path / "out").exit_code == 0
    assert _gradebook(tmp_path / "out")[0]["mark"] == "2"


def test_an_xlsx_workbook_with_named_columns(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Candidate", "Q1", "Q2"])
    sheet.append([1001, WEAK, GOOD])
    sheet.append([1002, GOOD, WEAK])
    path = tmp_path / "quiz.xlsx"
    book.save(path)
    result = _batch(path, tmp_path / "out", "--id-column", "candidate", "--text-column", "Q2")
    assert result.exit_code == 0, result.output
    assert [(r["student"], r["file"], r["mark"]) for r in _results(tmp_path / "out")] == [
        ("1001", "quiz.xlsx#2", 2), ("1002", "quiz.xlsx#3", 0)]
    by_number = _batch(path, tmp_path / "out2", "--id-column", "1", "--text-column", "2")
    assert by_number.exit_code == 0 and _gradebook(tmp_path / "out2")[1]["mark"] == "2"


@pytest.mark.parametrize("header, extra, message", [
    ("Id\tAnswer 1\tAnswer 2", (), "cannot tell which column holds the answer ('Answer 1' or 'Answer 2'): name it "
                                   "with --text-column"),
    ("Id\tAnswer", ("--text-column", "Response"), "no column 'Response' (the columns are 'Id', 'Answer')"),
    ("Colour\tAnswer", (), "cannot tell which column holds the id: name it with --id-column (the columns are "
                           "'Colour', 'Answer')"),
])
def test_columns_that_cannot_be_told_apart_are_a_usage_error(tmp_path, header, extra, message):
    sheet = tmp_path / "a.tsv"
    sheet.write_text(f"{header}\n1\t{GOOD}\t{WEAK}\n", encoding="utf-8")
    result = _batch(sheet, tmp_path / "out", *extra)
    assert result.exit_code == 2
    assert result.output.strip() == f"error: {sheet}: {message}"
    assert not (tmp_path / "out" / "gradebook.csv").exists()


def test_empty_answers_repeated_ids_and_missing_ids_are_error_rows(tmp_path):
    sheet = tmp_path / "a.csv"
    sheet.write_text(f"id,answer\nana,{GOOD}\nben,\nana,{WEAK}\n,{WEAK}\ncy,{WEAK}\n", encoding="utf-8")
    result = _batch(sheet, tmp_path / "out")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert errors == ["error: a.csv#3: the answer is empty",
                      "error: a.csv#4: the id 'ana' is repeated (first in row 2)",
                      "error: a.csv#5: no id in this row"]
    rows = _gradebook(tmp_path / "out")
    assert [(r["student"], r["mark"], r["error"]) for r in rows] == [
        ("ana", "2", ""), ("ben", "", "a.csv#3: the answer is empty"),
        ("ana", "", "a.csv#4: the id 'ana' is repeated (first in row 2)"), ("row 5", "", "a.csv#5: no id in this row"),
        ("cy", "0", "")]
    assert [r["student"] for r in _results(tmp_path / "out")] == ["ana", "cy"]


def test_an_oversized_or_broken_sheet_is_a_one_line_error(tmp_path, monkeypatch):
    from grader import sheets

    sheet = tmp_path / "big.csv"
    sheet.write_text(f"id,answer\nana,{GOOD}\n", encoding="utf-8")
    monkeypatch.setattr(sheets, "MAX_SHEET_BYTES", 10)
    result = _batch(sheet, tmp_path / "out")
    assert result.exit_code == 1
    assert result.output.strip() == f"error: {sheet}: the spreadsheet is too large ({sheet.stat().st_size:,} bytes; the limit is 10): split it"
    monkeypatch.undo()
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    result = _batch(broken, tmp_path / "out")
    assert result.exit_code == 1 and result.output.strip() == f"error: {broken}: not a readable .xlsx workbook (BadZipFile)"
    missing = _batch(tmp_path / "nowhere.csv", tmp_path / "out")
    assert missing.exit_code == 1 and "file not found" in missing.output


def test_column_options_need_a_spreadsheet(tmp_path):
    result = CliRunner().invoke(main, ["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--id-column", "Id"])
    assert result.exit_code == 2 and "apply to a spreadsheet of answers" in result.output
