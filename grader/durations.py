"""Lengths of time in a sentence ("three months", "a 30-year treaty", "over five years"), read in days so
that a fact's duration can be checked in any unit.

An interval is not a length: a number of units after "within", "after" or "in", or before "later", "ago"
or "of" ("two months later", "ten years of civil war") is left out. The word lists are in
`grader/data/english.yaml`.
"""
from __future__ import annotations

from dataclasses import dataclass

from .amounts import numbers
from .language import english
from .text import Sentence, tokenize


#: Words before a length within which a verb of lasting stands ("lasted only about seven years").
LASTING_REACH = 3


@dataclass(frozen=True, slots=True)
class Duration:
    """A length of time: how many days, and the position of its first word."""

    days: float
    first: int
    lasted: bool = False  # after a verb of lasting ("and lasted seven years"): the event's own length


def durations(sentence: Sentence, text: str) -> list[Duration]:
    """Every length of time the sentence states, in order."""
    lang = english()
    tokens = sentence.tokens
    out: list[Duration] = []
    for i, value, j in numbers(tokens, text):
        if j < len(tokens) and tokens[j].lemma in lang.duration_units:
            before = tokens[i - 1].norm if i else ""
            after = tokens[j + 1].norm if j + 1 < len(tokens) else ""
            if before not in lang.interval_before and after not in lang.interval_after:
                lasted = any(t.lemma in lang.lasting_verbs for t in tokens[max(0, i - LASTING_REACH) : i])
                out.append(Duration(float(value * lang.duration_units[tokens[j].lemma]), i, lasted))
    return out


def parse_duration(phrase: str) -> tuple[int, float] | None:
    """A rubric's duration ("30 years", "2 months") as (number, days in its unit), or None."""
    tokens = tokenize(phrase)
    lang = english()
    if len(tokens) != 2 or not tokens[0].norm.isdigit() or tokens[1].lemma not in lang.duration_units:
        return None
    return int(tokens[0].norm), lang.duration_units[tokens[1].lemma]


def same_length(stated: Duration, expected: str) -> bool:
    """Whether a stated length, counted in the expected one's unit and rounded, is the expected number:
    "nine weeks" is two months, "almost three months" is not."""
    parsed = parse_duration(expected)
    if parsed is None:
        return False
    number, unit = parsed
    return round(stated.days / unit) == number
