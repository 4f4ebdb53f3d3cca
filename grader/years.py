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


def years_in(tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """(position, year) of the tokens that are years, by is_year, with one set lookup for an ordinary word."""
    years = ASCII_YEARS
    return [(i, int(t.norm)) for i, t in enumerate(tokens) if t.norm in years or not t.norm.isascii() and is_year(t.norm)]


def is_year(word: str) -> bool:
    """Whether a normalised word is a year as facts are dated: four digits from FIRST_YEAR to LAST_YEAR. (Asked
    of every word several times an essay: the common case is one set lookup; digits of other scripts are read
    as numbers.)"""
    return word in ASCII_YEARS or (not word.isascii() and len(word) == YEAR_DIGITS and word.isdigit()
                              and FIRST_YEAR <= int(word) <= LAST_YEAR)
