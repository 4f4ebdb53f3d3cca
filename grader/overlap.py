"""Overlap: pairs of essays in one batch that share passages of 12 or more words.

A batch-level finding for the teacher; it changes no result and no mark. Words are compared as the
tokenizer normalises them (case, accents, punctuation, invisible characters, look-alike letters). Passages of the question and of the rubric's sources are
excluded (students may quote them), and so is a passage shared by more than MAX_SHARING essays: that
is common material (a textbook sentence, a handout), not one student copying another.

Memory stays flat however large the batch: each essay contributes a few winnowed fingerprints, which
are written to hash-bucketed temporary files and paired one bucket at a time.
"""
from __future__ import annotations

import hashlib
import itertools
import struct
import tempfile
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Iterator, Sequence

from .documents import Document
from .rubric import Rubric
from .sources import source_index
from .text import Sentence, Sentences, tokenize, tokens_are_words, words

SHINGLE = 12
WINDOW = 4
MAX_SHARING = 5
BUCKETS = 64
MAX_PASSAGES = 3
#: Two essays of a batch share passages worth a teacher's comparison (the shared_passage flag) when they share
#: this many words in all, or one passage this long: more than the stock phrases of a topic (a treaty's title
#: and date, "the return of the Changchun Railway and Port Arthur by the end of 1952") ever add up to.
FLAG_SHARED_WORDS = 80
FLAG_PASSAGE_WORDS = 40
_RECORD = struct.Struct("<QII")  # fingerprint, essay, word position
_HASH_ONLY = struct.Struct("<Q8x")  # a record's fingerprint alone
_SEED = struct.Struct("<IIII")  # essay a, essay b, position in a, position in b
#: Essays per partition of seeds: the most pairs held in memory at once belong to this many first essays.
PARTITION = 256


def words_of(document: Document, sentences: Sentences | None = None) -> list[str]:
    """The body's normalised words, in order (notes left out): read off the tokens of the essay's `sentences`, when
    given, for each paragraph whose tokens are its words, rather than found again."""
    text = document.text
    by_paragraph: dict[int, list[Sentence]] = {}
    if sentences is not None:
        for s in sentences.items:
            by_paragraph.setdefault(s.paragraph, []).append(s)
    out: list[str] = []
    for index, p in enumerate(document.paragraphs):
        if p.kind != "body":
            continue
        if sentences is not None and tokens_are_words(text, p.start, p.end):
            out.extend([t.norm for s in by_paragraph.get(index, ()) for t in s.tokens])
        else:
            out.extend(words(text, p.start, p.end))
    return out


def _hash(words) -> int:
    return int.from_bytes(hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).digest(), "little")


def shingle_hashes(words: list[str]) -> list[int]:
    """A stable 64-bit hash of every run of SHINGLE consecutive words (as `_hash` gives it: the run's words
    joined by spaces, hashed as UTF-8), each run cut from one encoding of the whole text rather than joined anew."""
    runs = len(words) - SHINGLE + 1
    if runs <= 0:
        return []
    joined = " ".join(words)
    data = joined.encode("utf-8")
    sizes = map(len, words) if joined.isascii() else [len(word.encode("utf-8")) for word in words]
    starts = list(itertools.accumulate((size + 1 for size in sizes), initial=0))  # where each word starts in `data`
    fresh = hashlib.blake2b(digest_size=8).copy  # copying a set-up hash is quicker than setting one up each time
    digests = []
    for a, b in zip(starts, starts[SHINGLE:]):
        h = fresh()
        h.update(data[a : b - 1])
        digests.append(h.digest())
    return list(struct.unpack(f"<{runs}Q", b"".join(digests)))


def excluded_hashes(rubric: Rubric) -> frozenset[int]:
    """Shingles of the question and of the rubric's sources: quoting them is not copying a classmate."""
    hashes = set(shingle_hashes([t.norm for t in tokenize(rubric.prompt)]))
    index = source_index(rubric, SHINGLE)
    if index is not None:
        hashes.update(_hash(gram) for gram in index.grams)
    return frozenset(hashes)


def fingerprints(words: list[str], excluded: frozenset[int] = frozenset()) -> list[tuple[int, int]]:
    """Winnowed fingerprints as (hash, word position): the smallest hash of each window of WINDOW shingles,
    so any shared passage of SHINGLE + WINDOW - 1 words or more shares at least one. Sorted, one per hash."""
    every = shingle_hashes(words)
    if not excluded:
        return winnow(every, range(len(every)))
    positions = [i for i, h in enumerate(every) if h not in excluded]
    return winnow([every[i] for i in positions], positions)


def winnow(hashes: list[int], positions: Sequence[int]) -> list[tuple[int, int]]:
    """(hash, position) of the smallest hash of each window of WINDOW consecutive hashes (the leftmost of equal
    ones), each hash once at the first position chosen for it, sorted; all of them when there are no more than
    WINDOW. `positions`: the word position of each hash."""
    first: dict[int, int] = {}
    if len(hashes) <= WINDOW:
        for h, i in zip(hashes, positions):
            first.setdefault(h, i)
        return _by_hash(first)
    # slide the window: its newest hash replaces the smallest only when smaller, and the window is scanned again
    # only when its smallest has slid out of it
    best = -1
    for k in range(len(hashes) - WINDOW + 1):
        newest = k + WINDOW - 1
        if best < k:
            best = k
            for j in range(k + 1, newest + 1):
                if hashes[j] < hashes[best]:
                    best = j
        elif hashes[newest] < hashes[best]:
            best = newest
        else:
            continue  # the same choice as the window before
        first.setdefault(hashes[best], positions[best])
    return _by_hash(first)


def _by_hash(first: dict[int, int]) -> list[tuple[int, int]]:
    """(hash, position) pairs sorted: by the hashes alone, which are distinct (ints sort several times faster
    than pairs of them)."""
    return [(h, first[h]) for h in sorted(first)]


def _repeated_hashes(records: bytes) -> set[int]:
    """The fingerprints that occur more than once among a bucket's records. Nearly every fingerprint occurs
    once; finding the few that repeat before grouping by essay keeps a bucket's pairing to a set of hashes
    (about 4 MB at 10,000 essays, against 22 MB for a table of every fingerprint's essays)."""
    seen: set[int] = set()
    repeated: set[int] = set()
    for (h,) in _HASH_ONLY.iter_unpack(records):
        if h in seen:
            repeated.add(h)
        else:
            seen.add(h)
    return repeated


class OverlapIndex:
    """Fingerprints of every essay of a batch, on disk in buckets; pairs are found one bucket at a time."""

    def __init__(self, folder: str | Path | None = None):
        self._dir = tempfile.TemporaryDirectory(prefix="grader-overlap-", dir=folder)
        self._files = [open(Path(self._dir.name) / f"{b:02d}.bin", "wb") for b in range(BUCKETS)]
        self._words = open(Path(self._dir.name) / "words.txt", "w+b")
        self._where = array("q")  # an essay's words: offset and size at 2 * essay and 2 * essay + 1 (-1: none)

    def add(self, essay: int, prints: list[tuple[int, int]], words: str) -> None:
        """Record an essay's fingerprints, and its words (joined by spaces) for checking the pairs later."""
        for h, position in prints:
            self._files[h % BUCKETS].write(_RECORD.pack(h, essay, position))
        data = words.encode("utf-8")
        if len(self._where) < 2 * essay + 2:
            self._where.extend([-1] * (2 * essay + 2 - len(self._where)))
        self._where[2 * essay], self._where[2 * essay + 1] = self._words.tell(), len(data)
        self._words.write(data)

    def words(self, essay: int) -> list[str]:
        """The words recorded for an essay."""
        if not 0 <= 2 * essay < len(self._where) or self._where[2 * essay] < 0:
            raise KeyError(essay)
        offset, size = self._where[2 * essay], self._where[2 * essay + 1]
        self._words.seek(offset)
        data = self._words.read(size)
        self._words.seek(0, 2)
        return data.decode("utf-8").split()

    def pairs(self) -> Iterator[tuple[int, int, list[tuple[int, int]]]]:
        """(essay a, essay b, seeds) with a < b, in order of a then b; seeds are the word positions (in a, in b)
        where they share a fingerprint. A fingerprint in more than MAX_SHARING essays pairs no one.

        Seeds go to disk partitioned by the first essay, so only one partition is ever held in memory."""
        for f in self._files:
            f.close()
        folder = Path(self._dir.name)
        partitions: dict[int, BinaryIO] = {}
        for b in range(BUCKETS):
            data = (folder / f"{b:02d}.bin").read_bytes()
            repeated = _repeated_hashes(data)
            by_hash: dict[int, dict[int, int]] = {}
            for h, essay, position in _RECORD.iter_unpack(data):
                if h in repeated:
                    by_hash.setdefault(h, {}).setdefault(essay, position)
            for essays in by_hash.values():
                if 2 <= len(essays) <= MAX_SHARING:
                    ordered = sorted(essays.items())
                    for i, (a, pa) in enumerate(ordered):
                        for c, pc in ordered[i + 1 :]:
                            part = a // PARTITION
                            if part not in partitions:
                                partitions[part] = open(folder / f"seeds{part:06d}.bin", "wb")
                            partitions[part].write(_SEED.pack(a, c, pa, pc))
        for handle in partitions.values():
            handle.close()
        for part in sorted(partitions):
            seeds: dict[tuple[int, int], list[tuple[int, int]]] = {}
            for a, c, pa, pc in _SEED.iter_unpack((folder / f"seeds{part:06d}.bin").read_bytes()):
                seeds.setdefault((a, c), []).append((pa, pc))
            for (a, c) in sorted(seeds):
                yield a, c, seeds[(a, c)]

    def close(self) -> None:
        """Remove the temporary files."""
        for f in self._files:
            f.close()
        self._words.close()
        self._dir.cleanup()


@dataclass(frozen=True)
class Overlap:
    """Two essays sharing passages: the passages (normalised words) and how many words they share."""

    first: str
    second: str
    shared_words: int
    passages: tuple[str, ...]


def shared_passages(a: list[str], b: list[str], seeds: list[tuple[int, int]],
                    excluded: frozenset[int] = frozenset()) -> list[str]:
    """Maximal runs of SHINGLE+ words standing in both essays, grown from shared positions; most words first.
    Runs made only of excluded material (the question, the sources) are left out."""
    runs: set[tuple[int, int, int]] = set()  # (start in a, start in b, length)
    grown: dict[int, list[tuple[int, int]]] = {}  # runs found so far by diagonal (pa - pb): their [start, end) in a
    for pa, pb in seeds:
        # A seed inside a run already grown on its diagonal grows into that same run: two copies of one essay
        # share hundreds of seeds, and growing each again would take time in the square of the essay's length.
        if any(start <= pa < end for start, end in grown.get(pa - pb, ())):
            continue
        if a[pa : pa + SHINGLE] != b[pb : pb + SHINGLE]:
            continue  # a hash collision, not a shared passage
        start_a, start_b = pa, pb
        while start_a > 0 and start_b > 0 and a[start_a - 1] == b[start_b - 1]:
            start_a, start_b = start_a - 1, start_b - 1
        end_a, end_b = pa + SHINGLE, pb + SHINGLE
        while end_a < len(a) and end_b < len(b) and a[end_a] == b[end_b]:
            end_a, end_b = end_a + 1, end_b + 1
        runs.add((start_a, start_b, end_a - start_a))
        grown.setdefault(pa - pb, []).append((start_a, end_a))
    passages = []
    for _, start_b, n in sorted(runs, key=lambda r: (-r[2], r[1])):
        if any(_hash(b[k : k + SHINGLE]) not in excluded for k in range(start_b, start_b + n - SHINGLE + 1)):
            passages.append(" ".join(b[start_b : start_b + n]))
    return passages
