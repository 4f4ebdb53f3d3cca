"""question: a sentence that asks rather than claims earns nothing (its terms may carry into its answer)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import discourse
from .base import Rule

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule("question", "A question asks rather than claims: it earns nothing by itself.", "screen")


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """Ends with a question mark."""
    return discourse.is_question(ctx.body(s))
