"""off_topic: an essay that does not answer this question earns nothing for any part."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Flag, Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening

RULE = Rule(
    "off_topic", "An essay whose answer to this question is negligible (too few sentences answer it once "
    "digressions into other questions are set aside) is off topic: every part is at level 0.", "flag",
    (Setting("min_sentences", int, 5, "Sentences that are evidence for some part below which the essay's answer is "
             "negligible and it is off topic.", minimum=0),
     Setting("substantial_answer", int, 10, "Sentences answering this question from which the answer is never "
             "negligible, however long the essay's digressions into other questions (an epilogue on later events "
             "costs a full answer nothing).", minimum=0)),
    flag=True)


def flag(ctx: Screening, reasons: list[str | None], topic: set[int], cfg: Any) -> Flag | None:
    """Too few sentences answer the question once digressions are set aside, or more of the essay is about
    another question (its digressions and its sentences naming another question) than answers this one and
    the answer is short of a substantial one."""
    other = set(ctx.rubric.other_topics)
    away = {s.index for s in ctx.items if reasons[s.index] == "digression" or (
        reasons[s.index] is None and any(o.group in other for o in ctx.occurrences[s.index]))}
    core = topic - away
    if len(topic) < cfg.min_sentences:
        n = len(topic)
        return Flag(RULE.id, f"Only {n} sentence{'s answer' if n != 1 else ' answers'} this question (at least "
                             f"{cfg.min_sentences} are needed), so no part of the answer can be credited.")
    if other and len(away) > len(core) and len(core) < cfg.substantial_answer:
        return Flag(RULE.id, f"Most of the essay ({len(away)} sentences) is about a different question; only "
                             f"{len(core)} answer this one, so no part can be credited.")
    return None
