"""Rubric sources: texts students may have read, indexed so that copied passages can be found.

Built once per rubric from its `sources` files (relative to the rubric) and cached on it.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .errors import RubricError
from .rubric import Rubric
from .text import tokenize

#: Words in one indexed run; a copied passage is one or more such runs.
RUN = 12


@dataclass(frozen=True)
class SourceIndex:
    """Every run of RUN consecutive words in the rubric's sources."""

    grams: frozenset[tuple[str, ...]]
    ends: frozenset[tuple[str, str]] = frozenset()  # first and last word of each run: a cheap test first

    def covered(self, words: tuple[str, ...]) -> set[int]:
        """Positions of `words` that lie in a run of RUN words shared with a source."""
        out: set[int] = set()
        ends, grams, run, last = self.ends, self.grams, RUN, RUN - 1
        for i in range(len(words) - last):
            if (not ends or (words[i], words[i + last]) in ends) and words[i : i + run] in grams:
                out.update(range(i, i + run))
        return out


def source_index(rubric: Rubric) -> SourceIndex | None:
    """The rubric's source index, read on first use; None when it has no sources."""
    if not rubric.sources:
        return None
    if rubric._source_texts is None:
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
            grams.update(words[i : i + RUN] for i in range(len(words) - RUN + 1))
        rubric._source_texts = SourceIndex(frozenset(grams), frozenset((g[0], g[-1]) for g in grams))
    return rubric._source_texts
