"""How sentences are judged, each behaviour shown on a real essay in tests/data: misspelt names, hedges,
questions, the question pasted back, repeats, notes, the final reason's position, a judgement that is only
the word "natural", and essays on another question."""
from __future__ import annotations

import pytest

from grader import grade_file
from grader.documents import read_document
from grader.grading import analyse_document
from grader.rubric import Limits

from .conftest import DATA, SAMPLES


@pytest.fixture(scope="module")
def lenient(rubric):
    """The bundled rubric without length limits, so a short fixture shows the one behaviour it is about."""
    return rubric.model_copy(update={"limits": Limits(min_words=0), "rules": {"off_topic": {"min_sentences": 0}}})


def analysis(name, rubric):
    document = read_document(DATA / name)
    return document, analyse_document(document, rubric)


def evidence(name, rubric):
    document, found = analysis(name, rubric)
    return {element: [document.text[h.start : h.end] for h in hits] for element, hits in found.hits.items() if hits}


def levels(name, rubric):
    return {e.id: e.level for e in grade_file(DATA / name, rubric).elements}


def test_misspelt_names_match_only_in_fuzzy_groups(rubric):
    document, found = analysis("essay_misspelt_names.txt", rubric)
    written = {(document.text[o.start : o.end], o.group) for occ in found.occurrences for o in occ}
    assert {("Stallin", "ussr"), ("Stallin", "people"), ("Mao Tse Tung", "ccp"), ("Manchurea", "places"),
            ("Chiang", "kmt")} <= written
    assert not [w for w in written if w[0] == "aliance"]  # "alliance" is not a fuzzy group: no match there
    assert not [w for w in written if w[0] == "Stallin" and w[1] == "against"]
    assert any("Stallin feared" in s for s in evidence("essay_misspelt_names.txt", rubric)["ussr_view"])


def test_hedged_judgement_and_final_reason_earn_nothing(rubric):
    found = evidence("essay_hedged.txt", rubric)
    assert "natural_judgement" not in found and "final_reason" not in found
    assert "ccp_view" in found and "ussr_view" in found


def test_questions_earn_nothing(rubric):
    document, found = analysis("essay_rhetorical_questions.txt", rubric)
    reasons = [found.screened[s.index] for s in found.sentences.items]
    assert reasons == ["question"] * 4 + [None]


def test_question_parts_pasted_mid_essay_earn_nothing(rubric):
    document, found = analysis("essay_parts_pasted.txt", rubric)
    reasons = [(document.text[s.start : s.end][:20], found.screened[s.index]) for s in found.sentences.items]
    assert [r for _, r in reasons] == [None, None, "prompt_echo", "prompt_echo", "prompt_echo"]
    assert "prompt_echo" in [f.code for f in grade_file(DATA / "essay_parts_pasted.txt", rubric).flags]


def test_repeated_sentence_counts_once(rubric_words_not_a_source):
    found = evidence("essay_repeated_sentences.txt", rubric_words_not_a_source)
    assert found["ussr_view"] == ["Stalin feared that Mao might become an Asian Tito."]


def test_notes_show_a_part_but_cannot_develop_it(lenient):
    found = levels("essay_bullet_notes.txt", lenient)
    assert found["ccp_view"] == 1 and found["final_reason"] == 1


def test_final_reason_counts_fully_only_in_the_conclusion(lenient):
    assert levels("essay_final_reason_opening.txt", lenient)["final_reason"] == 1
    assert levels("essay_final_reason_conclusion.txt", lenient)["final_reason"] == 2


def test_final_reason_ranked_as_the_main_one_counts_after_the_opening(lenient):
    assert levels("essay_final_reason_ranked_in_body.txt", lenient)["final_reason"] == 2


def test_answer_to_the_essays_own_question_carries_its_subject(lenient):
    found = evidence("essay_final_reason_answered_question.txt", lenient)
    assert found["final_reason"] == [
        "The new state could not defend itself against an American attack, and only Moscow offered a military "
        "guarantee and credits to rebuild."]
    assert levels("essay_final_reason_answered_question.txt", lenient)["final_reason"] == 2


def test_stalins_reasons_are_not_maos(lenient):
    assert levels("essay_final_reason_stalin_only.txt", lenient)["final_reason"] == 0


def test_many_reasons_named_none(lenient):
    assert levels("essay_final_reason_vague.txt", lenient)["final_reason"] == 0


def test_a_generic_benefit_is_no_final_reason(lenient):
    """"It would benefit China and help it achieve its goals" names no reason; loans and experts do."""
    assert levels("essay_final_reason_generic.txt", lenient)["final_reason"] == 0
    assert levels("essay_final_reason_specific.txt", lenient)["final_reason"] >= 1


def test_the_word_natural_alone_is_no_judgement(rubric):
    assert "natural_judgement" not in evidence("essay_natural_word_only.txt", rubric)


@pytest.mark.parametrize("name", ["essay_off_topic_korea.txt", "essay_off_topic_great_leap.txt",
                                  "essay_off_topic_split.txt"])
def test_essay_on_another_question_is_off_topic(rubric, name):
    result = grade_file(DATA / name, rubric)
    assert [f.code for f in result.flags] == ["off_topic"]
    assert result.score == 0


def test_quoted_source_earns_neither_credit_nor_flag(rubric):
    document, found = analysis("essay_copied_source.txt", rubric)
    reasons = [found.screened[s.index] for s in found.sentences.items]
    assert reasons == ["source_overlap", "quoted_source", None]
    result = grade_file(DATA / "essay_copied_source.txt", rubric)
    assert "1 sentence copies" in next(f.message for f in result.flags if f.code == "source_overlap")


def test_refused_parts_are_missing(rubric):
    found = levels("essay_refusing_parts.txt", rubric)
    assert found["ussr_view"] == 0 and found["natural_judgement"] == 0 and found["ccp_view"] == 1


def test_a_stretch_that_recycles_the_same_words_earns_nothing(rubric):
    document, found = analysis("essay_repetitive_filler.txt", rubric)
    assert {found.screened[s.index] for s in found.sentences.items} <= {"repetitive", "keyword_list", "prompt_echo"}
    result = grade_file(DATA / "essay_repetitive_filler.txt", rubric)
    assert result.score == 0 and "keyword_list" in [f.code for f in result.flags]
    assert "only repeat the same few terms" in next(f.message for f in result.flags if f.code == "keyword_list")


def test_plain_prose_that_repeats_names_is_not_filler(rubric):
    _, found = analysis("essay_developed.txt", rubric)
    assert "repetitive" not in found.screened and "keyword_list" not in found.screened


def test_judgement_stated_once_is_developed_by_the_argument_around_it(rubric):
    essay = SAMPLES / "ben.txt"  # one sentence judges; both sides and the tensions are argued in full
    assert len(analyse_document(read_document(essay), rubric).hits["natural_judgement"]) == 1
    assert {e.id: e.level for e in grade_file(essay, rubric).elements}["natural_judgement"] == 2
    element = rubric.element("natural_judgement")
    alone = element.model_copy(update={"developed": element.developed.model_copy(update={"or_with": []})})
    without = rubric.model_copy(update={"elements": [alone if e.id == alone.id else e for e in rubric.elements]})
    assert {e.id: e.level for e in grade_file(essay, without).elements}["natural_judgement"] == 1


@pytest.mark.parametrize("conclusion, stance", [
    ("In the end it was a marriage of convenience, not a natural alliance.", "not_natural"),
    ("In the end it was a natural partnership of two communist parties.", "natural"),
    ("In the end the alliance was natural in ideology but unnatural in national interest.", "partly"),
])
def test_the_judgement_records_the_stance_it_credits(rubric, conclusion, stance):
    from grader import grade_text

    essay = (DATA / "essay_developed.txt").read_text(encoding="utf-8") + "\n\n" + conclusion
    result = grade_text(essay, rubric)
    (judgement,) = [e for e in result.elements if e.id == "natural_judgement"]
    assert judgement.stance == stance


def test_a_good_answer_with_an_epilogue_keeps_its_marks_and_the_epilogue_earns_nothing(rubric):
    from grader import grade_text

    essay = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    epilogue = ("\n\nAfter Stalin died, Khrushchev denounced him in the secret speech of 1956, and Mao was angered. "
                "The Great Leap Forward followed, and Khrushchev withdrew the advisers in 1960. "
                "The Sino-Soviet split was complete by the time of the border clashes at Zhenbao in 1969.")
    alone, with_epilogue = grade_text(essay, rubric), grade_text(essay + epilogue, rubric, explain=True)
    assert "off_topic" not in {f.code for f in with_epilogue.flags}
    assert [e.level for e in with_epilogue.elements] == [e.level for e in alone.elements]
    last = max(s.paragraph for s in with_epilogue.sentences)
    shown = with_epilogue.shown_paragraph(last)
    assert {s.rule for s in with_epilogue.sentences if s.paragraph == last} == {"digression"}
    assert f"Paragraph {shown} is about a different question and earns nothing: keep to the question asked." \
        in with_epilogue.improvements


def test_an_essay_dated_only_outside_the_questions_period_is_off_topic(rubric):
    """An essay on the 1920s and 1930s in the question's words states many years, none of them 1945-1950."""
    result = grade_file(DATA / "essay_off_topic_1930s.txt", rubric)
    assert "off_topic" in [f.code for f in result.flags] and result.score == 0
    assert "All 8 of the essay's dates fall outside the years this question is about (1945-1950)" in next(f.message for f in result.flags if f.code == "off_topic")
    fewer = rubric.model_copy(update={"rules": {**rubric.rules, "off_topic": {"period_years": 9}}})
    assert "off_topic" not in {f.code for f in grade_file(DATA / "essay_off_topic_1930s.txt", fewer).flags}
    without = rubric.model_copy(update={"period": None})
    assert "off_topic" not in {f.code for f in grade_file(DATA / "essay_off_topic_1930s.txt", without).flags}


def test_an_essay_dated_almost_only_outside_the_questions_period_is_off_topic(rubric):
    """A date or two of the question's years in passing does not bring an essay about another period on topic."""
    from grader import grade_text

    essay = (DATA / "essay_off_topic_1930s.txt").read_text(encoding="utf-8")
    essay += "\n\nIt was not the last such bargain: in 1949 the Communists won the civil war."
    flags = {f.code: f.message for f in grade_text(essay, rubric).flags}
    assert "8 of the essay's 9 dates fall outside the years this question is about" in flags["off_topic"]
    lenient = rubric.model_copy(update={"rules": {**rubric.rules, "off_topic": {"period_share": 0.1}}})
    assert "off_topic" not in {f.code for f in grade_text(essay, lenient).flags}


def test_background_from_the_1920s_keeps_an_answer_on_topic(rubric):
    from grader import grade_text

    essay = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    background = ("\n\nThe roots of the mistrust lay in 1921, 1923, 1927, 1931 and 1935, when the Comintern repeatedly "
                  "put Soviet interests before those of the Chinese communists.")
    assert "off_topic" not in {f.code for f in grade_text(essay + background, rubric).flags}


def test_five_dates_outside_the_period_make_another_period_four_do_not(rubric):
    from grader import grade_text

    paragraphs = (DATA / "essay_off_topic_1930s.txt").read_text(encoding="utf-8").split("\n\n")
    four = "\n\n".join(paragraphs[:4])  # 1921, 1923, 1924 and 1927
    five = four + "\n\nMoscow-trained leaders such as Wang Ming took over the party in 1931."

    def period_flag(text):
        return any("fall outside the years" in f.message for f in grade_text(text, rubric).flags)

    assert [period_flag(four), period_flag(five)] == [False, True]


def test_a_leading_he_carries_the_person_named_before_it(lenient):
    found = evidence("essay_pronoun_subjects.txt", lenient)
    assert "He wanted a loyal ally in the East, so in the end he agreed to a new treaty." in found["ussr_view"]
