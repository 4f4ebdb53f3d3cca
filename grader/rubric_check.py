"""Run a rubric's own examples: every `count` example must yield the element's evidence on exactly the
[[ ]]-marked span, and no `do_not_count` example may yield any. Shared by `grader rubric check` and the tests.
"""
from __future__ import annotations

from dataclasses import dataclass

from .documents import document_from_text
from .grading import analyse_document
from .rubric import Element, Misconception, Office, Rubric


@dataclass(frozen=True)
class ExampleOutcome:
    """One example run: which element, which kind, whether it passed and, if not, which way it went wrong."""

    element: str  # an element's id, or a misconception's
    kind: str  # "count" | "do_not_count" | "right" | "wrong" | "not_wrong"
    index: int
    text: str
    passed: bool
    problem: str = ""


def strip_markers(example: str) -> tuple[str, tuple[int, int] | None]:
    """The example without its [[ ]] markers, and the span they enclosed (None when unmarked)."""
    start = example.find("[[")
    if start < 0:
        return example, None
    end = example.find("]]", start)
    text = example[:start] + example[start + 2 : end] + example[end + 2 :]
    return text, (start, end - 2)


def evidence_spans(element: Element, rubric: Rubric, text: str) -> list[tuple[int, int]]:
    """Spans of the evidence an example text yields for one element."""
    analysis = analyse_document(document_from_text(text, "<example>"), rubric)
    if element.from_facts:
        return [(c.start, c.end) for c in analysis.checks if c.status == "correct"]
    return [(h.start, h.end) for h in analysis.hits.get(element.id, [])]


def checked(rubric: Rubric, fact: str, text: str, status: str) -> bool:
    """Whether a text holds a claim of the fact (or misconception) checked with this status."""
    analysis = analyse_document(document_from_text(text, "<example>"), rubric)
    return any(c.fact == fact and c.status == status for c in analysis.checks)


def run_examples(rubric: Rubric) -> list[ExampleOutcome]:
    """Every example of every element, then of every fact and misconception, in rubric order."""
    out = []
    for element in rubric.elements:
        for i, example in enumerate(element.examples.count):
            text, marked = strip_markers(example)
            spans = evidence_spans(element, rubric, text)
            if not spans:
                out.append(ExampleOutcome(element.id, "count", i, example, False, "found no evidence"))
            elif marked is not None and marked not in spans:
                shown = "; ".join(repr(text[a:b]) for a, b in spans)
                out.append(ExampleOutcome(element.id, "count", i, example, False, f"evidence was {shown}, not the marked span"))
            else:
                out.append(ExampleOutcome(element.id, "count", i, example, True))
        for i, example in enumerate(element.examples.do_not_count):
            spans = evidence_spans(element, rubric, example)
            if spans:
                shown = "; ".join(repr(example[a:b]) for a, b in spans)
                out.append(ExampleOutcome(element.id, "do_not_count", i, example, False, f"counted as evidence: {shown}"))
            else:
                out.append(ExampleOutcome(element.id, "do_not_count", i, example, True))
    for fact in rubric.facts:
        for kind, texts in (("right", fact.examples.right), ("wrong", fact.examples.wrong)):
            status = "correct" if kind == "right" else "incorrect"
            for i, example in enumerate(texts):
                found = checked(rubric, fact.id, example, status)
                out.append(ExampleOutcome(fact.id, kind, i, example, found, "" if found else f"not checked {status}"))
    claims: list[Misconception | Office] = [*rubric.misconceptions, *rubric.offices]
    for wrong in claims:
        for kind, texts, expected in (("wrong", wrong.examples.wrong, True), ("not_wrong", wrong.examples.not_wrong, False)):
            for i, example in enumerate(texts):
                found = checked(rubric, wrong.id, example, "incorrect")
                problem = "" if found == expected else ("not reported" if expected else "reported as wrong")
                out.append(ExampleOutcome(wrong.id, kind, i, example, found == expected, problem))
    return out
