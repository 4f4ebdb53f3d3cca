"""developed: how a part's level is decided from its evidence (0 missing, 1 thin, 2 developed)."""
from __future__ import annotations

from .base import Rule, Setting

RULE: Rule = Rule(
    "developed", "A part with evidence is thin (level 1); it is developed (level 2) when its `developed` thresholds "
    "are met with at least one sentence where the part wants it. Off-topic essays get 0 everywhere, too-short ones "
    "at most thin.", "level",
    (Setting("thin_credit", float, 0.5, "Share of a part's weight a thin answer earns (the rubric's top-level "
             "`thin_credit` sets it too).", minimum=0, maximum=1),
     Setting("complete_share", float, 0.0, "Share of every part's points held back until every part is developed: "
             "teachers keep the top marks for complete answers, so one part missing or thin costs more than its "
             "own points.", minimum=0, maximum=0.5),
     Setting("min_details", int, 3, "Distinct specific details (the rubric's `details` groups: names, places, "
             "events, figures, dates) an essay must name before any part can be developed: fewer, and it strings the "
             "question's terms without saying anything checkable (0: no such limit).", minimum=0),
     Setting("list_sentence_words", int, 10, "Fewest words a list item needs to count as a sentence toward a developed "
             "part, when it is written out in full (a capital to a full stop); shorter items and notes show a part is "
             "there but do not explain it.", minimum=1)),
    can_disable=False)
