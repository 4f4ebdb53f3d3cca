"""evidence: a sentence is evidence for a part when it carries the part's term groups close together."""
from __future__ import annotations

from .base import Rule, Setting

RULE: Rule = Rule(
    "evidence", "A sentence that no screen rule stopped is evidence for a part when it carries one term of each of "
    "the part's required groups within a few words; terms made only of the question's own words do not count by "
    "themselves.", "matching",
    (Setting("within", int, 25, "Words within which a pattern's terms must lie, where the pattern gives no `within`.",
             minimum=1),
     Setting("candidates", int, 12, "Occurrences of one requirement tried when looking for a close-together "
             "combination (bounds the work on a sentence stuffed with one term).", minimum=1),
     Setting("capitals_max_letters", int, 3, "A rubric word of two letters up to this many, written in capitals, that "
             "spells an English word (`US`, `WHO`) matches only capitals, so `US` is not the word 'us' (below 2: none "
             "does); one that spells none (`ATP`) matches in any case.", minimum=1),
     Setting("edge_share", float, 0.2, "In a one-paragraph essay, the share of its sentences at each end that are "
             "the opening and the conclusion.", minimum=0, maximum=1),
     Setting("label_words", int, 0, "A sentence of at most this many words before another in its paragraph is that "
             "one's label (\"Active transport. The movement of particles against the gradient.\") and is read as one "
             "sentence with it (0: never; short answers: 4).", minimum=0)),
    can_disable=False)
