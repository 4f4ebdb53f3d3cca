"""Sentences and tokens: spans into the plain text, normalisation, roles and positions."""
from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from grader.documents import document_from_text
from grader.text import (_SENTENCE_END, _WORD, Question, Sentence, analyse, count_words, may_hold_digits,
                         normalise, sentence_ends, tokenize, word_pattern)

PROMPT = Question(
    "Please explain the political origins of the Sino-Soviet Alliance in the aftermath of WWII, both from the "
    "standpoint of the Mao-led Communist Party and the Stalin-led USSR. To what extent was this alliance a "
    "\"natural alliance?\" Explain the domestic and international factors that worked for or against this "
    "alliance. In the end, why did Mao and the Communist party enter into this alliance?")


def sentences(text: str, prompt=None):
    doc = document_from_text(text)
    return [(doc.text[s.start : s.end], s.role, s.position) for s in analyse(doc, prompt).items]


@pytest.mark.parametrize("word, expected", [
    ("Lüshun", "lushun"), ("Mao’s", "mao"), ("STALIN", "stalin"), ("Zhou’s", "zhou"), ("naïve", "naive"),
    ("don’t", "don't"),
])
def test_normalise(word, expected):
    assert normalise(word) == expected


def test_tokens_have_spans_lemmas_and_hyphen_joins():
    text = "The Sino-Soviet loans helped the US."
    tokens = tokenize(text)
    assert [text[t.start : t.end] for t in tokens] == ["The", "Sino", "Soviet", "loans", "helped", "the", "US"]
    assert tokens[3].lemma == "loan"
    assert tokens[2].joined_before and tokens[1].joined_after and not tokens[3].joined_before
    assert tokens[6].upper and not tokens[0].upper


def test_sentence_splitting_keeps_abbreviations_initials_and_footnote_marks_together():
    got = [s for s, _, _ in sentences("In 1950 the U.S. watched as Mr. Acheson spoke.[3] Then J. Stalin signed. "
                                       "Was it natural? It was not!")]
    assert got == ["In 1950 the U.S. watched as Mr. Acheson spoke.[3]", "Then J. Stalin signed.", "Was it natural?",
                   "It was not!"]


def test_closing_quotes_stay_with_their_sentence():
    got = [s for s, _, _ in sentences('Mao said China would "lean to one side." Stalin agreed.')]
    assert got == ['Mao said China would "lean to one side."', "Stalin agreed."]


def test_list_lines_are_separate_units_and_wrapped_lines_are_joined():
    text = ("The first line of a hard-wrapped paragraph runs on past sixty characters\nand continues here.\n\n"
            "- Mao needed money\n- Stalin wanted ports")
    got = [s for s, _, _ in sentences(text)]
    assert got == ["The first line of a hard-wrapped paragraph runs on past sixty characters\nand continues here.",
                   "Mao needed money", "Stalin wanted ports"]


def test_name_line_and_copied_question_are_front_matter_not_counted():
    text = ("Jo Bloggs 12 March 2024\n\n" + " ".join(PROMPT.words) + "\n\n"
            "Mao needed aid. Stalin wanted security.\n\nThe middle paragraph.\n\nIn the end Mao chose Moscow.")
    doc = document_from_text(text)
    result = analyse(doc, PROMPT)
    roles = [(doc.text[s.start : s.end][:12], s.role, s.position) for s in result.items]
    assert roles[0] == ("Jo Bloggs 12", "header", "")
    assert {r[1] for r in roles[1:-4]} == {"question"}
    assert roles[-4:] == [("Mao needed a", "sentence", "opening"), ("Stalin wante", "sentence", "opening"),
                          ("The middle p", "sentence", "body"), ("In the end M", "sentence", "conclusion")]
    assert result.word_count == 15


def test_one_paragraph_essay_has_opening_and_conclusion_fifths():
    text = " ".join(f"Sentence number {i} is here." for i in range(10))
    positions = [p for _, _, p in sentences(text)]
    assert positions == ["opening"] * 2 + ["body"] * 6 + ["conclusion"] * 2


def test_headings_are_marked():
    got = sentences("Introduction\n\nMao needed aid from Moscow after the war.\n\nThe Soviet view\n\nStalin wanted ports.")
    assert [r for _, r, _ in got] == ["header", "sentence", "heading", "sentence"]


def test_count_words_counts_like_a_word_processor():
    assert count_words("Sino-Soviet alliance — signed in 1950 (Moscow).") == 6
    assert count_words("__ -- 12 _a_ \u2003x\x1cy  ١٢") == 5  # separators of other scripts; digits of other scripts


@given(st.text(alphabet="ab٣²_-—.  \u2003\x1c\n\u200b漢", max_size=30))
def test_count_words_counts_the_pieces_that_hold_a_letter_or_digit(text):
    """The word count is the number of white-space separated pieces that hold a letter or digit of any script."""
    import re

    assert count_words(text) == len(re.findall(r"(?<!\S)\S*?[^\W_]", text))


@given(st.text(alphabet="abcZé09١² .!?…)'’\"\n[]-\u200b_", max_size=40), st.integers(0, 8), st.integers(0, 8))
@example("the membrane.Osmosis is", 0, 0)
@example("goes to the ribosome2. Then", 0, 0)
@example("ab1. Then", 1, 0)
@example("across the sea. Then 1950. Later", 0, 0)
@example("commu-\nnists of 1949.", 0, 0)
@example("abc12) x", 0, 3)
@example("signed in 1950. Then ab12. and x²1. and é9)", 0, 0)
def test_the_quick_patterns_find_what_the_full_ones_find(text, start, cut):
    """Sentence ends and words are found with quicker patterns where those find the same."""
    start, end = min(start, len(text)), max(min(start, len(text)), len(text) - cut)
    assert ([m.span() for m in sentence_ends(text, start, end)]
            == [m.span() for m in _SENTENCE_END.finditer(text, start, end)])
    assert word_pattern(text, start, end).findall(text, start, end) == _WORD.findall(text, start, end)


@given(st.text(alphabet="abcZ09١²³ .,'’‘“”—–…\u00a0\u200b-éß", max_size=60))
@example("the treaty of １９５０ was signed")
@example("in ١٩٤٩ Mao went")
@example("Mao’s “alliance” — signed")
def test_a_sentence_said_to_hold_no_digits_has_no_word_with_one(text):
    """The shortcut that skips year and number scans never skips a sentence with a digit in a word."""
    doc = document_from_text("Then " + text)
    for s in analyse(doc, None).items:
        if not may_hold_digits(doc.text, s):
            assert not any(ch.isdigit() for t in s.tokens for ch in t.norm)
        # found once when the essay is split, and the same as a search of the sentence made elsewhere
        made_elsewhere = Sentence(s.index, s.start, s.end, s.paragraph, s.tokens)
        assert s.digits is not None and may_hold_digits(doc.text, made_elsewhere) == s.digits


def _tokens_as_first_written(text: str) -> list[tuple]:
    """Words as the word pattern (the Unicode one, with the list-number alternative) matches them, each with its
    own span: what `tokenize` gives, worked out the plain way."""
    from grader.text import normalise

    out = []
    for m in _WORD.finditer(text):
        norm = normalise(m[0])
        if norm:
            out.append((m.start(), m.end(), norm, len(m[0]) > 1 and m[0].isupper()))
    return out


@given(st.text(alphabet="aZé9'’-\u200b. \n\t)_ß", max_size=40) | st.text(alphabet="abZ09'-. \n)(", max_size=60))
@example("Goes to the ribosome2. Then the cell-\nwall and the students' work, 1950s and ATP.")
@example("abc abcd ab ab")
def test_tokens_are_the_word_patterns_matches_in_ascii_text_and_any_other(text):
    """Tokens are found by the quicker patterns (ASCII ones for ASCII text, no list-number alternative where none
    can match) and placed by finding each word's text: the same words and spans as the full pattern's matches."""
    assert [(t.start, t.end, t.norm, t.upper) for t in tokenize(text)] == _tokens_as_first_written(text)
