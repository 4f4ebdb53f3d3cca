"""repeated: a sentence written again word for word counts once."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE = Rule(
    "repeated", "A sentence that repeats an earlier one word for word counts once.", "screen",
    (Setting("min_words", int, 4, "Shorter sentences may repeat (\"This mattered.\").", minimum=0),))


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """The same words as an earlier sentence that earned its place."""
    key = tuple(t.norm for t in s.tokens)
    if key in ctx.seen and len(key) >= cfg.min_words:
        return True
    ctx.seen.add(key)
    return False
