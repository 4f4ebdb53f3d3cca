"""too_short: an essay below the rubric's length cannot develop a part fully."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Flag, Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening

RULE: Rule = Rule(
    "too_short", "An essay whose body has fewer words than this is too short: every part is capped at thin.", "flag",
    (Setting("min_words", int, 250, "Body words below which the essay is too short (the rubric's `limits.min_words` "
             "sets it too).", minimum=0),),
    flag=True)


def flag(ctx: Screening, reasons: list[str | None], topic: set[int], cfg: Any) -> Flag | None:
    """The body's word count against the minimum, counting repeated material once."""
    from .repeated import repeated_words

    repeats = repeated_words(ctx, reasons)
    words = ctx.sentences.word_count - repeats
    if words >= cfg.min_words:
        return None
    counted = f"{words} words once repeats are counted once" if repeats else f"{words} words"
    return Flag(RULE.id, f"The essay has {counted}; at least {cfg.min_words} are needed to develop an answer, so "
                         "no part can count as fully developed.")
