"""source_overlap: passages copied without quotation marks from a rubric source earn nothing."""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from ..language import english
from .base import Flag, Rule, Setting, plural

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE = Rule(
    "source_overlap", "A sentence holding a passage copied without quotation marks from one of the rubric's sources "
    "earns nothing; raises the source_overlap flag.", "screen",
    (Setting("run_words", int, 12, "Consecutive words shared with a source that make a copied passage.", minimum=2),
     Setting("min_words", int, 6, "Copied words outside quotation marks a sentence needs to be a copy (fewer, and "
             "inside quotation marks, it quotes).", minimum=1)),
    flag=True)


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """A sentence with enough unquoted words from runs shared with a source."""
    return ctx.copied.get(s.index) == RULE.id


def copied_sentences(ctx: Screening) -> dict[int, str]:
    """Sentences holding a run of source words: 'source_overlap' when copied, 'quoted_source' when quoted."""
    index = ctx.compiled.sources
    if index is None or not index.grams:
        return {}
    cfg = ctx.settings[RULE.id]
    quoted: list[tuple[int, int]] | None = None
    out: dict[int, str] = {}
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in ctx.items:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    for group in by_paragraph.values():
        covered = index.covered(tuple([t.norm for s in group for t in s.tokens]))
        if not covered:
            continue
        if quoted is None:
            quoted = _quoted_spans(ctx.text)
        stream = [(s.index, t) for s in group for t in s.tokens]
        counts: dict[int, list[int]] = {}
        for pos in covered:
            sentence, token = stream[pos]
            inside = _inside(quoted, token.start)
            counts.setdefault(sentence, [0, 0])[1 if inside else 0] += 1
        for sentence, (bare, in_quotes) in counts.items():
            if bare >= cfg.min_words:
                out[sentence] = RULE.id
            elif in_quotes:
                out[sentence] = "quoted_source"
    return out


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, in one pass; a quotation mark left open at the end of its line
    quotes nothing (a stray mark must not excuse the copied text after it)."""
    pairs = {pair[0]: pair[1] for pair in english().quote_pairs}
    marks = re.compile("[" + re.escape("".join(set(pairs) | set(pairs.values()))) + "\n]")
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for m in marks.finditer(text):
        char, i = m.group(), m.start()
        if opened is not None:
            if char == opened[1]:
                spans.append((opened[0], i))
                opened = None
            elif char == "\n":
                opened = None
        elif char in pairs:
            opened = (i, pairs[char])
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies inside one of the sorted, non-overlapping `spans`."""
    i = bisect.bisect_left(spans, (offset,)) - 1
    return i >= 0 and spans[i][0] < offset < spans[i][1]


def flag(ctx: Screening, reasons: list[str | None], topic: set[int], cfg: Any) -> Flag | None:
    """How many sentences copy, and from which sources."""
    n = reasons.count(RULE.id)
    if not n:
        return None
    titles = ", ".join(s.title for s in ctx.rubric.sources)
    return Flag(RULE.id, f"{plural(n, 'sentence copies', 'sentences copy')} long passages from {titles} without "
                         "quotation marks; copied text earns nothing.")
