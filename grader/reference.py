"""Events a sentence refers to without naming them: "the treaty", "the new agreement", or a leading "It".

Students name an event once and then say "the treaty was signed in Beijing" or "It was to last fifty years".
Such a sentence states details of the event as surely as one that names it, so the fact check reads it as
the event the paragraph last named by those words; where the paragraph has named none, as the event the
rubric says the words mean (a fact's `referred_to_as`). A mention that names some other event by the same
word ("a security treaty with Japan", "a treaty signed in 1951") leaves the words' meaning unknown for the
rest of the paragraph, and an unknown reference is not checked.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .cache import by_fields
from .language import english
from .rubric import Fact, Rubric, place_group
from .terms import Occurrence
from .text import Sentence
from .years import is_year, years_in

#: How many describing words may stand between "the" and the head noun ("the new formal treaty").
MODIFIERS = 2


@dataclass(frozen=True, slots=True)
class Reference:
    """A sentence's reference to a fact, by the words that make it (the head noun or the pronoun)."""

    fact: int
    words: Occurrence
    namesakes: tuple[int, ...]  # other facts the same words may mean ("the treaty" of 1945 or of 1950)
    by_default: bool = False  # the rubric's meaning of the words, not an event the paragraph named
    action: tuple[Occurrence, ...] = ()  # what happened to the event ("was signed"), which its details follow
    states: bool = True  # it says what happened, so the details it gives are the event's


@dataclass
class Paragraph:
    """What the words of reference mean so far in a paragraph."""

    by_head: dict[str, int | None] = field(default_factory=dict)  # None: an event the rubric does not know
    last: int | None = None  # the one fact the previous sentence named or referred to


@dataclass(frozen=True)
class ReferenceTables:
    """Per rubric: the facts each group can refer to, and the fact each group means by default."""

    heads: tuple[frozenset[str], ...]  # per fact: the words of reference that may mean it
    by_head: dict[str, tuple[int, ...]]  # per word of reference: the facts it may mean
    default: dict[str, int]  # per word of reference: the fact it means where the paragraph named none
    actions: tuple[frozenset[str], ...]  # per fact: the groups that say what happened, not who, where or what

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


def reference_tables(rubric: Rubric) -> ReferenceTables:
    """The lookups `resolve` needs, built once per rubric. Only the groups some fact is `referred_to_as` are
    words of reference: "the CCP" names a party, not an event."""
    words = {g for fact in rubric.facts for g in fact.referred_to_as}
    heads, actions = [], []
    for fact in rubric.facts:
        combos = (fact.about, *fact.also_about)
        opening = {g for c in combos for g in ([c[0]] if isinstance(c[0], str) else c[0])}
        heads.append(frozenset((opening | set(fact.referred_to_as)) & words))
        every = {g for c in combos for ref in c for g in ([ref] if isinstance(ref, str) else ref)}
        place = place_group(rubric, fact.must.place) if fact.must.place else None
        actions.append(frozenset(every - opening - set(rubric.person_groups) - {place}))
    by_head: dict[str, list[int]] = {}
    for i, found in enumerate(heads):
        for g in found:
            by_head.setdefault(g, []).append(i)
    default = {g: i for i, fact in enumerate(rubric.facts) for g in fact.referred_to_as}
    return ReferenceTables(tuple(heads), {g: tuple(ids) for g, ids in by_head.items()}, default, tuple(actions))


def resolve(s: Sentence, occ: list[Occurrence], text: str, state: Paragraph, tables: ReferenceTables,
            reach: int) -> Reference | None:
    """The fact a sentence that names none refers to, by a bare "the <head>" or a leading "It", or None. Its
    details are the event's only with what happened to it ("was signed", "was to last") within `reach` words
    after it: "the treaty seemed to confirm ..." states nothing checkable about it, though a leading "It" next
    may still mean it."""
    for o in occ:
        if o.group in tables.by_head and _bare_definite(s, o, text):
            by_default = o.group not in state.by_head or _new(s, o) and o.group in tables.default
            fact = tables.default.get(o.group) if by_default else state.by_head[o.group]
            if fact is None:
                return None  # the paragraph's last event by these words is one the rubric does not know
            action = _what_happened(s, occ, o.last, min(len(s.tokens), o.last + reach), tables.actions[fact])
            others = tuple(i for i in tables.by_head[o.group] if i != fact)
            return Reference(fact, o, others, by_default, action or (), action is not None)
    if state.last is not None and s.tokens and s.tokens[0].norm in english().event_pronouns:
        fact = state.last
        action = _what_happened(s, occ, 1, min(len(s.tokens), reach + 1), tables.actions[fact])
        if action is not None:
            first = s.tokens[0]
            pronoun = Occurrence("", 0, 1, first.start, first.end, text[first.start:first.end])
            return Reference(fact, pronoun, (), action=action)
    return None


def _what_happened(s: Sentence, occ: list[Occurrence], start: int, end: int,
                   actions: frozenset[str]) -> tuple[Occurrence, ...] | None:
    """The terms of the event's own action, or verbs of lasting, among words start..end (None if there are none)."""
    lasting = english().lasting_verbs
    found = [o for o in occ if o.group in actions and start <= o.first < end]
    found += [Occurrence("", k, k + 1, t.start, t.end, t.norm) for k, t in enumerate(s.tokens)
              if start <= k < end and t.lemma in lasting]
    return tuple(found) or None


def update(state: Paragraph, s: Sentence, occ: list[Occurrence], text: str, named: list[int],
           referred: Reference | None, tables: ReferenceTables, facts: list[Fact]) -> None:
    """After a sentence: each head word it used now means the one fact it named by it; a mention of another
    event by the word ("a security treaty with Japan") makes the word's meaning unknown."""
    present = {o.group for o in occ if o.group in tables.by_head}
    years: list[int] | None = None  # the sentence's years, found when a mention needs them
    for head in present:
        owners = [i for i in named if head in tables.heads[i]]
        if len(owners) == 1:
            state.by_head[head] = owners[0]
        elif owners:
            state.by_head[head] = None
        elif referred is not None and referred.words.group == head:
            state.by_head[head] = referred.fact
        else:
            mentions = [o for o in occ if o.group == head]
            dated = {i for o in mentions for i in tables.by_head[head] if _year_before(s, o) in facts[i].must.years}
            known = {y for i in tables.by_head[head] for y in facts[i].must.years}
            if len(dated) == 1:
                state.by_head[head] = dated.pop()  # "the 1945 treaty": the one of that year
            elif any(_specified(s, o, text) for o in mentions):
                state.by_head[head] = None
            else:
                if years is None:
                    years = [year for _, year in years_in(s.tokens)]
                if any(y not in known for y in years):
                    state.by_head[head] = None
    state.last = named[0] if len(named) == 1 else (referred.fact if referred is not None and not named else None)


def _year_before(s: Sentence, o: Occurrence) -> int | None:
    """The year just before the mention ("the 1945 treaty"), or None."""
    word = s.tokens[o.first - 1].norm if o.first > 0 else ""
    return int(word) if is_year(word) else None


def _new(s: Sentence, o: Occurrence) -> bool:
    """Whether a word just before the mention makes it another event than the last ("the new treaty")."""
    return any(t.norm in english().new_words for t in s.tokens[max(0, o.first - MODIFIERS):o.first])


def _bare_definite(s: Sentence, o: Occurrence, text: str) -> bool:
    """Whether the occurrence is "the <head>" with at most a few plain words between and nothing after that
    says which event it is ("the new treaty" yes; "the Japanese treaty", "the treaty with Chiang" no)."""
    tokens = s.tokens
    k = o.first - 1
    between = 0
    while k >= 0 and between <= MODIFIERS and tokens[k].norm not in english().determiners:
        word = text[tokens[k].start:tokens[k].end]
        if not word.isalpha() or not word.islower():
            return False
        k, between = k - 1, between + 1
    if k < 0 or between > MODIFIERS or tokens[k].norm not in ("the", "this", "that"):
        return False
    return not _specified(s, o, text)


def _specified(s: Sentence, o: Occurrence, text: str) -> bool:
    """Whether words around the mention say which event it is: "with ...", "between ...", "of <Name>", or a
    name or year just before it ("the Japanese treaty", "a 1951 treaty")."""
    tokens = s.tokens
    if o.last < len(tokens) and tokens[o.last].norm in english().event_specifiers:
        return True
    if o.first > 0:
        before = text[tokens[o.first - 1].start:tokens[o.first - 1].end]
        if tokens[o.first - 1].norm not in english().determiners and (before[:1].isupper() or is_year(before)):
            return True
    return False
