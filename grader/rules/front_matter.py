"""front_matter: the name/date line, a title and the question copied at the top earn nothing.

The roles are found by `text.analyse` (which reads these settings); this rule screens them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule(
    "front_matter", "The name/date line, a title and the question copied at the top earn nothing and are not counted "
    "as words.", "screen",
    (Setting("paragraphs", int, 4, "Leading paragraphs searched for a name line, a title or the copied question, "
             "and most lines of a paragraph of short lines (name, class, title) read as front matter.", minimum=0),
     Setting("max_words", int, 12, "Most words a name/date line or title may have (a paragraph of such lines: each "
             "line).", minimum=0),
     Setting("question_share", float, 0.6, "Share of each sentence of a leading paragraph that must lie in runs of "
             "the question's words for it to be the question copied.", minimum=0, maximum=1),
     Setting("run_words", int, 4, "Words in a run shared with the question.", minimum=1)))


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """A sentence `text.analyse` placed in the front matter."""
    return s.role in ("header", "question")
