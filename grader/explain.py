"""Why each sentence earned what it did (`grader grade --explain`): evidence for which parts and why, the
rule that screened it, or, for a sentence that earned nothing, the nearest part and what it lacked.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from .matching import groups_by_paragraph, in_context
from .rules import BY_ID

if TYPE_CHECKING:
    from .compiled import CompiledRubric
    from .grading import Analysis
    from .rubric import Element
    from .terms import Occurrence
    from .text import Sentence


def explain(compiled: CompiledRubric, analysis: Analysis) -> list[dict]:
    """One entry per sentence, in text order: text, start, end, paragraph, status, rule, reason, elements, terms."""
    sentences = analysis.sentences
    text = sentences.document.text
    by_sentence: dict[int, list[tuple[str, str, tuple[str, ...]]]] = {}
    for judgement in analysis.judgements:
        for hit in judgement.evidence:
            by_sentence.setdefault(hit.sentence, []).append((judgement.element.id, hit.reason, hit.terms))
    paragraph_groups = groups_by_paragraph(sentences, analysis.occurrences, analysis.screened)
    out = []
    for s in sentences.items:
        entry = {"text": text[s.start : s.end], "start": s.start, "end": s.end, "paragraph": s.paragraph + 1}
        screened = analysis.screened[s.index]
        hits = by_sentence.get(s.index)
        occurrences = analysis.occurrences[s.index]
        if screened is not None:
            entry.update(status="screened", rule=screened, reason=BY_ID[screened].description, elements=[],
                         terms=_terms(occurrences, text))
        elif hits:
            entry.update(status="evidence", rule="evidence",
                         reason="; ".join(f"{element}: {reason}" for element, reason, _ in hits),
                         elements=[element for element, _, _ in hits],
                         terms=list(dict.fromkeys(t for _, _, terms in hits for t in terms)))
        else:
            element, lack = nearest_part(compiled, s, occurrences, paragraph_groups.get(s.paragraph, set()))
            entry.update(status="unused", rule="evidence", reason=lack, elements=[element] if element else [],
                         terms=_terms(occurrences, text))
        out.append(entry)
    return out


def _terms(occurrences: list[Occurrence], text: str) -> list[str]:
    return list(dict.fromkeys(text[o.start : o.end] for o in sorted(occurrences, key=lambda o: o.start) if o.first >= 0))


def nearest_part(compiled: CompiledRubric, sentence: Sentence, occurrences: list[Occurrence],
                 around: set[str]) -> tuple[str | None, str]:
    """The part whose evidence pattern the sentence comes closest to, and what it lacked."""
    best_share, best_id, best_lack = 0.0, None, ""
    for element in compiled.rubric.elements:
        if element.from_facts:
            continue
        for share, lack in _pattern_gaps(compiled, element, sentence, occurrences, around):
            if share > best_share:  # the first part in rubric order wins a tie
                best_share, best_id, best_lack = share, element.id, lack
    if best_id is None:
        return None, "carries no term of any part of the question"
    return best_id, f"nearest part {best_id}: {best_lack}"


def _pattern_gaps(compiled: CompiledRubric, element: Element, sentence: Sentence, occurrences: list[Occurrence],
                  around: set[str]):
    """For each evidence pattern of an element: the share of its requirements met, and what was missing."""
    present = {o.group for o in occurrences}
    for pattern in element.patterns:
        shape = compiled.shape(pattern)
        met = [bool(req & present) for req in shape.requirements]
        share = sum(met) / len(met) if met else 0.0
        missing = [req for req, ok in zip(shape.requirements, met) if not ok]
        if missing:
            lack = "lacks a term of " + "; ".join(" or ".join(sorted(req)) for req in missing)
        elif shape.none & present:
            lack = "carries " + ", ".join(sorted(shape.none & present)) + ", which rules it out"
        elif not in_context(pattern, around):
            lack = "its paragraph names none of " + ", ".join(
                ref if isinstance(ref, str) else " or ".join(ref) for ref in pattern.context)
        elif shape.barred & present:
            lack = "names " + ", ".join(sorted(shape.barred & present)) + " first: it is another side's view"
        else:
            lack = (f"its terms are not within {shape.within} words in the order wanted, or are only the "
                    "question's own words")
        yield share, lack
