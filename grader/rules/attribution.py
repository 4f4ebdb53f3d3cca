"""attribution: a part about one side's view counts only where that side is the one acting.

"Stalin feared a Chinese Tito" is the Soviet view; "Mao resented Stalin's support for Chiang" is not,
though it names Stalin beside a word of fear or interest. Without a parser, the one acting on a reason
(a term of the pattern's `any` groups, or else of its groups that name no side) is the side named
nearest before it, skipping a side that is an object ("dealt with Moscow"); a third-person pronoun
stands for the side named last before it in the sentence, else the side the sentence before was
about; and an opening frame ("From Stalin's standpoint, ...", "For Mao, ...") makes the sentence that
side's. The word lists are in `grader/data/english.yaml`.
"""
from __future__ import annotations

from dataclasses import dataclass
from operator import attrgetter
from typing import TYPE_CHECKING

from ..language import english
from .base import Rule, Setting

if TYPE_CHECKING:
    from ..terms import Occurrence
    from ..text import Sentence

RULE: Rule = Rule(
    "attribution", "A pattern with an `actor` counts only where that side (one of the rubric's `actors`) is the one "
    "acting on one of the pattern's reasons: the side named nearest before it, not as an object or an adjective of it, "
    "a pronoun for the side the sentence before was about, or a frame (\"From Stalin's standpoint, ...\").",
    "matching",
    (Setting("frame_words", int, 3, "A frame's side must come within this many words of the sentence's start.",
             minimum=1),))


_first = attrgetter("first")


@dataclass(frozen=True, slots=True)
class Agents:
    """Where the sides stand in one sentence as the ones who may act: (position, side), in order."""

    subjects: tuple[tuple[int, str], ...]  # (position, side)
    frame: str | None


def agents(sentence: Sentence, occurrences: list[Occurrence], text: str, actor_of: dict[str, str],
           before: str | None, frame_words: int) -> Agents:
    """The sides that may act in a sentence; `before` is the side the sentence before was about."""
    lang = english()
    tokens = sentence.tokens
    subjects: list[tuple[int, str]] = []
    frame = None
    for o in sorted([o for o in occurrences if o.group in actor_of], key=_first):
        side = actor_of[o.group]
        if o.first < 0:  # carried in from a question the essay asked: it stands before the sentence
            subjects.append((o.first, side))
            continue
        owner = text[tokens[o.last - 1].end : tokens[o.last - 1].end + 1] in ("'", "’") or \
            text[tokens[o.last - 1].start : tokens[o.last - 1].end].lower().endswith(("'s", "’s"))
        before_at = o.first - 1
        if before_at > 0 and tokens[before_at].norm in lang.determiners:
            before_at -= 1  # "with the Soviets", "from the Roman standpoint"
        previous = tokens[before_at].norm if before_at >= 0 else ""
        if frame is None and o.first <= frame_words and previous in lang.object_prepositions | lang.frame_prepositions and (
                _followed_by_view(tokens, o.last, lang.viewpoint_nouns) or text[tokens[o.last - 1].end:].lstrip()[:1] == ","):
            frame = side
            continue
        if previous in lang.object_prepositions and not owner:
            continue
        subjects.append((o.first, side))
    subjects.sort()
    if subjects or before is not None:  # else no pronoun has a side to stand for
        named = list(subjects)
        pronouns = lang.pronouns
        for i in [k for k, token in enumerate(tokens) if token.norm in pronouns]:
            # the side named last before it in this sentence, else the one before
            earlier = [side for position, side in named if position < i]
            pronoun_side = earlier[-1] if earlier else before
            if pronoun_side is not None:
                subjects.append((i, pronoun_side))
        subjects.sort()
    return Agents(tuple(subjects), frame)


def _followed_by_view(tokens, position: int, nouns: frozenset[str]) -> bool:
    return position < len(tokens) and tokens[position].norm in nouns or (
        position + 1 < len(tokens) and tokens[position + 1].norm in nouns)


def agent_of(found: Agents, reason: Occurrence) -> str | None:
    """The side acting on one reason term."""
    best = None
    for position, side in found.subjects:
        if position >= reason.first:
            break
        best = side
    return found.frame if found.frame is not None else best


def acts(actor: str, reasons: frozenset[str], occurrences: list[Occurrence], found: Agents) -> bool:
    """Whether `actor` acts on one of the sentence's terms of the `reasons` groups."""
    return any(o.group in reasons and agent_of(found, o) == actor for o in occurrences)


def main_side(found: Agents) -> str | None:
    """The side a sentence is about: its frame, else the first side acting in it."""
    if found.frame is not None:
        return found.frame
    return found.subjects[0][1] if found.subjects else None
