"""Text: a `Document` becomes `Sentences` — sentence and token spans, normalised tokens and lemmas.

Each sentence also knows its paragraph, its role (an ordinary sentence, a heading, the name/date line,
the question copied at the top, a footnote) and its position in the argument (opening, body,
conclusion). Every span is `(start, end)` into `Document.text`; nothing here rewrites the text.
"""
from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Iterator, Literal

from .cache import by_fields
from .documents import Document
from .language import english
from .normalise import INVISIBLE, plain_word

if TYPE_CHECKING:
    from .rules import RuleSettings

Role = Literal["sentence", "heading", "header", "question", "note"]
Position = Literal["opening", "body", "conclusion", ""]

#: A word: letters and digits, joined by an apostrophe, by characters with no width, or by a hyphen that
#: breaks the word at the end of a line ("commu-" / "nists"); see `normalise.plain_word`. A list number
#: typed onto the end of a word ("goes to the ribosome2. Then") is a word of its own.
_PLAIN_WORD_SOURCE = rf"[^\W_]+(?:(?:['’]|[{INVISIBLE}]+|-[ \t]*\r?\n[ \t]*(?=[a-z]))[^\W_]+)*"
_WORD = re.compile(rf"[^\W\d_]{{3,}}(?=[0-9]{{1,2}}[.)])|{_PLAIN_WORD_SOURCE}")
#: _WORD without the list-number alternative, for text where that alternative cannot match (no letter stands
#: before one or two digits and "." or ")"): it reads each word's letters again for every length, half the scan.
_PLAIN_WORD = re.compile(_PLAIN_WORD_SOURCE)
#: The two for text of ASCII characters only, where a word character other than "_" is an ASCII letter or digit
#: and no curly apostrophe or invisible character can stand: a bitmap test per character instead of a Unicode
#: category lookup, a third quicker.
_ASCII_PLAIN_WORD_SOURCE = r"[A-Za-z0-9]+(?:(?:'|-[ \t]*\r?\n[ \t]*(?=[a-z]))[A-Za-z0-9]+)*"
_ASCII_WORD = re.compile(rf"[A-Za-z]{{3,}}(?=[0-9]{{1,2}}[.)])|{_ASCII_PLAIN_WORD_SOURCE}")
_ASCII_PLAIN_WORD = re.compile(_ASCII_PLAIN_WORD_SOURCE)
_NUMBER_BEFORE_STOP = re.compile(r"[0-9][.)]")
#: A sentence ends at a full stop (or ! ? …) before white space, or at one typed without its space between
#: a word and a capitalised one ("across the membrane.Osmosis is").
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’»)\]]*(?:\[\w{1,6}\])*(?=\s|$)|(?<=[a-z]{2})[.!?](?=[A-Z][a-z])"
                           r"|(?<=[a-z]{2})(?:[0-9]{1,2})?[.!?](?=[0-9]{1,2}[.)]\s*[A-Za-z])|(?<=[a-z]{3}[0-9])[.)](?=\s*[A-Z])"
                           r"|(?<=[a-z]{3}[0-9]{2})[.)](?=\s*[A-Z])")
#: The usual sentence end alone (the first alternative of _SENTENCE_END), opening with a character class so that
#: the regular expression engine skips to the next stop instead of trying the other alternatives at every character.
_PLAIN_END = re.compile(r"[.!?…][.!?…]*[\"'”’»)\]]*(?:\[\w{1,6}\])*(?=\s|$)")
#: What each of the other alternatives needs: a stop typed against a capital or a digit, or a list number typed
#: onto a word (a lower-case letter, one or two digits, "." or ")"; see `_number_on_word`). A line without any
#: ends its sentences only as _PLAIN_END finds.
_STOP_RUN_ON = re.compile(r"[.!?](?:[A-Z][a-z]|[0-9])")
#: Characters before a stop that _SENTENCE_END's look-behinds may read beyond the letter _RUN_ON_END needs.
_RUN_ON_LOOKBACK = 3
#: A lower-case part label after a full stop starts a new sentence: "... than the others. b) Two ways ...".
_PART_LABEL = re.compile(r"[a-z]\)\s")
_NEXT_VISIBLE = re.compile(r"\s*(\S)")
#: Characters looked back from a full stop for the word it ends (longer words are no abbreviation).
ABBREVIATION_LOOKBACK = 16
#: A line that is a list item: a bullet, a number or letter, or a table row ("| CCP view | ... |").
_LIST_MARKER = re.compile(r"^\s*(?:[-*•–—·▪►]|\d{1,2}[.)]|[a-z][.)]|\|)\s*(?<=\s|\|)")
_YEAR_OR_DIGITS = re.compile(r"\d")
#: What a word with a digit needs somewhere in its text: an ASCII digit, or a character outside ASCII (a digit of
#: another script, a superscript) other than the quotes, dashes and spaces that never stand inside a word or
#: normalise to an ASCII apostrophe. One negated class (ASCII other than the digits excluded) rather than "[0-9]|[^...]":
#: the engine then scans with a single set test per character, three times as fast on a sentence without digits.
_DIGIT_OR_FOREIGN = re.compile("[^\x00-\x2f\x3a-\x7f\u2018\u2019\u201c\u201d\u2013\u2014\u2026\xa0]")
_HYPHENS = "-‐‑"
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})

#: Word forms remembered by the normalising and lemma caches.
WORD_CACHE = 65536
#: A line at least this long that stops mid-sentence is hard-wrapped: the next line continues it.
WRAPPED_LINE_CHARS = 50


@dataclass(slots=True, init=False)
class Token:
    """A word: `text[start:end]`, its normalised form, its lemma, and whether it was written in capitals.

    Read-only by convention rather than `frozen`: an essay builds thousands, and a frozen dataclass
    takes three times as long to build. The constructor is written out because the compiled build
    compiles it, where the one the dataclass decorator generates stays interpreted (eight times slower).
    """

    start: int
    end: int
    norm: str
    lemma: str
    upper: bool
    joined_before: bool  # "Soviet" in "Sino-Soviet": hyphen-joined to the word before
    joined_after: bool  # "Mao" in "Mao-led"

    def __init__(self, start: int, end: int, norm: str, lemma: str, upper: bool, joined_before: bool = False,
                 joined_after: bool = False) -> None:
        self.start = start
        self.end = end
        self.norm = norm
        self.lemma = lemma
        self.upper = upper
        self.joined_before = joined_before
        self.joined_after = joined_after

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


@dataclass(slots=True, init=False)
class Sentence:
    """A sentence (or a heading, list line or note) with its tokens and where it sits in the essay.

    Read-only by convention, with its constructor written out, for the reasons given for `Token`.
    """

    index: int
    start: int
    end: int
    paragraph: int  # 0-based index into Document.paragraphs
    tokens: tuple[Token, ...]
    role: Role
    position: Position
    list_item: bool
    digits: bool | None  # whether a word may hold a digit (`may_hold_digits`), found when split; None: not known

    def __init__(self, index: int, start: int, end: int, paragraph: int, tokens: tuple[Token, ...],
                 role: Role = "sentence", position: Position = "", list_item: bool = False,
                 digits: bool | None = None) -> None:
        self.index = index
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.tokens = tokens
        self.role = role
        self.position = position
        self.list_item = list_item
        self.digits = digits


@dataclass(frozen=True, slots=True)
class Sentences:
    """The essay as sentences, with the body's word count (no notes, no name line, no copied question)."""

    document: Document
    items: tuple[Sentence, ...]
    word_count: int

    def text_of(self, sentence: Sentence) -> str:
        """The exact characters of a sentence."""
        return self.document.text[sentence.start : sentence.end]

    @property
    def front_matter_paragraphs(self) -> int:
        """How many paragraphs at the top are not the essay (a name line, a title, the question copied)."""
        front = -1
        for s in self.items:
            if s.role not in ("header", "question"):
                break
            front = s.paragraph
        return front + 1

    def shown_paragraph(self, paragraph: int) -> int:
        """A paragraph's number as a reader counts the answer's paragraphs: the first after the front matter
        is 1 (`paragraph` is 0-based in the document)."""
        return paragraph + 1 - self.front_matter_paragraphs


@functools.lru_cache(maxsize=WORD_CACHE)
def normalise(word: str) -> str:
    """Case-fold, strip accents (Lüshun = Lushun), straighten quotes, drop a possessive 's; the word a reader
    sees (`normalise.plain_word`: no invisible characters, look-alike letters folded)."""
    word = plain_word(word.translate(_APOSTROPHES)).casefold()
    if word.endswith("'s") and len(word) > 2:
        word = word[:-2]
    return word


@functools.lru_cache(maxsize=WORD_CACHE)
def lemma(norm: str) -> str:
    """The dictionary form of a normalised word (simplemma's English data; no download)."""
    if not norm.isalpha():
        return norm
    from .lemmas import lemmatize

    return lemmatize(norm).casefold()


def tokenize(text: str, offset: int = 0) -> tuple[Token, ...]:
    """Words of `text` with spans shifted by `offset`; hyphens and punctuation separate words."""
    found = word_pattern(text, 0, len(text)).findall(text)
    # Each word starts where its text is next found: a word starts at the first word character after the one
    # before it, and the text it is found as starts with one.
    at = 0
    if not any(h in text for h in _HYPHENS):
        tokens = []
        for word in found:
            a = text.find(word, at)
            at = a + len(word)
            norm, lem, upper = _word_forms(word)
            if norm:
                tokens.append(Token(a + offset, at + offset, norm, lem, upper))
        return tuple(tokens)
    words = []
    joined: list[list[bool]] = []  # each word's [joined before, joined after]
    size = len(text)
    for word in found:
        a = text.find(word, at)
        b = at = a + len(word)
        norm, lem, upper = _word_forms(word)
        if not norm:
            continue
        words.append((a + offset, b + offset, norm, lem, upper))
        joined.append([a >= 2 and text[a - 1] in _HYPHENS and text[a - 2].isalnum(),
                       b + 1 < size and text[b] in _HYPHENS and text[b + 1].isalnum()])
    # A hyphen beside a small word is a dash, not a compound: "Osmosis-the movement of water" defines osmosis.
    small = english().function_words
    for k in range(len(words) - 1):
        if joined[k][1] and joined[k + 1][0] and (words[k][2] in small or words[k + 1][2] in small):
            joined[k][1] = joined[k + 1][0] = False
    return tuple(Token(*w, *j) for w, j in zip(words, joined))


def words(text: str, start: int = 0, end: int | None = None) -> list[str]:
    """The normalised forms of the words of `text[start:end]`, in order: what `tokenize` gives as `norm`, without
    building tokens (how a batch compares essays for shared passages)."""
    end = len(text) if end is None else end
    found = word_pattern(text, start, end).findall(text, start, end)
    return [norm for word in found if (norm := _word_forms(word)[0])]


def tokens_are_words(text: str, start: int, end: int) -> bool:
    """Whether the tokens of the sentences `analyse` finds in text[start:end] (a paragraph) are, in order, exactly
    its `words`: so when it is one line that opens with no list marker. (A list marker is cut from its sentence,
    and a word broken by a hyphen at a line's end is joined as words, split as sentences where the lines are not
    one run.) Every other character stands in some sentence, and sentences end only at punctuation or space."""
    line = text[start:end]
    return "\n" not in line and _LIST_MARKER.match(line) is None


def word_pattern(text: str, start: int, end: int) -> re.Pattern[str]:
    """The pattern that finds _WORD's words in text[start:end]: the quicker one when it finds the same (a year
    before a full stop is no list number; only a letter before the digits can make one; ASCII text has ASCII
    words)."""
    numbered = _number_on_word(text, start, end, _is_letter)
    if text.isascii():
        return _ASCII_WORD if numbered else _ASCII_PLAIN_WORD
    return _WORD if numbered else _PLAIN_WORD


def _number_on_word(text: str, start: int, end: int, letter: Callable[[str], bool]) -> bool:
    """Whether text[start:end] holds a `letter`, one or two ASCII digits and "." or ")": a list number typed onto
    a word ("ribosome2."). Found from the digits, which the regular expression engine skips to quickly."""
    for m in _NUMBER_BEFORE_STOP.finditer(text, start, end):
        k = m.start()
        if k > start and "0" <= text[k - 1] <= "9":
            k -= 1  # two digits: "ribosome12."
        if k > start and letter(text[k - 1]):
            return True
    return False


def _is_letter(char: str) -> bool:
    """What the pattern class [^\\W\\d_] matches: a word character that is neither a digit nor "_"."""
    return char.isalnum() and not char.isdecimal()


def _is_lower_ascii(char: str) -> bool:
    """What the pattern class [a-z] matches."""
    return "a" <= char <= "z"


#: Each written word's forms (`_word_forms`), up to WORD_CACHE of them: a dictionary read directly costs a fraction
#: of a call through functools.lru_cache, and the forms of a word never change, so none is ever dropped.
_FORMS: dict[str, tuple[str, str, bool]] = {}


def _word_forms(raw: str) -> tuple[str, str, bool]:
    """A written word's normalised form, lemma and whether it is in capitals, worked out once per form."""
    found = _FORMS.get(raw)
    if found is None:
        norm = normalise(raw)
        found = (norm, lemma(norm) if norm else "", len(raw) > 1 and raw.isupper())
        if len(_FORMS) < WORD_CACHE:
            _FORMS[raw] = found
    return found


def count_words(text: str) -> int:
    """Words as a word processor counts them: white-space separated pieces holding a letter or digit (what the
    pattern class [^\\W_] matches is what str.isalnum accepts, and str.split splits at the same white space)."""
    return sum(1 for piece in text.split() if piece.isalnum() or any(char.isalnum() for char in piece))


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
            if (len(prev) >= WRAPPED_LINE_CHARS and prev[-1:] not in ".!?:…\"”" or prev.endswith((",", ";")) and line[:1].islower()
                    or prev[-2:-1].isalpha() and prev.endswith("-") and line.lstrip()[:1].islower()):
                merged[-1][1] = b  # a word broken at the line's end by a hyphen continues on the next
                continue
        if marker:
            a += marker.end()
        merged.append([a, b, bool(marker)])
    return [(a, b, m) for a, b, m in merged]


def sentence_ends(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The matches of _SENTENCE_END in text[start:end], found with the quicker pattern when it finds the same."""
    first = max(0, start - _RUN_ON_LOOKBACK)
    run_on = _STOP_RUN_ON.search(text, first, end) or _number_on_word(text, first, end, _is_lower_ascii)
    return (_SENTENCE_END if run_on else _PLAIN_END).finditer(text, start, end)


def _sentences_in_line(text: str, start: int, end: int):
    abbreviations = english().abbreviations
    cut = start
    for m in sentence_ends(text, start, end):
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
            if (nxt.islower() and not _PART_LABEL.match(text, following.end(1) - 1 if following else stop, end)
                    or nxt in (",", ";", ":")):
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


def _is_label(tokens: tuple[Token, ...]) -> bool:
    """A name standing alone ("Active transport.", "Valves."): no verb or pronoun among its small words, so "Rose
    is kind." is a sentence of its own."""
    words = english()
    return not any(t.norm in words.function_words and t.norm not in words.determiners for t in tokens)


def analyse(document: Document, question: Question | None = None, settings: RuleSettings | None = None) -> Sentences:
    """Split the document into sentences and tag each with its role and position in the essay (the
    front_matter, heading and evidence rules' settings say how; the rules' defaults when none are given)."""
    from collections import Counter

    from .rules import defaults

    settings = settings or defaults()
    text = document.text
    drafts: list[tuple[int, int, int, bool, tuple[Token, ...]]] = []
    label_words = settings["evidence"].label_words
    for p_index, paragraph in enumerate(document.paragraphs):
        for a, b, list_item in split_sentences(text, paragraph.start, paragraph.end):
            tokens = tokenize(text[a:b], a)
            if drafts and tokens:
                start, _, last_paragraph, was_item, label = drafts[-1]
                if 0 < len(label) <= label_words and last_paragraph == p_index and _is_label(label):
                    # a label before its description ("Active transport. The movement of particles ...") is one
                    # sentence with it, so the name and what it means stand together
                    drafts[-1] = (start, b, p_index, was_item, label + tokens)
                    continue
            drafts.append((a, b, p_index, list_item, tokens))

    front = settings["front_matter"]
    paragraph_roles = _paragraph_roles(document, drafts, question, front) if front.enabled else _plain_roles(document)
    heading = settings["heading"]
    per_paragraph = Counter(p for _, _, p, _, _ in drafts)
    # items of a list written one paragraph each (as Word keeps a bulleted list) are no headings; a numbered line
    # standing alone between paragraphs of prose ("2. The army and its generals") is
    one_item = {p for _, _, p, list_item, _ in drafts if list_item and per_paragraph[p] == 1}
    listed = {p for p in one_item if p - 1 in one_item or p + 1 in one_item}
    roles: list[Role] = []
    for a, b, p, _, tokens in drafts:
        role = paragraph_roles[p]
        if (heading.enabled and role == "sentence" and per_paragraph[p] == 1 and p not in listed
                and _looks_like_heading(text[a:b], tokens, heading.max_words)):
            role = "heading"
        roles.append(role)
    positions = _positions(drafts, roles, paragraph_roles, settings["evidence"].edge_share)
    digits = _DIGIT_OR_FOREIGN.search
    items = tuple(Sentence(i, a, b, p, tokens, roles[i], positions[i], list_item, digits(text, a, b) is not None)
                  for i, (a, b, p, list_item, tokens) in enumerate(drafts))
    words = sum(count_words(text[document.paragraphs[p].start : document.paragraphs[p].end])
                for p, r in enumerate(paragraph_roles) if r in ("sentence", "heading"))
    return Sentences(document, items, words)


def _positions(drafts, roles: list[Role], paragraph_roles: list[Role], edge_share: float) -> list[Position]:
    """Opening = the first content paragraph of prose, conclusion = the last (the first and last `edge_share`
    of the sentences when the essay is one paragraph)."""
    content_paragraphs = [i for i, r in enumerate(paragraph_roles) if r == "sentence"]
    content = [i for i, r in enumerate(roles) if r == "sentence"]
    positions: list[Position] = [""] * len(drafts)
    if not content:
        return positions
    # a table or list after the last paragraph of prose is an appendix, not the essay's conclusion
    in_prose = {p for _, _, p, list_item, _ in drafts if not list_item}
    prose = [p for p in content_paragraphs if p in in_prose] or content_paragraphs
    opening_p, closing_p = prose[0], prose[-1]
    if opening_p == closing_p:
        n = len(content)
        fifth = max(1, round(n * edge_share))
        for order, i in enumerate(content):
            positions[i] = "opening" if order < fifth else "conclusion" if order >= n - fifth and n > 1 else "body"
        return positions
    for i in content:
        p = drafts[i][2]
        positions[i] = "opening" if p == opening_p else "conclusion" if p == closing_p else "body"
    return positions


def _looks_like_heading(line: str, tokens: tuple[Token, ...], max_words: int) -> bool:
    stripped = line.rstrip()
    return 0 < len(tokens) <= max_words and stripped[-1:] not in ".!?…\"”'’;,"


def _plain_roles(document: Document) -> list[Role]:
    """Notes are notes; every other paragraph is the essay's own."""
    return ["note" if p.kind == "note" else "sentence" for p in document.paragraphs]


def _paragraph_roles(document: Document, drafts, question: Question | None, cfg: Any) -> list[Role]:
    """Notes; then the name/date line, title and copied question among the first paragraphs (`cfg`: the
    front_matter rule's settings)."""
    roles = _plain_roles(document)
    by_paragraph: dict[int, list[tuple[Token, ...]]] = {}
    lines: dict[int, list[tuple[str, bool]]] = {}  # each sentence's text and whether it is a list item
    for a, b, p, list_item, tokens in drafts:
        by_paragraph.setdefault(p, []).append(tokens)
        lines.setdefault(p, []).append((document.text[a:b], list_item))
    seen_question = False
    for p in range(min(cfg.paragraphs, len(roles))):
        if roles[p] != "sentence":
            break
        sentences = by_paragraph.get(p, [])
        tokens = [t for s in sentences for t in s]
        para_text = document.paragraph_text(p)
        if (question is not None and question.words and tokens
                and all(question.overlap(s, cfg.run_words) >= cfg.question_share for s in sentences if s)):
            roles[p] = "question"
            seen_question = True
            continue
        if not seen_question and para_text.rstrip()[-1:] not in ".!" and (
                len(tokens) <= cfg.max_words or _header_lines(lines[p], sentences, cfg)):
            roles[p] = "header"
            continue
        break
    if roles and all(r != "sentence" for r in roles if r != "note"):
        # Nothing but front matter: grade it all rather than nothing (an essay that is one short line).
        roles = _plain_roles(document)
    return roles


def _header_lines(lines: list[tuple[str, bool]], sentences: list[tuple[Token, ...]], cfg: Any) -> bool:
    """Whether a paragraph is a few short lines without end punctuation ("Thaddeus Brennan / Modern World History,
    Period 4 / Essay 3: The Sino-Soviet Alliance"): a name, a class and a title, each short, though together
    longer than one title may be. A list of points is not."""
    return 1 < len(lines) <= cfg.paragraphs and all(
        not item and len(tokens) <= cfg.max_words and line.rstrip()[-1:] not in ".!?"
        for (line, item), tokens in zip(lines, sentences))


class Question:
    """The question as set, tokenised once: its tokens, normalised words, vocabulary (words and lemmas), the
    content words that open its sentences ("explain", "please"), and its runs of words."""

    def __init__(self, prompt: str):
        self.prompt = prompt
        self.tokens = tokenize(prompt)
        self.words = tuple(t.norm for t in self.tokens)
        self.vocabulary = frozenset(self.words) | frozenset(t.lemma for t in self.tokens)
        self.joined = " " + " ".join(self.words) + " "  # padded, so a run matches whole words only
        fw = english().function_words
        openers = set()
        for a, b, _ in split_sentences(prompt, 0, len(prompt)):
            words = tokenize(prompt[a:b])
            if words and words[0].norm not in fw:
                openers.add(words[0].norm)
        self.openers = frozenset(openers)
        self._runs: dict[int, tuple[frozenset[tuple[str, ...]], frozenset[str]]] = {}

    def __reduce__(self) -> tuple[Any, ...]:
        return Question, (self.prompt,)  # worked out again when read back (a compiled class has no state setter)

    def runs(self, n: int) -> tuple[frozenset[tuple[str, ...]], frozenset[str]]:
        """The question's runs of `n` words, and the words they start with."""
        found = self._runs.get(n)
        if found is None:
            words = self.words
            grams = frozenset(tuple(words[i : i + n]) for i in range(len(words) - n + 1))
            found = self._runs[n] = (grams, frozenset(g[0] for g in grams))
        return found

    def overlap(self, tokens: tuple[Token, ...], n: int) -> float:
        """Share of a sentence's words covered by runs of `n`+ words that also stand in the question."""
        if not tokens or not self.words:
            return 0.0
        words = [t.norm for t in tokens]
        if len(words) < n:
            return 1.0 if f" {' '.join(words)} " in self.joined and len(words) >= 2 else 0.0
        grams, starts = self.runs(n)
        # where a run can start, found by a C-level scan: in most sentences nowhere
        possible = list(itertools.compress(range(len(words) - n + 1), map(starts.__contains__, words)))
        if not possible:
            return 0.0
        covered = [False] * len(words)
        for i in possible:
            if tuple(words[i : i + n]) in grams:
                for j in range(i, i + n):
                    covered[j] = True
        return sum(covered) / len(words)


def may_hold_digits(text: str, sentence: Sentence) -> bool:
    """False when no word of the sentence can hold a digit or be written outside ASCII: most sentences, whose words
    then need not be looked at one by one for years and numbers. Searched for once, when the essay is split
    (`Sentence.digits`), though several checks ask; a sentence made elsewhere is searched when asked."""
    known = sentence.digits
    return _DIGIT_OR_FOREIGN.search(text, sentence.start, sentence.end) is not None if known is None else known


def has_digits(token: Token) -> bool:
    """Whether a token holds a digit (years, amounts, footnote numbers)."""
    return bool(_YEAR_OR_DIGITS.search(token.norm))
