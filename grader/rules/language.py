"""language: an essay written in another language than the rubric's is not marked, and says so.

It is not off topic and not a list of terms: it is a different case for the teacher. The identifier runs only
on essays of `min_words` words or more whose English function words are rarer than `english_share` (see
`language_id`), and the flag is raised only when it is confident; the essay is then listed for the teacher
with no score, percent or mark.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Flag, Rule, Setting

if TYPE_CHECKING:
    from ..flags import Screening

RULE: Rule = Rule(
    "language", "An essay written in another language than the rubric's `language` is not marked: no score, "
    "percent or mark, every part at 0, band \"Not marked\", and a language flag naming the language.", "flag",
    (Setting("min_words", int, 30, "Words an essay needs before its language is judged.", minimum=1),
     Setting("english_share", float, 0.2, "Share of English function words from which an essay reads as English "
             "without asking the identifier (English prose has about a third).", minimum=0, maximum=1),
     Setting("min_confidence", float, 0.9, "The identifier's confidence needed to call the essay another language.",
             minimum=0, maximum=1)),
    flag=True)
#: The band of an essay that was not marked.
NOT_MARKED = "Not marked"


def flag(ctx: Screening, reasons: list[str | None], topic: set[int], cfg: Any) -> Flag | None:
    """The essay's language, when it is confidently another than the rubric's."""
    from ..language_id import english_share, identify, name_of

    body = [s for s in ctx.items if s.role in ("sentence", "heading")]
    tokens = [t for s in body for t in s.tokens]
    if len(tokens) < cfg.min_words:
        return None
    wanted = ctx.rubric.language
    if wanted == "en" and english_share(tokens) >= cfg.english_share:
        return None
    code, confidence = identify(" ".join(ctx.body(s) for s in body))
    if code == wanted or confidence < cfg.min_confidence:
        return None
    return Flag(RULE.id, f"Written in {name_of(code)}; this rubric marks {name_of(wanted)} essays, so it was not "
                         "marked: a teacher should read it.")
