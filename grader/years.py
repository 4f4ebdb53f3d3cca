"""Years as an essay writes them and as facts are dated: four digits within a fixed span. Asked of words in
several checks of every sentence, so kept apart from the rubric models, in a module the build compiles."""
from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

if TYPE_CHECKING:
    from .text import Token

#: What counts as a year in an essay: four digits, between these (a fact's year must be one).
YEAR_DIGITS = 4
FIRST_YEAR, LAST_YEAR = 1000, 2099


#: Every year is_year accepts, written in ASCII digits: for most words, the whole test.
ASCII_YEARS = frozenset(str(year) for year in range(FIRST_YEAR, LAST_YEAR + 1))


#: A year written in words opens with its century ("nineteen forty-nine"); its tens and units follow.
WRITTEN_CENTURIES = {"eighteen": 1800, "nineteen": 1900}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}


def years_in(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(position, year) of the tokens that are years, by is_year, or that open a year written in words
    (`written_year`), with one set lookup for an ordinary word."""
    years = ASCII_YEARS
    out = []
    for i, t in enumerate(tokens):
        if t.norm in years or not t.norm.isascii() or t.norm in WRITTEN_CENTURIES:
            year = year_at(tokens, i)
            if year is not None:
                out.append((i, year))
    return out


def year_at(tokens: Sequence[Token], i: int) -> int | None:
    """The year token i states, in figures (`is_year`) or opening one in words (`written_year`), or None."""
    word = tokens[i].norm
    if is_year(word):
        return int(word)
    return written_year(tokens, i) if word in WRITTEN_CENTURIES else None


def written_year(tokens: Sequence[Token], i: int) -> int | None:
    """The year written in words from token i ("nineteen forty-nine", "nineteen fifty", "nineteen twelve"), or
    None: a century word alone, or before anything but tens or a teen ("nineteen people"), is no year."""
    century = WRITTEN_CENTURIES.get(tokens[i].norm)
    if century is None or i + 1 >= len(tokens):
        return None
    after = tokens[i + 1].norm
    if after in _TEENS:
        return century + _TEENS[after]
    if after not in _TENS:
        return None
    unit = _UNITS.get(tokens[i + 2].norm, 0) if i + 2 < len(tokens) else 0
    return century + _TENS[after] + unit


def is_year(word: str) -> bool:
    """Whether a normalised word is a year as facts are dated: four digits from FIRST_YEAR to LAST_YEAR. (Asked
    of every word several times an essay: the common case is one set lookup; digits of other scripts are read
    as numbers.)"""
    return word in ASCII_YEARS or (not word.isascii() and len(word) == YEAR_DIGITS and word.isdigit()
                              and FIRST_YEAR <= int(word) <= LAST_YEAR)
