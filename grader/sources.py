"""Rubric sources: texts students may have read, indexed so that copied passages can be found.

Built once per rubric from its `sources` files (relative to the rubric) and kept by its compiled form.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import RubricError
from .rubric import Rubric
from .text import tokenize

@dataclass(frozen=True)
class SourceIndex:
    """Every run of `run` consecutive words in the rubric's sources (the source_overlap rule's `run_words`)."""

    grams: frozenset[tuple[str, ...]]
    run: int
    ends: frozenset[tuple[str, str]] = frozenset()  # first and last word of each run: a cheap test first

    def covered(self, words: tuple[str, ...]) -> set[int]:
        """Positions of `words` that lie in a run shared with a source."""
        out: set[int] = set()
        ends, grams, run = self.ends, self.grams, self.run
        last = run - 1
        for i in range(len(words) - last):
            if (not ends or (words[i], words[i + last]) in ends) and words[i : i + run] in grams:
                out.update(range(i, i + run))
        return out


def source_index(rubric: Rubric, run: int) -> SourceIndex | None:
    """The index of the rubric's sources in runs of `run` words; None when it has no sources."""
    if not rubric.sources:
        return None
    base = rubric.path.parent if rubric.path else Path.cwd()
    grams: set[tuple[str, ...]] = set()
    for source in rubric.sources:
        path = (base / source.file)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise RubricError(str(rubric.path or rubric.id), f"source '{source.id}' cannot be read: {path}"
                              f" ({exc.strerror or exc})", field="sources") from None
        words = tuple(t.norm for t in tokenize(text))
        grams.update(words[i : i + run] for i in range(len(words) - run + 1))
    return SourceIndex(frozenset(grams), run, frozenset((g[0], g[-1]) for g in grams))
