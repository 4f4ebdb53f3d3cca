"""Amounts of money, percentages and lengths of time read from a sentence: figures, words, commas, scales,
currencies, rates and intervals."""
from __future__ import annotations

import pytest

from grader.amounts import amounts, parse_amount
from grader.text import Sentence, tokenize


def read(text: str) -> list[tuple[int, str, bool]]:
    sentence = Sentence(0, 0, len(text), 0, tokenize(text))
    return [(a.value, a.currency, a.rate) for a in amounts(sentence, text)]


@pytest.mark.parametrize("text, expected", [
    ("a loan of $300 million", [(300_000_000, "dollar", False)]),
    ("three hundred million US dollars", [(300_000_000, "dollar", False)]),
    ("a loan of $3 billion over five years", [(3_000_000_000, "dollar", False)]),
    ("300 thousand dollars", [(300_000, "dollar", False)]),
    ("300,000,000 dollars", [(300_000_000, "dollar", False)]),
    ("300 million rubles", [(300_000_000, "rouble", False)]),
    ("$60 million a year", [(60_000_000, "dollar", True)]),
    ("300 million people lived in the countryside", []),
    ("In 1950 the treaty was signed", []),
])
def test_amounts(text, expected):
    assert read(text) == expected


def test_a_rubric_amount_is_one_amount_of_money():
    assert parse_amount("300 million dollars") == (300_000_000, "dollar")
    assert parse_amount("300 million") is None  # no currency
    assert parse_amount("$3 and $4") is None  # two amounts


@pytest.mark.parametrize("text, expected", [
    ("a loan at 1% interest", [1]),
    ("an interest rate of 5 percent", [5]),
    ("one per cent a year", [1]),
    ("at 1.5% and later 2 %", [1.5, 2]),
    ("$300 million in 1950 at 1% over five years", [1]),
    ("300 million people", []),
])
def test_percentages(text, expected):
    from grader.amounts import percentages

    sentence = Sentence(0, 0, len(text), 0, tokenize(text))
    assert [p.value for p in percentages(sentence, text)] == expected


@pytest.mark.parametrize("text, expected", [
    ("a 30-year alliance", [(10957.5, False)]),
    ("Mao stayed almost three months", [(91.32, True)]),
    ("spread over five years", [(1826.25, False)]),
    ("two months later the treaty was signed", []),
    ("within two years", []),
    ("ten years of civil war", []),
    ("Stalin was seventy years old", []),
    ("$300 million a year", []),
])
def test_durations(text, expected):
    from grader.durations import durations

    sentence = Sentence(0, 0, len(text), 0, tokenize(text))
    assert [(round(d.days, 2), d.lasted) for d in durations(sentence, text)] == expected



HUGE = "9" * 5000  # more digits than Python converts from a string
HUGE_WORDS = "one " + "hundred " * 400  # a number that words make too large for a float


@pytest.mark.parametrize("text", [
    f"a loan of ${HUGE} million at {HUGE} percent over {HUGE} years",
    f"a loan of ${'9' * 400} million at {'9' * 400} percent over {'9' * 400} years",
    f"a loan of $3{',000' * 1500} at {HUGE_WORDS}percent over {HUGE_WORDS}years",
])
def test_a_number_too_large_for_any_figure_is_read_as_one_no_fact_names(text):
    from grader.amounts import TOO_LARGE, percentages
    from grader.durations import durations

    sentence = Sentence(0, 0, len(text), 0, tokenize(text))
    assert [p.value for p in percentages(sentence, text)] == [float(TOO_LARGE)]
    assert [d.days for d in durations(sentence, text)] == [TOO_LARGE * 365.25]
    assert [a.value for a in amounts(sentence, text)] in ([TOO_LARGE * 10**6], [TOO_LARGE])


@pytest.mark.parametrize("length", ["9" * 400, "9" * 5000, HUGE_WORDS.strip()])
def test_an_absurd_length_of_a_treaty_is_wrong(rubric, length):
    from grader import grade_text

    text = f"The Sino-Soviet Treaty of 1950 was signed in Moscow and lasted {length} years."
    assert [(fact.id, fact.status) for fact in grade_text(text, rubric).facts] == [("treaty_signed", "incorrect")]
