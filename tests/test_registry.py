"""The rule registry seen from outside: `grader rules`, a rubric's `rules:` key, docs/rules.md and
`grader grade --explain`."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from grader import grade_file, grade_text, load_rubric
from grader.cli import main
from grader.documents import read_document
from grader.rules import RULES

from .conftest import DATA, ROOT, SAMPLES

BUNDLED = ROOT / "rubrics" / "sino-soviet-alliance.yaml"
FLAG_CODES = {"off_topic", "too_short", "keyword_list", "prompt_echo", "source_overlap"}
SCREEN_REASONS = {"front_matter", "note", "empty", "heading", "prompt_echo", "keyword_list", "source_overlap",
                  "quoted_source", "question", "refusal", "meta", "repeated", "repetitive", "wrong_fact"}


def bundled_copy() -> str:
    """The bundled rubric's text, its sources named by absolute path so that a copy elsewhere loads."""
    return BUNDLED.read_text(encoding="utf-8").replace("file: sources/", f"file: {ROOT / 'rubrics' / 'sources'}/")


def with_rules(text: str, overrides: str) -> str:
    """A rubric's text with more rule settings: `overrides` are lines indented under `rules:`, and a rule
    they name replaces the rubric's own entry for it."""
    head, found, tail = text.partition("\nrules:\n")
    assert found
    lines = tail.splitlines(keepends=True)
    end = next((i for i, line in enumerate(lines) if line.strip() and not line.startswith(" ")), len(lines))
    named = {line.split(":")[0].strip() for line in overrides.splitlines()}
    kept, skipping = [], False
    for line in lines[:end]:
        if not line.startswith("    "):
            skipping = line.split(":")[0].strip() in named
        if not skipping:
            kept.append(line)
    return head + found + overrides + "".join(kept) + "".join(lines[end:])


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_rules_json_lists_every_rule_with_typed_settings():
    done = run("rules", "--format", "json")
    assert done.exit_code == 0
    listed = json.loads(done.output)
    ids = [r["id"] for r in listed]
    assert set(ids) >= SCREEN_REASONS | FLAG_CODES | {"evidence", "developed"}
    assert ids == [r.id for r in RULES] and len(ids) == len(set(ids))
    for entry in listed:
        assert entry["description"]
        for setting in entry["settings"]:
            assert set(setting) == {"name", "type", "default", "description"}
            assert setting["type"] in ("boolean", "whole number", "number") and setting["description"]
    switchable = {r["id"] for r in listed if any(s["name"] == "enabled" for s in r["settings"])}
    assert switchable == set(ids) - {"evidence", "developed"}


@pytest.mark.listing
def test_rules_with_a_rubric_show_the_values_in_effect(tmp_path):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(with_rules(bundled_copy(), "  prompt_echo: {min_share: 0.5}\n"), encoding="utf-8")
    listed = {r["id"]: {s["name"]: s for s in r["settings"]}
              for r in json.loads(run("rules", "--rubric", str(rubric), "--format", "json").output)}
    assert listed["prompt_echo"]["min_share"]["value"] == 0.5 and listed["prompt_echo"]["min_share"]["default"] == 0.6
    assert listed["too_short"]["min_words"]["value"] == 200  # the rubric's limits.min_words
    assert listed["developed"]["thin_credit"]["value"] == 0.35  # its thin_credit
    text = run("rules", "--rubric", str(rubric)).output
    assert "min_share = 0.5 (default 0.6)" in text


SWITCH_OFF_ESSAYS = [SAMPLES / "ada.txt", DATA / "essay_keyword_list.txt", DATA / "essay_refusing_parts.txt",
                     DATA / "essay_wrong_facts.txt", DATA / "essay_copied_source.txt", DATA / "essay_off_topic_split.txt"]


@pytest.mark.parametrize("rule", [r for r in RULES if r.can_disable], ids=lambda r: r.id)
def test_every_rule_but_evidence_and_developed_can_be_switched_off(tmp_path, rule):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(with_rules(bundled_copy(), f"  {rule.id}: {{enabled: false}}\n"), encoding="utf-8")
    done = run("rubric", "check", str(rubric))
    assert done.exit_code in (0, 1), done.output
    assert run("grade", str(SAMPLES / "ada.txt"), "--rubric", str(rubric)).exit_code == 0
    switched = load_rubric(rubric)
    for essay in SWITCH_OFF_ESSAYS:  # the rule screens nothing and raises no flag any more
        result = grade_file(essay, switched, explain=True)
        assert rule.id not in {s.rule for s in result.sentences if s.status == "screened"}
        assert rule.id not in {f.code for f in result.flags}


@pytest.mark.parametrize("rule_id", ["evidence", "developed"])
def test_evidence_and_developed_cannot_be_switched_off(tmp_path, rule_id):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(with_rules(BUNDLED.read_text(encoding="utf-8"), f"  {rule_id}: {{enabled: false}}\n"),
                      encoding="utf-8")
    done = run("rubric", "check", str(rubric))
    assert done.exit_code == 2
    assert done.output.strip().endswith(f"rules.{rule_id}.enabled: the {rule_id} rule cannot be switched off")
    assert str(rubric) in done.output and len(done.output.strip().splitlines()) == 1


def test_an_unknown_rule_exits_2_naming_the_file_and_the_rule(tmp_path):
    rubric = tmp_path / "r.yaml"
    rubric.write_text(with_rules(BUNDLED.read_text(encoding="utf-8"), "  keyword_lists: {enabled: false}\n"),
                      encoding="utf-8")
    done = run("grade", str(SAMPLES / "ada.txt"), "--rubric", str(rubric))
    assert done.exit_code == 2
    assert f"{rubric}:" in done.output and "rules.keyword_lists: unknown rule 'keyword_lists'" in done.output


def test_switching_a_rule_off_changes_what_it_screened():
    text = "Mao needed Soviet loans to rebuild China after the war.\n\nMao Stalin CCP USSR treaty 1950 alliance aid"
    rubric = load_rubric("sino-soviet-alliance")
    screened = rubric.model_copy(update={"rules": {"keyword_list": {"enabled": False}, "off_topic": {"enabled": False}}})
    on = grade_text(text, rubric, explain=True)
    off = grade_text(text, screened, explain=True)
    assert [s.rule for s in on.sentences][-1] == "keyword_list"
    assert [s.rule for s in off.sentences][-1] != "keyword_list"
    assert "keyword_list" in {f.code for f in on.flags} and "keyword_list" not in {f.code for f in off.flags}


@pytest.mark.listing
def test_rules_doc_is_generated_from_the_registry():
    from grader.rules_docs import render_markdown

    on_disk = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert on_disk == render_markdown(), "refresh with: python -m grader.rules_docs > docs/rules.md"


@pytest.mark.parametrize("path", [SAMPLES / "ada.txt", DATA / "essay_refusing_parts.txt", DATA / "docx_with_footnotes.docx",
                                  DATA / "essay_keyword_list.txt"], ids=lambda p: p.name)
def test_explain_gives_an_entry_for_every_sentence(rubric, validate, path):
    from grader.grading import analyse_document

    result = grade_file(path, rubric, explain=True)
    data = validate(result)
    plain = read_document(path).text
    analysis = analyse_document(read_document(path), rubric)
    assert [(s["start"], s["end"]) for s in data["sentences"]] == [(s.start, s.end) for s in analysis.sentences.items]
    for entry in data["sentences"]:
        assert entry["text"] == plain[entry["start"] : entry["end"]]
        if entry["status"] == "screened":
            assert entry["rule"] in SCREEN_REASONS and not entry["elements"]
        elif entry["status"] == "evidence":
            assert entry["rule"] == "evidence" and entry["elements"]
        else:
            assert entry["status"] == "unused" and entry["reason"]
    evidence = {(q.start, e.id) for e in result.elements for q in e.evidence}
    explained = {(s["start"], e) for s in data["sentences"] if s["status"] == "evidence" for e in s["elements"]}
    assert evidence == explained


def test_explain_names_the_refusal_and_the_nearest_part(rubric):
    result = grade_text("Mao needed Soviet loans to rebuild China after the war.\n\n"
                        "I will not discuss the Soviet side.\n\nChina was a very large country.", rubric, explain=True)
    by_text = {s.text: s for s in result.sentences}
    assert by_text["I will not discuss the Soviet side."].rule == "refusal"
    unused = by_text["China was a very large country."]
    assert unused.status == "unused" and unused.elements == ["domestic_factors"]
    assert unused.reason == "nearest part domestic_factors: lacks a term of domestic"


def test_results_without_explain_keep_the_contract(rubric):
    result = grade_file(SAMPLES / "ada.txt", rubric)
    assert "sentences" not in result.to_dict()


def test_explain_on_the_command_line_in_text_and_json():
    text = run("grade", str(SAMPLES / "ada.txt"), "--explain")
    assert text.exit_code == 0 and "Sentence by sentence" in text.output
    data = json.loads(run("grade", str(SAMPLES / "ada.txt"), "--explain", "--format", "json").output)
    assert data["sentences"] and {"start", "end", "paragraph", "status", "rule", "reason", "elements", "terms"} <= set(
        data["sentences"][0])
