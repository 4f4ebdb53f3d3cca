"""benchmarks/make_class.py: classes of synthetic essays are deterministic, of the right length and shape, share
no run of 12 words between different essays, and are graded without error; `copies` and `mixed` classes have
the promised make-up."""
from __future__ import annotations

import importlib.util
import re
import sys
from collections import Counter

import docx
import pytest

import grader
from grader.text import tokenize

from .conftest import ROOT

CLASS = 40
RUN = 12


def _load():
    """The script, imported from its path (benchmarks is not a package)."""
    path = ROOT / "benchmarks" / "make_class.py"
    spec = importlib.util.spec_from_file_location("make_class", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


mc = _load()


def words(text: str) -> list[str]:
    """Compared as the script promises: lower-cased, punctuation stripped (written here again, not imported)."""
    return [w for w in (re.sub(r"[^\w]", "", t.lower()) for t in text.split()) if w]


def runs(text: str, split=words) -> set[tuple[str, ...]]:
    w = split(text)
    return {tuple(w[i : i + RUN]) for i in range(len(w) - RUN + 1)}


def grader_words(text: str) -> list[str]:
    """The words the grader's shared-passage report compares (its tokenizer splits "Sino-Soviet" in two)."""
    return [t.norm for t in tokenize(text)]


def shared_runs(texts: list[str], split=words) -> list[tuple[int, int]]:
    """Pairs of texts (by position) that share a run of RUN words."""
    owner: dict[tuple[str, ...], int] = {}
    pairs = []
    for n, text in enumerate(texts):
        for run in runs(text, split):
            if owner.setdefault(run, n) != n:
                pairs.append((owner[run], n))
    return pairs


@pytest.fixture(scope="module")
def txt_class(tmp_path_factory):
    folder = tmp_path_factory.mktemp("txt")
    return mc.make_class(folder, CLASS, "txt", seed=7)


def test_same_arguments_give_identical_files(txt_class, tmp_path):
    again = mc.make_class(tmp_path / "again", CLASS, "txt", seed=7)
    assert [p.name for p in again] == [p.name for p in txt_class]
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(again, txt_class))
    other = mc.make_class(tmp_path / "other", CLASS, "txt", seed=8)
    assert [p.read_bytes() for p in other] != [p.read_bytes() for p in txt_class]


def test_names_length_and_paragraphs(txt_class):
    assert [p.name for p in txt_class] == [f"student{n:05d}.txt" for n in range(1, CLASS + 1)]
    for path in txt_class:
        text = path.read_text(encoding="utf-8")
        assert mc.MIN_WORDS <= len(text.split()) <= mc.MAX_WORDS, path.name
        paragraphs = [p for p in text.split("\n\n") if p.strip()]
        assert mc.MIN_PARAGRAPHS <= len(paragraphs) <= mc.MAX_PARAGRAPHS, path.name


def test_no_run_of_12_words_is_shared(txt_class):
    texts = [p.read_text(encoding="utf-8") for p in txt_class]
    assert len(set(texts)) == CLASS
    assert shared_runs(texts) == []
    assert shared_runs(texts, grader_words) == []


def test_essays_vary_in_what_they_cover(txt_class):
    """Not one essay repeated with new words: the parts, the verdicts and the errors differ."""
    texts = [p.read_text(encoding="utf-8") for p in txt_class]
    assert len({len(t.split("\n\n")) for t in texts}) >= 3
    with_final_answer = sum(bool(re.search(r"\b(main|decisive|key) reason|mainly because|chiefly", t)) for t in texts)
    assert 0 < with_final_answer < CLASS
    wrong = (r"\$3 billion|\$30 million|\$500 million|Korean War (began|broke out) in 19(48|51)|Tito [^.;]* in "
             r"(1950|1946)|Yalta in (1943|1944|February 1946)|(signed|concluded|agreed) in (October 1949|1951)")
    with_a_wrong_fact = sum(bool(re.search(wrong, t)) for t in texts)
    assert 0 < with_a_wrong_fact < CLASS


def test_every_piece_of_the_grammar_is_shorter_than_a_run():
    """What makes runs differ: every 12-word run crosses a join between pieces drawn independently."""
    assert all(mc.max_words(piece) < RUN for piece in mc.pieces())


def test_copies_have_four_of_each_text_spread_out(tmp_path):
    paths = mc.make_class(tmp_path, CLASS, "copies", seed=1)
    assert len({p.name for p in paths}) == CLASS and all(p.suffix == ".txt" for p in paths)
    texts = [p.read_text(encoding="utf-8") for p in paths]
    assert set(Counter(texts).values()) == {4} and len(set(texts)) == CLASS // 4
    assert all(a != b for a, b in zip(texts, texts[1:]))
    assert shared_runs(list(dict.fromkeys(texts))) == []
    with pytest.raises(ValueError):
        mc.make_class(tmp_path / "odd", 10, "copies")


def test_mixed_is_three_quarters_txt_and_docx_are_deterministic(tmp_path):
    paths = mc.make_class(tmp_path / "a", CLASS, "mixed", seed=2)
    assert Counter(p.suffix for p in paths) == {".txt": 30, ".docx": 10}
    assert [p.suffix for p in paths[:4]] == [".txt", ".txt", ".txt", ".docx"]
    again = mc.make_class(tmp_path / "b", CLASS, "mixed", seed=2)
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(paths, again))
    texts = list(mc.essays(CLASS, 2))
    document = docx.Document(str(paths[3]))
    assert document.core_properties.author == mc.DOCX_AUTHOR
    body = [p.text for p in document.paragraphs][1:]  # after the title line
    assert body == texts[3].strip().split("\n\n")


def test_the_grader_grades_them(txt_class, tmp_path):
    docx_file = mc.make_class(tmp_path, 4, "docx", seed=3)[0]
    for path in (txt_class[0], txt_class[1], docx_file):
        result = grader.grade_file(path)
        assert result.max_score == 20 and 0 <= result.score <= 20, path.name
        assert result.word_count >= mc.MIN_WORDS


def test_command_line(tmp_path, capsys):
    mc.main([str(tmp_path / "out"), "--count", "8", "--kind", "mixed", "--seed", "4"])
    assert "wrote 8 essays (6 .txt, 2 .docx; kind mixed, seed 4)" in capsys.readouterr().out
    assert len(list((tmp_path / "out").iterdir())) == 8
