"""docs/rubric-format.md, generated from the rubric models' field descriptions (the one place keys are documented).

    python -m grader.rubric_docs > docs/rubric-format.md
"""
from __future__ import annotations

import types
import typing

from pydantic import BaseModel

from . import rubric as r
from .calibration import Calibration

INTRO = """# Rubric format

A rubric is a YAML file: the question, the parts (elements) a full answer needs, named groups of terms
that identify each part, a fact bank, and marking bands. No Python is needed for a new question; see
`rubrics/photosynthesis.yaml` for a small complete one and `rubrics/sino-soviet-alliance.yaml` for a
full one. Check a rubric with `grader rubric check FILE`: it validates every key (an unknown or
mistyped key is a one-line error naming the file, line and field) and runs every element's examples.

How a sentence becomes evidence: it must carry one term from each `all` group (an entry that is a list
means any one of those groups) and one from an `any` group, all within `within` words, none from a
`none` group; and it must be a real claim (not a refusal, talk about the essay, a question, the
question pasted back, a list of keywords, a repeat or copied source text). A part is *developed*
(level 2) when its `developed` thresholds are met, *thin* (level 1) with any evidence, *missing* (0)
without. A developed part earns its `weight`, a thin one `weight × thin_credit` (half, unless the
rubric says otherwise); with `rules: {developed: {complete_share: S}}` every part earns only (1 − S) of
that until every part is developed, so the top marks are kept for complete answers.

Phrases are plain words, matched on word boundaries, ignoring case and accents, by word or dictionary
form (`loan` finds `loans`). `|` joins spellings of one name (`Mao Zedong|Mao Tse-tung`); a final `*`
matches endings (`negotiat*`, at least three letters before it); `#` in a number stands for a digit
(`19##`); a short all-capital phrase (`US`) only matches capitals; a phrase never matches half of a
hyphenated word (`Soviet` does not match inside `Sino-Soviet`). Groups listed in `fuzzy` also match
misspellings of long names (`Stallin`).

Facts: a sentence that names an event (its `about` groups, or any `also_about` combination) and states
a year or place is checked: an accepted year or the right place makes it correct; a different year
near the event in the same clause, a different month with the right year, a different place after
"in"/"at", another person, another amount or another length of time makes it incorrect, and the student
sees the `note`. The place is looked up in the `details` groups first; a place or name belongs to the
event it stands nearest. An opening date or place ("In 1949 Mao went to Moscow and signed the treaty")
governs the whole main clause. A sentence that dates two events with one year is not shown as accurate;
one that puts two events in an order their facts' dates rule out ("the treaty was signed after the
Korean War began") is wrong.
Two facts whose combinations open with the same group may go by the same name ("the Sino-Soviet
treaty" of 1945 or of 1950): a year of the other one reads the claim as that event's. `misconceptions`
are known false claims written as patterns; `offices` list who held an office when, so that a person
named in the office at a date outside their years is wrong. `grader rubric check` runs the examples of
every fact, misconception and office.

Judging rules: every rule that screens a sentence, finds evidence, decides a level or raises a flag is
registered with its settings and defaults ([rules.md](rules.md), or `grader rules`). A rubric changes
them under `rules:`, by rule id: `rules: {keyword_list: {enabled: false}, prompt_echo: {min_share: 0.5}}`.
An unknown rule or setting, or a value of the wrong type, is a one-line error naming the file and line.
Every rubric may also name the shared English cue groups (`hedge`, `open_question`, `final_cue`,
`decisive_cue`, `explanation`, `reported_view`, `negation`, `vague_reason`; see `grader/data/english.yaml`)
in its patterns; a group of its own with the same name replaces one.

Any question, any scale: `mark: {min, max}` sets the scale of the result's `mark` (0-10 unless set);
`scoring:` marks an answer by counting the parts found instead (`marks: [0, 1, 2, 3]`, with `groups:` caps
such as "up to two improvements"); `kind: short_answer` switches off the rules meant for essays (which
ones: `kind` below); `question_words:` lists the words that earn nothing when the `prompt` also holds a
passage. `grader calibrate RUBRIC (--labels
LABELS.jsonl ESSAYS | --scores SHEET --score-column C) -o FILE` fits the weights and the cut points of the
mark (or the scoring table) to a teacher's marks and writes a calibration file (its keys are the last
table below); `calibration: FILE` in the rubric lays it over the rubric when it is loaded. It reports
agreement before, after and cross-validated.

"""


def _type_name(annotation) -> str:
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin in (list, tuple):
        return f"list of {_type_name(args[0])}" if args else "list"
    if origin is dict:
        return f"mapping of {_type_name(args[0])} to {_type_name(args[1])}"
    if origin is typing.Union or origin is types.UnionType:
        return " or ".join(_type_name(a) for a in args if a is not type(None))
    if origin is typing.Literal:
        return " | ".join(f"`{a}`" for a in args)
    if origin is typing.Annotated:
        return _type_name(args[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{annotation.__name__.lower()})"
    return {str: "text", int: "whole number", float: "number", bool: "true/false"}.get(annotation, str(annotation))


def render() -> str:
    """The whole document."""
    lines = [INTRO]
    for model in (r.Rubric, r.Band, r.Limits, r.MarkScale, r.Scoring, r.ScoringGroup, r.Element, r.Evidence, r.Developed,
                  r.Feedback, r.Suggestion, r.Examples, r.Fact, r.FactMust, r.FactExamples, r.Misconception, r.MisconceptionExamples,
                  r.Office, r.Holder, r.Source, Calibration):
        lines.append(f"## {model.__name__}\n\n{(model.__doc__ or '').strip()}\n")
        lines.append("| key | type | default | meaning |\n|---|---|---|---|")
        for name, field in model.model_fields.items():
            key = field.alias or name
            default = "required" if field.is_required() else (
                "[]" if field.default_factory is list else "{}" if field.default_factory is dict else
                "(see below)" if field.default_factory else "not set" if field.default is None else repr(field.default))
            text = (field.description or "").replace("|", "\\|")
            lines.append(f"| `{key}` | {_type_name(field.annotation)} | {default} | {text} |")
        lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render(), end="")
