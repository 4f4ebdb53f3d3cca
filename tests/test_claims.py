"""Reading what a sentence claims, each behaviour shown on a whole essay in tests/data: whose view a reason
is, the essay's own judgement against views it reports, false history (misconceptions and a wrong amount),
and an epilogue on later events."""
from __future__ import annotations

import pytest

from grader import grade_file, grade_text

from .conftest import DATA


def levels(result):
    return {e.id: e.level for e in result.elements}


# --- attribution: Moscow seen only from Beijing is not the Soviet point of view ----------------------------

def test_mao_acting_on_moscow_is_not_soviet_view_evidence(rubric):
    result = grade_file(DATA / "essay_soviet_view_only_from_beijing.txt", rubric, explain=True)
    by_text = {s.text: s for s in result.sentences}
    for text in ("Mao distrusted Stalin, who had dealt with Chiang Kai-shek in 1945 and had often given the CCP "
                 "poor advice.",
                 "During his long stay in Moscow, Mao felt he was kept waiting and treated as a junior partner."):
        assert by_text[text].status == "evidence" and "factors_against" in by_text[text].elements
        assert "ussr_view" not in by_text[text].elements


@pytest.mark.xfail(reason="attribution reads an adjective ('Soviet privileges', 'Soviet aid', 'Soviet model') "
                          "as the Soviet side acting, so Beijing's view of Moscow earns the Soviet view", strict=True)
def test_soviet_view_is_missing_when_moscow_is_only_seen_from_beijing(rubric):
    result = grade_file(DATA / "essay_soviet_view_only_from_beijing.txt", rubric)
    (soviet,) = [e for e in result.elements if e.id == "ussr_view"]
    assert (soviet.level, soviet.evidence) == (0, [])


# --- false history: misconceptions and a wrong amount -----------------------------------------------------

def test_false_claims_are_incorrect_and_no_correct_check_covers_them(rubric):
    result = grade_file(DATA / "essay_false_history.txt", rubric, explain=True)
    wrong = [f for f in result.facts if f.status == "incorrect"]
    right = [f for f in result.facts if f.status == "correct"]
    assert [f.id for f in wrong] == ["early_border_war", "stalin_in_china", "khrushchev_in_1950", "soviet_loan"]
    assert sorted(f.id for f in right) == ["acheson_speech", "white_paper"]
    assert not [(r.id, w.id) for r in right for w in wrong if r.start < w.end and w.start < r.end]
    screened = {s.text: s.rule for s in result.sentences}
    assert {screened[f.text] for f in wrong} == {"wrong_fact"}
    assert levels(result)["evidence"] == 0  # four wrong facts outweigh two right ones


def test_a_wrong_fact_keeps_the_soviet_view_in_its_paragraph_thin(rubric):
    lenient = rubric.model_copy(update={"rules": {"wrong_fact": {"spoils_paragraph": False}}})
    assert levels(grade_file(DATA / "essay_false_history.txt", lenient))["ussr_view"] == 2
    assert levels(grade_file(DATA / "essay_false_history.txt", rubric))["ussr_view"] == 1


def test_a_part_argued_partly_on_false_history_is_at_most_thin(rubric):
    """A part with evidence in a paragraph that rests on a wrong fact is not developed, as teachers marked it."""
    found = levels(grade_file(DATA / "essay_false_history.txt", rubric))
    assert found["international_factors"] == 1
    lenient = rubric.model_copy(update={"rules": {"wrong_fact": {"spoils_paragraph": False}}})
    assert levels(grade_file(DATA / "essay_false_history.txt", lenient))["international_factors"] == 2


# --- the essay's own judgement: reported views of "natural" do not count ------------------------------------

def test_reported_views_earn_no_judgement_on_natural(rubric):
    result = grade_file(DATA / "essay_reported_views.txt", rubric)
    (judgement,) = [e for e in result.elements if e.id == "natural_judgement"]
    assert (judgement.level, judgement.evidence, judgement.stance) == (0, [], None)
    assert levels(result)["final_reason"] == 2  # the essay's own final answer still counts


OWN_JUDGEMENT = "Having weighed these views, I think it was a marriage of convenience rather than a natural alliance."


def with_own_judgement():
    return (DATA / "essay_reported_views.txt").read_text(encoding="utf-8").replace(
        "Because of these views, the debate about the nature of the alliance continues among historians today.",
        OWN_JUDGEMENT)


def test_an_own_judgement_added_to_reported_views_is_credited(rubric):
    (judgement,) = [e for e in grade_text(with_own_judgement(), rubric).elements if e.id == "natural_judgement"]
    assert judgement.level >= 1 and [q.text for q in judgement.evidence] == [OWN_JUDGEMENT]


def test_convenience_rather_than_natural_is_read_as_not_natural(rubric):
    (judgement,) = [e for e in grade_text(with_own_judgement(), rubric).elements if e.id == "natural_judgement"]
    assert judgement.stance == "not_natural"


# --- digression: an epilogue on the split earns nothing and costs the answer nothing -------------------------

def test_an_epilogue_on_the_split_is_a_digression_and_the_answer_keeps_its_levels(rubric):
    essay = (DATA / "essay_answer_then_epilogue.txt").read_text(encoding="utf-8")
    answer = "\n\n".join(essay.split("\n\n")[:3])
    alone, whole = grade_text(answer, rubric), grade_text(essay, rubric, explain=True)
    assert "off_topic" not in {f.code for f in whole.flags}
    assert levels(whole) == levels(alone)
    rules = {p: {s.rule for s in whole.sentences if s.paragraph == p} for p in range(1, 6)}
    assert rules[4] == rules[5] == {"digression"}
    assert not any("digression" in rules[p] for p in (1, 2, 3))


def test_an_epilogue_earns_no_fact_credit(rubric):
    result = grade_file(DATA / "essay_answer_then_epilogue.txt", rubric, explain=True)
    epilogue = [s for s in result.sentences if s.paragraph in (4, 5)]
    assert not [f.id for f in result.facts if f.status == "correct" and any(s.start <= f.start < s.end for s in epilogue)]
