"""The cached English dictionary: the same lemmas as simplemma, a faster start, and a cache file that only
this user could have written."""
from __future__ import annotations

import os
import re

import pytest
import simplemma

from grader import cache, lemmas
from grader.word_table import table_bytes

from .conftest import ROOT


def test_the_cached_dictionary_gives_simplemmas_own_lemmas():
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "samples").glob("*.txt"))[:40])
    words = sorted({w.casefold() for w in re.findall(r"[^\W\d_]+", text)})
    assert len(words) > 2000
    assert [lemmas.lemmatize(w) for w in words] == [simplemma.lemmatize(w, lang="en") for w in words]
    assert [lemmas.is_known(w) for w in words] == [simplemma.is_known(w, lang="en") for w in words]
    cached = cache.cache_dir() / f"simplemma-{simplemma.__version__}-en.table"
    assert cached.is_file() and cached.stat().st_mode & 0o077 == 0  # written, private to this user


def _planted(folder, table):
    path = folder / f"simplemma-{simplemma.__version__}-en.table"
    folder.mkdir(parents=True, exist_ok=True)
    path.write_bytes(table_bytes(table))
    return path


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="file ownership is a POSIX notion")
def test_a_cache_others_could_write_is_never_read(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADER_CACHE_DIR", str(tmp_path / "cache"))
    planted = _planted(tmp_path / "cache", {b"houses": b"planted"})
    os.chmod(tmp_path / "cache", 0o700)
    os.chmod(planted, 0o600)
    assert lemmas._english_table()[b"houses"] == b"planted"  # our own file is read as it is
    os.chmod(planted, 0o666)
    assert lemmas._english_table()[b"houses"] == b"house"  # anyone could have written it: the shipped table


def test_caching_can_be_switched_off(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADER_NO_CACHE", "1")
    assert cache.cache_dir() is None
    lemmas._lemmatizer.cache_clear()
    try:
        assert lemmas._lemmatizer() is None and lemmas.lemmatize("houses") == "house"
    finally:
        monkeypatch.delenv("GRADER_NO_CACHE")
        lemmas._lemmatizer.cache_clear()


@pytest.mark.parametrize("damage", [lambda data: data[:-1], lambda data: b"JUNK" + data[4:], lambda data: b""])
def test_a_damaged_cache_file_is_replaced_by_the_shipped_table(tmp_path, monkeypatch, damage):
    monkeypatch.setenv("GRADER_CACHE_DIR", str(tmp_path / "cache"))
    planted = _planted(tmp_path / "cache", {b"houses": b"planted"})
    planted.write_bytes(damage(planted.read_bytes()))
    assert lemmas._english_table()[b"houses"] == b"house"
    assert lemmas._english_table()[b"houses"] == b"house"  # and the file written again whole
