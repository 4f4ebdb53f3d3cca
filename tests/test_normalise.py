"""Normalising words before matching: invisible characters, look-alike letters, ligatures and line-break
hyphens buy nothing and hide nothing, while quotes still show exactly what the student wrote."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grader import grade_text
from grader.documents import document_from_text
from grader.normalise import INVISIBLE, plain_word
from grader.text import tokenize

from .conftest import DATA

ESSAY = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
#: Latin letters and a Cyrillic letter drawn the same.
CYRILLIC = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "y": "у"}
SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _disguise_every_fifth_word(text: str) -> str:
    """Cyrillic look-alikes in every fifth word, as a copier hiding from a copy check would."""
    count = 0

    def swap(m: re.Match) -> str:
        nonlocal count
        count += 1
        word = m.group()
        return "".join(CYRILLIC.get(c, c) for c in word) if count % 5 == 0 else word

    return re.sub(r"[A-Za-z]+", swap, text)


def _levels(result) -> dict[str, int]:
    return {e.id: e.level for e in result.elements}


def test_plain_word_reads_what_a_reader_sees():
    assert plain_word("St\u0430lin") == "Stalin"  # a Cyrillic a inside a Latin word
    assert plain_word("\u041c\u0430\u043e") == "Mao"  # only look-alikes: read as Latin
    assert plain_word("\u041f\u0440\u0430\u0432\u0434\u0430") == "\u041f\u0440\u0430\u0432\u0434\u0430"  # a Russian word
    assert plain_word("\u00b5m") == "\u03bcm"  # a unit keeps its Greek letter
    assert plain_word("Sov\u200biet") == "Soviet" and plain_word("al\u00adliance") == "alliance"
    assert plain_word("\ufb01nal") == "final" and plain_word("\uff33\uff54\uff41\uff4c\uff49\uff4e") == "Stalin"
    assert plain_word("commu-\nnists") == "communists"


def test_invisible_characters_and_line_break_hyphens_do_not_split_words():
    words = [t.norm for t in tokenize("Sov\u200biet aid reached the commu-\nnists; Sino-Soviet")]
    assert words == ["soviet", "aid", "reached", "the", "communists", "sino", "soviet"]


def test_look_alike_letters_hide_nothing_from_the_grader(rubric):
    disguised = _disguise_every_fifth_word(ESSAY)
    assert disguised != ESSAY
    clean, tricked = grade_text(ESSAY, rubric), grade_text(disguised, rubric)
    assert _levels(tricked) == _levels(clean)
    assert tricked.percent == clean.percent


def test_zero_width_characters_inside_words_hide_nothing(rubric):
    hidden = re.sub(r"([a-z])([a-z])", "\\1\u200b\\2", ESSAY, count=400)
    clean, tricked = grade_text(ESSAY, rubric), grade_text(hidden, rubric)
    assert _levels(tricked) == _levels(clean)


def test_quotes_show_what_the_student_wrote(rubric):
    disguised = _disguise_every_fifth_word(ESSAY)
    result = grade_text(disguised, rubric)
    plain = document_from_text(disguised).text
    quotes = [q for e in result.elements for q in e.evidence]
    assert quotes and all(plain[q.start : q.end] == q.text for q in quotes)
    assert any(any(c in q.text for c in CYRILLIC.values()) for q in quotes)


@SETTINGS
@given(st.lists(st.tuples(st.integers(0, len(ESSAY) - 1), st.sampled_from(list(INVISIBLE) + list(CYRILLIC.values()))),
                max_size=60))
def test_any_insertion_keeps_quotes_on_the_original_text(rubric, insertions):
    text = ESSAY
    for at, char in sorted(insertions, reverse=True):
        text = text[:at] + char + text[at:]
    result = grade_text(text, rubric)
    plain = document_from_text(text).text
    for element in result.elements:
        for quote in element.evidence:
            assert plain[quote.start : quote.end] == quote.text
    for fact in result.facts:
        assert plain[fact.start : fact.end] == fact.text


def test_a_disguised_copy_of_the_handout_is_still_a_copy(rubric):
    handout = (rubric.path.parent / rubric.sources[0].file).read_text(encoding="utf-8")
    plain, disguised = grade_text(handout, rubric), grade_text(_disguise_every_fifth_word(handout), rubric)
    copied = {f.code: f.message for f in plain.flags}["source_overlap"]
    assert {f.code: f.message for f in disguised.flags}["source_overlap"] == copied
    assert disguised.percent == plain.percent == 0
