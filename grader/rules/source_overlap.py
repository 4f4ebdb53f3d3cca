"""source_overlap: passages copied without quotation marks from a source earn nothing.

The sources are the rubric's own `sources`, any a teacher adds (`--sources DIR`), and the rubric's own
examples and feedback. A sentence is a copy when enough of its words, and most of them, lie in runs of a
few words shared with a source outside quotation marks: a word changed here and there leaves most runs
intact. Quoted or attributed ("according to the handout") passages are quotations (`quoted_source`). The
rubric's own words count only when an essay is mostly made of them: a stock sentence or two that happen to
match its examples is not an essay assembled from the marking scheme.
"""
from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from ..language import english
from ..results import PERCENT
from .base import Flag, Rule, Setting, plural

if TYPE_CHECKING:
    from ..flags import Screening
    from ..sources import SourceIndex
    from ..text import Sentence

RULE: Rule = Rule(
    "source_overlap", "A sentence most of whose words, outside quotation marks, run as in a source (the rubric's "
    "sources, a teacher's --sources folder, or the rubric's own examples and feedback) earns nothing; raises the "
    "source_overlap flag with the share copied and the sources' names.", "screen",
    (Setting("run_words", int, 5, "Consecutive words shared with a source that make a run of copied words.", minimum=2),
     Setting("min_words", int, 6, "Copied words outside quotation marks a sentence needs to be a copy (fewer, and "
             "inside quotation marks, it quotes).", minimum=1),
     Setting("min_share", float, 0.5, "Share of a sentence's words that must be copied for it to be a copy: a "
             "treaty's title quoted in a sentence of one's own is not.", minimum=0, maximum=1),
     Setting("rubric_words", int, 40, "Words an essay must take from the rubric's own examples and feedback before "
             "those sentences count as copied (0: the rubric's words are no source).", minimum=0),
     Setting("rubric_share", float, 0.6, "... and the share of the essay's words they must make: an essay assembled "
             "from the marking scheme, not one that borrows a few of its sentences.", minimum=0, maximum=1)),
    flag=True)
#: What `copied_sentences` tells the screen rules: the rule's id (copied) or quoted_source's, and the source.
QUOTED = "quoted_source"


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """A sentence copied from a source."""
    found = ctx.copied.get(s.index)
    return found is not None and found[0] == RULE.id


def copied_sentences(ctx: Screening) -> dict[int, tuple[str, str]]:
    """Sentences holding copied runs: (this rule's id or QUOTED, the source's title)."""
    cfg = ctx.settings[RULE.id]
    out: dict[int, tuple[str, str]] = {}
    paragraphs = _paragraph_words(ctx) if ctx.compiled.sources is not None or cfg.rubric_words else []
    if ctx.compiled.sources is not None:
        out.update(_copies(ctx, paragraphs, ctx.compiled.sources, cfg))
    if cfg.rubric_words:
        from_rubric = {i: v for i, v in _copies(ctx, paragraphs, ctx.compiled.rubric_text, cfg).items() if i not in out}
        copied = sum(len(ctx.items[i].tokens) for i, (kind, _) in from_rubric.items() if kind == RULE.id)
        essay = sum(len(s.tokens) for s in ctx.items if s.role == "sentence")
        if copied >= cfg.rubric_words and copied >= cfg.rubric_share * essay:
            out.update((i, v) for i, v in from_rubric.items() if v[0] == RULE.id)
    return out


def _paragraph_words(ctx: Screening) -> list[tuple[list[Sentence], tuple[str, ...]]]:
    """Each paragraph's sentences and their words in order: a copied passage runs on across sentences."""
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in ctx.items:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    return [(group, tuple([t.norm for s in group for t in s.tokens])) for group in by_paragraph.values()]


def _copies(ctx: Screening, paragraphs: list[tuple[list[Sentence], tuple[str, ...]]], index: SourceIndex,
            cfg: Any) -> dict[int, tuple[str, str]]:
    """Sentences whose words run as in one of the index's texts, copied or quoted (`paragraphs`: from
    `_paragraph_words`)."""
    if not index.grams:
        return {}
    quoted: list[tuple[int, int]] | None = None
    attribution = english().attribution_phrases
    out: dict[int, tuple[str, str]] = {}
    for group, words in paragraphs:
        covered = index.covered(words)
        if not covered:
            continue
        if quoted is None:
            quoted = _quoted_spans(ctx.text)
        stream = [(s, t) for s in group for t in s.tokens]
        counts: dict[int, list[int]] = {}
        sources: dict[int, int] = {}
        for pos, source in covered.items():
            sentence, token = stream[pos]
            counts.setdefault(sentence.index, [0, 0])[1 if _inside(quoted, token.start) else 0] += 1
            sources.setdefault(sentence.index, source)
        cited: int | None = None  # the source an attributed sentence named, which the next copied one continues
        for i, (bare, in_quotes) in sorted(counts.items()):
            s = ctx.items[i]
            title = index.titles[sources[i]]
            attributed = any(phrase in ctx.body(s).casefold() for phrase in attribution) or (
                cited == sources[i] and i - 1 in counts)
            cited = sources[i] if attributed else None
            if bare >= cfg.min_words and bare >= cfg.min_share * len(s.tokens) and not attributed:
                out[i] = (RULE.id, title)
            elif bare + in_quotes >= cfg.min_words and bare + in_quotes >= cfg.min_share * len(s.tokens):
                out[i] = (QUOTED, title)  # mostly the source's words, quoted or attributed: a quotation
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
    """How many sentences copy, what share of the essay's words that is, and from which sources."""
    copies = [s for s in ctx.items if reasons[s.index] == RULE.id]
    if not copies:
        return None
    titles = list(dict.fromkeys(ctx.copied[s.index][1] for s in copies if s.index in ctx.copied))
    words = sum(len(s.tokens) for s in copies)
    total = sum(len(s.tokens) for s in ctx.items if s.role == "sentence") or 1
    named = ", ".join(titles[:-1]) + " and " + titles[-1] if len(titles) > 1 else titles[0]
    return Flag(RULE.id, f"{plural(len(copies), 'sentence copies', 'sentences copy')} passages from {named} without "
                         f"quotation marks ({round(PERCENT * words / total)}% of the essay's words); copied text earns "
                         "nothing.")
