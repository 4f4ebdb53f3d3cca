"""refusal: "I will not discuss the Soviet side" says a part is left out; it is no evidence for it."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule(
    "refusal", "A refusal to discuss something (\"I will not discuss the Soviet side\") earns nothing.", "screen",
    (Setting("subject_within", int, 8, "The speaker (I, this essay ...) must come within this many leading words.",
             minimum=1),
     Setting("gap", int, 4, "How far apart the parts of the signpost may lie (\"I will now briefly discuss\").",
             minimum=0)))


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """The speaker, a negation and a discussing verb, in that order."""
    return ctx.signpost(s, cfg.gap, cfg.subject_within) == "refusal"
