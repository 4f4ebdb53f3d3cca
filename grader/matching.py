"""Matching: Rubric + Sentences → Hits. A hit says which sentence is evidence for which element, and why.

A sentence is evidence when it carries the element's term groups close together and has not been
screened out (refusal, talk about the essay, the question pasted back, a list of keywords, copied
source text, a repeat). A negated historical claim ("Stalin did not trust Mao") is still evidence.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .cache import by_fields
from .discourse import is_question
from .language import english
from .rules import attribution
from .rubric import Element, Evidence
from .terms import Occurrence
from .text import Sentence, Sentences

if TYPE_CHECKING:
    from .compiled import CompiledRubric


@dataclass(slots=True, init=False)
class Hit:
    """Sentence `sentence` is evidence for `element`: the terms it carries, and whether it is where wanted.

    Read-only by convention (not `frozen`, which is slow to build, like `Token` and `Occurrence`, whose
    written-out constructor it shares the reason for).
    """

    element: str
    sentence: int
    start: int
    end: int
    paragraph: int
    terms: tuple[str, ...]
    term_spans: tuple[tuple[int, int], ...]
    in_place: bool
    reason: str

    def __init__(self, element: str, sentence: int, start: int, end: int, paragraph: int, terms: tuple[str, ...],
                 term_spans: tuple[tuple[int, int], ...], in_place: bool, reason: str) -> None:
        self.element = element
        self.sentence = sentence
        self.start = start
        self.end = end
        self.paragraph = paragraph
        self.terms = terms
        self.term_spans = term_spans
        self.in_place = in_place
        self.reason = reason


def find_hits(compiled: CompiledRubric, sentences: Sentences, occurrences: list[list[Occurrence]],
              screened: list[str | None]) -> dict[str, list[Hit]]:
    """Evidence for every sentence-judged element, in rubric order; hits sorted by position.

    The question's own words earn nothing by themselves: a sentence counts only when at least one of
    the terms it carries of the groups that say what the part is about is not made of words of the
    question ("China faced domestic challenges" restates; "Inflation ruined China's economy" answers).
    """
    text = sentences.document.text
    question_words = compiled.given_words
    candidates = compiled.settings["evidence"].candidates
    if compiled.settings.enabled("asked_question"):
        asked = _asked(sentences, occurrences, screened)
        occurrences = [asked[i] + found if i in asked else found for i, found in enumerate(occurrences)]
    eligible = [(s, {o.group for o in occurrences[s.index]}) for s in sentences.items
                if screened[s.index] is None and occurrences[s.index]]
    paragraph_groups = groups_by_paragraph(sentences, occurrences, screened)
    sides = _agents(compiled, sentences, occurrences)
    shapes = compiled.shapes
    out: dict[str, list[Hit]] = {}
    for element in compiled.rubric.elements:
        hits: list[Hit] = []
        patterns = element.patterns
        if not element.from_facts:
            needed = [shapes[id(p)].requirements for p in patterns]
            gate = _gate(needed)
            for sentence, present in eligible:
                disjoint = present.isdisjoint
                if gate is not None and disjoint(gate):
                    continue  # no pattern has its narrowest requirement here: most sentences, for most parts
                for reqs in needed:  # some pattern's every requirement is present: worth matching
                    if not any(map(disjoint, reqs)):
                        break
                else:
                    continue
                hit = match_element(compiled, element, patterns, sentence, occurrences[sentence.index], text,
                                    question_words, paragraph_groups[sentence.paragraph], candidates,
                                    sides[sentence.index] if sides else None)
                if hit:
                    hits.append(hit)
        out[element.id] = hits
    return out


def _gate(needed: list[tuple[frozenset[str], ...]]) -> frozenset[str] | None:
    """Groups of which a sentence must carry one for any of these patterns' requirements all to be met: each
    pattern's narrowest requirement, together (None when a pattern requires nothing)."""
    if not all(needed):
        return None
    return frozenset().union(*[min(reqs, key=len) for reqs in needed])


def _agents(compiled: CompiledRubric, sentences: Sentences,
            occurrences: list[list[Occurrence]]) -> list[attribution.Agents] | None:
    """Who may act in each sentence, when the rubric has actors and the attribution rule runs."""
    if not compiled.actor_of or not compiled.settings.enabled("attribution"):
        return None
    text = sentences.document.text
    frame_words = compiled.settings["attribution"].frame_words
    out: list[attribution.Agents] = []
    before: str | None = None
    paragraph = -1
    for s in sentences.items:
        if s.paragraph != paragraph:
            before, paragraph = None, s.paragraph
        found = attribution.agents(s, occurrences[s.index], text, compiled.actor_of, before, frame_words)
        out.append(found)
        before = attribution.main_side(found) or before
    return out


def match_element(compiled: CompiledRubric, element: Element, patterns: tuple[Evidence, ...], sentence: Sentence,
                  occurrences: list[Occurrence], text: str, question_words: frozenset[str], paragraph_groups: set[str],
                  candidates: int, sides: attribution.Agents | None = None) -> Hit | None:
    """The hit of one element (whose `patterns` are given as a tuple, made once per essay) on one sentence
    (`paragraph_groups`: the groups its paragraph carries; `sides`: who may act in it), or None.

    Patterns are tried in order; a match where its pattern wants it beats an earlier one out of place.
    """
    around = paragraph_groups
    fallback = None
    for pattern in patterns:
        if not in_context(pattern, around):
            continue
        shape = compiled.shapes[id(pattern)]
        chosen = _satisfy(shape, occurrences, candidates)
        if chosen is None or (pattern.not_subject and _other_subject(shape, occurrences)):
            continue
        if shape.actor is not None and sides is not None and not attribution.acts(
                shape.actor, shape.reasons, occurrences, sides):
            continue
        groups = shape.groups
        # A judgement answers in the question's words ("to a large extent natural"); a factor or a view
        # must name something beyond them.
        own = groups if element.stances else shape.content
        if question_words and all(_from_question(o, sentence, question_words) for o in occurrences if o.group in own):
            continue
        shown = sorted({(o.start, o.end) for o in occurrences if o.group in groups and o.first >= 0}
                       | {(o.start, o.end) for o in chosen if o.first >= 0})
        terms = tuple(dict.fromkeys(text[a:b] for a, b in shown))
        where = pattern.where
        in_place = where == "anywhere" or sentence.position == where or (
            where == "body" and sentence.position in ("body", "opening", "conclusion")) or (
            where == "after_opening" and sentence.position in ("body", "conclusion"))
        reason = "carries " + " + ".join(sorted({o.group for o in chosen})) + f" within {shape.within} words"
        hit = Hit(element.id, sentence.index, sentence.start, sentence.end, sentence.paragraph, terms,
                  tuple(shown), in_place, reason)
        if in_place:
            return hit
        fallback = fallback or hit
    return fallback


def groups_by_paragraph(sentences: Sentences, occurrences: list[list[Occurrence]],
                        screened: list[str | None]) -> dict[int, set[str]]:
    """The term groups each paragraph's unscreened sentences carry (what a pattern's `context` looks at)."""
    out: dict[int, set[str]] = {}
    for s in sentences.items:
        if screened[s.index] is None and occurrences[s.index]:
            out.setdefault(s.paragraph, set()).update(o.group for o in occurrences[s.index])
    return out


def in_context(pattern: Evidence, around: set[str]) -> bool:
    """Whether the paragraph's groups `around` meet the pattern's `context` (always, when it has none)."""
    return not pattern.context or any((ref in around) if isinstance(ref, str) else around.intersection(ref)
                                      for ref in pattern.context)


#: The shared cue group of negations (grader/data/english.yaml): the one `none` group read clause by clause.
NEGATION = "negation"


def makes_claim(compiled: CompiledRubric, pattern: Evidence, sentence: Sentence, occurrences: list[Occurrence],
                text: str, present: set[str]) -> bool:
    """Whether a sentence makes the claim a pattern describes (a misconception): its groups close together, in
    the order and with the actor it asks for. A `none` group vetoes it anywhere in the sentence, except a
    negation, which denies only what stands near it (`claim_margin` words either side): "Acheson pledged to
    defend Taiwan, which convinced Mao that Washington would never accept unification" makes the claim.
    `present`: the groups the sentence carries, worked out once for all the rubric's claims."""
    shape = compiled.shapes[id(pattern)]
    if any(present.isdisjoint(req) for req in shape.requirements):
        return False  # the cheap test first: most sentences lack one of the claim's groups
    combo = _satisfy(shape, occurrences, compiled.settings["evidence"].candidates, veto=False)
    if combo is None:
        return False
    margin = compiled.settings["fact_check"].claim_margin
    last = max(o.last for o in combo)
    start, end = min(o.first for o in combo) - margin, last + margin
    if any(o.group in shape.none and o.first >= 0 and (o.group != NEGATION or (
            o.last > start and o.first < end and not _in_relative_clause(sentence, last, o.first)))
           for o in occurrences):
        return False
    if pattern.not_subject and _other_subject(shape, occurrences):
        return False
    if shape.actor is not None and compiled.settings.enabled("attribution"):
        frame_words = compiled.settings["attribution"].frame_words
        found = attribution.agents(sentence, occurrences, text, compiled.actor_of, None, frame_words)
        return attribution.acts(shape.actor, shape.reasons, occurrences, found)
    return True


def _in_relative_clause(sentence: Sentence, claim_end: int, position: int) -> bool:
    """Whether a word after the claim stands in a relative clause that opens after it ("negotiating with
    Khrushchev, who did not want ..."): its negation denies the clause, not the claim."""
    relative = english().relative_pronouns
    return position >= claim_end and any(t.norm in relative for t in sentence.tokens[claim_end:position])


def _other_subject(shape: Shape, occurrences: list[Occurrence]) -> bool:
    """Whether a `not_subject` group is named before any term of the pattern's first `all` group."""
    subject, barred = shape.subject, shape.barred
    for o in sorted(occurrences, key=lambda o: (o.first, o.group in barred)):
        if o.group in barred:
            return True
        if o.group in subject:
            return False
    return False


def _asked(sentences: Sentences, occurrences: list[list[Occurrence]], screened: list[str | None]) -> dict[int, list[Occurrence]]:
    """Terms of a question the essay asks itself, carried into the sentences of its paragraph that answer it.

    "Why, then, did Mao enter it? Because the revolution could not survive alone ..." answers for Mao,
    though the answer never names him. The question's terms stand, in their order, in the words just before
    each answering sentence (negative positions, one per term), so however long the question, they are
    as close as a subject would be; nothing outside the answer is quoted. A paragraph that only asks ("Q: Why
    did Mao sign?", or a question standing alone) is answered by the paragraph after it.
    """
    out: dict[int, list[Occurrence]] = {}
    text = sentences.document.text
    question: list[Occurrence] = []
    paragraph = -1
    only_asks = False  # every sentence of the paragraph so far is a question
    for s in sentences.items:
        if s.paragraph != paragraph:
            if not (only_asks and s.paragraph == paragraph + 1):
                question = []
            paragraph, only_asks = s.paragraph, True
        if screened[s.index] in ("question", "prompt_echo") and s.role == "sentence" and is_question(text[s.start : s.end]):
            spans = sorted({(o.first, o.last) for o in occurrences[s.index]})
            slot = {span: k - len(spans) for k, span in enumerate(spans)}
            question = [Occurrence(o.group, slot[o.first, o.last], slot[o.first, o.last] + 1, o.start, o.end, o.phrase)
                        for o in occurrences[s.index]]
        else:
            only_asks = False
            if question and screened[s.index] is None:
                out[s.index] = question
    return out


def _from_question(occurrence: Occurrence, sentence: Sentence, question_words: frozenset[str]) -> bool:
    """Whether every word of a term occurrence is a word of the question (a carried term always is)."""
    if occurrence.first < 0:
        return True
    return all(t.norm in question_words or t.lemma in question_words
               for t in sentence.tokens[occurrence.first : occurrence.last])


@dataclass(frozen=True, slots=True)
class Shape:
    """A pattern's group sets and window, worked out once per rubric: each requirement, the barred groups ..."""

    requirements: tuple[frozenset[str], ...]
    groups: frozenset[str]
    none: frozenset[str]
    subject: frozenset[str]
    barred: frozenset[str]
    within: int
    subject_first: bool
    from_facts: bool
    actor: str | None = None
    reasons: frozenset[str] = frozenset()  # the groups that give the actor's reason (see rules.attribution)
    content: frozenset[str] = frozenset()  # the groups that say what the part is about (see find_hits)

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)


def shape(pattern: Evidence, within: int, actor_of: dict[str, str]) -> Shape:
    """The shape of a pattern; `within` is the evidence rule's window, for a pattern that gives none;
    `actor_of` maps each group that names a side to the side."""
    reqs = [frozenset([ref] if isinstance(ref, str) else ref) for ref in pattern.all]
    if pattern.any:
        reqs.append(frozenset(pattern.any))
    first = pattern.all[0] if pattern.all else ()
    groups = frozenset().union(*reqs)
    reasons = frozenset(pattern.any) if pattern.any else frozenset(g for g in groups if g not in actor_of)
    # A group required on its own says what the part is about; a list of alternatives names who or what it
    # concerns ("domestic" beside [ccp, china, ussr, alliance]).
    content = frozenset(ref for ref in pattern.all if isinstance(ref, str)) | frozenset(pattern.any or ())
    return Shape(tuple(reqs), groups, frozenset(pattern.none),
                 frozenset([first] if isinstance(first, str) else first), frozenset(pattern.not_subject),
                 pattern.within if pattern.within is not None else within, pattern.subject_first and bool(pattern.all),
                 pattern.from_ is not None, pattern.actor, reasons, content or groups)


def _satisfy(shape: Shape, occurrences: list[Occurrence], candidates: int,
             veto: bool = True) -> tuple[Occurrence, ...] | None:
    """One occurrence per requirement, not overlapping, all within the pattern's window; or None. At most
    `candidates` occurrences of one requirement are tried; `veto`: whether a `none` group rules it out."""
    if shape.from_facts:
        return None
    if veto and shape.none and not shape.none.isdisjoint([o.group for o in occurrences if o.first >= 0]):
        return None  # (a question's words carried into its answer veto nothing)
    found_all = []
    for req in shape.requirements:
        found = [o for o in occurrences if o.group in req]
        if not found:
            return None
        found_all.append(found[:candidates])
    within = shape.within
    subject_first = shape.subject_first
    for combo in itertools.product(*found_all):
        spans = sorted([(o.first, o.last) for o in combo])
        end = spans[0][1]
        for a, b in spans[1:]:
            if a < end:  # two requirements met by overlapping words
                break
            end = b
        else:
            if end - spans[0][0] > within:
                continue
            if subject_first and spans[0][0] < combo[0].first:
                continue
            return combo
    return None
