"""The mark on the rubric's own scale (`mark: {min, max}`): from the percentage, or, with answer-level
`scoring`, from how many parts were found.

Short-answer guides mark by counting ("three key elements: 3 points"), and a percentage of weighted points
cannot say "a conclusion plus up to two improvements". So under `scoring` each counted part earns one point,
a group's cap limits how many of its parts count, and the count is looked up in the rubric's `marks` table;
the percentage is then the share of countable parts found, so score, percent and mark still agree.
"""
from __future__ import annotations

from dataclasses import dataclass

from .results import PERCENT, half_up
from .rubric import Rubric

#: The level a part needs to count as found under `scoring.found`.
FOUND_LEVEL = {"thin": 1, "developed": 2}


@dataclass(frozen=True)
class Counted:
    """Answer-level scoring of one answer: which parts counted, how many could, and the mark."""

    parts: frozenset[str]
    most: int
    mark: int


def count_parts(rubric: Rubric, levels: dict[str, int], found: str | None = None) -> Counted:
    """Count the parts found (by element id and level), each group up to its cap, in rubric order; `found` is
    the level a part needs, when not the rubric's own (calibration tries both)."""
    scoring = rubric.scoring
    assert scoring is not None
    need = FOUND_LEVEL[found or scoring.found]
    group_of = {element_id: g for g, group in enumerate(scoring.groups) for element_id in group.elements}
    used = [0] * len(scoring.groups)
    counted = set()
    for element in rubric.elements:
        g = group_of.get(element.id)
        if levels.get(element.id, 0) < need or (g is not None and used[g] >= scoring.groups[g].max):
            continue
        if any(levels.get(other, 0) < need for other in scoring.requires.get(element.id, ())):
            continue
        counted.add(element.id)
        if g is not None:
            used[g] += 1
    most = sum(min(group.max, len(group.elements)) for group in scoring.groups)
    most += sum(1 for e in rubric.elements if e.id not in group_of)
    table = scoring.marks
    return Counted(frozenset(counted), most, table[min(len(counted), len(table) - 1)])


def mark_from_percent(rubric: Rubric, percent: float) -> int:
    """The mark the rubric's cut points give the percentage, or else min + percent/100 x (max - min), rounded
    half up, as teachers round."""
    low, high = rubric.mark.min, rubric.mark.max
    if rubric.mark.cuts is not None:
        return low + sum(1 for cut in rubric.mark.cuts if percent >= cut)
    return half_up(low + percent * (high - low) / PERCENT, 0)
