"""off_topic: an essay that does not answer this question earns nothing for any part."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..years import years_in
from ..text import may_hold_digits
from . import empty, front_matter, heading, repeated
from .base import Flag, Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule(
    "off_topic", "An essay whose answer to this question is negligible (too few sentences answer it, and they are a "
    "small share of the essay, once digressions into other questions are set aside), or that dates its events almost "
    "only outside the rubric's `period`, is off topic: every part is at level 0.", "flag",
    (Setting("min_sentences", int, 5, "Sentences that are evidence for some part below which the essay's answer is "
             "negligible and it is off topic.", minimum=0),
     Setting("min_share", float, 0.25, "Share of the essay's sentences that, when they answer the question, keep a "
             "short answer on topic however few they are (an excerpt that answers one part is credited for it).",
             minimum=0, maximum=1),
     Setting("period_years", int, 5, "Years an essay must date events in, too few of them in the rubric's `period` "
             "(see period_share), before it is about another period (an essay on the 1920s and 30s, or on today, "
             "written in the question's words).", minimum=1),
     Setting("period_share", float, 0.3, "Share of those dates that must fall in the rubric's `period`: with fewer, "
             "the essay is about another period, whatever it says in passing of this one.", minimum=0, maximum=1),
     Setting("substantial_answer", int, 10, "Sentences answering this question from which the answer is never "
             "negligible, however long the essay's digressions into other questions (an epilogue on later events "
             "costs a full answer nothing).", minimum=0)),
    flag=True)


#: Screens of lines that are not the essay's sentences (a name line, a title, an empty line).
FURNITURE = (front_matter.RULE.id, heading.RULE.id, empty.RULE.id, repeated.RULE.id)  # a repeat counts once


def flag(ctx: Screening, reasons: list[str | None], topic: set[int], cfg: Any) -> Flag | None:
    """Too few sentences answer the question once digressions are set aside, or more of the essay is about
    another question (its digressions and its sentences naming another question) than answers this one and
    the answer is short of a substantial one."""
    other = set(ctx.rubric.other_topics)
    away = {s.index for s in ctx.items if reasons[s.index] == "digression" or (
        reasons[s.index] is None and any(o.group in other for o in ctx.occurrences[s.index]))}
    core = topic - away
    written = [s for s in ctx.items if reasons[s.index] not in FURNITURE]
    if len(topic) < cfg.min_sentences and len(topic) < cfg.min_share * len(written):
        n = len(topic)
        return Flag(RULE.id, f"Only {n} sentence{'s answer' if n != 1 else ' answers'} this question (at least "
                             f"{cfg.min_sentences} are needed), so no part of the answer can be credited.")
    period = ctx.rubric.period
    if period is not None:
        dated = [y for s in written if may_hold_digits(ctx.text, s) for y in _years(s)]
        inside = sum(period.from_ <= y <= period.to for y in dated)
        if len(dated) >= cfg.period_years and inside < cfg.period_share * len(dated):
            held = (f"All {len(dated)} of the essay's dates" if not inside
                    else f"{len(dated) - inside} of the essay's {len(dated)} dates")
            return Flag(RULE.id, f"{held} fall outside the years this question is about "
                                 f"({period.from_}-{period.to}): it answers a question about another period, so no "
                                 "part can be credited.")
    if other and len(away) > len(core) and len(core) < cfg.substantial_answer:
        return Flag(RULE.id, f"Most of the essay ({len(away)} sentences) is about a different question; only "
                             f"{len(core)} answer this one, so no part can be credited.")
    return None


def _years(sentence: Sentence) -> list[int]:
    """The years a sentence states (in figures, or in words beside figures)."""
    return [year for _, year in years_in(sentence.tokens)]
