"""Amounts of money read from a sentence: figures, words, commas, scales, currencies and rates."""
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
