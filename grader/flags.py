"""Flags: which sentences earn nothing and why, and the essay-level flags of DESIGN section 4.

Both are decided by the registered rules (`grader.rules`), in the registry's order: a sentence is
screened by the first screen rule that fires, and its reason is that rule's id. Flags act only
through levels: a screened sentence cannot be evidence; `too_short` caps levels at 1; `off_topic`
sets every level to 0. There is never a separate penalty.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, get_args

from . import discourse
from .results import FlagCode
from .rules import MODULES, PASSES, Flag
from .terms import Occurrence
from .text import Sentence, Sentences

if TYPE_CHECKING:
    from .compiled import CompiledRubric

_FLAG_ORDER = {code: i for i, code in enumerate(get_args(FlagCode))}


class Screening:
    """One essay as the screen rules see it, with what several of them share worked out once."""

    def __init__(self, compiled: CompiledRubric, sentences: Sentences, occurrences: list[list[Occurrence]]):
        self.compiled = compiled
        self.rubric = compiled.rubric
        self.settings = compiled.settings
        self.sentences = sentences
        self.items = sentences.items
        self.text = sentences.document.text
        self.occurrences = occurrences
        self.seen: set[tuple[str, ...]] = set()  # sentences already read, for the repeated rule
        self._copied: dict[int, tuple[str, str]] | None = None
        self._signpost: tuple[tuple[int, int, int], str | None] | None = None

    def body(self, s: Sentence) -> str:
        """The sentence's characters."""
        return self.text[s.start : s.end]

    @property
    def copied(self) -> dict[int, tuple[str, str]]:
        """Sentences holding runs of a source: ('source_overlap' or 'quoted_source', the source's title)."""
        if self._copied is None:
            from .rules.source_overlap import copied_sentences

            self._copied = copied_sentences(self)
        return self._copied

    def signpost(self, s: Sentence, gap: int, subject_within: int) -> str | None:
        """'refusal', 'meta' or None for a sentence; the refusal and meta rules ask in turn, so it is kept."""
        key = (s.index, gap, subject_within)
        if self._signpost is None or self._signpost[0] != key:
            self._signpost = (key, discourse.signpost_kind(s.tokens, gap, subject_within))
        return self._signpost[1]


def screen(compiled: CompiledRubric, sentences: Sentences, occurrences: list[list[Occurrence]]) -> list[str | None]:
    """For each sentence, the id of the rule that screened it (it earns nothing), or None."""
    ctx = Screening(compiled, sentences, occurrences)
    settings = compiled.settings
    tests = [(m.RULE.id, m.fires, settings[m.RULE.id]) for m in MODULES
             if hasattr(m, "fires") and settings.enabled(m.RULE.id)]
    reasons: list[str | None] = [None] * len(sentences.items)
    for s in sentences.items:
        for rule_id, fires, cfg in tests:
            if fires(ctx, s, cfg):
                reasons[s.index] = rule_id
                break
    for rule_id, mark in PASSES:
        if settings.enabled(rule_id):
            mark(ctx, reasons, settings[rule_id])
    return reasons


def essay_flags(compiled: CompiledRubric, sentences: Sentences, occurrences: list[list[Occurrence]],
                reasons: list[str | None], topic_sentences: set[int]) -> list[Flag]:
    """The essay-level flags of the rules that run, in the order of DESIGN section 4."""
    ctx = Screening(compiled, sentences, occurrences)
    settings = compiled.settings
    flags: list[Flag] = []
    for m in MODULES:
        if hasattr(m, "flag") and settings.enabled(m.RULE.id):
            found: Any = m.flag(ctx, reasons, topic_sentences, settings[m.RULE.id])
            if found is not None:
                flags.append(found)
    return sorted(flags, key=lambda f: _FLAG_ORDER[f.code])


__all__ = ["Flag", "Screening", "screen", "essay_flags"]
