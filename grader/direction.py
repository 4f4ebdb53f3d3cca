"""Direction: who gave what to whom. "China lent the Soviet Union a loan" names the wrong giver of a Soviet
loan, whatever its amount and year.

The giver is read from the verb of giving or receiving nearest the event, in its clause: the side named
just before an active verb of giving, not as an object ("the USSR granted a loan"), after "by" with a passive one ("a loan was
granted by the USSR"), or after "from" with a verb of receiving ("China received a loan from Moscow"). A
sentence that names no giver this way is left alone.
"""
from __future__ import annotations

import re
from typing import Callable

from .language import english
from .terms import Occurrence
from .text import Sentence

#: The shared cue groups (grader/data/english.yaml) of giving and of receiving.
GIVING = "transfer_out"
RECEIVING = "transfer_in"
#: The word that names the giver after a passive verb of giving, and after a verb of receiving.
BY, FROM = "by", "from"
_CLAUSE_BREAK = re.compile(r"[;:()\[\]–—]|\s-\s|,\s*(?:and|but|while|whereas|although)\b")


def giver(sentence: Sentence, occ: list[Occurrence], anchors: list[Occurrence], actor_of: dict[str, str],
          window: int, text: str, bound: Callable[[int, list[Occurrence]], bool]) -> str | None:
    """The side the sentence says gives the event's thing, or None when it names none."""
    verbs = [o for o in occ if o.group in (GIVING, RECEIVING) and o.first >= 0 and bound(o.first, anchors)]
    if not verbs or not actor_of:
        return None
    verb = min(verbs, key=lambda o: min(abs(o.first - a.first) for a in anchors))
    sides = sorted(((o, actor_of[o.group]) for o in occ if o.group in actor_of and o.first >= 0),
                   key=lambda pair: pair[0].first)
    tokens = sentence.tokens

    def after(word: str) -> str | None:
        for o, side in sides:
            if (o.first > verb.last and o.first - verb.last <= window and tokens[o.first - 1].norm == word
                    and _same_clause(text, verb, o)):
                return side
        return None

    if verb.group == RECEIVING:
        return after(FROM)
    passive = verb.first > 0 and tokens[verb.first - 1].norm in english().passive_auxiliaries
    if passive:
        return after(BY)
    objects = english().object_prepositions
    before = [side for o, side in sides if o.last <= verb.first and verb.first - o.last <= window
              and _same_clause(text, o, verb) and not (o.first > 0 and tokens[o.first - 1].norm in objects)]
    return before[-1] if before else None  # "return Port Arthur to China and gave a loan": China receives


def _same_clause(text: str, first: Occurrence, second: Occurrence) -> bool:
    """Whether nothing that starts a new clause stands between two terms."""
    return not _CLAUSE_BREAK.search(text[first.end : second.start])
