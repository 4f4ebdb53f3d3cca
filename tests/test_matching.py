"""Which sentences count as evidence: refusals, talk about the essay, questions and lists earn nothing;
negated historical claims still count; the subject must be the side whose view is described."""
from __future__ import annotations

import pytest

from grader.documents import document_from_text, read_document
from grader.grading import analyse_document

from .conftest import DATA


def hits(rubric, text):
    document = document_from_text(text)
    analysis = analyse_document(document, rubric)
    return {element: [document.text[h.start : h.end] for h in found] for element, found in analysis.hits.items() if found}


def counted(rubric, element, sentence, before="Mao needed Soviet loans to rebuild China after the war."):
    """Whether `sentence`, written after `before`, is evidence for `element`."""
    return sentence in hits(rubric, before + "\n\n" + sentence + "\n").get(element, [])


def screened(rubric, text):
    doc = document_from_text(text)
    analysis = analyse_document(doc, rubric)
    return [(doc.text[s.start : s.end], analysis.screened[s.index]) for s in analysis.sentences.items]


@pytest.mark.parametrize("sentence, reason", [
    ("I will not discuss the Soviet side of the alliance.", "refusal"),
    ("I won't talk about Stalin's motives.", "refusal"),
    ("I am not going to judge whether the alliance was natural.", "refusal"),
    ("In this essay I will discuss why Mao wanted Soviet aid.", "meta"),
    ("This paragraph will explain Stalin's interests in Manchuria.", "meta"),
    ("Next, I'll look at the international factors.", "meta"),
    ("Was the alliance natural?", "question"),
    ("Mao Stalin CCP USSR treaty 1950 alliance aid", "keyword_list"),
    ("Soviet aid, Cold War, natural alliance, civil war, Yalta", "keyword_list"),
    ("Explain the factors that worked against this alliance.", "prompt_echo"),
    ("Stalin did not trust Mao, whom he suspected of nationalism.", None),
    ("I think the alliance was a marriage of convenience.", None),
    ("As I have shown, Mao needed Soviet aid.", None),
])
def test_screening_reason(rubric, sentence, reason):
    got = screened(rubric, "Mao needed Soviet loans to rebuild China after the war.\n\n" + sentence)
    assert got[-1] == (sentence, reason)


def test_negated_historical_claims_are_still_evidence(rubric):
    text = read_document(DATA / "essay_negated_claims.txt").text
    found = hits(rubric, text)
    first = "Stalin did not trust Mao, whom he suspected of being a nationalist first and a communist second."
    assert first in found["ussr_view"] and first in found["factors_against"]


def test_the_view_belongs_to_the_subject_of_the_sentence(rubric):
    found = hits(rubric, "Mao hoped that Soviet advisers would help China build heavy industry quickly.")
    assert "ussr_view" not in found and "ccp_view" in found


def test_repeated_sentence_counts_once(rubric):
    sentence = "Stalin feared that Mao might become an Asian Tito."
    got = screened(rubric, f"{sentence} {sentence}")
    assert [r for _, r in got] == [None, "repeated"]


def test_several_short_term_lines_are_a_list(rubric):
    got = screened(rubric, "Mao needed Soviet loans to rebuild China.\n\nStalin\nMao\nTreaty\nAid")
    assert [r for _, r in got] == [None, "keyword_list", "keyword_list", "keyword_list", "keyword_list"]


def test_one_sentence_may_count_for_several_elements(rubric):
    sentence = "American support for Chiang Kai-shek convinced Mao that China needed a powerful Soviet friend."
    found = hits(rubric, sentence)
    assert {"ccp_view", "international_factors"} <= set(found)


def test_hit_records_terms_as_the_student_wrote_them(rubric):
    analysis = analyse_document(document_from_text("Stallin feared that Mao might become an Asian Tito."), rubric)
    hit = analysis.hits["ussr_view"][0]
    assert "Stallin" in hit.terms and "feared" in hit.terms


@pytest.mark.parametrize("sentence, counts", [
    ("In the end the alliance was a marriage of convenience rather than of shared belief.", True),
    ("In my view the alliance was only partly natural, because shared ideology could not hide old grievances.", True),
    ("Historians such as Chen Jian have argued that the alliance was a marriage of convenience.", False),
    ("According to some historians, the alliance was natural because both parties were communist.", False),
    ("Stalin was reluctant to give up the gains he had made in Manchuria.", False),
])
def test_a_judgement_on_natural_is_the_essays_own_and_about_the_alliance(rubric, sentence, counts):
    assert counted(rubric, "natural_judgement", sentence) is counts


@pytest.mark.parametrize("sentence, counts", [
    ("Stalin feared that Mao might become an Asian Tito.", True),
    ("When Mao arrived in Moscow, Stalin did not want to give up the rights he had won at Yalta.", True),
    ("From Stalin's standpoint, a friendly China meant security in the Far East.", True),
    ("Mao distrusted Stalin, who had backed Chiang Kai-shek for years.", False),
    ("Mao could now deal with Moscow without fearing that it would use a faction against him.", False),
])
def test_the_soviet_view_needs_the_soviet_side_acting(rubric, sentence, counts):
    assert counted(rubric, "ussr_view", sentence) is counts


@pytest.mark.parametrize("sentence, element, counts", [
    ("Domestically, China faced many domestic challenges after the war, and these shaped the alliance.",
     "domestic_factors", False),
    ("Inflation had ruined China's economy, so the Communists needed the alliance.", "domestic_factors", True),
    ("Stalin wanted a loyal ally against America in the Far East.", "factors_against", False),
    ("Stalin distrusted Mao as another Tito, which worked against the alliance.", "factors_against", True),
])
def test_a_factor_must_be_named_beyond_the_questions_own_words(rubric, sentence, element, counts):
    assert counted(rubric, element, sentence, (DATA / "essay_developed.txt").read_text(encoding="utf-8")) is counts
