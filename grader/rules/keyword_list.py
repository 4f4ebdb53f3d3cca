"""keyword_list: bare lists of terms, stuffed sentences and strings of fragments earn nothing."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .. import discourse
from .base import Flag, Rule, Setting, plural

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence

RULE: Rule = Rule(
    "keyword_list", "A bare list of terms, a sentence stuffed with terms, a run of short term-only lines, or an essay "
    "mostly made of strings of fragments earns nothing; raises the keyword_list flag (which also reports repetitive "
    "stretches).", "screen",
    (Setting("min_words", int, 4, "Words a line needs before a lack of function words makes it a list; shorter "
             "term-only lines are fragments.", minimum=1),
     Setting("min_words_punctuated", int, 9, "Words a line ending in a full stop needs before a lack of function "
             "words makes it a list.", minimum=1),
     Setting("min_words_dense", int, 6, "... unless it is this long and made of terms (see term_share).", minimum=1),
     Setting("term_share", float, 0.7, "Share of a sentence's words that are rubric terms, at or above which a "
             "glue-less or stuffed sentence is a list.", minimum=0, maximum=1),
     Setting("stuffing_min_words", int, 10, "Words from which a sentence with few function words and many terms is "
             "stuffed.", minimum=1),
     Setting("max_function_share", float, 0.1, "A stuffed sentence has a share of function words below this.",
             minimum=0, maximum=1),
     Setting("comma_items", int, 4, "Comma-separated items of a list of short items.", minimum=2),
     Setting("comma_item_words", int, 2, "Most words in each item of such a list.", minimum=1),
     Setting("repeat_min_words", int, 8, "Content words a sentence needs before one word repeated in it is "
             "stuffing.", minimum=1),
     Setting("max_repeats", int, 4, "Times one content word may stand in a sentence before it is stuffing.",
             minimum=2),
     Setting("repeat_share", float, 0.15, "... when those repeats also make up this share of the sentence's "
             "content words (a long sentence listing events names its actors more often).", minimum=0, maximum=1),
     Setting("list_run", int, 3, "Consecutive fragments (short term-only lines) that make a list.", minimum=2),
     Setting("fragment_items", int, 6, "Items (split at commas, semicolons, 'and', 'with') that make a string of "
             "fragments.", minimum=2),
     Setting("fragment_item_words", int, 4, "Most words in all but one of those items.", minimum=1),
     Setting("fragment_essay_share", float, 0.4, "Share of an essay's sentences that must be strings of fragments "
             "before they count as lists.", minimum=0, maximum=1)),
    flag=True)


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """A bare list of terms or a stuffed sentence."""
    return discourse.is_keyword_list(ctx.body(s), s.tokens, ctx.occurrences[s.index], cfg)


def mark_list_runs(ctx: Screening, reasons: list[str | None], cfg: Any) -> None:
    """Several short term-only lines in a row are a list even though each is too short to tell alone."""
    run: list[int] = []
    for s in list(ctx.items) + [None]:
        if s is not None and s.role in ("sentence", "heading") and discourse.is_fragment(s.tokens, cfg.min_words):
            run.append(s.index)
            continue
        if len(run) >= cfg.list_run:
            for i in run:
                reasons[i] = RULE.id
        run = []


def mark_fragment_essays(ctx: Screening, reasons: list[str | None], cfg: Any) -> None:
    """An essay whose sentences are mostly strings of names and phrases is a list in prose's clothing. One
    such sentence among real prose is ordinary coordination ("money, expertise and weapons")."""
    eligible = [s for s in ctx.items if reasons[s.index] is None and s.role == "sentence"]
    fragments = [s for s in eligible
                 if discourse.is_string_of_fragments(ctx.body(s), cfg.fragment_items, cfg.fragment_item_words)]
    if eligible and len(fragments) >= cfg.fragment_essay_share * len(eligible):
        for s in fragments:
            reasons[s.index] = RULE.id


def flag(ctx: Screening, reasons: list[str | None], topic: set[int], cfg: Any) -> Flag | None:
    """Lists and, when that rule runs, repetitive stretches, in one message."""
    lists, repetitive = reasons.count(RULE.id), reasons.count("repetitive")
    parts = []
    if lists:
        parts.append(f"{plural(lists, 'line is', 'lines are')} a bare list of terms rather than sentences")
    if repetitive:
        parts.append(f"{plural(repetitive, 'sentence only repeats', 'sentences only repeat')} the same few terms")
    if not parts:
        return None
    return Flag(RULE.id, "; ".join(parts) + ": lists and repetition earn nothing, explanations do.")
