"""A sentence that opens with "He" or "She" is about the one person the sentence before named.

Students name a leader once and go on with "He feared ..." or "He travelled to Beijing in 1949". Such a
sentence says who acts, wants or went as plainly as one that repeats the name, so the pronoun is given the
terms the name carried (its person, its side): the same rules then read whose view it is and check the claim.
Only where the sentence before, in the same paragraph, names exactly one person of the rubric's
`person_groups`; with two ("Mao met Stalin. He ...") the pronoun is left alone.
"""
from __future__ import annotations

from .language import english
from .rubric import Rubric
from .terms import Occurrence
from .text import Sentence, Sentences


def stand_in_for_names(rubric: Rubric, sentences: Sentences, occurrences: list[list[Occurrence]]) -> None:
    """Add to each sentence that opens with a person pronoun the terms of the one person named just before it."""
    people = set(rubric.person_groups)
    if not people:
        return
    pronouns = english().person_pronouns
    previous: Sentence | None = None
    for s in sentences.items:
        before, previous = previous, s
        if before is None or before.paragraph != s.paragraph or not s.tokens or s.tokens[0].norm not in pronouns:
            continue
        named = [o for o in occurrences[before.index] if o.group in people]
        if len({o.phrase for o in named}) != 1:
            continue
        spans = {(o.first, o.last) for o in named}
        pronoun = s.tokens[0]
        occurrences[s.index] = [Occurrence(o.group, 0, 1, pronoun.start, pronoun.end, o.phrase)
                                for o in occurrences[before.index] if (o.first, o.last) in spans] + occurrences[s.index]
