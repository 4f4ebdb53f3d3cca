"""What kind of sentence this is: a claim about the history, or talk about the essay, a refusal, a question,
or a bare list of terms. Decided from the closed English word lists, never from a rubric's vocabulary.
"""
from __future__ import annotations

import re

from .language import english
from .terms import Occurrence
from .text import Token

#: A line of this many words or more with no function word is a list, not a sentence.
LIST_MIN_WORDS = 4
#: ... and one ending in a full stop needs this many words before the lack of glue makes it a list.
LIST_MIN_WORDS_PUNCTUATED = 9
#: ... unless this many words or more are nearly all rubric terms ("USSR alliance treaty aid 1950.").
LIST_MIN_WORDS_DENSE = 6
#: Share of a sentence's words that are rubric terms, above which (with few function words) it is stuffing.
STUFFING_TERM_SHARE = 0.7
STUFFING_MAX_FUNCTION_SHARE = 0.1
#: Short sentences are naturally dense with names and dates; stuffing is judged from this length on.
STUFFING_MIN_WORDS = 10
#: A sentence split at commas, semicolons, "and" and "with" into this many items, all but one of them this
#: short, is a string of fragments, not an explanation.
FRAGMENT_ITEMS = 6
FRAGMENT_ITEM_WORDS = 4
_ITEM_BREAK = re.compile(r"[,;:]|\b(?:and|with)\b", re.I)
#: A content word this many times in one sentence is stuffing ("the aid was aid from Stalin ... and the aid
#: was aid"); a name three times is ordinary in plain or second-language writing. Repetition spread over a
#: stretch of sentences is judged by flags._mark_repetition.
STUFFING_REPEATS = 4
#: Words a signpost's parts may lie apart ("In this essay, I will now briefly discuss").
SIGNPOST_GAP = 4
#: The essay's subject must come within the first words of the sentence.
SIGNPOST_SUBJECT_WITHIN = 8


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


def signpost_kind(tokens: tuple[Token, ...]) -> str | None:
    """'refusal' for "I will not discuss X", 'meta' for "In this essay I will discuss X", else None."""
    lang = english()
    words = _words(tokens)
    present = set(words)
    if any(phrase[-1] in present and _find(words, phrase, 0, len(words)) >= 0 for phrase in lang.question_references):
        return "meta"
    opening = set(words[:SIGNPOST_SUBJECT_WITHIN])
    subjects = [subject for subject in lang.signpost_subjects if subject[0] in opening]
    if not subjects or not present & lang.signpost_verbs:
        return None
    for subject in subjects:
        after = _find(words, subject, 0, SIGNPOST_SUBJECT_WITHIN)
        if after < 0:
            continue
        window = words[after : after + 2 * SIGNPOST_GAP]
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
    return sum(1 for t in tokens if t.norm in fw) / len(tokens)


def term_share(tokens: tuple[Token, ...], occurrences: list[Occurrence]) -> float:
    """Share of words that belong to some rubric term."""
    if not tokens:
        return 0.0
    covered = set()
    for o in occurrences:
        covered.update(range(o.first, o.last))
    return len(covered) / len(tokens)


def is_keyword_list(text: str, tokens: tuple[Token, ...], occurrences: list[Occurrence]) -> bool:
    """A bare list of terms: no sentence glue, term-stuffed, or comma-separated one- and two-word items."""
    n = len(tokens)
    if n < LIST_MIN_WORDS:
        return False
    fshare = function_share(tokens)
    if fshare == 0 and (n >= LIST_MIN_WORDS_PUNCTUATED or not text.rstrip().endswith((".", "!"))
                        or n >= LIST_MIN_WORDS_DENSE and term_share(tokens, occurrences) >= STUFFING_TERM_SHARE):
        return True  # "Chlorophyll traps light energy." is a sentence; "USSR alliance treaty aid 1950." is not
    if n >= STUFFING_MIN_WORDS and fshare < STUFFING_MAX_FUNCTION_SHARE and term_share(tokens, occurrences) >= STUFFING_TERM_SHARE:
        return True
    items = [piece for piece in text.replace(";", ",").split(",") if piece.strip()]
    if len(items) >= 4 and all(len(piece.split()) <= 2 for piece in items):
        return True
    return is_stuffed(tokens)


def is_string_of_fragments(text: str) -> bool:
    """Names and phrases strung together ("Mao, the CCP and Beijing were part of the alliance with Stalin, the
    USSR and Moscow, with aid, the treaty and friendship"): many short items, at most one real clause."""
    if text.count(",") + text.count(";") + text.count(" and ") + text.count(" with ") < FRAGMENT_ITEMS - 1:
        return False
    items = [piece.split() for piece in _ITEM_BREAK.split(text) if piece.strip()]
    if len(items) < FRAGMENT_ITEMS:
        return False
    return sum(len(item) > FRAGMENT_ITEM_WORDS for item in items) <= 1


def is_stuffed(tokens: tuple[Token, ...]) -> bool:
    """Terms repeated to fill a sentence ("the aid was aid from Stalin to Mao and the aid ..."): a content
    word three times over, or content words that are mostly repeats."""
    fw = english().function_words
    content = [t.lemma for t in tokens if t.norm not in fw and not t.norm.isdigit()]
    if len(content) < STUFFING_MIN_WORDS - 2:
        return False
    counts: dict[str, int] = {}
    for word in content:
        counts[word] = counts.get(word, 0) + 1
    return max(counts.values()) >= STUFFING_REPEATS


def is_fragment(tokens: tuple[Token, ...]) -> bool:
    """A short unit with no function word: one item of a list when several stand together."""
    return 0 < len(tokens) < LIST_MIN_WORDS and function_share(tokens) == 0
