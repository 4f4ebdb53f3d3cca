"""repetitive: stretches that keep recycling the same few words say nothing new, however grammatical."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..language import english
from .base import Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening

RULE: Rule = Rule(
    "repetitive", "A stretch that keeps recycling the same few words (\"the alliance of Mao and Stalin was the "
    "alliance of the CCP and the USSR ...\") earns nothing; reported under the keyword_list flag.", "screen",
    (Setting("window", int, 150, "Content words in a stretch judged at once.", minimum=1),
     Setting("step", int, 25, "Content words the stretch moves on each time.", minimum=1),
     Setting("min_distinct", float, 0.4, "Share of a stretch's content words that must be distinct.",
             minimum=0, maximum=1),
     Setting("min_words", int, 60, "Essays with fewer content words are too short to judge this way.", minimum=1)))


def mark(ctx: Screening, reasons: list[str | None], cfg: Any) -> None:
    """Every sentence in a stretch with fewer than `min_distinct` distinct content words. Real prose, even
    padded prose, keeps bringing in new words."""
    fw = english().function_words
    stream: list[tuple[int, str]] = [(s.index, t.lemma) for s in ctx.items
                                     if s.role in ("sentence", "heading") and reasons[s.index] is None
                                     for t in s.tokens if t.norm not in fw and not t.norm.isdigit()]
    if len(stream) < cfg.min_words:
        return
    window = min(cfg.window, len(stream))
    lemmas = [w for _, w in stream]
    low: set[int] = set()
    for start in range(0, len(stream) - window + 1, cfg.step):
        words = lemmas[start : start + window]
        if len(set(words)) < cfg.min_distinct * len(words):
            low.update(i for i, _ in stream[start : start + window])
    for i in low:
        reasons[i] = RULE.id
