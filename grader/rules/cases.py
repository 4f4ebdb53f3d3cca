"""Each rule's cases: texts it must fire on (`test_fail_...`) and texts it must leave alone (`test_pass_...`).

One YAML file per rule in `cases/`, each with a tiny rubric of its own, so a rule's cases never break
when a bundled rubric changes. A case may change settings (`rules:`) to sit at a threshold. `fires`
lists what the rule did, in text order: for a screen rule, the sentences it screened; for `evidence`
(and the matching rules `misspelling` and `asked_question`), the sentences that are evidence; for
`attribution`, the sentences it kept from being evidence (another side acts in them); for
`developed`, the parts at level 2; for `fact_check`, each check as `status: sentence`; for a flag rule,
the flag's message. A case's `notes` are footnotes (as a Word file's notes are read, after the body).
The test suite runs every case; docs/rules.md shows the first of each kind.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from . import BY_ID

#: What a rubric of a case file gets when it leaves a key out: cases test rules, not rubrics.
_RUBRIC_DEFAULTS: dict[str, Any] = {
    "id": "case", "title": "A rule's case", "bands": [{"name": "All", "min": 0}],
}
_ELEMENT_DEFAULTS: dict[str, Any] = {
    "weight": 1,
    "feedback": {"missing": "Missing.", "thin": "Thin.", "developed": "Developed."},
    "examples": {"count": ["(not run)"], "do_not_count": ["(not run)"]},
}
_EVIDENCE_RULES = ("evidence", "misspelling", "asked_question")


@dataclass(frozen=True)
class Case:
    """One case of a rule: its text, the settings it runs with, and what the rule must do."""

    rule: str
    name: str
    text: str
    fires: tuple[str, ...]
    rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    notes: tuple[str, ...] = ()

    @property
    def must_fire(self) -> bool:
        """`test_fail_` cases: the rule fires (the text fails it)."""
        return self.name.startswith("test_fail_")


def case_file(rule_id: str) -> str:
    """The text of a rule's case file."""
    return resources.files("grader.rules").joinpath(f"cases/{rule_id}.yaml").read_text(encoding="utf-8")


def load(rule_id: str) -> tuple[dict[str, Any], list[Case]]:
    """A rule's tiny rubric (as data) and its cases, in file order."""
    import yaml

    data = yaml.safe_load(case_file(rule_id))
    cases = []
    for name, spec in data["cases"].items():
        fires = spec.get("fires", [])
        cases.append(Case(rule_id, name, spec["text"], tuple(fires), spec.get("rules", {}), tuple(spec.get("notes", ()))))
    return data["rubric"], cases


def build_rubric(rule_id: str, spec: dict[str, Any], rules: dict[str, dict[str, Any]]):
    """The case file's rubric, completed with placeholders and the case's settings; its `sources` files are
    read from beside the case file."""
    from pathlib import Path

    from ..rubric import Rubric, cross_check

    data = {**_RUBRIC_DEFAULTS, **spec}
    data["elements"] = [{**_ELEMENT_DEFAULTS, **e} for e in spec["elements"]]
    data.setdefault("total", sum(e["weight"] for e in data["elements"]))
    merged = {other: dict(values) for other, values in data.get("rules", {}).items()}
    for other, values in rules.items():
        merged.setdefault(other, {}).update(values)
    data["rules"] = merged
    rubric = Rubric.model_validate(data)
    problem = cross_check(rubric)
    if problem:
        raise ValueError(f"{'.'.join(map(str, problem[0]))}: {problem[1]}")
    return rubric.located_at(Path(str(resources.files("grader.rules").joinpath(f"cases/{rule_id}.yaml"))))


def case_document(text: str, notes: tuple[str, ...] = ()):
    """The case's text as a Document, its notes after the body as a Word file's footnotes are."""
    from ..documents import Document, Paragraph, document_from_text

    document = document_from_text(text, "<case>")
    paragraphs = list(document.paragraphs)
    offset = len(document.text) + 1
    for note in notes:
        paragraphs.append(Paragraph(offset, offset + len(note), "note"))
        offset += len(note) + 1
    return Document(document.name, "\n".join([document.text, *notes]), tuple(paragraphs))


def observe(rule_id: str, text: str, rubric, notes: tuple[str, ...] = ()) -> tuple[str, ...]:
    """What the rule did on `text` (and its notes), in the terms of the module docstring."""
    from ..grading import analyse_document

    analysis = analyse_document(case_document(text, notes), rubric)
    plain = analysis.sentences.document.text
    rule = BY_ID[rule_id]
    if rule_id in _EVIDENCE_RULES or rule_id == "attribution":
        found = {h.sentence for hits in analysis.hits.values() for h in hits}
        if rule_id == "attribution":
            off = rubric.model_copy(update={"rules": {**rubric.rules, rule_id: {"enabled": False}}})
            without = analyse_document(case_document(text, notes), off)
            found = {h.sentence for hits in without.hits.values() for h in hits} - found
        return tuple(analysis.sentences.text_of(analysis.sentences.items[i]) for i in sorted(found))
    if rule_id == "developed":
        return tuple(j.element.id for j in analysis.judgements if j.level == 2)
    if rule_id == "fact_check":
        return tuple(f"{c.status}: {plain[c.start : c.end]}" for c in analysis.checks)
    if rule.kind == "flag":
        return tuple(f.message for f in analysis.flags if f.code == rule_id)
    return tuple(analysis.sentences.text_of(s) for s in analysis.sentences.items if analysis.screened[s.index] == rule_id)


def run(case: Case, spec: dict[str, Any], extra: dict[str, dict[str, Any]] | None = None) -> tuple[str, ...]:
    """What the rule does on a case's text, with the case's settings and then `extra` on top."""
    rules = {k: dict(v) for k, v in case.rules.items()}
    for rule_id, values in (extra or {}).items():
        rules.setdefault(rule_id, {}).update(values)
    return observe(case.rule, case.text, build_rubric(case.rule, spec, rules), case.notes)
