"""The command line: exit statuses, one-line errors, output files, and help for every command."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from grader.cli import main

from .conftest import DATA, SAMPLES


@pytest.fixture
def run():
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args])


def test_grade_prints_a_readable_verdict(run):
    result = run("grade", DATA / "essay_developed.txt")
    assert result.exit_code == 0
    out = result.output
    assert out.splitlines()[1].startswith("Mark: ")
    for title in ["The Chinese Communists' point of view", "The Soviet point of view", "How natural the alliance was",
                  "Why Mao finally entered the alliance", "Accurate historical evidence"]:
        assert title in out
    assert "(paragraph 3)" in out and "Fact checks" in out
    weaker = run("grade", DATA / "essay_refusing_parts.txt").output
    assert "Priorities" in weaker


def test_grade_json_to_file(run, tmp_path, validate):
    out = tmp_path / "sub" / "r.json"
    result = run("grade", DATA / "essay_developed.txt", "--format", "json", "-o", out)
    assert result.exit_code == 0 and result.output == ""
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema"] == "grader.result/1" and data["file"] == str(DATA / "essay_developed.txt")
    assert not [p for p in out.parent.iterdir() if p.name.startswith(".")]  # no temporary file left


def test_grade_with_rubric_file(run):
    result = run("grade", DATA / "essay_developed.txt", "--rubric", DATA / "valid_small_rubric.yaml", "--format", "json")
    assert result.exit_code == 0
    assert json.loads(result.output)["rubric"]["id"] == "small"


@pytest.mark.parametrize("name, reason", [
    ("missing.txt", "file not found"), ("empty.txt", "the file is empty"),
    ("whitespace_only.txt", "the file holds only white space"), ("binary_named.txt", "binary data"),
    ("text_named.docx", "not a valid Word file"), ("legacy.doc", "save it as .docx or .txt"),
    ("essay.pdf", "save it as .docx or .txt"), ("essay.rtf", "save it as .docx or .txt"),
    ("essay.odt", "save it as .docx or .txt"), ("zip_bomb.docx", "zip bomb"),
])
def test_bad_essay_one_line_exit_1(run, name, reason):
    result = run("grade", DATA / name)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {DATA / name}: ") and reason in lines[0]
    assert "Traceback" not in result.output


@pytest.mark.parametrize("bad", ["weight_not_a_number", "duplicate_key", "unknown_field", "yaml_syntax_error",
                                 "element_without_examples", "element_without_evidence_terms"])
def test_bad_rubric_one_line_exit_2(run, bad):
    path = DATA / "bad_rubrics" / f"{bad}.yaml"
    for args in (("grade", DATA / "essay_developed.txt", "--rubric", path), ("rubric", "check", path)):
        result = run(*args)
        assert result.exit_code == 2
        lines = result.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {path}:")


def test_rubric_check_passes_on_bundled_rubrics(run):
    for ref in ("sino-soviet-alliance", "photosynthesis"):
        result = run("rubric", "check", ref)
        assert result.exit_code == 0, result.output
        assert " 0 failed" in result.output


def test_rubric_check_fails_with_exit_1_when_an_example_fails(run, tmp_path):
    text = (DATA / "valid_small_rubric.yaml").read_text().replace('do_not_count: ["moon sunlight"]',
                                                                  'do_not_count: ["The moon reflects sunlight."]')
    path = tmp_path / "r.yaml"
    path.write_text(text)
    result = run("rubric", "check", path)
    assert result.exit_code == 1
    assert "FAIL light do_not_count[0]: counted as evidence" in result.output


def test_rubric_show(run):
    result = run("rubric", "show", "sino-soviet-alliance")
    assert result.exit_code == 0
    assert "ccp_view (weight 3)" in result.output and "treaty_signed:" in result.output


def test_extract_prints_the_text_offsets_point_into(run):
    result = run("extract", SAMPLES / "chloe.docx")
    assert result.exit_code == 0
    assert "[1] Odd Arne Westad" in result.output


def test_unknown_format_is_a_usage_error(run):
    assert run("grade", DATA / "essay_developed.txt", "--format", "pdf").exit_code == 2


@pytest.mark.parametrize("command", [[], ["grade"], ["extract"], ["rubric"], ["rubric", "check"], ["rubric", "show"],
                                     ["evaluate"]])
def test_every_command_has_help(run, command):
    result = run(*command, "--help")
    assert result.exit_code == 0 and "Usage:" in result.output
    assert len(result.output.split("\n\n")[1].strip()) > 10  # a real description


def test_python_dash_m_runs_the_cli():
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "grader", "grade", str(DATA / "missing.txt")],
                          capture_output=True, text=True)
    assert done.returncode == 1 and done.stderr.startswith("error: ") and "Traceback" not in done.stderr
