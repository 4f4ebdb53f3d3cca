"""off_topic: an essay that does not answer this question earns nothing for any part."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Flag, Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening

RULE = Rule(
    "off_topic", "An essay with too few sentences on the question, or mostly about another question (the rubric's "
    "`other_topics`), is off topic: every part is at level 0.", "flag",
    (Setting("min_sentences", int, 5, "Sentences that are evidence for some part below which the essay is off topic "
             "(the rubric's `limits.min_topic_sentences` sets it too).", minimum=0),),
    flag=True)


def flag(ctx: Screening, reasons: list[str | None], topic: set[int], cfg: Any) -> Flag | None:
    """Too few sentences on the question, or more sentences about another question than about this one."""
    other = set(ctx.rubric.other_topics)
    occurrences = ctx.occurrences
    elsewhere = {s.index for s in ctx.items if reasons[s.index] is None
                 and any(o.group in other for o in occurrences[s.index])}
    # A paragraph mostly about the other question belongs to it whole, its plain narrative sentences too.
    by_paragraph: dict[int, list[int]] = {}
    for s in ctx.items:
        if reasons[s.index] is None:
            by_paragraph.setdefault(s.paragraph, []).append(s.index)
    for members in by_paragraph.values():
        away = sum(i in elsewhere for i in members)
        if away and away >= sum(i in topic and i not in elsewhere for i in members):
            elsewhere.update(members)
    core = topic - elsewhere
    if len(topic) < cfg.min_sentences:
        n = len(topic)
        return Flag(RULE.id, f"Only {n} sentence{'s answer' if n != 1 else ' answers'} this question (at least "
                             f"{cfg.min_sentences} are needed), so no part of the answer can be credited.")
    if other and len(elsewhere) > len(core):
        return Flag(RULE.id, f"Most of the essay ({len(elsewhere)} sentences) is about a different question; only "
                             f"{len(core)} answer this one, so no part can be credited.")
    return None
