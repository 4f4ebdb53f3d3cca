"""The word table file: every entry found as it was stored, nothing found that was not, and a damaged file refused."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grader.word_table import BadTable, WordTable, open_table, table_bytes

words = st.binary(min_size=0, max_size=40)


@given(st.dictionaries(words, words, max_size=300), st.lists(words, max_size=30))
def test_every_entry_is_found_and_nothing_else(entries, probes):
    table = WordTable(table_bytes(entries))
    assert len(table) == len(entries)
    assert dict(table.items()) == entries
    for probe in probes:
        assert table.get(probe) == entries.get(probe)


def test_a_file_is_read_in_place(tmp_path):
    path = tmp_path / "words.table"
    path.write_bytes(table_bytes({b"houses": b"house", b"ran": b"run"}))
    table = open_table(path)
    assert table[b"ran"] == b"run" and b"walked" not in table
    with pytest.raises(KeyError):
        table[b"walked"]


@pytest.mark.parametrize("damage", [lambda data: data[:-3], lambda data: data + b"x", lambda data: b"XXXX" + data[4:],
                                    lambda data: data[:10]])
def test_a_damaged_table_is_refused(damage):
    with pytest.raises(BadTable):
        WordTable(damage(table_bytes({b"houses": b"house"})))


def test_an_entry_too_long_for_the_format_is_refused():
    with pytest.raises(ValueError, match="longer than"):
        table_bytes({b"x" * 70000: b"y"})
