"""What kind of sentence this is: a claim about the history, or talk about the essay, a refusal, a question,
or a bare list of terms. Decided from the closed English word lists, never from a rubric's vocabulary.
"""
from __future__ import annotations

import re
from typing import Any

from .language import english
from .terms import Occurrence
from .text import Token

_ITEM_BREAK = re.compile(r"[,;:]|\b(?:and|with)\b", re.I)


def _words(tokens: tuple[Token, ...]) -> list[str]:
    """Normalised words with contractions opened up ("i'll" -> "i", "'ll"; "won't" -> "won't")."""
    out: list[str] = []
    for t in tokens:
        word = t.norm
        if "'" in word and not word.endswith("n't"):
            head, _, tail = word.partition("'")
            out.extend([head, "'" + tail])
        else:
            out.append(word)
    return out


def _find(words: list[str], phrase: tuple[str, ...], start: int, stop: int) -> int:
    """Index just after the first occurrence of `phrase` in words[start:stop], or -1."""
    n = len(phrase)
    for i in range(start, min(stop, len(words) - n + 1)):
        if tuple(words[i : i + n]) == phrase:
            return i + n
    return -1


def _is_negation(word: str) -> bool:
    return word in english().negations or word.endswith("n't")


def signpost_kind(tokens: tuple[Token, ...], gap: int, subject_within: int) -> str | None:
    """'refusal' for "I will not discuss X", 'meta' for "In this essay I will discuss X", else None.

    `subject_within`: the essay's subject must come within this many leading words; `gap`: how far apart
    a signpost's parts may lie ("In this essay, I will now briefly discuss").
    """
    lang = english()
    words = _words(tokens)
    present = set(words)
    if not present.isdisjoint(lang.question_reference_ends) and any(
            phrase[-1] in present and _find(words, phrase, 0, len(words)) >= 0 for phrase in lang.question_references):
        return "meta"
    opening = set(words[:subject_within])
    if opening.isdisjoint(lang.signpost_subject_starts) or present.isdisjoint(lang.signpost_verbs):
        return None
    subjects = [subject for subject in lang.signpost_subjects if subject[0] in opening]
    for subject in subjects:
        after = _find(words, subject, 0, subject_within)
        if after < 0:
            continue
        window = words[after : after + 2 * gap]
        verb_at = next((i for i, w in enumerate(window) if w in lang.signpost_verbs), -1)
        if verb_at < 0:
            continue
        before_verb = window[:verb_at]
        if any(_is_negation(w) for w in before_verb):
            return "refusal"
        if any(_find(before_verb, modal, 0, len(before_verb)) >= 0 for modal in lang.signpost_modals):
            return "meta"
    return None


def is_question(text: str) -> bool:
    """A sentence that asks rather than claims."""
    return text.rstrip(" \"'”’)]").endswith("?")


def function_share(tokens: tuple[Token, ...]) -> float:
    """Share of words that are function words (the glue of real sentences)."""
    if not tokens:
        return 0.0
    fw = english().function_words
    return len([t for t in tokens if t.norm in fw]) / len(tokens)


def term_share(tokens: tuple[Token, ...], occurrences: list[Occurrence]) -> float:
    """Share of words that belong to some rubric term."""
    if not tokens:
        return 0.0
    covered: set[int] = set()
    for o in occurrences:
        covered.update(range(o.first, o.last))
    return len(covered) / len(tokens)


def is_keyword_list(text: str, tokens: tuple[Token, ...], occurrences: list[Occurrence], cfg: Any) -> bool:
    """A bare list of terms: no sentence glue, term-stuffed, or comma-separated one- and two-word items
    (`cfg`: the keyword_list rule's settings)."""
    n = len(tokens)
    if n < cfg.min_words:
        return False
    fshare = function_share(tokens)
    if fshare == 0 and (n >= cfg.min_words_punctuated or not text.rstrip().endswith((".", "!"))
                        or n >= cfg.min_words_dense and term_share(tokens, occurrences) >= cfg.term_share):
        return True  # "Chlorophyll traps light energy." is a sentence; "USSR alliance treaty aid 1950." is not
    if (n >= cfg.stuffing_min_words and fshare < cfg.max_function_share
            and term_share(tokens, occurrences) >= cfg.term_share):
        return True
    items = [piece for piece in text.replace(";", ",").split(",") if piece.strip()]
    answers = english().answer_words
    if (len(items) >= cfg.comma_items and all(len(piece.split()) <= cfg.comma_item_words for piece in items)
            and not any(piece.strip(" .!?").casefold() in answers for piece in items)):
        return True  # "Yalta, Manchuria, Port Arthur, Dalian." is a list; "Ideologically, yes; nationally, only
        # partly." answers a question
    return is_stuffed(tokens, cfg.repeat_min_words, cfg.max_repeats, cfg.repeat_share)


def is_string_of_fragments(text: str, items_needed: int, item_words: int) -> bool:
    """Names and phrases strung together ("Mao, the CCP and Beijing were part of the alliance with Stalin, the
    USSR and Moscow, with aid, the treaty and friendship"): `items_needed` or more items split at commas,
    semicolons, "and" and "with", all but one of them at most `item_words` long."""
    if text.count(",") + text.count(";") + text.count(" and ") + text.count(" with ") < items_needed - 1:
        return False
    items = [piece.split() for piece in _ITEM_BREAK.split(text) if piece.strip()]
    if len(items) < items_needed:
        return False
    return sum(len(item) > item_words for item in items) <= 1


def is_stuffed(tokens: tuple[Token, ...], min_content: int, repeats: int, share: float = 0.0) -> bool:
    """Terms repeated to fill a sentence ("the aid was aid from Stalin to Mao and the aid ..."): among at least
    `min_content` content words, one stands `repeats` times and makes up `share` of them. A name three times is
    ordinary in plain or second-language writing, and four times in a long sentence that lists events; repetition
    spread over a stretch of sentences is the `repetitive` rule's."""
    fw = english().function_words
    content = [t.lemma for t in tokens if t.norm not in fw and not t.norm.isdigit()]
    if len(content) < min_content or len(content) - len(set(content)) < repeats - 1:
        return False  # too few words, or too few repeated for any one to stand `repeats` times
    counts: dict[str, int] = {}
    for word in content:
        counts[word] = counts.get(word, 0) + 1
    most = max(counts.values())
    return most >= repeats and most >= share * len(content)


def is_fragment(tokens: tuple[Token, ...], min_words: int) -> bool:
    """A unit shorter than `min_words` with no function word: one item of a list when several stand together."""
    return 0 < len(tokens) < min_words and function_share(tokens) == 0
