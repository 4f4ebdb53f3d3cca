"""empty: a 'sentence' with no words (stray punctuation) earns nothing."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Rule

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule("empty", "A sentence without a single word (stray punctuation or symbols) earns nothing.", "screen")


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """No word at all."""
    return not s.tokens
