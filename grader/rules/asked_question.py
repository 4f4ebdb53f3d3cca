"""asked_question: a question the essay asks itself carries its terms into the answer that follows."""
from __future__ import annotations

from .base import Rule

RULE: Rule = Rule(
    "asked_question", "The terms of a question the essay asks itself (\"Why, then, did Mao enter it?\") carry into "
    "the sentences of its paragraph that answer it (of the next paragraph, when the question stands alone: \"Q: Why did "
    "Mao sign?\"), as if they stood just before them; they veto nothing.",
    "matching")
