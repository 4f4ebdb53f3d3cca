"""heading: a short line standing alone without end punctuation labels a section; it claims nothing."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import discourse
from .base import Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule(
    "heading", "A short line standing alone as a paragraph without end punctuation is a heading: it labels a section "
    "and earns nothing (a heading that is a bare list of terms is a keyword list).", "screen",
    (Setting("max_words", int, 12, "Most words a heading may have.", minimum=0),))


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """A heading `text.analyse` found, unless the keyword_list rule claims it."""
    if s.role != "heading":
        return False
    lists = ctx.settings["keyword_list"]
    return not (lists.enabled and discourse.is_keyword_list(ctx.body(s), s.tokens, ctx.occurrences[s.index], lists))
