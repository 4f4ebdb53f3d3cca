"""repeated: a sentence or paragraph written again counts once, word for word or reworded.

A sentence with the same words as an earlier one is screened as it is read. A paragraph that says an
earlier one again in other words (synonyms, a different case, the same points) is found by its specific
content: the rubric's terms and the numbers it names, which rewording keeps. Either they run in the same
order as an earlier paragraph's, or, with clauses and sentences reordered, nearly every sentence names
nearly the same terms as a sentence of one earlier paragraph. A conclusion restates too, but it gathers
points from several paragraphs, so no single earlier paragraph holds most of it. Repeats count once toward
the length limits too, and the `repetition` flag says how much was repeated.
"""
from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from .base import Flag, Rule, Setting, plural

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE = Rule(
    "repeated", "A sentence that repeats an earlier one word for word, or a paragraph that repeats an earlier one "
    "in other words, counts once; raises the repetition flag.", "screen",
    (Setting("min_words", int, 4, "Shorter sentences may repeat (\"This mattered.\").", minimum=0),
     Setting("paragraph_items", int, 15, "Terms and numbers a paragraph needs before it can be a reworded repeat.",
             minimum=1),
     Setting("reworded_share", float, 0.7, "Share of two paragraphs' terms and numbers that must run in the same "
             "order, or lie in sentences matching the earlier paragraph's, for the later one to repeat the earlier "
             "in other words.", minimum=0, maximum=1),
     Setting("sentence_items", int, 4, "Terms and numbers a sentence needs before it can match an earlier one in "
             "other words.", minimum=1),
     Setting("sentence_match", float, 0.7, "Share of two sentences' terms and numbers they must have in common, in "
             "any order, for the later to say the earlier again.", minimum=0, maximum=1),
     Setting("flag_words", int, 20, "Repeated words from which the repetition flag is raised.", minimum=0)),
    flag=True)


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """The same words as an earlier sentence that earned its place."""
    key = tuple(t.norm for t in s.tokens)
    if key in ctx.seen and len(key) >= cfg.min_words:
        return True
    ctx.seen.add(key)
    return False


def mark_reworded(ctx: Screening, reasons: list[str | None], cfg: Any) -> None:
    """Every sentence still earning of a paragraph whose terms and numbers run, in order, like an earlier
    paragraph's."""
    sentences: dict[int, list[list[str]]] = {}
    members: dict[int, list[int]] = {}
    for s in ctx.items:
        if s.role != "sentence" or reasons[s.index] is not None:
            continue
        sentences.setdefault(s.paragraph, []).append(_content(ctx, s))
        members.setdefault(s.paragraph, []).append(s.index)
    earlier: list[tuple[list[str], list[tuple[Counter, int]]]] = []  # each paragraph's items and sentence bags
    for paragraph in sorted(sentences):
        parts = sentences[paragraph]
        items = [item for part in parts for item in part]
        if len(items) < cfg.paragraph_items:
            continue
        bags = _bags(parts, cfg)
        if any(_in_order(items, other_items) >= cfg.reworded_share
               or _sentence_by_sentence(bags, other_bags, cfg, cfg.reworded_share * len(items))
               for other_items, other_bags in earlier):
            for i in members[paragraph]:
                reasons[i] = RULE.id
        else:
            earlier.append((items, bags))


def flag(ctx: Screening, reasons: list[str | None], topic: set[int], cfg: Any) -> Flag | None:
    """How many sentences and words repeat earlier ones."""
    repeats = [s for s in ctx.items if reasons[s.index] == RULE.id]
    words = sum(len(s.tokens) for s in repeats)
    if not repeats or words < cfg.flag_words:
        return None
    return Flag("repetition", f"{plural(len(repeats), 'sentence repeats', 'sentences repeat')} earlier ones, word for "
                              f"word or in other words ({words} words): repeated material counts once.")


def repeated_words(ctx: Screening, reasons: list[str | None]) -> int:
    """Words in sentences screened as repeats: the length limits count them once."""
    return sum(len(s.tokens) for s in ctx.items if reasons[s.index] == RULE.id)


def _content(ctx: Screening, s: Sentence) -> list[str]:
    """The sentence's specific content in order: the group of each rubric term and each number it names."""
    longest: dict[int, tuple[int, str]] = {}
    for first, _, group, last in sorted([(o.first, o.first - o.last, o.group, o.last)
                                         for o in ctx.occurrences[s.index] if o.first >= 0]):
        longest.setdefault(first, (last, group))  # the longest term starting there (of two, the first group)
    tokens = s.tokens
    # each term where it starts (before a number at the same place), then each number, in token order
    marks = sorted([(k, 0, end, group) for k, (end, group) in longest.items()]
                   + [(k, 1, k + 1, t.norm) for k, t in enumerate(tokens) if t.norm.isdigit()])
    out: list[str] = []
    k = 0
    for at, _, end, item in marks:
        if at >= k:  # a term counts once, however many groups, shorter terms or numbers lie inside it
            out.append(item)
            k = end
    return out


def _bags(parts: list[list[str]], cfg: Any) -> list[tuple[Counter, int]]:
    """A paragraph's sentences long enough to compare, each as a bag of its terms and numbers with its size."""
    return [(Counter(part), len(part)) for part in parts if len(part) >= cfg.sentence_items]


def _sentence_by_sentence(bags: list[tuple[Counter, int]], other: list[tuple[Counter, int]], cfg: Any,
                          need: float) -> bool:
    """Whether at least `need` of a paragraph's terms and numbers lie in sentences that name nearly the same
    ones, in any order, as some sentence of the other paragraph (stopping as soon as the answer is known)."""
    matched = 0
    left = sum(size for _, size in bags)
    for mine, size in bags:
        if matched + left < need:
            return False
        left -= size
        for theirs, their_size in other:
            enough = cfg.sentence_match * (size + their_size)
            if 2 * min(size, their_size) < enough:
                continue  # even every item shared would not be enough
            if 2 * sum(min(mine[item], theirs[item]) for item in mine.keys() & theirs.keys()) >= enough:
                matched += size
                break
        if matched >= need:
            return True
    return matched >= need


def _in_order(one: list[str], other: list[str]) -> float:
    """The share of both sequences taken by their longest common subsequence (2 x LCS / total length), found
    with the bit-parallel method (Allison and Dix; Hyyrö): one big-integer step per item of `one`."""
    if not one or not other:
        return 0.0
    masks: dict[str, int] = {}
    for i, item in enumerate(other):
        masks[item] = masks.get(item, 0) | (1 << i)
    full = (1 << len(other)) - 1
    row = full
    for item in one:
        matches = row & masks.get(item, 0)
        row = ((row + matches) | (row - matches)) & full
    common = len(other) - bin(row).count("1")
    return 2 * common / (len(one) + len(other))
