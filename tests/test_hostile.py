"""Hostile input: every file below is graded correctly or refused with one line naming it and the reason,
quickly and without a traceback; a batch carries on; Ctrl-C leaves only complete files."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from grader import grade_file
from grader.batch import run_batch
from grader.cli import main
from grader.errors import DocumentError, RubricError
from grader.rubric import load_rubric

from .conftest import DATA, ROOT, SAMPLES

sys.path.insert(0, str(DATA))
from make_fixtures import large_files  # noqa: E402


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    return large_files(tmp_path_factory.mktemp("large"))


GRADED = [  # (file, a sentence its plain text must contain)
    ("utf8_with_bom.txt", "Mao needed Soviet— loans"),
    ("utf16_with_bom.txt", "“loans”"),
    ("utf16_be_with_bom.txt", "Mao needed Soviet loans"),
    ("cp1252_curly_quotes.txt", "war – ruinous."),
    ("latin1_accents.txt", "Lüshun and Dalian"),
    ("crlf_lines.txt", "Stalin hoped a loyal China"),
    ("cr_only_lines.txt", "Stalin hoped a loyal China"),
    ("docx_made_by_libreoffice.docx", "[1]\tThe loan was worth $300 million."),
    ("plain.docx", "Mao needed Soviet loans"),
    ("docx_tracked_changes.docx", "Stalin did not trust Mao"),
    ("docx_with_footnotes.docx", "[i] An endnote about Tito."),
    ("docx_structures.docx", "Text box sentence."),
]
REFUSED = [  # (file, the reason in the one-line error)
    ("empty.txt", "the file is empty"),
    ("whitespace_only.txt", "only white space"),
    ("binary_named.txt", "binary data"),
    ("nul_bytes.txt", "binary data, not text (it holds NUL bytes)"),
    ("truncated.docx", "not a valid Word file"),
    ("text_named.docx", "not a valid Word file"),
    ("legacy.doc", "save it as .docx or .txt"),
    ("docx_with_doctype.docx", "declares a DOCTYPE"),
    ("docx_billion_laughs.docx", "declares a DOCTYPE"),
    ("zip_bomb.docx", "a zip bomb?"),
    ("docx_images_only.docx", "the document holds no text"),
]


@pytest.mark.parametrize("name, expected", GRADED, ids=[g[0] for g in GRADED])
def test_hostile_but_readable_files_are_graded(rubric, name, expected, validate):
    from grader.documents import read_document

    assert expected in read_document(DATA / name).text
    validate(grade_file(DATA / name, rubric))


@pytest.mark.parametrize("name, reason", REFUSED, ids=[r[0] for r in REFUSED])
def test_hostile_files_are_refused_in_one_line(name, reason):
    result = CliRunner().invoke(main, ["grade", str(DATA / name)])
    assert result.exit_code == 1
    assert result.output.count("\n") == 1 and result.output.startswith(f"error: {DATA / name}: ") and reason in result.output


def test_one_200kb_line_is_graded(rubric, large):
    started = time.perf_counter()
    result = grade_file(large["one_line"], rubric)
    assert result.word_count > 30_000 and time.perf_counter() - started < 30


def test_five_megabyte_file_is_refused_for_its_size(large):
    with pytest.raises(DocumentError, match=r"file is too large \(5\.0 MB; the limit is 2 MB\)"):
        grade_file(large["five_mb"])


def test_huge_rubric_is_an_invalid_rubric(large):
    with pytest.raises(RubricError, match="rubric file is too large"):
        load_rubric(large["huge_rubric"])
    result = CliRunner().invoke(main, ["rubric", "check", str(large["huge_rubric"])])
    assert result.exit_code == 2


def test_a_folder_named_like_an_essay(tmp_path):
    (tmp_path / "essay.txt").mkdir()
    result = CliRunner().invoke(main, ["grade", str(tmp_path / "essay.txt")])
    assert result.exit_code == 1 and "is a folder" in result.output


def test_names_folders_links_and_unreadable_files_in_a_batch(tmp_path, monkeypatch):
    folder = tmp_path / "class"
    folder.mkdir()
    shutil.copy(SAMPLES / "ada.txt", folder / "Zoë Brontë essay.txt")
    shutil.copy(SAMPLES / "ben.txt", folder / "SHOUTING.TXT")
    shutil.copy(SAMPLES / "omar.txt", folder / "locked.txt")
    (folder / "~$draft.docx").write_bytes(b"lock")
    (folder / "looks-like.txt").mkdir()
    shutil.copy(SAMPLES / "quinn.txt", folder / "looks-like.txt" / "inner.txt")
    os.symlink(folder, folder / "loop")  # a link back to the folder: never followed
    real_read = Path.read_bytes

    def unreadable(self):
        if self.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    monkeypatch.setattr(Path, "read_bytes", unreadable)
    errors: list[str] = []
    summary = run_batch(folder, tmp_path / "out", workers=1, recursive=True, on_error=errors.append)
    assert (summary.graded, summary.failed, summary.skipped) == (3, 1, 1)
    assert errors == ["locked.txt: permission denied: the file cannot be read"]
    reports = sorted(p.name for p in (tmp_path / "out" / "reports").iterdir())
    assert reports == ["SHOUTING.html", "Zoë Brontë essay.html", "inner.html"]


def test_report_names_never_leave_the_reports_folder(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name in ("CON.txt", "..txt", " .txt", "nul.TXT"):
        shutil.copy(SAMPLES / "ada.txt", folder / name)
    run_batch(folder, tmp_path / "out", workers=1)
    written = sorted(p.name for p in (tmp_path / "out" / "reports").iterdir())
    assert written == ["_CON.html", "_nul.html", "essay.html"]  # "..txt" is a hidden file: skipped
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "batch.json", "gradebook.csv", "overlap.csv", "overview.html", "overview.md", "reports", "results.jsonl"]


def test_ctrl_c_during_a_batch_exits_130_and_leaves_only_complete_files(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    essays = sorted(SAMPLES.glob("*.txt"))
    for i in range(1500):
        shutil.copy(essays[i % len(essays)], folder / f"s{i:03d}.txt")
    out = tmp_path / "out"
    proc = subprocess.Popen([sys.executable, "-m", "grader", "batch", str(folder), "-o", str(out), "--workers", "2"],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            # a test run started in the background inherits an ignored SIGINT: a user's Ctrl-C is not
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 30
    while time.time() < deadline and not ((out / "reports").exists() and any((out / "reports").iterdir())):
        time.sleep(0.05)  # grading is under way: the first report is written
    time.sleep(0.5)
    proc.send_signal(signal.SIGINT)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130, (stdout, stderr)
    assert stderr.strip().splitlines()[-1].startswith("interrupted:") and "Traceback" not in stderr
    left = [p.name for p in out.rglob("*") if p.is_file()]
    assert not [n for n in left if n.startswith(".") or n.endswith(".tmp")]  # nothing half-written
    assert "gradebook.csv" not in left  # the gradebook appears only when it is complete


@pytest.mark.parametrize("unit", ["a. ", "“x ", "Mr. ", "(", "Mao Stalin ", "- ", "? "])
def test_pathological_long_text_grades_in_linear_time(rubric, unit):
    """A million characters of one repeated fragment (abbreviations, open quotes, names) grades quickly."""
    from grader import grade_text

    started = time.perf_counter()
    try:
        grade_text(unit * (1_000_000 // len(unit) - 1), rubric)
    except DocumentError:
        pass
    assert time.perf_counter() - started < 60
