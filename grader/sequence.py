"""The order of two events: "the treaty was signed after the Korean War began" puts an event of February 1950
after one of June 1950.

A sentence that names two events of the fact bank and joins them with a word of order ("after", "before",
"once", "followed", "preceded") claims which came first. The claim is wrong when the fact bank's dates
(the years and months each fact accepts) rule that order out; when the dates overlap, or a fact has no
year, nothing is said. The word lists are in `grader/data/english.yaml`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .language import english
from .rubric import Fact
from .scene import breaks, clause_breaks
from .terms import Occurrence
from .text import Sentence

#: The first month of the year, for a fact that names no month.
JANUARY = 1
#: The last month of the year, for a fact that names no month.
DECEMBER = 12


@dataclass(frozen=True, slots=True)
class Order:
    """A claim that `later` came after `earlier`, read from the sentence."""

    later: Fact
    earlier: Fact


def window(fact: Fact) -> tuple[tuple[int, int], tuple[int, int]] | None:
    """The earliest and latest (year, month) the fact bank allows for the event, or None without a year."""
    years = fact.must.years
    if not years:
        return None
    months = fact.must.months
    return (min(years), min(months, default=JANUARY)), (max(years), max(months, default=DECEMBER))


def impossible(order: Order) -> bool:
    """Whether the fact bank's dates rule the claimed order out: the later event ended before the earlier began."""
    later, earlier = window(order.later), window(order.earlier)
    return later is not None and earlier is not None and later[1] < earlier[0]


def orders(sentence: Sentence, text: str, events: list[tuple[Fact, list[Occurrence]]], reach: int,
           negation_reach: int) -> list[Order]:
    """The orders the sentence claims between two of its events: a word of order with one event's words
    within `reach` words after it and the other's before it in the same clause ("A ... after B", "A preceded
    B"), or opening the sentence ("After B, A"). "Followed by" and "preceded by" turn the order round; a
    negation up to `negation_reach` words before the word ("not until after") leaves the sentence alone."""
    lang = english()
    tokens = sentence.tokens
    found: list[Order] = []
    for i, token in enumerate(tokens):
        word = token.norm
        if word not in lang.order_after and word not in lang.order_before:
            continue
        if any(t.norm in lang.negations for t in tokens[max(0, i - negation_reach) : i]):
            continue
        turned = i + 1 < len(tokens) and tokens[i + 1].norm == "by"
        named_first = (word in lang.order_after) != turned  # the event named after the word came first
        start = i + 1 + turned
        named = [(f, a) for f, a in events if start <= min(o.first for o in a) <= start + reach]
        for fact, anchors in named:
            if i == 0:  # "After B, A": A in the main clause, past the comma that closes the opening phrase only
                end = max(o.last for o in anchors if o.first <= start + reach)  # its words after "After", not
                # the same words again further on ("... strengthen Soviet influence")
                others = [f for f, a in events if min(o.first for o in a) > end
                          and clause_breaks(text[tokens[end - 1].end : tokens[min(o.first for o in a)].start]) <= 1]
            else:  # the nearest event before the word, in its clause
                before = [(max(o.last for o in a), f) for f, a in events if max(o.last for o in a) <= i]
                last = max((end for end, _ in before), default=None)
                others = [f for end, f in before if end == last
                          and not breaks(text[tokens[end - 1].end : tokens[i].start])]
            for other in others:
                if other.id == fact.id:
                    continue
                found.append(Order(later=other, earlier=fact) if named_first else Order(later=fact, earlier=other))
    return found
