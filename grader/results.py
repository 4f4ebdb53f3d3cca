"""The result contract: `GradeResult` and its "grader.result/1" JSON (DESIGN section 4).

Field order here is the JSON key order. `docs/result.schema.json` is generated from these models
(`python -m grader.results > docs/result.schema.json`), and every result in the tests is validated
against it.
"""
from __future__ import annotations

import json
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA: Final = "grader.result/1"
PERCENT = 100
#: The mark's scale when a rubric sets none: out of ten (DESIGN section 4).
DEFAULT_MARK_MAX = 10
#: What levels 0, 1 and 2 are called wherever a person reads them (a student's report capitalises them).
LEVEL_NAMES = ("missing", "needs developing", "developed")
#: The terminal's wording, which also gives the rubric's own name for level 1 (its `feedback.thin`).
LEVEL_NAMES_WITH_TERMS = (LEVEL_NAMES[0], f"thin: {LEVEL_NAMES[1]}", LEVEL_NAMES[2])
FlagCode = Literal["language", "off_topic", "too_short", "keyword_list", "prompt_echo", "source_overlap",
                   "repetition", "shared_passage"]


class _Record(BaseModel):
    # Built on first use rather than on import: printing one essay's verdict needs no validator or serializer,
    # and building them (with pydantic's search for plugins) is a tenth of that command's start.
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class MarkRange(_Record):
    """The scale `mark` is on."""

    min: int
    max: int


class RubricRef(_Record):
    """Which rubric graded the essay, and the scale of its mark."""

    id: str
    title: str
    mark: MarkRange = Field(default_factory=lambda: MarkRange(min=0, max=DEFAULT_MARK_MAX),
                            description="The rubric's mark scale.")
    part_marks: Literal["exact", "half", "whole"] = Field("half", description=(
        "How reports round each part's marks for display (the rubric's `part_marks`)."))


class Quote(_Record):
    """A sentence of the student's: `text == plain_text[start:end]`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    paragraph: int = Field(ge=1, description="1-based paragraph of the plain text (as `grader extract` prints it).")
    terms: list[str] = Field(description="The rubric's terms as the student wrote them.")


class ElementResult(_Record):
    """One required part of the answer: its level (0 missing, 1 thin, 2 developed), points and evidence."""

    id: str
    title: str
    level: int = Field(ge=0, le=2)
    points: float
    max_points: float
    feedback: str
    evidence: list[Quote]
    stance: str | None = Field(None, description=(
        "For a judgement whose rubric part lists stances: the one the essay's evidence takes, else null."))
    grader_level: int | None = Field(None, ge=0, le=2, description=(
        "The grader's own level when a teacher set another (overrides.csv), else null."))
    adjusted_by_teacher: bool = Field(False, description="Whether a teacher changed this part's level or commented on it.")
    teacher_comment: str | None = Field(None, description="The teacher's comment on this part, if any.")


class FactResult(_Record):
    """A checked claim: the student's sentence and the correct version."""

    id: str
    status: Literal["correct", "incorrect"]
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    note: str


class FlagResult(_Record):
    """An essay-level finding that acted on the levels."""

    code: FlagCode
    message: str


class SentenceExplanation(_Record):
    """Why one sentence earned what it did: evidence for parts, screened by a rule, or unused (and the nearest
    part, with what it lacked). `text == plain_text[start:end]`."""

    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    paragraph: int = Field(ge=1, description="1-based paragraph of the plain text.")
    status: Literal["evidence", "screened", "unused"]
    rule: str = Field(description="The rule that decided: the screen rule's id, or `evidence`.")
    reason: str
    elements: list[str] = Field(description="The parts it is evidence for; for an unused sentence, the nearest part.")
    terms: list[str] = Field(description="The rubric's terms in it, as the student wrote them.")


class GradeResult(_Record):
    """Everything grader found in one essay; serialised as the "grader.result/1" JSON object."""

    schema_: Literal["grader.result/1"] = Field(SCHEMA, alias="schema")
    file: str
    student: str
    name: str = Field(description=(
        "The student's name for display: from a name line at the top of the essay (\"Name: Amara\", \"Brendan "
        "Walsh 12C\"), else `student`."))
    rubric: RubricRef
    word_count: int = Field(ge=0)
    front_matter_paragraphs: int = Field(0, ge=0, description=(
        "Paragraphs at the top that are not the answer (a name line, a title, the question copied); reports number "
        "the answer's paragraphs from the one after them, while `paragraph` in quotes counts from the top."))
    score: float | None = Field(description="None when the essay was not marked (the language flag).")
    max_score: float
    percent: float | None = Field(ge=0, le=PERCENT, description="None when the essay was not marked.")
    band: str
    mark: int | None = Field(description=(
        "The mark compared with a teacher's, a whole number on the rubric's `mark` scale (0-10 unless the rubric "
        "sets one); None when the essay was not marked."))
    elements: list[ElementResult]
    facts: list[FactResult]
    flags: list[FlagResult]
    strengths: list[str]
    improvements: list[str]
    grader_mark: int | None = Field(None, description=(
        "The grader's own mark when a teacher's decisions changed it, else null."))
    adjusted_by_teacher: bool = Field(False, description="Whether a teacher's decisions (overrides.csv) changed this result.")
    teacher_comment: str | None = Field(None, description="The teacher's comment on the whole essay, if any.")
    sentences: list[SentenceExplanation] | None = Field(None, description=(
        "Only with `grader grade --explain`: every sentence and what it earned."))

    def shown_paragraph(self, paragraph: int) -> int:
        """A quote's paragraph as the student counts the answer's paragraphs (the name line and title left out)."""
        return paragraph - self.front_matter_paragraphs

    def to_dict(self) -> dict:
        """The contract's JSON object as Python data, keys in contract order (`sentences` only when explained)."""
        return self.model_dump(by_alias=True, mode="json", exclude={"sentences"} if self.sentences is None else None)

    def to_json(self, indent: int | None = 2) -> str:
        """`indent=2` for `grader grade --format json`; `None` for one compact line of results.jsonl."""
        if indent is None:  # pydantic writes the very line json.dumps would, in a third of the time
            return self.model_dump_json(by_alias=True, exclude={"sentences"} if self.sentences is None else None)
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, separators=(",", ": "))

    @property
    def marked(self) -> bool:
        """Whether the essay was marked (not, when it is written in another language than the rubric's)."""
        return self.percent is not None


def build_models() -> None:
    """Build the result models' validators and serializers now instead of on first use: a batch builds them once,
    before its workers start, and the workers share them."""
    for model in (MarkRange, RubricRef, Quote, ElementResult, FactResult, FlagResult, SentenceExplanation, GradeResult):
        model.model_rebuild()


def half_up(value: float, digits: int = 1):
    """Round half up (not to even), as teachers do; an int when `digits` is 0."""
    from decimal import ROUND_HALF_UP, Decimal

    quantum = Decimal(1).scaleb(-digits)
    rounded = Decimal(repr(value)).quantize(quantum, rounding=ROUND_HALF_UP)
    return int(rounded) if digits == 0 else float(rounded)


def json_schema() -> dict:
    """The JSON Schema of the result object, as published in docs/result.schema.json."""
    schema = GradeResult.model_json_schema(by_alias=True)
    schema["title"] = "grader.result/1"
    return schema


if __name__ == "__main__":
    print(json.dumps(json_schema(), indent=2))
