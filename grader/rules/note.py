"""note: footnotes and endnotes are citations; they are printed but earn nothing."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Rule

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule("note", "Footnotes and endnotes are citations: counting them would reward padding the notes.", "screen")


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """A sentence of a footnote or endnote."""
    return s.role == "note"
