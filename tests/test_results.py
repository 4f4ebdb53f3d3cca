"""The result contract: schema, key order, spans that point into the extracted text, and determinism."""
from __future__ import annotations

import json

from grader import grade_file, grade_text
from grader.results import half_up, json_schema

from .conftest import DATA, ROOT

CONTRACT_KEYS = ["schema", "file", "student", "name", "rubric", "word_count", "front_matter_paragraphs", "score",
                 "max_score", "percent", "band", "mark", "elements", "facts", "flags", "strengths", "improvements",
                 "grader_mark", "adjusted_by_teacher", "teacher_comment"]


def test_schema_file_is_generated_from_the_model():
    on_disk = json.loads((ROOT / "docs" / "result.schema.json").read_text(encoding="utf-8"))
    assert on_disk == json_schema(), "refresh with: python -m grader.results > docs/result.schema.json"


def test_result_keys_in_contract_order(rubric, validate):
    data = validate(grade_file(DATA / "essay_developed.txt", rubric))
    assert list(data) == CONTRACT_KEYS
    assert data["schema"] == "grader.result/1"
    assert list(data["elements"][0]) == ["id", "title", "level", "points", "max_points", "feedback", "evidence", "stance",
                                         "grader_level", "adjusted_by_teacher", "teacher_comment"]
    stances = {e["id"]: e["stance"] for e in data["elements"]}
    assert stances["natural_judgement"] in ("natural", "partly", "not_natural") and stances["ccp_view"] is None
    assert list(data["elements"][0]["evidence"][0]) == ["text", "start", "end", "paragraph", "terms"]


def test_developed_essay_scores_by_the_formula(rubric, validate):
    result = grade_file(DATA / "essay_developed.txt", rubric, name="essay_developed.txt")
    validate(result)
    assert result.file == "essay_developed.txt" and result.student == "essay_developed"
    assert result.max_score == 20
    assert result.score == half_up(sum(e.points for e in result.elements), 2)
    complete = all(e.level == 2 for e in result.elements)
    kept = 1 if complete else 1 - rubric.rules["developed"]["complete_share"]
    for element in result.elements:
        assert element.points == half_up(element.max_points * (0, rubric.thin_credit, 1)[element.level] * kept, 2)
    assert result.percent == half_up(100 * result.score / result.max_score, 1)
    assert result.word_count == 310  # the name line is not counted
    assert [f.id for f in result.facts if f.status == "correct"] == [
        "prc_proclaimed", "acheson_speech", "kmt_treaty_1945", "treaty_signed", "soviet_loan"]


def test_thin_credit_sets_what_a_thin_part_earns(rubric):
    halves = rubric.model_copy(update={"thin_credit": 0.5, "rules": {"developed": {"complete_share": 0}}})
    thin = [e for e in grade_file(DATA / "essay_refusing_parts.txt", halves).elements if e.level == 1]
    assert thin and all(e.points == e.max_points / 2 for e in thin)
    default = grade_file(DATA / "essay_refusing_parts.txt", rubric)
    assert rubric.thin_credit == 0.35 and rubric.rules["developed"]["complete_share"] == 0.15
    assert [e.points for e in default.elements if e.level == 1] == [half_up(e.max_points * 0.35 * 0.85, 2)
                                                                    for e in thin]


def test_only_a_complete_answer_earns_every_part_in_full(rubric):
    complete = grade_file(ROOT / "samples" / "hard" / "tariq.txt", rubric)  # every part developed
    assert {e.level for e in complete.elements} == {2} and complete.score == complete.max_score
    partial = grade_file(ROOT / "samples" / "hard" / "agnes.txt", rubric)  # strong on Moscow's side only
    assert {e.level for e in partial.elements} == {1, 2}
    assert all(e.points == half_up(e.max_points * (0.35 if e.level == 1 else 1) * 0.85, 2) for e in partial.elements)
    flat = grade_file(ROOT / "samples" / "hard" / "agnes.txt", rubric.model_copy(update={"rules": {}}))
    assert [e.level for e in flat.elements] == [e.level for e in partial.elements]
    assert abs(partial.score - 0.85 * flat.score) <= 0.05  # every part, developed ones too, holds 15% back


def test_strengths_quote_the_student(rubric):
    result = grade_file(DATA / "essay_developed.txt", rubric)
    text = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    assert result.strengths
    for strength in result.strengths:
        quoted = strength.split("“", 1)[1].split("”", 1)[0].rstrip(" …")
        assert quoted in " ".join(text.split())


def test_flags_act_through_levels(rubric):
    refusing = grade_file(DATA / "essay_refusing_parts.txt", rubric)
    assert [f.code for f in refusing.flags] == ["too_short"]
    assert max(e.level for e in refusing.elements) == 1
    levels = {e.id: e.level for e in refusing.elements}
    assert levels["ussr_view"] == 0 and levels["natural_judgement"] == 0  # the parts it refuses
    off = grade_file(DATA / "essay_off_topic_split.txt", rubric)
    assert [f.code for f in off.flags] == ["off_topic"] and off.score == 0


def test_gaming_essays_earn_nothing(rubric):
    for name, flag in [("essay_keyword_list.txt", "keyword_list"), ("essay_pasted_question.txt", "prompt_echo"),
                       ("essay_meta_only.txt", "off_topic")]:
        result = grade_file(DATA / name, rubric)
        assert result.score == 0, name
        assert flag in [f.code for f in result.flags], name


def test_copied_source_earns_nothing_and_quoted_source_raises_no_flag(rubric):
    result = grade_file(DATA / "essay_copied_source.txt", rubric)
    assert [f.code for f in result.flags if f.code == "source_overlap"] == ["source_overlap"]
    assert "1 sentence copies" in next(f.message for f in result.flags if f.code == "source_overlap")


def test_same_input_same_bytes(rubric):
    first = grade_file(DATA / "essay_developed.txt", rubric).to_json()
    second = grade_file(DATA / "essay_developed.txt", rubric).to_json()
    assert first == second


def test_grade_text_and_grade_file_agree(rubric):
    text = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    by_text = grade_text(text, rubric, name="x.txt").to_dict()
    by_file = grade_file(DATA / "essay_developed.txt", rubric, name="x.txt").to_dict()
    assert by_text == by_file


def test_compact_json_is_one_line(rubric):
    line = grade_file(DATA / "essay_developed.txt", rubric).to_json(indent=None)
    assert "\n" not in line and json.loads(line)["schema"] == "grader.result/1"


def test_the_compact_line_is_what_json_dumps_writes(rubric):
    """The compact line is pydantic's, for speed; it must be the same characters as the standard library's."""
    results = [grade_file(path, rubric) for path in sorted((ROOT / "samples").glob("*.txt"))[:40]]
    results.append(grade_text("Mao signed the treaty in 1950 \x01\x7f \u2028 \"quoted\" back\\slash 😀 é\ttab. Stalin "
                              "sent aid in 1950, 3.5% of it, “curly”.", rubric, name="naïve \"name\".txt"))
    for result in results:
        expected = json.dumps(result.to_dict(), ensure_ascii=False, separators=(",", ":"))
        assert result.to_json(indent=None) == expected, result.file


def test_evidence_with_two_false_claims_is_not_developed(rubric):
    """Accurate evidence is mostly accurate: one slip among many right facts keeps it developed, two do not."""
    slips = grade_file(ROOT / "samples" / "fresh2" / "amir.txt", rubric)  # seven facts right, two wrong
    one = grade_file(ROOT / "samples" / "hard" / "cedric.txt", rubric)  # sixteen right, one wrong
    level = {r.file: next(e.level for e in r.elements if e.id == "evidence") for r in (slips, one)}
    assert [sum(f.status == "incorrect" for f in r.facts) for r in (slips, one)] == [2, 1]
    assert level == {slips.file: 1, one.file: 2}
    unlimited = rubric.model_copy(update={"elements": [
        e.model_copy(update={"developed": e.developed.model_copy(update={"errors": None})}) if e.id == "evidence" else e
        for e in rubric.elements]})
    assert next(e.level for e in grade_file(ROOT / "samples" / "fresh2" / "amir.txt", unlimited).elements
                if e.id == "evidence") == 2
