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

from typing import TYPE_CHECKING, Any

from ..text import may_hold_digits
from .base import Flag, Rule, Setting, plural

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule(
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
    earlier: list[tuple[list[str], dict[str, int], list[_Bag]]] = []  # each paragraph's items, their places, bags
    bits: dict[str, int] = {}  # each item's own bit, for the sets of items a sentence names
    share = cfg.reworded_share
    for paragraph in sorted(sentences):
        parts = sentences[paragraph]
        items = [item for part in parts for item in part]
        if len(items) < cfg.paragraph_items:
            continue
        bags = _bags(parts, cfg, bits)
        if any(_share_bound(items, other_items) >= share and _in_order(items, places, len(other_items)) >= share
               or _sentence_by_sentence(bags, other_bags, cfg, share * len(items))
               for other_items, places, other_bags in earlier):
            for i in members[paragraph]:
                reasons[i] = RULE.id
        else:
            earlier.append((items, _places(items), bags))


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
    longest: dict[int, tuple[int, str]] = {}  # the longest term starting at a word (of two, the first group)
    for o in ctx.occurrences[s.index]:
        first = o.first
        if first >= 0:
            known = longest.get(first)
            if known is None or o.last > known[0] or (o.last == known[0] and o.group < known[1]):
                longest[first] = (o.last, o.group)
    # each term where it starts (before a number at the same place), then each number, in token order
    marks = [(k, 0, end, group) for k, (end, group) in longest.items()]
    if may_hold_digits(ctx.text, s):
        marks += [(k, 1, k + 1, t.norm) for k, t in enumerate(s.tokens) if t.norm.isdigit()]
    marks.sort()
    out: list[str] = []
    k = 0
    for at, _, end, item in marks:
        if at >= k:  # a term counts once, however many groups, shorter terms or numbers lie inside it
            out.append(item)
            k = end
    return out


#: A sentence's terms and numbers as a bag, its size, the set of its items as bits, and whether each item is named
#: once (then two sentences share as many items as their bit sets share bits).
_Bag = tuple[dict[str, int], int, int, bool]


def _bags(parts: list[list[str]], cfg: Any, bits: dict[str, int]) -> list[_Bag]:
    """A paragraph's sentences long enough to compare, each as a bag of its terms and numbers (`bits`: each item's
    bit, given out as items are first met)."""
    out = []
    for part in parts:
        if len(part) >= cfg.sentence_items:
            bag: dict[str, int] = {}  # a plain count: collections.Counter's constructor runs as Python
            for item in part:
                bag[item] = bag.get(item, 0) + 1
            mask = 0
            for item in bag:
                mask |= bits.setdefault(item, 1 << len(bits))
            out.append((bag, len(part), mask, len(bag) == len(part)))
    return out


def _sentence_by_sentence(bags: list[_Bag], other: list[_Bag], cfg: Any, need: float) -> bool:
    """Whether at least `need` of a paragraph's terms and numbers lie in sentences that name nearly the same
    ones, in any order, as some sentence of the other paragraph (stopping as soon as the answer is known)."""
    matched = 0
    left = sum(bag[1] for bag in bags)
    for mine, size, mask, once in bags:
        if matched + left < need:
            return False
        left -= size
        for theirs, their_size, their_mask, their_once in other:
            enough = cfg.sentence_match * (size + their_size)
            if 2 * min(size, their_size) < enough:
                continue  # even every item shared would not be enough
            both = mask & their_mask
            if both and not (once or their_once):
                shared = sum(min(mine[item], theirs[item]) for item in mine.keys() & theirs.keys())
            else:  # no item in common, or one side names each item once: each shared item counts one
                shared = both.bit_count()
            if 2 * shared >= enough:
                matched += size
                break
        if matched >= need:
            return True
    return matched >= need


def _share_bound(one: list[str], other: list[str]) -> float:
    """The most `_in_order` can give: the shorter sequence wholly inside the longer (worked out the same way, so
    the bound is exact in floating point too)."""
    return 2 * min(len(one), len(other)) / (len(one) + len(other))


def _places(items: list[str]) -> dict[str, int]:
    """Where each item stands in a sequence, as bits: what `_in_order` compares other sequences against."""
    places: dict[str, int] = {}
    for i, item in enumerate(items):
        places[item] = places.get(item, 0) | (1 << i)
    return places


def _in_order(one: list[str], places: dict[str, int], size: int) -> float:
    """The share of both sequences taken by their longest common subsequence (2 x LCS / total length), found
    with the bit-parallel method (Allison and Dix; Hyyrö): one big-integer step per item of `one`; the other
    sequence is given by its `_places` and length."""
    if not one or not size:
        return 0.0
    full = (1 << size) - 1
    row = full
    get = places.get
    for item in one:
        matches = row & get(item, 0)
        row = ((row + matches) | (row - matches)) & full
    common = size - row.bit_count()
    return 2 * common / (len(one) + size)
