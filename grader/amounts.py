"""Amounts of money in a sentence ("$300 million", "three hundred million US dollars", "300 thousand
dollars"), read as a value and a currency so that a fact's amount can be checked at any scale, and
percentages ("1%", "five per cent").

Only amounts marked as money (a currency sign before the number or a currency word just after it) are
read, so "300 million people" is never a loan; an amount followed by a period ("a year") is a rate and is
marked as such. The word lists are in `grader/data/english.yaml`.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .language import english
from .text import Sentence, tokenize

#: Words after the number (its scale, "US") within which a currency word may stand.
CURRENCY_REACH = 3
#: Characters before the number within which a currency sign may stand ("US$ 300").
SIGN_REACH = 3
#: The digits of one group of a number written with commas ("300,000,000").
DIGIT_GROUP = 3
#: More digits than any figure a fact names. A longer number is read as TOO_LARGE, which equals no fact's
#: figure and stays within a float (Python converts no string of over 4,300 digits, nor an int of over 308
#: digits to a float).
MAX_DIGITS = 60
TOO_LARGE = 10**MAX_DIGITS


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount of money: its value, currency, the position of its first word, and whether it is a rate."""

    value: int
    currency: str
    first: int
    rate: bool


def read_number(tokens, i: int, text: str) -> tuple[int, int] | None:
    """The number starting at token i (digits, digit groups joined by commas, or number words): (value, end);
    at most TOO_LARGE."""
    lang = english()
    word = tokens[i].norm
    if word.isdigit():
        digits, j = word, i + 1
        while j < len(tokens) and tokens[j].norm.isdigit() and len(tokens[j].norm) == DIGIT_GROUP \
                and text[tokens[j - 1].end : tokens[j].start] == ",":
            digits += tokens[j].norm
            j += 1
        return (int(digits) if len(digits) <= MAX_DIGITS else TOO_LARGE), j
    if word not in lang.number_words:
        return None
    value, j = 0, i
    while j < len(tokens) and tokens[j].norm in lang.number_words:
        n = lang.number_words[tokens[j].norm]
        value = min(value * n if n == lang.number_words["hundred"] and value else value + n, TOO_LARGE)
        j += 1
    return value, j


def numbers(tokens, text: str) -> Iterator[tuple[int, int, int]]:
    """Every number among the tokens, in order: (its first token, its value, the token after it)."""
    i = 0
    while i < len(tokens):
        found = read_number(tokens, i, text)
        if found is None:
            i += 1
            continue
        value, j = found
        yield i, value, j
        i = j


def amounts(sentence: Sentence, text: str) -> list[Amount]:
    """Every amount of money in the sentence, in order."""
    lang = english()
    tokens = sentence.tokens
    out: list[Amount] = []
    resume = 0  # the token after the last amount's currency word
    for i, value, j in numbers(tokens, text):
        if i < resume:
            continue
        while j < len(tokens) and tokens[j].norm in lang.scale_words:
            value *= lang.scale_words[tokens[j].norm]
            j += 1
        before = text[max(0, tokens[i].start - SIGN_REACH) : tokens[i].start].replace(" ", "")
        currency = next((c for sign, c in lang.currency_signs.items() if before.endswith(sign)), None)
        end = j
        for k in range(j, min(len(tokens), j + CURRENCY_REACH)):
            if tokens[k].norm in lang.currency_words:
                currency = currency or lang.currency_words[tokens[k].norm]
                end = k + 1
                break
        if currency is None:
            continue
        rate = any(t.norm in lang.per_period for t in tokens[end : end + CURRENCY_REACH])
        out.append(Amount(value, currency, i, rate))
        resume = end
    return out


def parse_amount(phrase: str) -> tuple[int, str] | None:
    """A rubric's amount ("300 million dollars", "$300 million") as (value, currency), or None."""
    tokens = tokenize(phrase)
    if not tokens:
        return None
    found = amounts(Sentence(0, 0, len(phrase), 0, tokens), phrase)
    return (found[0].value, found[0].currency) if len(found) == 1 else None


@dataclass(frozen=True, slots=True)
class Percentage:
    """A percentage ("1%", "5 percent", "one per cent") and the position of its number."""

    value: float
    first: int


def percentages(sentence: Sentence, text: str) -> list[Percentage]:
    """Every percentage in the sentence, in order ("1.5%" is read whole)."""
    tokens = sentence.tokens
    out: list[Percentage] = []
    resume = 0  # the token after a decimal part already read
    for i, value, j in numbers(tokens, text):
        if i < resume:
            continue
        number = float(value)
        if j + 1 < len(tokens) and text[tokens[j - 1].end : tokens[j].start] == "." and tokens[j].norm.isdigit():
            number = float(f"{value}.{tokens[j].norm}")  # "1.5"
            j += 1
        resume = j
        after = text[tokens[j - 1].end : tokens[j].start if j < len(tokens) else sentence.end]
        words = j < len(tokens) and (tokens[j].norm == "percent"
                                     or tokens[j].norm == "per" and j + 1 < len(tokens) and tokens[j + 1].norm == "cent")
        if after.strip().startswith("%") or words:
            out.append(Percentage(number, i))
    return out
