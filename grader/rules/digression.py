"""digression: a paragraph mostly about another question earns nothing; the rest of the essay still counts.

Applied once the evidence is known: a paragraph whose sentences about the rubric's `other_topics` are at
least as many as its sentences that answer this question is about that other question, its plain narrative
sentences too, and none of them earns credit; when most paragraphs are such, one that names none of the
rubric's actors is about that other question too. An essay is off topic only when what is left of its answer
is negligible (the off_topic rule), so a good answer followed by an epilogue on later events keeps its marks.
"""
from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .base import Rule

if TYPE_CHECKING:
    from ..matching import Hit
    from ..rubric import Rubric
    from ..terms import Occurrence
    from ..text import Sentences

RULE: Rule = Rule(
    "digression", "A paragraph mostly about another question (the rubric's `other_topics`: a later event, another "
    "alliance) is a digression: its sentences earn nothing, and the report names it. When most of the essay "
    "digresses, a paragraph that names none of the rubric's `actors` is more of the same.", "screen")


def _more_of_the_same(rubric: Rubric, by_paragraph: dict[int, list[int]], occurrences: list[list[Occurrence]],
                      digressing: set[int]) -> set[int]:
    """When most of the essay digresses, a paragraph that names none of the rubric's actors is more of the same
    ("In my opinion it was not natural at all ... the treaty had no end date" about another alliance): this
    question's answer names whose alliance it is."""
    actors = {g for groups in rubric.actors.values() for g in groups}
    if not actors or not digressing:
        return set()
    away = [p for p, members in by_paragraph.items() if set(members) <= digressing]
    if 2 * len(away) < len(by_paragraph):
        return set()
    return {i for p, members in by_paragraph.items() if p not in away
            and not any(o.group in actors for i in members for o in occurrences[i]) for i in members}


def apply(rubric: Rubric, sentences: Sentences, occurrences: list[list[Occurrence]],
          reasons: list[str | None], hits: dict[str, list[Hit]]) -> None:
    """Screen the sentences of digression paragraphs and drop their hits. When the digressions close the essay,
    the last paragraph before them is its conclusion."""
    other = set(rubric.other_topics)
    if not other:
        return
    topic = {h.sentence for found in hits.values() for h in found}
    away = {s.index for s in sentences.items if reasons[s.index] is None
            and any(o.group in other for o in occurrences[s.index])}
    by_paragraph: dict[int, list[int]] = {}
    for s in sentences.items:
        if reasons[s.index] is None:
            by_paragraph.setdefault(s.paragraph, []).append(s.index)
    digressing: set[int] = set()
    for members in by_paragraph.values():
        elsewhere = sum(i in away for i in members)
        if elsewhere and elsewhere >= sum(i in topic and i not in away for i in members):
            digressing.update(members)
    digressing |= _more_of_the_same(rubric, by_paragraph, occurrences, digressing)
    for i in digressing:
        reasons[i] = RULE.id
    answer = [s.paragraph for s in sentences.items if s.role == "sentence" and s.index not in digressing]
    last = max(answer, default=-1)
    closing = bool(digressing) and all(sentences.items[i].paragraph > last for i in digressing)
    for element, found in hits.items():
        kept = [h for h in found if h.sentence not in digressing]
        if closing and not any(p.where == "opening" for p in rubric.element(element).patterns):
            # the answer's own conclusion, before the epilogue
            kept = [replace(h, in_place=True) if h.paragraph == last else h for h in kept]
        hits[element] = kept
