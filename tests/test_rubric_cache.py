"""The compiled-rubric cache: the same grades as a rubric read afresh, never stale after any file it was built
from changes, never read when another user could have written it, safe with many processes at once, and
switched off by --no-cache."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ProcessPoolExecutor

import pytest
from click.testing import CliRunner

import grader
from grader import rubric_cache
from grader.cli import main
from grader.rubric import load_rubric

from .conftest import ROOT, SAMPLES

BUNDLED = ROOT / "rubrics" / "sino-soviet-alliance.yaml"
ESSAY = SAMPLES / "nikhil.txt"


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A cache folder of this test's own, and a copy of the bundled rubric to change."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("GRADER_CACHE_DIR", str(folder))
    monkeypatch.delenv("GRADER_NO_CACHE", raising=False)
    shutil.copytree(BUNDLED.parent, tmp_path / "rubrics")
    return folder, tmp_path / "rubrics" / BUNDLED.name


def _entries(folder):
    return sorted(folder.glob("rubric-*.pickle")) if folder.is_dir() else []


def test_a_cached_rubric_grades_exactly_as_a_fresh_one(cache):
    folder, path = cache
    fresh = load_rubric(path)
    assert len(_entries(folder)) == 1 and _entries(folder)[0].stat().st_mode & 0o077 == 0
    cached = rubric_cache.cached_rubric(path.resolve(), path.read_bytes())
    assert cached is not None and cached.path == fresh.path
    assert cached.model_dump() == fresh.model_dump()
    for essay in sorted(SAMPLES.glob("*.txt"))[:12]:
        document = grader.documents.read_document(essay)
        assert grader.grade_document(document, cached).to_json() == grader.grade_document(document, fresh).to_json()


def test_a_changed_rubric_is_read_afresh(cache):
    folder, path = cache
    assert load_rubric(path).title != "Changed title"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\ntitle:", "\ntitle: Changed title\n_old_title:", 1).replace("\n_old_title:", "\n#", 1),
                    encoding="utf-8")
    assert load_rubric(path).title == "Changed title"
    assert len(_entries(folder)) == 1  # one entry per rubric file, replaced


def test_a_changed_source_file_is_read_afresh(cache):
    folder, path = cache
    handout = path.parent / "sources" / "sino-soviet-overview.txt"
    assert ("quite", "different") not in {gram[:2] for gram in load_rubric(path).compiled.sources.grams}
    assert rubric_cache.cached_rubric(path.resolve(), path.read_bytes()) is not None
    handout.write_text("A second handout, quite different from the first one, with words enough for a run.\n",
                       encoding="utf-8")
    assert rubric_cache.cached_rubric(path.resolve(), path.read_bytes()) is None  # stale: never used
    grams = load_rubric(path).compiled.sources.grams
    assert ("quite", "different") in {gram[:2] for gram in grams}
    assert rubric_cache.cached_rubric(path.resolve(), path.read_bytes()) is not None


def test_a_missing_source_file_is_reported_not_cached(cache):
    folder, path = cache
    load_rubric(path)
    (path.parent / "sources" / "sino-soviet-overview.txt").unlink()
    with pytest.raises(grader.errors.RubricError, match="source file not found"):
        load_rubric(path)


def test_changed_code_makes_every_entry_stale(cache, monkeypatch):
    folder, path = cache
    load_rubric(path)
    monkeypatch.setattr(rubric_cache, "code_stamp", lambda: "another version of grader")
    assert rubric_cache.cached_rubric(path.resolve(), path.read_bytes()) is None


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file ownership is a POSIX notion")
def test_an_entry_others_could_write_is_never_read(cache):
    folder, path = cache
    load_rubric(path)
    entry = _entries(folder)[0]
    assert rubric_cache.cached_rubric(path.resolve(), path.read_bytes()) is not None
    os.chmod(entry, 0o666)
    assert rubric_cache.cached_rubric(path.resolve(), path.read_bytes()) is None
    os.chmod(entry, 0o600)
    os.chmod(folder, 0o777)
    assert rubric_cache.cached_rubric(path.resolve(), path.read_bytes()) is None
    os.chmod(folder, 0o700)


def test_a_damaged_entry_is_only_a_slower_start(cache):
    folder, path = cache
    expected = load_rubric(path).model_dump()
    entry = _entries(folder)[0]
    entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    assert rubric_cache.cached_rubric(path.resolve(), path.read_bytes()) is None
    assert load_rubric(path).model_dump() == expected
    assert rubric_cache.cached_rubric(path.resolve(), path.read_bytes()) is not None  # written again, whole


def test_an_unwritable_cache_folder_changes_nothing(cache, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would be\n", encoding="utf-8")
    monkeypatch.setenv("GRADER_CACHE_DIR", str(blocker / "cache"))
    _, path = cache
    assert load_rubric(path).id == load_rubric(BUNDLED).id


def _load_in_process(path: str) -> str:
    return load_rubric(path).model_dump_json()


def test_many_processes_loading_at_once_agree(cache):
    folder, path = cache
    with ProcessPoolExecutor(max_workers=4) as pool:
        loaded = list(pool.map(_load_in_process, [str(path)] * 8))
    assert len(set(loaded)) == 1
    assert len(_entries(folder)) == 1 and not list(folder.glob(".*"))  # no temporary file left behind
    assert rubric_cache.cached_rubric(path.resolve(), path.read_bytes()) is not None


def test_no_cache_neither_reads_nor_writes(cache, monkeypatch):
    folder, path = cache
    result = CliRunner().invoke(main, ["grade", str(ESSAY), "--rubric", str(path), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert not folder.exists()
    monkeypatch.delenv("GRADER_NO_CACHE")
    again = CliRunner().invoke(main, ["grade", str(ESSAY), "--rubric", str(path)])
    assert again.output == result.output and len(_entries(folder)) == 1


def test_a_warm_command_line_grade_matches_a_cold_one(cache):
    folder, path = cache
    command = [sys.executable, "-m", "grader", "grade", str(ESSAY), "--rubric", str(path), "--format", "json"]
    env = {**os.environ, "GRADER_CACHE_DIR": str(folder)}
    cold = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    assert _entries(folder)
    warm = subprocess.run(command, capture_output=True, text=True, env=env, check=True).stdout
    assert warm == cold
