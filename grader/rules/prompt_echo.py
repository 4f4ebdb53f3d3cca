"""prompt_echo: the question pasted back or restated beyond the opening copy earns nothing."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable

from ..language import english
from .base import Flag, Rule, Setting, plural

if TYPE_CHECKING:
    from ..flags import Screening
    from ..text import Sentence, Token

RULE: Rule = Rule(
    "prompt_echo", "The question pasted back or restated in its own words earns nothing; raises the prompt_echo flag.",
    "screen",
    (Setting("min_share", float, 0.6, "Share of a sentence's words lying in runs of the question's words at or above "
             "which it is the question pasted back.", minimum=0, maximum=1),
     Setting("run_words", int, 4, "Words in a run shared with the question.", minimum=1),
     Setting("instruction_share", float, 0.8, "Share of the content words of a sentence that opens like one of the "
             "question's instructions (\"Explain ...\") that must be the question's words.", minimum=0, maximum=1),
     Setting("restated_min_words", int, 6, "Content words a sentence needs before its share of the question's words "
             "is judged.", minimum=1),
     Setting("restated_share", float, 0.85, "Share of those content words, from the question, at or above which the "
             "sentence restates it.", minimum=0, maximum=1)),
    flag=True)


def fires(ctx: Screening, s: Sentence, cfg: Any) -> bool:
    """Pasted back (runs of the question's words), or the question in other words."""
    question = ctx.compiled.question
    return (question.overlap(s.tokens, cfg.run_words) >= cfg.min_share
            or restates_instruction(s.tokens, ctx, cfg, lambda: _own_term(ctx, s)))


def _own_term(ctx: Screening, s: Sentence) -> bool:
    """Whether the sentence carries a rubric term with a word the question does not have ("osmosis")."""
    given, own = ctx.compiled.given_words, ctx.rubric.terms  # the rubric's groups, not the shared cue words
    tokens = s.tokens
    return any(o.first >= 0 and o.group in own
               and any(t.norm not in given and t.lemma not in given for t in tokens[o.first : o.last])
               for o in ctx.occurrences[s.index])


def restates_instruction(tokens: tuple[Token, ...], ctx: Screening, cfg: Any,
                         own_term: Callable[[], bool] | None = None) -> bool:
    """The question in other words: a sentence that opens like one of its instructions ("Explain ...") and is
    made of its words, or a longer one almost entirely made of its words ("In the end, Mao and the Communist
    Party entered into the alliance for political reasons in the aftermath of WWII") unless one of those few
    other words is a rubric term of its own ("It uses osmosis to control the movement of water across the
    cell membrane" answers; `own_term` tells, asked only when it matters)."""
    question = ctx.compiled.question
    vocabulary = ctx.compiled.given_words
    fw = english().function_words
    content = [t for t in tokens if t.norm not in fw and not t.norm.isdigit()]
    if not content:
        return False
    shared = len([t for t in content if t.norm in vocabulary or t.lemma in vocabulary])
    if tokens[0].norm in question.openers and shared >= cfg.instruction_share * len(content):
        return True
    return (len(content) >= cfg.restated_min_words and shared >= cfg.restated_share * len(content)
            and not (own_term is not None and own_term()))


def flag(ctx: Screening, reasons: list[str | None], topic: set[int], cfg: Any) -> Flag | None:
    """How many sentences repeat the question."""
    n = reasons.count(RULE.id)
    if not n:
        return None
    return Flag(RULE.id, f"{plural(n, 'sentence repeats', 'sentences repeat')} the question back; "
                         "restating the question earns nothing.")
