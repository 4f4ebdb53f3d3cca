"""Text: a `Document` becomes `Sentences` — sentence and token spans, normalised tokens and lemmas.

Each sentence also knows its paragraph, its role (an ordinary sentence, a heading, the name/date line,
the question copied at the top, a footnote) and its position in the argument (opening, body,
conclusion). Every span is `(start, end)` into `Document.text`; nothing here rewrites the text.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from typing import Literal

from .documents import Document
from .language import english

Role = Literal["sentence", "heading", "header", "question", "note"]
Position = Literal["opening", "body", "conclusion", ""]

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?:\[\w{1,6}\])*(?=\s|$)")
#: One match per white-space separated piece that holds a letter or digit; linear even on hostile text.
_COUNTED_WORD = re.compile(r"(?<!\S)\S*?[^\W_]")
_NEXT_VISIBLE = re.compile(r"\s*(\S)")
#: Characters looked back from a full stop for the word it ends (longer words are no abbreviation).
ABBREVIATION_LOOKBACK = 16
_LIST_MARKER = re.compile(r"^\s*(?:[-*•–—·▪►]|\d{1,2}[.)]|[a-z][.)])\s+")
_YEAR_OR_DIGITS = re.compile(r"\d")
_HYPHENS = "-‐‑"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})

#: How many words a paragraph may have and still be a heading or a name/date line.
HEADING_MAX_WORDS = 12
#: Front matter (name line, title, copied question) is looked for in this many leading paragraphs.
FRONT_MATTER_PARAGRAPHS = 4


@dataclass(slots=True)
class Token:
    """A word: `text[start:end]`, its normalised form, its lemma, and whether it was written in capitals.

    Read-only by convention rather than `frozen`: an essay builds thousands, and a frozen dataclass
    takes three times as long to build.
    """

    start: int
    end: int
    norm: str
    lemma: str
    upper: bool
    joined_before: bool = False  # "Soviet" in "Sino-Soviet": hyphen-joined to the word before
    joined_after: bool = False  # "Mao" in "Mao-led"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a heading, list line or note) with its tokens and where it sits in the essay."""

    index: int
    start: int
    end: int
    paragraph: int  # 0-based index into Document.paragraphs
    tokens: tuple[Token, ...]
    role: Role = "sentence"
    position: Position = ""
    list_item: bool = False


@dataclass(frozen=True, slots=True)
class Sentences:
    """The essay as sentences, with the body's word count (no notes, no name line, no copied question)."""

    document: Document
    items: tuple[Sentence, ...]
    word_count: int

    def text_of(self, sentence: Sentence) -> str:
        """The exact characters of a sentence."""
        return self.document.text[sentence.start : sentence.end]


@functools.lru_cache(maxsize=65536)
def normalise(word: str) -> str:
    """Case-fold, strip accents (Lüshun = Lushun), straighten quotes, drop a possessive 's."""
    word = word.translate(_APOSTROPHES)
    if not word.isascii():
        word = "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))
    word = word.casefold()
    if word.endswith("'s") and len(word) > 2:
        word = word[:-2]
    return word


@functools.lru_cache(maxsize=65536)
def lemma(norm: str) -> str:
    """The dictionary form of a normalised word (simplemma's English data; no download)."""
    if not norm.isalpha():
        return norm
    import simplemma

    return simplemma.lemmatize(norm, lang="en").casefold()


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Words of `text` with spans shifted by `offset`; hyphens and punctuation separate words."""
    forms = _word_forms
    if not any(h in text for h in _HYPHENS):
        return tuple([Token(m.start() + offset, m.end() + offset, *f)
                      for m in _WORD.finditer(text) if (f := forms(m.group()))[0]])
    out = []
    size = len(text)
    for m in _WORD.finditer(text):
        norm, lem, upper = forms(m.group())
        if not norm:
            continue
        a, b = m.span()
        before = a >= 2 and text[a - 1] in _HYPHENS and text[a - 2].isalnum()
        after = b + 1 < size and text[b] in _HYPHENS and text[b + 1].isalnum()
        out.append(Token(a + offset, b + offset, norm, lem, upper, before, after))
    return tuple(out)


@functools.lru_cache(maxsize=65536)
def _word_forms(raw: str) -> tuple[str, str, bool]:
    """A written word's normalised form, lemma and whether it is in capitals, worked out once per form."""
    norm = normalise(raw)
    return norm, lemma(norm) if norm else "", len(raw) > 1 and raw.isupper()


def count_words(text: str) -> int:
    """Words as a word processor counts them: white-space separated pieces holding a letter or digit."""
    return len(_COUNTED_WORD.findall(text))


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Sentence spans inside `text[start:end]`, as (start, end, is_list_item); lines can end sentences."""
    spans: list[tuple[int, int, bool]] = []
    lines = _lines(text, start, end)
    for line_start, line_end, list_item in lines:
        spans.extend((a, b, list_item) for a, b in _sentences_in_line(text, line_start, line_end))
    return spans


def _lines(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """Join wrapped lines back into one run; break at list markers, short lines and finished sentences."""
    raw = []
    pos = start
    for line in text[start:end].split("\n"):
        raw.append((pos, pos + len(line)))
        pos += len(line) + 1
    merged: list[list] = []
    for a, b in raw:
        line = text[a:b]
        if not line.strip():
            continue
        marker = _LIST_MARKER.match(line)
        if merged and not marker:
            pa, pb, _ = merged[-1]
            prev = text[pa:pb].rstrip()
            # A hard-wrapped paragraph: a long line that stops mid-sentence continues on the next.
            if len(prev) >= 50 and prev[-1:] not in ".!?:…\"”" or prev.endswith((",", ";")) and line[:1].islower():
                merged[-1][1] = b
                continue
        if marker:
            a += marker.end()
        merged.append([a, b, bool(marker)])
    return [(a, b, m) for a, b, m in merged]


def _sentences_in_line(text: str, start: int, end: int):
    abbreviations = english().abbreviations
    cut = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.end()
        if m.group()[0] == ".":
            # Look back one word and ahead one character only: slicing to the line's ends would make a long
            # line of abbreviations quadratic.
            before = text[max(cut, m.start() - ABBREVIATION_LOOKBACK) : m.start()].rsplit(None, 1)
            word = normalise(before[-1].lstrip("(\"'“‘[")) if before else ""
            if word in abbreviations or (len(word) == 1 and word.isalpha()):
                continue
            following = _NEXT_VISIBLE.match(text, stop, end)
            nxt = following.group(1) if following else ""
            if nxt.islower() or nxt in (",", ";", ":"):
                continue
        piece = text[cut:stop]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            spans_end = cut + len(piece.rstrip())
            yield cut + lead, spans_end
        cut = stop
    piece = text[cut:end]
    if piece.strip():
        lead = len(piece) - len(piece.lstrip())
        yield cut + lead, cut + len(piece.rstrip())


def analyse(document: Document, prompt_tokens: tuple[str, ...] = ()) -> Sentences:
    """Split the document into sentences and tag each with its role and position in the essay."""
    from collections import Counter

    text = document.text
    drafts: list[tuple[int, int, int, bool, tuple[Token, ...]]] = []
    for p_index, paragraph in enumerate(document.paragraphs):
        for a, b, list_item in split_sentences(text, paragraph.start, paragraph.end):
            drafts.append((a, b, p_index, list_item, tokenize(text[a:b], a)))

    paragraph_roles = _paragraph_roles(document, drafts, prompt_tokens)
    per_paragraph = Counter(p for _, _, p, _, _ in drafts)
    roles: list[Role] = []
    for a, b, p, _, tokens in drafts:
        role = paragraph_roles[p]
        if role == "sentence" and per_paragraph[p] == 1 and _looks_like_heading(text[a:b], tokens):
            role = "heading"
        roles.append(role)
    positions = _positions(drafts, roles, paragraph_roles)
    items = tuple(Sentence(i, a, b, p, tokens, roles[i], positions[i], list_item)
                  for i, (a, b, p, list_item, tokens) in enumerate(drafts))
    words = sum(count_words(text[document.paragraphs[p].start : document.paragraphs[p].end])
                for p, r in enumerate(paragraph_roles) if r in ("sentence", "heading"))
    return Sentences(document, items, words)


def _positions(drafts, roles: list[Role], paragraph_roles: list[Role]) -> list[Position]:
    """Opening = the first content paragraph, conclusion = the last (the first and last fifth of the sentences
    when the essay is one paragraph)."""
    content_paragraphs = [i for i, r in enumerate(paragraph_roles) if r == "sentence"]
    content = [i for i, r in enumerate(roles) if r == "sentence"]
    positions: list[Position] = [""] * len(drafts)
    if not content:
        return positions
    opening_p, closing_p = content_paragraphs[0], content_paragraphs[-1]
    if opening_p == closing_p:
        n = len(content)
        fifth = max(1, round(n / 5))
        for order, i in enumerate(content):
            positions[i] = "opening" if order < fifth else "conclusion" if order >= n - fifth and n > 1 else "body"
        return positions
    for i in content:
        p = drafts[i][2]
        positions[i] = "opening" if p == opening_p else "conclusion" if p == closing_p else "body"
    return positions


def _looks_like_heading(line: str, tokens: tuple[Token, ...]) -> bool:
    stripped = line.rstrip()
    return 0 < len(tokens) <= HEADING_MAX_WORDS and stripped[-1:] not in ".!?…\"”'’;,"


def _paragraph_roles(document: Document, drafts, prompt_tokens: tuple[str, ...]) -> list[Role]:
    """Notes; then the name/date line, title and copied question among the first paragraphs."""
    roles: list[Role] = ["note" if p.kind == "note" else "sentence" for p in document.paragraphs]
    by_paragraph: dict[int, list[tuple[Token, ...]]] = {}
    for a, b, p, _, tokens in drafts:
        by_paragraph.setdefault(p, []).append(tokens)
    seen_question = False
    for p in range(min(FRONT_MATTER_PARAGRAPHS, len(roles))):
        if roles[p] != "sentence":
            break
        sentences = by_paragraph.get(p, [])
        tokens = [t for s in sentences for t in s]
        para_text = document.paragraph_text(p)
        if prompt_tokens and tokens and all(prompt_overlap(s, prompt_tokens) >= 0.6 for s in sentences if s):
            roles[p] = "question"
            seen_question = True
            continue
        if not seen_question and len(tokens) <= HEADING_MAX_WORDS and para_text.rstrip()[-1:] not in ".!":
            roles[p] = "header"
            continue
        break
    if roles and all(r != "sentence" for r in roles if r != "note"):
        # Nothing but front matter: grade it all rather than nothing (an essay that is one short line).
        roles = ["note" if p.kind == "note" else "sentence" for p in document.paragraphs]
    return roles


def prompt_overlap(tokens: tuple[Token, ...], prompt_tokens: tuple[str, ...], n: int = 4) -> float:
    """Share of a sentence's words covered by runs of `n`+ words that also stand in the question."""
    if not tokens or not prompt_tokens:
        return 0.0
    words = [t.norm for t in tokens]
    if len(words) < n:
        return 1.0 if " ".join(words) in " ".join(prompt_tokens) and len(words) >= 2 else 0.0
    grams, starts = _ngrams(prompt_tokens, n)
    covered = [False] * len(words)
    for i in range(len(words) - n + 1):
        if words[i] in starts and tuple(words[i : i + n]) in grams:
            for j in range(i, i + n):
                covered[j] = True
    return sum(covered) / len(words)


#: Kept with the question itself, so that its id cannot be reused while it is cached.
_NGRAMS: dict[tuple[int, int], tuple[tuple[str, ...], frozenset, frozenset]] = {}


def _ngrams(words: tuple[str, ...], n: int) -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
    """The question's runs of n words, and the words they start with; kept per question (by identity, since
    hashing the whole question for every sentence would cost more than the lookup saves)."""
    found = _NGRAMS.get((id(words), n))
    if found is None:
        grams = frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
        found = (words, grams, frozenset(g[0] for g in grams))
        if len(_NGRAMS) > 64:
            _NGRAMS.clear()
        _NGRAMS[(id(words), n)] = found
    return found[1], found[2]


def has_digits(token: Token) -> bool:
    """Whether a token holds a digit (years, amounts, footnote numbers)."""
    return bool(_YEAR_OR_DIGITS.search(token.norm))
