"""Term groups compiled for fast lookup, and the term occurrences they find in a sentence.

A phrase matches on word boundaries by normalised form or by lemma ("loans" finds "loan"), with a
bounded trailing wildcard (`negotiat*`), digit templates (`19##`), capital-only short acronyms that
spell an English word (`US` is not "us"; `ATP` is also "atp"), the -s and -es forms of each word
("masses" finds `mass`, which the dictionary would read as 'masse'), and, in the rubric's `fuzzy`
groups only, misspelt names ("Stallin").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .cache import by_fields
from .language import english
from .rubric import MIN_WILDCARD_STEM, Rubric
from .text import Token, lemma, normalise

_WORD = re.compile(r"[0-9]*#[0-9#]*s?|[^\W_]+(?:['’][^\W_]+)*\*?")
#: Word forms remembered per compiled rubric (a bound, so a huge batch cannot grow memory without limit).
CACHE_LIMIT = 200_000
#: Shorter words get no -s and -es forms: "is", "us" and "as" are not plurals.
INFLECTED_MIN_LETTERS = 3


@dataclass(frozen=True, slots=True)
class WordPattern:
    """One word of a phrase: exact (by form or lemma), a prefix, or a digit template."""

    norm: str
    lemma: str
    prefix: bool = False
    template: bool = False
    capitals: bool = False
    inflected: frozenset[str] = frozenset()  # plural and third-person forms the dictionary may lemmatise apart

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)

    def matches(self, token: Token, norm: str | None = None) -> bool:
        """Whether a token (optionally with a corrected spelling) is this word."""
        word = norm or token.norm
        if self.capitals and not token.upper:
            return False
        if self.prefix:
            return word.startswith(self.norm)
        if self.template:
            return len(word) == len(self.norm) and all(p == "#" and c.isdigit() or p == c for p, c in zip(self.norm, word))
        return (word == self.norm or word in self.inflected
                or (norm is None and token.lemma == self.lemma and self.lemma.isalpha()))


@dataclass(frozen=True, slots=True)
class Spelling:
    """One spelling of a phrase in a group (`Mao Zedong|Mao Tse-tung` has two)."""

    group: str
    phrase: str  # the phrase as the rubric writes it (first spelling), for reports
    words: tuple[WordPattern, ...]
    checked_first: bool = True  # False when the index lookup alone proves the first word matches
    second: frozenset[str] | None = None  # forms the second word may take, when it is an exact word
    single: bool = False  # one exact word: the index lookup alone proves a match

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


@dataclass(frozen=True, slots=True)
class Candidates:
    """The spellings that may start at a word form: all of them, the exact second words any of them needs, and
    those that need none (one-word phrases, or a wildcard second word). A typed record rather than a tuple, so
    that the compiled build reads the spellings' fields directly."""

    every: tuple[Spelling, ...]
    seconds: frozenset[str]
    unpaired: tuple[Spelling, ...]

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


NO_CANDIDATES = Candidates((), frozenset(), ())


@dataclass(slots=True, init=False)
class Occurrence:
    """A term found in a sentence: token positions [first, last) and the group it belongs to.

    Read-only by convention, like `Token`: an essay finds hundreds, and frozen records are slow to build
    (the constructor is written out for the same reason as Token's).
    """

    group: str
    first: int
    last: int
    start: int  # character span in the plain text
    end: int
    phrase: str

    def __init__(self, group: str, first: int, last: int, start: int, end: int, phrase: str) -> None:
        self.group = group
        self.first = first
        self.last = last
        self.start = start
        self.end = end
        self.phrase = phrase


@dataclass
class CompiledTerms:
    """Every group's spellings indexed by first word, built once per rubric."""

    by_word: dict[str, list[Spelling]] = field(default_factory=dict)
    by_prefix: dict[str, list[Spelling]] = field(default_factory=dict)
    templates: list[Spelling] = field(default_factory=list)
    fuzzy_words: dict[str, str] = field(default_factory=dict)  # word -> its correct spelling
    fuzzy_groups: frozenset[str] = frozenset()  # only these groups' spellings may match a corrected word
    fuzzy_min_length: int = 0  # the misspelling rule's settings
    fuzzy_min_score: float = 0.0
    vocabulary: set[str] = field(default_factory=set)
    _fuzzy_cache: dict[str, str | None] = field(default_factory=dict)
    _candidate_cache: dict[str | tuple[str, str], Candidates] = field(default_factory=dict)  # see _candidates

    def find(self, tokens: tuple[Token, ...]) -> list[Occurrence]:
        """All occurrences in a sentence, longest spelling per group and position, in token order."""
        out: list[Occurrence] = []
        corrected = self._corrections(tokens)
        count = len(tokens)
        cache = self._candidate_cache
        for i, token in enumerate(tokens):
            fixed = corrected.get(i) if corrected else None
            # A token's lemma follows from its normalised form, so the form (and any correction) is the key.
            entry = cache.get(token.norm if fixed is None else (token.norm, fixed))
            if entry is None:
                entry = self._candidates(token, fixed)
            if not entry.every:
                continue
            if token.joined_before and not token.norm.isdigit():
                continue  # no match starts inside a hyphenated word
            candidates, seconds, unpaired = entry.every, entry.seconds, entry.unpaired
            if i + 1 < count:
                after = tokens[i + 1]
                if not (after.norm in seconds or after.lemma in seconds or corrected.get(i + 1) in seconds):
                    candidates = unpaired  # the next word starts none of the phrases that name their second word
            else:
                candidates = unpaired
            if not candidates:
                continue  # "the" before a word that starts none of its phrases
            best: dict[str, Occurrence] = {}
            whole = not token.joined_after or token.norm.isdigit()
            for spelling in candidates:
                if spelling.single and fixed is None:
                    if whole and spelling.group not in best:
                        best[spelling.group] = Occurrence(spelling.group, i, i + 1, token.start, token.end,
                                                          spelling.phrase)
                    continue
                words = spelling.words
                n = len(words)
                if i + n > count:
                    continue
                last = tokens[i + n - 1]
                if last.joined_after and not last.norm.isdigit():
                    continue  # a match may not take half of a hyphenated word ("Soviet" of "Sino-Soviet")
                second = spelling.second
                if second is not None and not (tokens[i + 1].norm in second or tokens[i + 1].lemma in second
                                               or (i + 1 in corrected and corrected[i + 1] in second)):
                    continue  # the cheap test first: most multi-word phrases fail at their second word
                # The index lookup already matched an exact first word; check only what it cannot vouch for.
                first = 0 if spelling.checked_first else 1
                fuzzy = bool(corrected) and spelling.group in self.fuzzy_groups
                if corrected and not fuzzy and i in corrected and not words[0].matches(token):
                    continue  # found only through a corrected spelling, in a group that takes none
                if n > first and not _words_match(words, tokens, i, first, corrected if fuzzy else None):
                    continue
                old = best.get(spelling.group)
                if old is None or old.last - old.first < n:
                    best[spelling.group] = Occurrence(spelling.group, i, i + n, token.start, tokens[i + n - 1].end,
                                                      spelling.phrase)
            out.extend(best.values())
        return _without_crossings(out)

    def _candidates(self, token: Token, corrected: str | None) -> Candidates:
        """Spellings that may start at this token, looked up once per word form."""
        key = token.norm if corrected is None else (token.norm, corrected)
        found = self._candidate_cache.get(key)
        if found is None:
            spellings: list[Spelling] = []
            forms = (token.norm, token.lemma, corrected)
            for word in dict.fromkeys(k for k in forms if k):
                spellings.extend(self.by_word.get(word, ()))
            for word in dict.fromkeys(k[:MIN_WILDCARD_STEM] for k in forms if k):
                spellings.extend(self.by_prefix.get(word, ()))
            if self.templates and any(c.isdigit() for c in token.norm):
                spellings.extend(self.templates)
            # each spelling once (it is listed under its form, its lemma and its inflections), kept by identity: its
            # value's hash would hash every word pattern of the phrase
            every = tuple({id(sp): sp for sp in spellings}.values())
            seconds = frozenset().union(*(sp.second for sp in every if sp.second is not None))
            found = Candidates(every, seconds, tuple(sp for sp in every if sp.second is None)) if every else NO_CANDIDATES
            if len(self._candidate_cache) < CACHE_LIMIT:
                self._candidate_cache[key] = found
        return found

    def _corrections(self, tokens: tuple[Token, ...]) -> dict[int, str]:
        """Misspelt words of the fuzzy groups, corrected: position -> correct spelling."""
        if not self.fuzzy_words:
            return {}
        out = {}
        cache = self._fuzzy_cache
        for i, token in enumerate(tokens):
            word = token.norm
            fixed = cache.get(word, "")
            if fixed == "":
                fixed = self._closest(word)
                if len(cache) < CACHE_LIMIT:
                    cache[word] = fixed
            if fixed:
                out[i] = fixed
        return out

    def _closest(self, word: str) -> str | None:
        """The fuzzy-group spelling a word is a misspelling of, or None (short, known or correct words)."""
        if len(word) < self.fuzzy_min_length or not word.isalpha() or word in self.vocabulary:
            return None
        from rapidfuzz import fuzz, process

        from .lemmas import is_known

        if is_known(word):
            return None  # an ordinary English word is not a misspelt name
        hit = process.extractOne(word, self.fuzzy_words.keys(), scorer=fuzz.ratio, score_cutoff=self.fuzzy_min_score)
        return self.fuzzy_words[hit[0]] if hit else None


def _without_crossings(found: list[Occurrence]) -> list[Occurrence]:
    """Drop one of two terms whose words cross ("the people" and "People's Republic" in "the People's
    Republic"): a word is read as part of one phrase, not two. The longer stays; of two as long, the later,
    since an English phrase ends on its head word."""
    long = [o for o in found if o.last - o.first > 1]
    if len(long) < 2:
        return found
    dropped = set()
    for a in long:
        for b in long:
            if a.first < b.first < a.last < b.last:  # a starts first and ends inside b
                dropped.add(id(b) if b.last - b.first < a.last - a.first else id(a))
    return [o for o in found if id(o) not in dropped] if dropped else found


def _words_match(words: tuple[WordPattern, ...], tokens: tuple[Token, ...], i: int, first: int,
                 corrected: dict[int, str] | None) -> bool:
    """Whether words[first:] match the tokens from position i + first (by a corrected spelling where allowed)."""
    for k in range(first, len(words)):
        w, token = words[k], tokens[i + k]
        if w.matches(token):
            continue
        if corrected is not None and i + k in corrected and w.matches(token, corrected[i + k]):
            continue
        return False
    return True


def compile_terms(rubric: Rubric, misspelling: Any, evidence: Any) -> CompiledTerms:
    """Index the rubric's term groups (`misspelling`, `evidence`: those rules' settings; with misspelling
    switched off, nothing is fuzzy)."""
    fuzzy = set(rubric.fuzzy) if misspelling.enabled else set()
    compiled = CompiledTerms(fuzzy_groups=frozenset(fuzzy), fuzzy_min_length=misspelling.min_length,
                             fuzzy_min_score=misspelling.min_score)
    for group, phrases in rubric.term_groups.items():
        for phrase in phrases:
            shown = phrase.split("|")[0].strip()
            for alt in phrase.split("|"):
                words = tuple(_word_pattern(w, evidence.capitals_max_letters) for w in _WORD.findall(alt))
                if not words:
                    continue
                first = words[0]
                exact = not (first.prefix or first.template or first.capitals)
                second = words[1] if len(words) > 1 else None
                second_forms = (frozenset({second.norm, second.lemma}) | second.inflected if second is not None
                                and not (second.prefix or second.template or second.capitals) else None)
                spelling = Spelling(group, shown, words, checked_first=not exact, second=second_forms,
                                    single=exact and len(words) == 1)
                if first.template:
                    compiled.templates.append(spelling)
                elif first.prefix:
                    compiled.by_prefix.setdefault(first.norm[:MIN_WILDCARD_STEM], []).append(spelling)
                else:
                    compiled.by_word.setdefault(first.norm, []).append(spelling)
                    for form in {first.lemma} | first.inflected - {first.norm}:
                        compiled.by_word.setdefault(form, []).append(spelling)
                for w in words:
                    if not w.prefix and not w.template:
                        compiled.vocabulary.add(w.norm)
                        if group in fuzzy and len(w.norm) >= compiled.fuzzy_min_length and w.norm.isalpha():
                            compiled.fuzzy_words[w.norm] = w.norm
    return compiled


def _word_pattern(word: str, capitals_max_letters: int) -> WordPattern:
    """One word of a phrase; a short one in capitals (`US`, up to `capitals_max_letters`) matches capitals only."""
    prefix = word.endswith("*")
    raw = word.rstrip("*")
    norm = normalise(raw)
    template = "#" in norm
    capitals = (raw.isupper() and 2 <= len(raw) <= capitals_max_letters and raw.isalpha()
                and _is_english_word(norm))
    if prefix or template:
        return WordPattern(norm, norm, prefix, template, capitals)
    base = lemma(norm)
    small = english().function_words
    if base != norm and norm not in small and (base in small or _compared(norm, base)):
        # A comparison the rubric writes means that degree: `heavier` is not "heavy", `coolest` not "cool". And
        # the dictionary reads `Na` (sodium) as 'na', "to": a term is never a small word.
        base = norm
    return WordPattern(norm, base, prefix, template, capitals, _inflections(norm))


def _compared(word: str, base: str) -> bool:
    """Whether a word is the comparative or superlative of its dictionary form (warmer, coolest, heavier, best)."""
    stems = {base, base[:-1]} | ({base[:-1] + "i"} if base.endswith("y") else set())
    return (word.endswith(("er", "est")) and any(word in (s + "er", s + "est", s + s[-1:] + "er", s + s[-1:] + "est")
                                                  for s in stems)) or word in ("better", "best", "worse", "worst",
                                                                                "more", "most", "less", "least")


def _is_english_word(word: str) -> bool:
    """Whether a word is in the English dictionary: `US` written small is the word 'us', `ATP` is no word."""
    from .lemmas import is_known

    return bool(is_known(word)) or word in english().function_words


def _inflections(word: str) -> frozenset[str]:
    """The -s and -es forms of a word of three letters or more (`mass` -> masses, `attach` -> attaches,
    `anticodon` -> anticodons, `carry` -> carries). The dictionary reads some of them as other words
    ('masses' as 'masse', 'attaches' as 'attaché') or does not know them, so they are listed with the word."""
    if len(word) < INFLECTED_MIN_LETTERS or not word.isalpha():
        return frozenset()
    forms = {word + "s", word + "es"}
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        forms.add(word[:-1] + "ies")
    return frozenset(forms)
