"""Fact checks: a claim about a fact-bank event is right or wrong by its year and place; vaguer ones are left alone."""
from __future__ import annotations

import pytest

from grader.documents import document_from_text
from grader.grading import analyse_document


def checks(rubric, text):
    analysis = analyse_document(document_from_text(text), rubric)
    return [(c.fact, c.status, text[c.start : c.end]) for c in analysis.checks]


@pytest.mark.parametrize("text, expected", [
    ("The treaty was signed in Moscow on 14 February 1950.", [("treaty_signed", "correct")]),
    ("The Sino-Soviet treaty was signed in Beijing in 1950.", [("treaty_signed", "incorrect")]),
    ("The Sino-Soviet treaty was signed in 1945.", [("treaty_signed", "incorrect")]),
    ("Stalin died in 1949.", [("stalin_died", "incorrect")]),
    ("Stalin died in March 1953.", [("stalin_died", "correct")]),
    ("Mao proclaimed the People's Republic of China on 1 October 1949.", [("prc_proclaimed", "correct")]),
    ("In August 1945 Stalin signed a treaty with Chiang Kai-shek.", [("kmt_treaty_1945", "correct")]),
    # a year in another clause, after a relative word, or in a list is not the event's date
    ("The CCP remembered 1927, Yalta and Manchuria.", []),
    ("The CCP remembered 1927 and Yalta.", []),
    ("After 1945 the Yalta bargain still shaped Soviet policy.", []),
    ("Mao went to Moscow in December 1949 and the treaty was signed in February 1950.",
     [("treaty_signed", "correct"), ("mao_in_moscow", "correct")]),
    ("In April 1941 Stalin signed a neutrality pact with Japan.", []),
    ("Mao signed the treaty after a long journey from Beijing.", [("treaty_signed", "correct")]),  # not "in Beijing"
    ("Khrushchev signed the Sino-Soviet treaty.", [("khrushchev_in_1950", "incorrect")]),  # a known misconception
    ("Stalin announced that China would lean to one side.", [("lean_to_one_side", "incorrect")]),
    # a place that names another event, a detail near an event's word that starts no full mention of it,
    # or an earlier treaty with its own year, is not an error
    ("At Yalta he had won American agreement, and in August 1945 he signed a treaty with Chiang Kai-shek.",
     [("kmt_treaty_1945", "correct"), ("yalta_conference", "correct")]),
    ("At Yalta in February 1945 he had obtained Roosevelt's agreement to his rights in Manchuria, and in August 1945 "
     "he secured them from Chiang Kai-shek in the Sino-Soviet Treaty of Friendship and Alliance.",
     [("kmt_treaty_1945", "correct"), ("yalta_conference", "correct")]),
    ("In 1937 Stalin signed a non-aggression pact with the Nationalist government.", [("kmt_pact_1937", "correct")]),
    ("Mao never forgot the Shanghai massacre of 1927.", [("shanghai_massacre", "correct")]),
    ("Unlike the 1945 treaty with Chiang, the Sino-Soviet treaty of 1950 bound Stalin to defend China.",
     [("treaty_signed", "correct"), ("kmt_treaty_1945", "correct")]),
])
def test_fact_status(rubric, text, expected):
    assert [(f, s) for f, s, _ in checks(rubric, text)] == expected


def test_fact_check_quotes_the_students_sentence(rubric):
    text = "Some context here. The Sino-Soviet treaty was signed in Beijing in 1945."
    (fact, status, quoted), = checks(rubric, text)
    assert quoted == "The Sino-Soviet treaty was signed in Beijing in 1945."


def test_wrong_fact_in_result_carries_the_correct_version(rubric):
    from grader import grade_text

    from .conftest import DATA

    essay = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    result = grade_text(essay.replace("signed in Moscow on 14 February 1950", "signed in Beijing in 1949"), rubric)
    wrong = [f for f in result.facts if f.status == "incorrect"]
    assert [f.note for f in wrong] == [
        "The Treaty of Friendship, Alliance and Mutual Assistance was signed in Moscow on 14 February 1950, by Zhou Enlai "
        "and Andrei Vyshinsky in the presence of Mao and Stalin."]
    assert any("Check your facts" in s for s in result.improvements)


FACT_CASES = {
    "treaty_signed": ("The Sino-Soviet treaty was signed in Moscow in February 1950.", "The Sino-Soviet treaty was signed in 1949."),
    "kmt_treaty_1945": ("In August 1945 Stalin signed a treaty with Chiang Kai-shek.", "In 1947 Stalin signed a treaty with Chiang Kai-shek."),
    "prc_proclaimed": ("The People's Republic of China was proclaimed in October 1949.", "The People's Republic of China was proclaimed in 1950."),
    "ccp_founded": ("The Chinese Communist Party was founded in 1921.", "The Chinese Communist Party was founded in 1927."),
    "lean_to_one_side": ("In 1949 Mao said China would lean to one side.", "In 1952 Mao said China would lean to one side."),
    "mao_in_moscow": ("Mao travelled to Moscow in December 1949.", "Mao travelled to Moscow in 1945."),
    "yalta_conference": ("The Yalta Conference met in February 1945.", "The Yalta Conference met in 1943."),
    "soviet_loan": ("In 1950 the USSR offered a loan of $300 million.", "In 1955 the USSR offered a loan of $300 million."),
    "korean_war_began": ("The Korean War began in June 1950.", "The Korean War began in 1948."),
    "stalin_died": ("Stalin died in March 1953.", "Stalin died in 1949."),
    "shanghai_massacre": ("The Shanghai massacre of 1927 killed thousands of Communists.", "The Shanghai massacre of 1931 killed thousands of Communists."),
    "acheson_speech": ("Acheson gave his speech in January 1950.", "Acheson gave his speech in 1952."),
    "white_paper": ("The White Paper appeared in August 1949.", "The White Paper appeared in 1951."),
    "tito_split": ("Tito broke with Stalin in 1948.", "Tito broke with Stalin in 1950."),
    "japan_surrender": ("Japan surrendered in August 1945.", "Japan surrendered in 1944."),
    "japan_manchuria": ("Japan invaded Manchuria in 1931.", "Japan invaded Manchuria in 1937."),
    "soviet_bomb": ("The Soviet Union tested an atomic bomb in 1949.", "The Soviet Union tested an atomic bomb in 1945."),
    # in an answer to the question: a paragraph about the Long March alone is a digression and earns nothing
    "long_march": ("Mao needed Soviet loans after the war. Stalin feared a rival in Asia. Mao had led the Long March, "
                   "which began in 1934.", "The Long March began in 1940."),
    "port_arthur_returned": ("Port Arthur was returned to China in 1955.", "Port Arthur was returned to China in 1949."),
    "kmt_pact_1937": ("In 1937 Stalin signed a non-aggression pact with the Nationalist government.",
                      "In 1941 Stalin signed a non-aggression pact with the Nationalist government."),
    "marshall_plan": ("The Marshall Plan began in 1948.", "The Marshall Plan began in 1952."),
    "mikoyan_visit": ("Mikoyan visited Mao at Xibaipo in 1949.", "Mikoyan visited Mao at Xibaipo in 1951."),
    "liu_shaoqi_visit": ("Liu Shaoqi visited Moscow in 1949.", "Liu Shaoqi visited Moscow in 1952."),
}


def test_every_fact_has_a_right_and_a_wrong_case(rubric):
    assert set(FACT_CASES) == {f.id for f in rubric.facts}


@pytest.mark.parametrize("fact_id", sorted(FACT_CASES))
def test_each_fact_is_credited_when_right_and_flagged_when_wrong(rubric, fact_id):
    right, wrong = FACT_CASES[fact_id]
    assert (fact_id, "correct") in [(f, s) for f, s, _ in checks(rubric, right)]
    assert (fact_id, "incorrect") in [(f, s) for f, s, _ in checks(rubric, wrong)]
