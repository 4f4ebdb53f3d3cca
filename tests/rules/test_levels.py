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


def _explained_rubric(explained: int) -> dict:
    element = {**RUBRIC["elements"][0], "developed": {"sentences": 2, "explained": explained}}
    return {**RUBRIC, "elements": [element]}


NARRATED = "The sun warms the sea and its water evaporates. The vapour condenses over the hills and falls as rain."
EXPLAINED = ("The sun warms the sea, so that its water evaporates. The vapour rises and cools, which meant it "
             "condenses into rain.")


def test_developed_needs_explaining_sentences_when_the_part_asks_for_them():
    narrated = grade_text(NARRATED, build_rubric("developed", _explained_rubric(2), {}))
    explained = grade_text(EXPLAINED, build_rubric("developed", _explained_rubric(2), {}))
    assert [e.level for e in narrated.elements] == [1]  # the events in order, nothing explained
    assert [e.level for e in explained.elements] == [2]
    assert [e.level for e in grade_text(NARRATED, build_rubric("developed", _explained_rubric(0), {})).elements] == [2]


def _french_rubric() -> dict:
    """The wrong_fact cases' rubric: causes of the French Revolution, with its fact bank."""
    from grader.rules import cases

    spec, _ = cases.load("wrong_fact")
    element = {**spec["elements"][0], "developed": {"sentences": 2}}
    return {**spec, "elements": [element], "rules": {"too_short": {"enabled": False}, "off_topic": {"enabled": False},
                                                       "developed": {"min_details": 0}}}


SPOILED = ("French debts grew with every war, and the king could not pay them. Bread prices in France doubled "
           "when the harvest failed. The Bastille was stormed in 1792.")


def test_a_wrong_fact_keeps_the_parts_in_its_paragraph_from_being_developed():
    spoiled = grade_text(SPOILED, build_rubric("wrong_fact", _french_rubric(), {}))
    assert [f.status for f in spoiled.facts] == ["incorrect"]
    assert [e.level for e in spoiled.elements] == [1]
    allowed = grade_text(SPOILED, build_rubric("wrong_fact", _french_rubric(), {"wrong_fact": {"spoils_paragraph": False}}))
    assert [e.level for e in allowed.elements] == [2]
    elsewhere = grade_text(SPOILED.replace(" The Bastille", "\n\nThe Bastille"), build_rubric("wrong_fact", _french_rubric(), {}))
    assert [e.level for e in elsewhere.elements] == [2]  # only the paragraph it stands in is spoiled


def test_an_essay_naming_fewer_than_three_specific_details_develops_no_part():
    """min_details = 3: fluent prose of the question's terms with two specific details (the civil war, the
    Second World War) is thin everywhere; one more detail, and its parts can be developed."""
    from grader import load_rubric

    from ..conftest import DATA

    rubric = load_rubric("sino-soviet-alliance")
    template = (DATA / "essay_template_prose.txt").read_text(encoding="utf-8")
    assert max(e.level for e in grade_text(template, rubric).elements) == 1
    specific = template.replace("an alliance with the Soviet Union made sense for the new government.",
                                "an alliance with the Soviet Union made sense for the new government in Beijing.")
    assert max(e.level for e in grade_text(specific, rubric).elements) == 2
