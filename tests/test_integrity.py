"""Integrity: repeating material, reworded or not, buys nothing and is named."""
from __future__ import annotations

from grader import grade_text
from grader.rubric import Limits

from .conftest import DATA

REWORDED = (DATA / "essay_reworded_paragraph.txt").read_text(encoding="utf-8")
FIRST_PARAGRAPH = REWORDED.split("\n\n")[0]


def _flag(result, code):
    return next((f.message for f in result.flags if f.code == code), None)


def test_a_paragraph_reworded_and_pasted_again_counts_once(rubric):
    once, padded = grade_text(FIRST_PARAGRAPH, rubric), grade_text(REWORDED, rubric)
    assert padded.percent <= once.percent + 5  # the reordered third version may still add a little
    assert "repeat earlier ones" in _flag(padded, "repetition")
    assert _flag(once, "repetition") is None
    assert padded.word_count > 2 * once.word_count  # the result still counts every word written


def test_repeats_count_once_toward_the_length_limit(rubric):
    strict = rubric.model_copy(update={"limits": Limits(min_words=200)})
    message = _flag(grade_text(REWORDED, strict), "too_short")
    assert message is not None and "once repeats are counted once" in message


def test_the_repetition_flag_needs_twenty_repeated_words(rubric):
    twenty = "Stalin wanted Port Arthur and the Manchurian railway because they gave the Soviet Union a warm-water port in Asia"
    nineteen = "Stalin wanted Port Arthur and the Manchurian railway because they gave the Soviet Union a warm-water port there"
    base = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    assert _flag(grade_text(f"{base}\n\n{twenty}. So it was. {twenty}.", rubric), "repetition") is not None
    assert _flag(grade_text(f"{base}\n\n{nineteen}. So it was. {nineteen}.", rubric), "repetition") is None
