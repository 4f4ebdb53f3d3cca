"""`grader batch`: a mixed class folder gives a gradebook, results, reports, an overview and overlaps;
bad files become error rows; nothing depends on the number of workers; a re-run gives identical files."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from click.testing import CliRunner

from grader.batch import neutralise, report_names, safe_name
from grader.cli import main

from .conftest import DATA, SAMPLES

SHARED = ("Mao feared that the Americans would return Chiang Kai-shek to the mainland, and he believed that only "
          "a treaty with Moscow could deter them while China rebuilt its shattered industry.")


@pytest.fixture
def classroom(tmp_path):
    """A class folder: good essays, a broken .docx, an empty file, a .doc, a Word lock file, a hidden file,
    two essays sharing a paragraph, and two files of one student name (one in a sub-folder)."""
    folder = tmp_path / "class"
    (folder / "period2").mkdir(parents=True)
    shutil.copy(SAMPLES / "ada.txt", folder / "ada.txt")
    shutil.copy(SAMPLES / "chloe.docx", folder / "chloe.docx")
    shutil.copy(SAMPLES / "ben.txt", folder / "period2" / "ada.txt")
    shutil.copy(DATA / "truncated.docx", folder / "broken.docx")
    (folder / "empty.txt").write_bytes(b"")
    shutil.copy(DATA / "legacy.doc", folder / "old.doc")
    (folder / "~$chloe.docx").write_bytes(b"lock")
    (folder / ".hidden.txt").write_text("hidden")
    (folder / "notes.md").write_text("not an essay")
    base = (SAMPLES / "olivia.txt").read_text(encoding="utf-8")
    (folder / "sam.txt").write_text(base + "\n\n" + SHARED + "\n", encoding="utf-8")
    (folder / "=formula.txt").write_text((SAMPLES / "omar.txt").read_text(encoding="utf-8") + "\n\n" + SHARED + "\n",
                                         encoding="utf-8")
    return folder


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def read_outputs(outdir):
    return {p.relative_to(outdir).as_posix(): p.read_bytes() for p in sorted(outdir.rglob("*")) if p.is_file()}


def test_batch_writes_every_output(classroom, tmp_path):
    out = tmp_path / "out"
    result = run("batch", classroom, "-o", out, "--recursive", "--workers", "2")
    assert result.exit_code == 1
    assert "graded 5, failed 3, skipped 3" in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    assert len(errors) == 3 and any("broken.docx" in e for e in errors) and any("old.doc" in e for e in errors)

    raw = (out / "gradebook.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["student", "file", "score", "max_score", "percent", "mark", "band", "ccp_view", "ussr_view",
                       "natural_judgement", "domestic_factors", "international_factors", "factors_against",
                       "final_reason", "evidence", "flags", "error"]
    files = [r[1] for r in rows[1:]]
    assert files == ["'=formula.txt", "ada.txt", "broken.docx", "chloe.docx", "empty.txt", "old.doc",
                     "period2/ada.txt", "sam.txt"]
    by_file = {r[1]: r for r in rows[1:]}
    assert by_file["'=formula.txt"][0] == "'=formula"  # a formula never reaches a spreadsheet as one
    for bad in ("broken.docx", "empty.txt", "old.doc"):
        row = by_file[bad]
        assert row[2:15] == [""] * 13 and row[16]
    assert by_file["ada.txt"][2] and by_file["ada.txt"][6] and by_file["ada.txt"][16] == ""

    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    results = [json.loads(line) for line in lines]
    assert [r["file"] for r in results] == ["=formula.txt", "ada.txt", "chloe.docx", "period2/ada.txt", "sam.txt"]
    assert [r["student"] for r in results] == ["=formula", "ada", "chloe", "ada", "sam"]
    for r in results:
        assert r["schema"] == "grader.result/1" and set(r) >= {"score", "elements", "facts", "flags"}

    reports = sorted(p.name for p in (out / "reports").iterdir())
    assert reports == ["_formula.html", "ada.html", "chloe.html", "period2_ada.html", "sam.html"]
    overview = (out / "overview.html").read_text(encoding="utf-8")
    assert "Class overview" in overview and "<svg" in overview and "<script" not in overview
    assert "could not be graded" in overview and "broken.docx" in overview
    assert "Class overview" in (out / "overview.md").read_text(encoding="utf-8")
    overlap = list(csv.reader(io.StringIO((out / "overlap.csv").read_text(encoding="utf-8-sig"))))
    assert overlap[0] == ["first", "second", "shared_words", "passages"]
    assert any({"sam.txt", "'=formula.txt"} == {r[0], r[1]} for r in overlap[1:])
    assert not [p for p in out.rglob(".*")]  # no temporary files left


def test_rerun_and_worker_count_give_identical_files(classroom, tmp_path):
    first, second, single = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    run("batch", classroom, "-o", first, "--recursive", "--workers", "2")
    run("batch", classroom, "-o", second, "--recursive", "--workers", "2")
    run("batch", classroom, "-o", single, "--recursive", "--workers", "1")
    assert read_outputs(first) == read_outputs(second) == read_outputs(single)


def test_without_recursive_sub_folders_are_left_alone(classroom, tmp_path):
    out = tmp_path / "out"
    result = run("batch", classroom, "-o", out, "--workers", "1", "--format", "json")
    assert "graded 4, failed 3" in result.output
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["_formula.json", "ada.json", "chloe.json", "sam.json"]
    assert json.loads((out / "reports" / "ada.json").read_text())["file"] == "ada.txt"


@pytest.mark.parametrize("fmt", ["md", "docx", "json"])
def test_report_formats(tmp_path, fmt):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SAMPLES / "ada.txt", folder / "ada.txt")
    result = run("batch", folder, "-o", tmp_path / "out", "--format", fmt, "--quiet")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "reports" / f"ada.{fmt}").stat().st_size > 200


def test_folder_without_essays_is_an_error(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("x")
    result = run("batch", tmp_path / "in", "-o", tmp_path / "out")
    assert result.exit_code == 1 and result.output.startswith("error: ") and "no essays found" in result.output


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "_.._etc_passwd"), ("CON", "_CON"), ("nul.txt", "_nul.txt"), ("", "essay"),
    ("Zoë Brontë", "Zoë Brontë"), ("a/b\\c:d*e?f\"g<h>i|j", "a_b_c_d_e_f_g_h_i_j"), ("...", "essay"),
])
def test_safe_report_names(name, expected):
    assert safe_name(name) == expected


def test_clashing_names_are_made_unique():
    assert report_names(["alice.txt", "sub/alice.txt", "alice.docx", "bob.txt"], ".html") == [
        "alice.html", "sub_alice.html", "alice-2.html", "bob.html"]


@pytest.mark.parametrize("cell, expected", [("=1+1", "'=1+1"), ("+x", "'+x"), ("-x", "'-x"), ("@x", "'@x"),
                                            ("\tx", "'\tx"), ("\rx", "'\rx"), ("alice", "alice")])
def test_neutralise(cell, expected):
    assert neutralise(cell) == expected
