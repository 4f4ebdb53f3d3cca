"""meta: talk about the essay ("In this essay I will discuss ...") promises an answer; it is not one."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule(
    "meta", "Talk about the essay or the question (\"In this essay I will discuss ...\", \"the question asks\") "
    "earns nothing.", "screen",
    (Setting("subject_within", int, 8, "The speaker (I, this essay ...) must come within this many leading words.",
             minimum=1),
     Setting("gap", int, 4, "How far apart the parts of the signpost may lie (\"In this essay, I will now briefly "
             "discuss\").", minimum=0)))


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """The speaker, a modal of intent and a discussing verb; or a reference to the question."""
    return ctx.signpost(s, cfg.gap, cfg.subject_within) == "meta"
