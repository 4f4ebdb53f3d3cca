"""Any question, any scale: a rubric's own mark scale, answer-level scoring, the short-answer preset, a
prompt that holds a passage, and matching that works for a new subject's words."""
from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from grader import grade_text, load_rubric
from grader.cli import main
from grader.errors import RubricError
from grader.marks import mark_from_percent
from grader.rubric import rubric_from_yaml

from .conftest import DATA

HEART = DATA / "short" / "heart.yaml"
TWO_PARTS = "Valves shut so the blood cannot flow backwards. The ventricles contract and push the blood out."


@pytest.fixture(scope="module")
def heart():
    return load_rubric(HEART)


def _levels(result):
    return {e.id: e.level for e in result.elements}


def test_the_mark_is_looked_up_from_the_parts_found(heart):
    result = grade_text(TWO_PARTS, heart)
    assert result.mark == 2 and result.score == 2 and result.max_score == 3 and result.percent == pytest.approx(66.7)
    assert result.rubric.mark.max == 3
    assert grade_text("The heart is a red organ in the chest.", heart).mark == 0


def test_a_group_counts_only_up_to_its_cap(heart):
    three = TWO_PARTS + " The thick muscle makes a high pressure."
    result = grade_text(three, heart)
    assert _levels(result)["pressure"] == 1  # found, but the group of three counts two
    assert result.mark == 2
    assert [e.points for e in result.elements] == [1, 1, 0, 0]
    assert grade_text(three + " The right ventricle pumps blood to the lungs.", heart).mark == 3


def test_the_short_answer_preset_reads_a_one_line_answer(heart):
    # one line, no full stop, a missing space after a full stop, and a question back: all still read
    result = grade_text("Valves shut so blood cannot flow backwards.The ventricles contract and push it out", heart)
    assert result.mark == 2 and not result.flags
    asked = grade_text("Do the valves shut so blood cannot go backwards? Yes, and the ventricles contract.", heart)
    assert _levels(asked)["valves"] == 1


def test_the_essay_rubric_keeps_its_essay_rules():
    from grader.rules import settings_for

    essay = settings_for(load_rubric())
    assert essay.enabled("too_short") and essay.enabled("heading") and essay["developed"].min_details == 3
    short = settings_for(load_rubric(HEART))
    assert not short.enabled("too_short") and not short.enabled("heading") and short["developed"].min_details == 0


def test_the_rubric_rules_key_overrides_the_preset():
    text = HEART.read_text(encoding="utf-8").replace("kind: short_answer", "kind: short_answer\nrules: {heading: {enabled: true}}")
    from grader.rules import settings_for

    assert settings_for(rubric_from_yaml(text, "heart.yaml")).enabled("heading")


def test_passage_words_earn_but_the_question_words_alone_do_not(heart):
    # "ventricle", "pumps" and "lungs" stand in the passage the prompt holds: they still earn
    assert _levels(grade_text("The right ventricle pumps blood to the lungs.", heart))["lungs"] == 1
    # without question_words, the prompt's passage words would earn nothing by themselves
    text = HEART.read_text(encoding="utf-8")
    text = "\n".join(line for line in text.splitlines() if not line.startswith("question_words:"))
    without = rubric_from_yaml(text, "heart.yaml")
    assert _levels(grade_text("The right ventricle pumps blood to the lungs.", without))["lungs"] == 0


@pytest.mark.parametrize("percent, low, high, mark", [
    (0, 0, 10, 0), (44.9, 0, 10, 4), (45.0, 0, 10, 5), (100, 0, 10, 10), (50, 1, 5, 3), (62.4, 0, 4, 2), (62.5, 0, 4, 3),
])
def test_a_mark_from_the_percentage_rounds_half_up_on_the_scale(percent, low, high, mark):
    rubric = load_rubric().model_copy(update={"mark": load_rubric().mark.model_copy(update={"min": low, "max": high})})
    assert mark_from_percent(rubric, percent) == mark


def test_the_bundled_rubric_marks_out_of_ten():
    result = grade_text((DATA / "essay_developed.txt").read_text(encoding="utf-8"))
    assert result.rubric.mark.min == 0 and result.rubric.mark.max == 10
    assert result.mark == int(result.percent / 10 + 0.5)


@pytest.mark.parametrize("change, message", [
    ("mark: {min: 3, max: 3}", "the scale must run upwards: min 3 is not below max 3"),
    ("mark: {min: 0, max: 2}", "3 is outside the mark scale 0-2"),
])
def test_a_scale_that_cannot_hold_the_marks_is_a_one_line_error(change, message):
    text = HEART.read_text(encoding="utf-8").replace("mark: {min: 0, max: 3}", change)
    with pytest.raises(RubricError) as caught:
        rubric_from_yaml(text, "heart.yaml")
    assert message in str(caught.value) and "heart.yaml:" in str(caught.value)


@pytest.mark.parametrize("groups, message", [
    ("[{elements: [valves, nerves], max: 1}]", "'nerves' is not an element's id"),
    ("[{elements: [valves], max: 1}, {elements: [valves, lungs], max: 1}]", "'valves' is already in another group"),
])
def test_scoring_groups_name_each_known_part_once(groups, message):
    text = HEART.read_text(encoding="utf-8").replace(
        "groups:\n    - {elements: [valves, chambers, pressure], max: 2}", f"groups: {groups}")
    with pytest.raises(RubricError) as caught:
        rubric_from_yaml(text, "heart.yaml")
    assert message in str(caught.value)


def test_batch_gradebook_and_overview_show_the_rubric_mark(tmp_path):
    answers = tmp_path / "answers"
    answers.mkdir()
    (answers / "ann.txt").write_text(TWO_PARTS, encoding="utf-8")
    (answers / "bo.txt").write_text("Blood is red.", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(answers), "-o", str(out), "--rubric", str(HEART), "--quiet"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO((out / "gradebook.csv").read_text(encoding="utf-8-sig"))))
    assert list(rows[0])[:7] == ["student", "file", "score", "max_score", "percent", "mark", "band"]
    assert {r["student"]: r["mark"] for r in rows} == {"ann": "2", "bo": "0"}
    overview = (out / "overview.html").read_text(encoding="utf-8")
    assert "Marks (0–3)" in overview and "Number of students at each mark from 0–3" in overview
    assert "Mark: <strong>2 / 3</strong>" in (out / "reports" / "ann.html").read_text(encoding="utf-8")


def test_evaluate_works_on_the_rubric_scale(tmp_path):
    answers = tmp_path / "answers"
    answers.mkdir()
    texts = {"ann": TWO_PARTS, "bo": "Blood is red.", "cy": TWO_PARTS + " The right ventricle pumps blood to the lungs.",
             "di": "Valves shut so the blood cannot flow backwards."}
    for name, text in texts.items():
        (answers / f"{name}.txt").write_text(text, encoding="utf-8")
    labels = tmp_path / "labels.jsonl"
    labels.write_text("\n".join(json.dumps({"id": k, "overall": v}) for k, v in
                                {"ann": 2, "bo": 0, "cy": 3, "di": 1}.items()), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(answers), "--labels", str(labels), "--rubric", str(HEART),
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.output)
    assert figures["overall"]["grader"]["qwk"] == 1.0 and figures["confusion"]["rows"] == "teacher mark 0-3"
    labels.write_text(json.dumps({"id": "ann", "overall": 4}), encoding="utf-8")
    bad = CliRunner().invoke(main, ["evaluate", str(answers), "--labels", str(labels), "--rubric", str(HEART)])
    assert bad.exit_code != 0 and "from 0 to 3 (the rubric's mark scale), got 4" in bad.output


@pytest.mark.parametrize("phrase, written, found", [
    ("mass", "The masses were measured.", True),
    ("attach", "The anticodon attaches to the codon.", True),
    ("anticodon", "Anticodons pair with codons.", True),
    ("carry", "It carries oxygen.", True),
    ("ATP", "The cell makes atp in the mitochondria.", True),
    ("RNA", "The rna leaves the nucleus.", True),
    ("US", "Stalin told us nothing.", False),
    ("US", "The US refused to recognise China.", True),
    ("coolest", "White kept the doghouse coolest.", True),
    ("coolest", "It stays cool inside.", False),
    ("heavier", "Say how heavy the weights are.", False),
    ("heavy", "They used heavier weights.", True),
])
def test_word_forms_and_acronyms_match_as_a_reader_expects(phrase, written, found):
    from grader.terms import compile_terms
    from grader.text import tokenize

    rubric = load_rubric(HEART).model_copy(update={"terms": {"word": [phrase]}})
    settings = rubric.compiled.settings
    terms = compile_terms(rubric, settings["misspelling"], settings["evidence"])
    assert any(o.group == "word" for o in terms.find(tokenize(written))) is found


def test_a_part_that_requires_another_counts_only_beside_it():
    text = HEART.read_text(encoding="utf-8").replace("  marks: [0, 1, 2, 3]", "  marks: [0, 1, 2, 3]\n  requires: {lungs: [valves]}")
    rubric = rubric_from_yaml(text, "heart.yaml")
    alone = grade_text("The right ventricle pumps blood to the lungs.", rubric)
    assert _levels(alone)["lungs"] == 1 and alone.mark == 1  # the chambers count; the lungs need the valves
    beside = grade_text(f"{TWO_PARTS} The right ventricle pumps blood to the lungs.", rubric)
    assert beside.mark == 3
    with pytest.raises(RubricError, match="'nerves' is not an element's id"):
        rubric_from_yaml(text.replace("requires: {lungs: [valves]}", "requires: {lungs: [nerves]}"), "heart.yaml")


@pytest.mark.parametrize("text, sentences", [
    ("The mRNA goes to a ribosome2. Then tRNA brings amino acids.", ["The mRNA goes to a ribosome2.", "Then tRNA brings amino acids."]),
    ("It leaves the nucleus.2) tRNA brings acids.", ["It leaves the nucleus.", "2) tRNA brings acids."]),
    ("B stretched the most. b) Two ways to improve it.", ["B stretched the most.", "b) Two ways to improve it."]),
    ("Plants take in CO2. They make sugar.", ["Plants take in CO2.", "They make sugar."]),
    ("It was done by hand, e.g. by me. then it dried.", ["It was done by hand, e.g. by me. then it dried."]),
])
def test_answers_typed_in_a_hurry_split_where_a_reader_would(text, sentences):
    from grader.text import split_sentences

    assert [text[a:b] for a, b, _ in split_sentences(text, 0, len(text))] == sentences


def test_a_list_number_typed_onto_a_word_is_not_part_of_it():
    from grader.text import tokenize

    assert [t.norm for t in tokenize("to a ribosome2. Then")] == ["to", "a", "ribosome", "2", "then"]
    assert [t.norm for t in tokenize("CO2 and H2O")] == ["co2", "and", "h2o"]


def test_a_hyphen_beside_a_small_word_is_a_dash(heart):
    from grader.text import tokenize

    dash = tokenize("Osmosis-the movement")
    assert not dash[0].joined_after and not dash[1].joined_before
    compound = tokenize("the Sino-Soviet treaty")
    assert compound[1].joined_after and compound[2].joined_before


def test_a_label_before_its_description_reads_as_one_sentence_in_a_short_answer(heart):
    result = grade_text("Valves. They shut so blood cannot go backwards.", heart)
    assert [q.text for q in result.elements[0].evidence] == ["Valves. They shut so blood cannot go backwards."]
    from grader.rules import settings_for

    assert settings_for(load_rubric())["evidence"].label_words == 0  # an essay's short sentences stand alone
    claim = grade_text("Valves are key. Valves shut so blood cannot go backwards.", heart)  # "are": a sentence of its own
    assert [q.text for q in claim.elements[0].evidence] == ["Valves shut so blood cannot go backwards."]


def test_a_term_the_dictionary_reads_as_a_small_word_matches_only_itself():
    from grader.terms import compile_terms
    from grader.text import tokenize

    rubric = load_rubric(HEART).model_copy(update={"terms": {"sodium": ["Na"]}})
    settings = rubric.compiled.settings
    terms = compile_terms(rubric, settings["misspelling"], settings["evidence"])
    assert not terms.find(tokenize("It uses a pump to move ions."))
    assert terms.find(tokenize("The pump moves Na out."))


def test_a_sentence_of_the_question_words_with_a_term_of_its_own_is_an_answer(heart):
    # "Describe three things that keep blood moving the right way through the heart" is the question
    echo = grade_text("Three things keep the blood moving the right way through the heart.", heart)
    assert any(f.code == "prompt_echo" for f in echo.flags)
    answer = grade_text("Three things keep the blood moving the right way through the heart: the valves stop backflow.", heart)
    assert not any(f.code == "prompt_echo" for f in answer.flags) and answer.elements[0].level == 1
