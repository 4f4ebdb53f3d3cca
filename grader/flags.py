"""Flags: which sentences earn nothing and why, and the essay-level flags of DESIGN section 4.

Flags act only through levels: a screened sentence cannot be evidence; `too_short` caps levels at 1;
`off_topic` sets every level to 0. There is never a separate penalty.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from . import discourse
from .language import english
from .rubric import Rubric
from .sources import RUN, SourceIndex, source_index
from .terms import Occurrence
from .text import Sentence, Sentences, Token, prompt_overlap

#: Share of a sentence's words that come from runs of the question, at or above which it is an echo.
ECHO_SHARE = 0.6
#: Share of a sentence's content words found in the question, for a sentence that opens like an instruction.
ECHO_CONTENT_SHARE = 0.8
#: Share of an essay's sentences that must be strings of fragments before they count as a list.
FRAGMENT_ESSAY_SHARE = 0.4
#: A sentence of this many content words or more, this share of them words of the question, restates it.
RESTATED_MIN_WORDS = 6
RESTATED_SHARE = 0.85
#: Consecutive words shared with a rubric source that make a copied passage.
SOURCE_RUN = RUN  # the run the source index is built on
#: Consecutive short term-only lines that make a list.
LIST_RUN = 3
#: A stretch of RICHNESS_WINDOW content words in which fewer than RICHNESS_MIN are distinct only repeats
#: itself; essays with fewer content words than RICHNESS_MIN_WORDS are too short to judge this way.
RICHNESS_WINDOW = 150
RICHNESS_STEP = 25
RICHNESS_MIN = 0.4
RICHNESS_MIN_WORDS = 60


@dataclass(frozen=True, slots=True)
class Flag:
    """An essay-level finding shown to the student: a code from DESIGN section 4 and a message."""

    code: str
    message: str


def screen(rubric: Rubric, sentences: Sentences, occurrences: list[list[Occurrence]],
           prompt_tokens: tuple[str, ...]) -> list[str | None]:
    """For each sentence, why it earns nothing (a reason code), or None when it may be evidence."""
    text = sentences.document.text
    items = sentences.items
    reasons: list[str | None] = [None] * len(items)
    seen: set[tuple[str, ...]] = set()
    copied = _copied_tokens(rubric, sentences)
    for s in items:
        body = text[s.start : s.end]
        occ = occurrences[s.index]
        if s.role in ("header", "question"):
            reasons[s.index] = "front_matter"
        elif s.role == "note":
            reasons[s.index] = "note"
        elif not s.tokens:
            reasons[s.index] = "empty"
        elif s.role == "heading" and not discourse.is_keyword_list(body, s.tokens, occ):
            reasons[s.index] = "heading"
        elif prompt_overlap(s.tokens, prompt_tokens) >= ECHO_SHARE or _restates_instruction(s.tokens, rubric.prompt):
            reasons[s.index] = "prompt_echo"
        elif discourse.is_keyword_list(body, s.tokens, occ):
            reasons[s.index] = "keyword_list"
        elif s.index in copied:
            reasons[s.index] = copied[s.index]
        elif discourse.is_question(body):
            reasons[s.index] = "question"
        elif (kind := discourse.signpost_kind(s.tokens)) is not None:
            reasons[s.index] = kind
        else:
            key = tuple(t.norm for t in s.tokens)
            if key in seen and len(key) >= 4:
                reasons[s.index] = "repeated"
            seen.add(key)
    _mark_list_runs(sentences, reasons)
    _mark_repetition(sentences, reasons)
    _mark_fragment_essays(sentences, reasons)
    return reasons


def _mark_fragment_essays(sentences: Sentences, reasons: list[str | None]) -> None:
    """An essay whose sentences are mostly strings of names and phrases is a list in prose's clothing. One
    such sentence among real prose is ordinary coordination ("money, expertise and weapons"), so it takes
    FRAGMENT_ESSAY_SHARE of the sentences."""
    text = sentences.document.text
    eligible = [s for s in sentences.items if reasons[s.index] is None and s.role == "sentence"]
    fragments = [s for s in eligible if discourse.is_string_of_fragments(text[s.start : s.end])]
    if eligible and len(fragments) >= FRAGMENT_ESSAY_SHARE * len(eligible):
        for s in fragments:
            reasons[s.index] = "keyword_list"


def _mark_repetition(sentences: Sentences, reasons: list[str | None]) -> None:
    """Stretches of an essay that keep recycling the same few words ("the alliance of Mao and Stalin was the
    alliance of the CCP and the USSR ...") say nothing new however grammatical they look: fewer than
    RICHNESS_MIN of the content words in a window of RICHNESS_WINDOW are distinct. Real prose, even padded
    prose, keeps bringing in new words."""
    fw = english().function_words
    stream: list[tuple[int, str]] = [(s.index, t.lemma) for s in sentences.items
                                     if s.role in ("sentence", "heading") and reasons[s.index] is None
                                     for t in s.tokens if t.norm not in fw and not t.norm.isdigit()]
    if len(stream) < RICHNESS_MIN_WORDS:
        return
    window = min(RICHNESS_WINDOW, len(stream))
    low: set[int] = set()
    for start in range(0, len(stream) - window + 1, RICHNESS_STEP):
        words = [w for _, w in stream[start : start + window]]
        if len(set(words)) < RICHNESS_MIN * len(words):
            low.update(i for i, _ in stream[start : start + window])
    for i in low:
        reasons[i] = "repetitive"


def _restates_instruction(tokens: tuple[Token, ...], prompt: str) -> bool:
    """The question in other words: a sentence that opens like one of its instructions ("Explain ...") and is
    made of its words, or a longer one almost entirely made of its words ("In the end, Mao and the Communist
    Party entered into the alliance for political reasons in the aftermath of WWII")."""
    openers, vocabulary = _instructions(prompt)
    content = [t for t in tokens if t.norm not in english().function_words and not t.norm.isdigit()]
    if not content:
        return False
    shared = sum(t.norm in vocabulary or t.lemma in vocabulary for t in content)
    if tokens[0].norm in openers and shared >= ECHO_CONTENT_SHARE * len(content):
        return True
    return len(content) >= RESTATED_MIN_WORDS and shared >= RESTATED_SHARE * len(content)


@functools.lru_cache(maxsize=16)
def _instructions(prompt: str) -> tuple[frozenset[str], frozenset[str]]:
    """The content words that open the question's sentences ("please", "explain"), and all its words."""
    from .text import split_sentences, tokenize

    fw = english().function_words
    openers = set()
    for a, b, _ in split_sentences(prompt, 0, len(prompt)):
        words = tokenize(prompt[a:b])
        if words and words[0].norm not in fw:
            openers.add(words[0].norm)
    words = tokenize(prompt)
    return frozenset(openers), frozenset(t.norm for t in words) | frozenset(t.lemma for t in words)


def _mark_list_runs(sentences: Sentences, reasons: list[str | None]) -> None:
    """Several short term-only lines in a row are a list even though each is too short to tell alone."""
    run: list[int] = []
    for s in list(sentences.items) + [None]:  # type: ignore[list-item]
        if s is not None and s.role in ("sentence", "heading") and discourse.is_fragment(s.tokens):
            run.append(s.index)
            continue
        if len(run) >= LIST_RUN:
            for i in run:
                reasons[i] = "keyword_list"
        run = []


def _copied_tokens(rubric: Rubric, sentences: Sentences) -> dict[int, str]:
    """Sentences holding a run of SOURCE_RUN+ words from a rubric source: copied, or quoted."""
    index = source_index(rubric)
    if index is None or not index.grams:
        return {}
    quoted: list[tuple[int, int]] | None = None
    out: dict[int, str] = {}
    by_paragraph: dict[int, list[Sentence]] = {}
    for s in sentences.items:
        by_paragraph.setdefault(s.paragraph, []).append(s)
    for group in by_paragraph.values():
        covered = index.covered(tuple([t.norm for s in group for t in s.tokens]))
        if not covered:
            continue
        if quoted is None:
            quoted = _quoted_spans(sentences.document.text)
        stream = [(s.index, t) for s in group for t in s.tokens]
        counts: dict[int, list[int]] = {}
        for pos in covered:
            sentence, token = stream[pos]
            inside = _inside(quoted, token.start)
            counts.setdefault(sentence, [0, 0])[1 if inside else 0] += 1
        for sentence, (bare, inside) in counts.items():
            if bare >= SOURCE_RUN // 2:
                out[sentence] = "source_overlap"
            elif inside:
                out[sentence] = "quoted_source"
    return out


def _quoted_spans(text: str) -> list[tuple[int, int]]:
    """Character spans inside quotation marks, in one pass; a quote left open ends at the line's end."""
    pairs = {pair[0]: pair[1] for pair in english().quote_pairs}
    marks = re.compile("[" + re.escape("".join(set(pairs) | set(pairs.values()))) + "\n]")
    spans: list[tuple[int, int]] = []
    opened: tuple[int, str] | None = None
    for m in marks.finditer(text):
        char, i = m.group(), m.start()
        if opened is not None:
            if char == opened[1]:
                spans.append((opened[0], i))
                opened = None
            elif char == "\n":
                opened = None
        elif char in pairs:
            opened = (i, pairs[char])
    return spans


def _inside(spans: list[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` lies inside one of the sorted, non-overlapping `spans`."""
    import bisect

    i = bisect.bisect_left(spans, (offset,)) - 1
    return i >= 0 and spans[i][0] < offset < spans[i][1]


def essay_flags(rubric: Rubric, sentences: Sentences, occurrences: list[list[Occurrence]],
                reasons: list[str | None], topic_sentences: set[int]) -> list[Flag]:
    """The essay-level flags, in the order of DESIGN section 4."""
    flags: list[Flag] = []
    limits = rubric.limits
    other = set(rubric.other_topics)
    elsewhere = {s.index for s in sentences.items if reasons[s.index] is None
                 and any(o.group in other for o in occurrences[s.index])}
    # A paragraph mostly about the other question belongs to it whole, its plain narrative sentences too.
    by_paragraph: dict[int, list[int]] = {}
    for s in sentences.items:
        if reasons[s.index] is None:
            by_paragraph.setdefault(s.paragraph, []).append(s.index)
    for members in by_paragraph.values():
        away = sum(i in elsewhere for i in members)
        if away and away >= sum(i in topic_sentences and i not in elsewhere for i in members):
            elsewhere.update(members)
    core = topic_sentences - elsewhere
    if len(topic_sentences) < limits.min_topic_sentences:
        n = len(topic_sentences)
        flags.append(Flag("off_topic", f"Only {n} sentence{'s answer' if n != 1 else ' answers'} "
                                       f"this question (at least {limits.min_topic_sentences} are needed), "
                                       "so no part of the answer can be credited."))
    elif other and len(elsewhere) > len(core):
        flags.append(Flag("off_topic", f"Most of the essay ({len(elsewhere)} sentences) is about a different "
                                       f"question; only {len(core)} answer this one, so no part can be credited."))
    if sentences.word_count < limits.min_words:
        flags.append(Flag("too_short", f"The essay has {sentences.word_count} words; at least {limits.min_words} "
                                       "are needed to develop an answer, so no part can count as fully developed."))
    counts = {code: sum(1 for r in reasons if r == code)
              for code in ("keyword_list", "repetitive", "prompt_echo", "source_overlap")}
    if counts["keyword_list"] or counts["repetitive"]:
        parts = []
        if counts["keyword_list"]:
            n = counts["keyword_list"]
            parts.append(f"{n} line{'s are' if n != 1 else ' is'} a bare list of terms rather than sentences")
        if counts["repetitive"]:
            n = counts["repetitive"]
            parts.append(f"{n} sentence{'s only repeat' if n != 1 else ' only repeats'} the same few terms")
        flags.append(Flag("keyword_list", "; ".join(parts) + ": lists and repetition earn nothing, explanations do."))
    if counts["prompt_echo"]:
        n = counts["prompt_echo"]
        flags.append(Flag("prompt_echo", f"{n} sentence{'s repeat' if n != 1 else ' repeats'} the question back; "
                                         "restating the question earns nothing."))
    if counts["source_overlap"]:
        n = counts["source_overlap"]
        titles = ", ".join(s.title for s in rubric.sources)
        flags.append(Flag("source_overlap", f"{n} sentence{'s copy' if n != 1 else ' copies'} long passages from "
                                            f"{titles} without quotation marks; copied text earns nothing."))
    return flags


__all__ = ["Flag", "screen", "essay_flags", "SourceIndex"]
