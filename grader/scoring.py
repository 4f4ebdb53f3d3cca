"""Scoring: Hits + fact checks + flags → levels, points, band, feedback, strengths and improvements.

Levels: 0 no evidence, 1 thin, 2 developed (the element's `developed` thresholds). Flags act only
through levels. `points = weight` when developed, `weight × thin_credit` when thin, each times
(1 − `complete_share`) unless every part is developed; the score is their sum.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .facts import FactCheck
from .flags import Flag
from .matching import Hit
from .language import english
from .rubric import Element, Rubric

if TYPE_CHECKING:
    from .compiled import CompiledRubric
from .terms import Occurrence
from .text import Sentences

#: Longest quotation of a student's sentence in strengths (the evidence list always quotes in full).
QUOTE_CHARS = 180
MAX_STRENGTHS = 3
MAX_IMPROVEMENTS = 4


#: The shared cue group of reasons, purposes and consequences (grader/data/english.yaml).
EXPLANATION = "explanation"


@dataclass(frozen=True, slots=True)
class Judgement:
    """One element's verdict and the sentences behind it."""

    element: Element
    level: int
    points: float
    evidence: tuple[Hit, ...]
    feedback: str
    lacking: tuple[str, ...] = ()  # what kept it from developed (see feedback.LACKING), when it is thin


def judge_elements(compiled: CompiledRubric, sentences: Sentences, occurrences: list[list[Occurrence]],
                   hits: dict[str, list[Hit]], checks: list[FactCheck], flags: list[Flag]) -> list[Judgement]:
    """The level of every element, in rubric order, after the flags have acted."""
    rubric = compiled.rubric
    thin_credit = compiled.settings["developed"].thin_credit
    wrong = compiled.settings["wrong_fact"]
    spoiling = checks if wrong.enabled and wrong.spoils_paragraph else []
    codes = {f.code for f in flags}
    details = set(rubric.details)
    found = {}
    for element in rubric.elements:
        if element.from_facts:
            found[element.id] = _judge_on_facts(element, sentences, occurrences, hits, checks, details)
        else:
            found[element.id] = _judge_on_hits(element, sentences, occurrences, hits, checks, details, spoiling,
                                               compiled.settings["developed"].list_sentence_words)
    list_sentence_words = compiled.settings["developed"].list_sentence_words
    none_developed = not any(not sentences.items[h.sentence].list_item
                         or _written_out(sentences, h.sentence, list_sentence_words)
                         for _, hits_found, _ in found.values() for h in hits_found)
    min_details = compiled.settings["developed"].min_details
    if details and min_details:  # template prose: the question's terms strung together, nothing checkable
        named = {o.phrase for s in sentences.items if s.role == "sentence" for o in occurrences[s.index]
                 if o.group in details}
        none_developed = none_developed or len(named) < min_details
    levels = {}
    lacking: dict[str, tuple[str, ...]] = {}
    for element in rubric.elements:
        level, _, why = found[element.id]
        if none_developed and level == 2:  # an answer only in a table or notes, or with nothing specific, explains none
            level, why = 1, ("notes",)
        supports = element.developed.or_with
        if level == 1 and supports and all(found[other][0] == 2 for other in supports):
            level = 2
        if "off_topic" in codes or "language" in codes:
            level = 0
        elif "too_short" in codes and level == 2:
            level, why = 1, ("too_short",)
        levels[element.id] = level
        lacking[element.id] = why if level == 1 else ()
    kept = 1 - held_back_share(compiled, levels.values())
    from .feedback import FeedbackWriter

    writer = FeedbackWriter(compiled, sentences, occurrences)
    writer.answered = {e.id: found[e.id][1] for e in rubric.elements
                       if levels[e.id] and found[e.id][1] and not e.from_facts}
    out = []
    for element in rubric.elements:
        level = levels[element.id]
        evidence = found[element.id][1]
        points = element.weight * (0, thin_credit, 1)[level] * kept
        out.append(Judgement(element, level, points, evidence, writer.write(element, level, evidence, lacking[element.id]),
                             lacking[element.id]))
    return out


def held_back_share(compiled: CompiledRubric, levels) -> float:
    """The share of every part's points an answer does not earn because some part is missing or thin."""
    share = compiled.settings["developed"].complete_share
    return 0.0 if all(level == 2 for level in levels) else share


def _judge_on_facts(element: Element, sentences: Sentences, occurrences, hits, checks, details):
    """Accurate facts (net of wrong ones) and specific details across the sentences on the question; developed
    only with at most `errors` false claims, when the rubric sets it."""
    need = element.developed
    correct: dict[str, FactCheck] = {}
    for c in checks:
        if c.status == "correct":
            correct.setdefault(c.fact, c)
    wrong = {c.fact for c in checks if c.status == "incorrect"}
    evidence = tuple(_fact_hit(element, check, sentences, occurrences) for check in correct.values())
    net = len(correct) - len(wrong - set(correct))
    found = details_in({h.sentence for hs in hits.values() for h in hs}, occurrences, details)
    false_claims = sum(c.status == "incorrect" for c in checks)
    if net > 0 and net >= need.facts and len(found) >= need.details and (
            need.errors is None or false_claims <= need.errors):
        return 2, evidence, ()
    if net >= 1 or (need.details and len(found) >= max(1, need.details // 2)):
        why = (("facts",) if net < need.facts else ()) + (("details",) if len(found) < need.details else ())
        if need.errors is not None and false_claims > need.errors:
            why += ("errors",)
        return 1, evidence, why
    return 0, evidence, ()


def _judge_on_hits(element: Element, sentences: Sentences, occurrences, hits, checks, details, spoiling,
                   list_sentence_words: int):
    """Thin with any evidence; developed with enough prose sentences (a list item of `list_sentence_words` or more
    counts as one), supporting facts and details, one in place, and no wrong fact among the `spoiling` checks in
    its paragraphs."""
    need = element.developed
    evidence = tuple(hits.get(element.id, ()))
    if not evidence:
        return 0, evidence, ()
    paragraphs = {h.paragraph for h in evidence}
    support = {c.fact for c in checks if c.status == "correct" and sentences.items[c.sentence].paragraph in paragraphs}
    found = details_in({h.sentence for h in evidence}, occurrences, details)
    prose = {h.sentence for h in evidence if not sentences.items[h.sentence].list_item  # notes explain nothing,
             or _written_out(sentences, h.sentence, list_sentence_words)}  # a bullet written out in full may
    explained = sum(any(o.group == EXPLANATION for o in occurrences[i]) for i in prose) if need.explained else 0
    spoiled = any(c.status == "incorrect" and sentences.items[c.sentence].paragraph in paragraphs for c in spoiling)
    checks_passed = {"sentences": len(prose) >= need.sentences, "facts": len(support) >= need.facts,
                     "details": len(found) >= need.details, "explained": explained >= need.explained,
                     "place": any(h.in_place for h in evidence), "spoiled": not spoiled}
    if all(checks_passed.values()):
        return 2, evidence, ()
    return 1, evidence, tuple(code for code, passed in checks_passed.items() if not passed)


def _written_out(sentences: Sentences, index: int, min_words: int) -> bool:
    """Whether a list item is a sentence written out in full: `min_words` or more, opening with a capital and
    closed by a full stop ("- Security: the new republic still faced Chiang's forces on Taiwan."), not a note
    ("- stalin feared another tito") or a table's row."""
    s = sentences.items[index]
    body = sentences.document.text[s.start:s.end].strip()
    first = next((c for c in body if c.isalpha()), "")
    return len(s.tokens) >= min_words and first.isupper() and body[-1:] in ".!?" and "|" not in body  # a table
    # row is table content, however full its cells


def stance_of(element: Element, evidence: tuple[Hit, ...], occurrences: list[list[Occurrence]],
              sentences: Sentences) -> str | None:
    """The stance the part's evidence takes: the last one stated (a conclusion comes last). Where two stances'
    terms overlap ("not a natural alliance"), the one that starts first is meant; one right after a contrast
    ("convenience rather than a natural alliance") is the one rejected; a sentence stating two takes the part's
    `mixed_stance`, when it has one."""
    if not element.stances:
        return None
    contrasts = english().stance_contrasts
    found = None
    for hit in sorted(evidence, key=lambda h: h.start):
        tokens = sentences.items[hit.sentence].tokens
        marks = sorted((o.first, -o.last, stance) for o in occurrences[hit.sentence]
                       for stance, groups in element.stances.items() if o.group in groups
                       and not (o.first > 0 and tokens[o.first - 1].norm in contrasts)
                       and not (o.first > 1 and tokens[o.first - 1].norm in english().determiners
                                and tokens[o.first - 2].norm in contrasts))
        stated: list[str] = []
        covered = -1
        for first, neg_last, stance in marks:
            if first < covered:
                continue  # inside a longer statement that started earlier
            covered = -neg_last
            if stance not in stated:
                stated.append(stance)
        if len(stated) > 1 and element.mixed_stance is not None:
            found = element.mixed_stance
        elif stated:
            found = stated[0]
    return found


def details_in(indices: set[int], occurrences: list[list[Occurrence]], groups: set[str]) -> set[str]:
    """Distinct specific details (by the rubric's phrase) in the given sentences."""
    return {o.phrase.casefold() for i in indices for o in occurrences[i] if o.group in groups}


def _fact_hit(element: Element, check: FactCheck, sentences: Sentences, occurrences) -> Hit:
    s = sentences.items[check.sentence]
    text = sentences.document.text
    spans = tuple(sorted({(o.start, o.end) for o in occurrences[s.index]}))
    terms = tuple(dict.fromkeys(text[a:b] for a, b in spans))
    return Hit(element.id, s.index, s.start, s.end, s.paragraph, terms, spans, True, f"states the fact '{check.fact}'")


def band_for(rubric: Rubric, percent: float) -> str:
    """The highest band whose minimum the percentage reaches."""
    for band in sorted(rubric.bands, key=lambda b: b.min, reverse=True):
        if percent >= band.min:
            return band.name
    return rubric.bands[-1].name


def quote(text: str) -> str:
    """A student's sentence shortened for a one-line mention."""
    text = " ".join(text.split())
    if len(text) <= QUOTE_CHARS:
        return text
    cut = text[:QUOTE_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + " …"


def strengths(judgements: list[Judgement], sentences: Sentences) -> list[str]:
    """What the student did well, each quoting their own best sentence for it."""
    out: list[str] = []
    for level in (2, 1):
        for j in judgements:
            if j.level != level or not j.evidence or len(out) >= MAX_STRENGTHS:
                continue
            best = max(j.evidence, key=lambda h: (len(h.terms), -h.start))
            said = quote(sentences.document.text[best.start : best.end])
            lead = j.feedback if level == 2 else f"You made a start on {j.element.title.lower()}."
            out.append(f"{lead} You wrote: “{said}” (paragraph {sentences.shown_paragraph(best.paragraph)})")
        if out:
            break
    return out


def improvements(judgements: list[Judgement], checks: list[FactCheck], flags: list[Flag],
                 digressions: list[int] | None = None) -> list[str]:
    """What to do next, most valuable first: flags that cost marks, digressions (1-based paragraph numbers),
    missing parts, wrong facts, thin parts."""
    out = [f.message for f in flags if f.code in ("off_topic", "too_short")]
    if digressions and not any(f.code == "off_topic" for f in flags):
        numbers = [str(n) for n in digressions]
        named = numbers[0] if len(numbers) == 1 else ", ".join(numbers[:-1]) + " and " + numbers[-1]
        out.append(f"Paragraph{'s' if len(numbers) > 1 else ''} {named} {'are' if len(numbers) > 1 else 'is'} about a "
                   "different question and earn" + ("" if len(numbers) > 1 else "s") + " nothing: keep to the "
                   "question asked.")
    by_weight = sorted(judgements, key=lambda j: -j.element.weight)
    out.extend(j.feedback for j in by_weight if j.level == 0)
    seen = set()
    for c in checks:
        if c.status == "incorrect" and c.fact not in seen:
            seen.add(c.fact)
            out.append(f"Check your facts: {c.note}")
    out.extend(j.feedback for j in by_weight if j.level == 1)
    return out[:MAX_IMPROVEMENTS]
