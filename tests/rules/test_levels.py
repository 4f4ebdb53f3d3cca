"""What a level is worth: the developed rule's `thin_credit` changes points, not levels, so the rule cases
(which list the parts at level 2) cannot see it; this pins its default through the points of a thin part."""
from __future__ import annotations

from grader import grade_text
from grader.rules.cases import build_rubric

#: A tiny rubric of its own (the water cycle), so the bundled rubrics never move these numbers.
RUBRIC = {
    "prompt": "Explain how the water cycle works.",
    "terms": {"water": ["water", "vapour"], "process": ["evaporates", "condenses", "rain"]},
    "elements": [
        {"id": "evaporation", "title": "How water rises", "weight": 4,
         "evidence": {"all": ["water"], "any": ["process"]}, "developed": {"sentences": 2}},
    ],
    "rules": {"too_short": {"enabled": False}, "off_topic": {"enabled": False}},
}


def test_developed_thin_part_earns_half_its_weight_at_the_default_thin_credit():
    result = grade_text("The sun warms the sea until its water evaporates.", build_rubric("developed", RUBRIC, {}))
    (part,) = result.elements
    assert (part.level, part.points, part.max_points) == (1, 2.0, 4.0)
    assert result.score == 2.0
