"""`grader batch`: a mixed class folder gives a gradebook, results, reports, an overview and overlaps;
bad files become error rows; nothing depends on the number of workers; a re-run gives identical files."""
from __future__ import annotations

import csv
import io
import json
import shutil

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
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


def test_a_batch_in_this_process_leaves_its_garbage_collector_as_it_found_it(classroom, tmp_path):
    """One worker grades in the calling process with a worker's collector settings, undone afterwards: a program
    that calls run_batch keeps its own."""
    import gc

    from grader.batch import run_batch

    before = gc.get_threshold(), gc.isenabled()
    summary = run_batch(classroom, tmp_path / "out", workers=1)
    assert summary.graded == 4
    assert (gc.get_threshold(), gc.isenabled()) == before


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


def _grown_one_seed_at_a_time(a: list[str], b: list[str], seeds: list[tuple[int, int]]) -> list[str]:
    """The shared passages as every seed grows them on its own: what shared_passages must find, faster."""
    from grader.overlap import SHINGLE

    runs = set()
    for pa, pb in seeds:
        if a[pa : pa + SHINGLE] != b[pb : pb + SHINGLE]:
            continue
        while pa > 0 and pb > 0 and a[pa - 1] == b[pb - 1]:
            pa, pb = pa - 1, pb - 1
        n = SHINGLE
        while pa + n < len(a) and pb + n < len(b) and a[pa + n] == b[pb + n]:
            n += 1
        runs.add((pa, pb, n))
    return [" ".join(b[sb : sb + n]) for _, sb, n in sorted(runs, key=lambda r: (-r[2], r[1]))]


def test_shared_passages_grow_each_run_once_with_the_same_result():
    import random

    from grader.overlap import shared_passages

    rng = random.Random(7)
    vocabulary = [f"w{i}" for i in range(40)]
    for _ in range(200):
        a = [rng.choice(vocabulary) for _ in range(rng.randint(20, 120))]
        b = [rng.choice(vocabulary) for _ in range(rng.randint(20, 120))]
        for _ in range(rng.randint(1, 3)):  # plant shared passages, some touching, some repeated
            n = rng.randint(12, 30)
            if n < len(a) and n < len(b):
                i, j = rng.randrange(len(a) - n), rng.randrange(len(b) - n)
                b[j : j + n] = a[i : i + n]
        seeds = [(i, j) for i in range(len(a)) for j in range(len(b)) if a[i] == b[j]]
        rng.shuffle(seeds)
        assert shared_passages(a, b, seeds) == _grown_one_seed_at_a_time(a, b, seeds)


@given(st.lists(st.text(alphabet="abzéß漢𝔸-'", min_size=1, max_size=6), max_size=40))
def test_shingle_hashes_are_each_runs_own_hash(words):
    """Every run's hash, cut from one encoding of the text, is the hash of that run's words joined anew (the
    fingerprints two batches compare must not depend on how they were computed)."""
    from grader.overlap import SHINGLE, _hash, shingle_hashes

    assert shingle_hashes(words) == [_hash(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]


def _words_both_ways(document):
    from grader import load_rubric
    from grader.overlap import words_of
    from grader.text import analyse

    return words_of(document, analyse(document, load_rubric("sino-soviet-alliance").compiled.question)), words_of(document)


def test_an_essays_words_read_off_its_sentences_are_its_words_found_again():
    """A batch takes an essay's words for shared passages from the tokens grading found, where a paragraph's
    tokens are its words; every bundled essay gives the words found afresh."""
    from grader.documents import read_document

    checked = 0
    for folder in (SAMPLES, DATA, SAMPLES.parent / "testset"):
        for path in sorted(folder.rglob("*")):
            if path.suffix not in (".txt", ".docx"):
                continue
            try:
                document = read_document(path)
            except Exception:  # noqa: BLE001 - the refused files have tests of their own
                continue
            from_sentences, found = _words_both_ways(document)
            assert from_sentences == found, path
            checked += 1
    assert checked > 100


@given(st.lists(st.text(alphabet="ab Z2.!?)-'’\u200b\n•1[]", max_size=25), min_size=1, max_size=4))
@example(["Goes to the ribosome2. Then it ends.", "1. A list item. b) Two", "commu-\nnists met.Next one"])
@example(["3-\nabc is here", "It ends.'s fine", "The end.[12] Next"])
def test_words_read_off_sentences_match_words_found_again_in_any_text(paragraphs):
    from hypothesis import assume

    from grader.documents import document_from_text

    text = "\n\n".join(paragraphs)
    assume(text.strip())
    document = document_from_text(text, "essay.txt")
    from_sentences, found = _words_both_ways(document)
    assert from_sentences == found


@given(st.lists(st.integers(min_value=0, max_value=6), max_size=30), st.integers(min_value=0, max_value=3))
def test_winnowing_keeps_each_windows_smallest_hash_at_its_first_position(hashes, gap):
    """The sliding window picks what the definition does: for each window of WINDOW hashes the smallest (the
    leftmost of equal ones), each hash kept once at the first position chosen for it. Small values, so that
    hashes repeat and tie, and positions with gaps, as when the question's own shingles are left out."""
    from grader.overlap import WINDOW, winnow

    positions = [i * (gap + 1) for i in range(len(hashes))]
    pairs = list(zip(hashes, positions))
    chosen = pairs if len(pairs) <= WINDOW else [min(pairs[k : k + WINDOW]) for k in range(len(pairs) - WINDOW + 1)]
    first: dict[int, int] = {}
    for h, i in chosen:
        first.setdefault(h, i)
    assert winnow(hashes, positions) == sorted(first.items())


def test_a_class_of_copies_is_reported_pair_by_pair(tmp_path):
    folder = tmp_path / "copies"
    folder.mkdir()
    texts = [(SAMPLES / name).read_text(encoding="utf-8") for name in ("ada.txt", "ben.txt")]
    for k in range(6):
        (folder / f"student{k}.txt").write_text(texts[k % 2], encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(folder), "-o", str(tmp_path / "out"), "--workers", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((tmp_path / "out" / "overlap.csv").read_text(encoding="utf-8-sig"))))[1:]
    pairs = {frozenset(r[:2]) for r in rows}
    copies = {frozenset({f"student{i}.txt", f"student{j}.txt"}) for i in range(6) for j in range(i + 1, 6)
              if i % 2 == j % 2}
    assert pairs >= copies  # every two copies of one text, each pair with the whole essay as one passage
    for row in rows:
        if frozenset(row[:2]) in copies:
            assert int(row[2]) > 200 and "|" not in row[3]


@given(st.lists(st.lists(st.tuples(st.integers(0, 300), st.integers(0, 50)), max_size=30), min_size=2, max_size=12))
@example([[(1, 0), (2, 5)]] * 5 + [[(1, 3)]])  # fingerprint 1 in six essays pairs no one; 2 in five pairs them
def test_essays_are_paired_by_every_fingerprint_few_of_them_share(essays):
    """Pairs and their seeds are those of a plain table of every fingerprint's essays: a fingerprint held by 2 to
    MAX_SHARING essays pairs them at each one's first position; one held by more pairs no one."""
    from grader.overlap import MAX_SHARING, OverlapIndex

    firsts = []
    for prints in essays:  # one position per fingerprint in an essay, as `fingerprints` gives them
        first: dict[int, int] = {}
        for h, position in prints:
            first.setdefault(h * 7919, position)  # spread over the buckets
        firsts.append(sorted(first.items()))
    holders: dict[int, dict[int, int]] = {}
    for essay, prints in enumerate(firsts):
        for h, position in prints:
            holders.setdefault(h, {})[essay] = position
    expected: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for held in holders.values():
        if 2 <= len(held) <= MAX_SHARING:
            for a in held:
                for c in held:
                    if a < c:
                        expected.setdefault((a, c), []).append((held[a], held[c]))
    index = OverlapIndex()
    try:
        for essay, prints in enumerate(firsts):
            index.add(essay, prints, "")
        found = {(a, c): sorted(seeds) for a, c, seeds in index.pairs()}
    finally:
        index.close()
    assert found == {pair: sorted(seeds) for pair, seeds in expected.items()}


def test_the_overlap_index_gives_back_each_essays_words_whatever_order_they_come_in():
    """Essays arrive out of order and some never (a file that failed): each recorded essay's words come back
    as given, and an essay never recorded is a KeyError, not another essay's words."""
    from grader.overlap import OverlapIndex

    index = OverlapIndex()
    try:
        index.add(5, [], "mao went to moscow")
        index.add(2, [], "stalin waited")
        index.add(9, [], "")
        assert index.words(2) == ["stalin", "waited"]
        assert index.words(5) == ["mao", "went", "to", "moscow"]
        assert index.words(9) == []
        for missing in (0, 3, 12):
            with pytest.raises(KeyError):
                index.words(missing)
    finally:
        index.close()
