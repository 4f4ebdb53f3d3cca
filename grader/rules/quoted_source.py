"""quoted_source: a passage of a rubric source inside quotation marks is the source's words, not the student's."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Rule

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule("quoted_source", "A passage of a rubric source inside quotation marks earns neither credit nor a flag: "
            "quoting is honest, but the words are the source's.", "screen")


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """A run of source words that stands inside quotation marks (see source_overlap)."""
    found = ctx.copied.get(s.index)
    return found is not None and found[0] == RULE.id
