"""The pipeline: Document → Sentences → term occurrences → screening → hits, facts, flags → GradeResult.

Every stage is a pure function of its inputs, so the same essay always gives the same result, alone
or in a batch running in parallel processes.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from . import facts as facts_stage
from .defaults import DEFAULT_RUBRIC_ID
from . import flags as flags_stage
from .documents import Document, document_from_text, read_document
from .facts import FactCheck
from .flags import Flag
from . import pronouns
from .marks import count_parts, mark_from_percent
from .names import name_line
from .matching import Hit, find_hits
from .explain import explain as explain_sentences
from .results import (ElementResult, FactResult, FlagCode, FlagResult, GradeResult, MarkRange, Quote, RubricRef,
                      SentenceExplanation, half_up)
from .rubric import PERCENT, Rubric, load_rubric
from .scoring import Judgement, band_for, improvements, judge_elements, stance_of, strengths
from .rules import digression, language, wrong_fact
from .terms import Occurrence
from .text import Sentences, analyse


@dataclass(frozen=True)
class Analysis:
    """Everything the stages found in one essay, before it is turned into the result contract."""

    sentences: Sentences
    occurrences: list[list[Occurrence]]
    screened: list[str | None]
    hits: dict[str, list[Hit]]
    checks: list[FactCheck]
    flags: list[Flag]
    judgements: list[Judgement]


def analyse_document(document: Document, rubric: Rubric) -> Analysis:
    """Run every judging stage on a Document (shared by grading and by the rubric example runner)."""
    compiled = rubric.compiled
    sentences = analyse(document, compiled.question, compiled.settings)
    terms = compiled.terms
    occurrences = [terms.find(s.tokens) for s in sentences.items]
    pronouns.stand_in_for_names(rubric, sentences, occurrences)
    screened = flags_stage.screen(compiled, sentences, occurrences)
    checks = facts_stage.check_facts(compiled, sentences, occurrences, screened)
    if compiled.settings.enabled("wrong_fact"):
        wrong_fact.apply(checks, screened)
    hits = find_hits(compiled, sentences, occurrences, screened)
    if compiled.settings.enabled("digression"):
        digression.apply(rubric, sentences, occurrences, screened, hits)
        checks = [c for c in checks if c.status == "incorrect" or screened[c.sentence] != digression.RULE.id]
    topic = {h.sentence for hs in hits.values() for h in hs}
    flags = flags_stage.essay_flags(compiled, sentences, occurrences, screened, topic)
    if any(f.code == language.RULE.id for f in flags):  # another language: not off topic, not a list; not marked
        flags = [f for f in flags if f.code == language.RULE.id]
    judgements = judge_elements(compiled, sentences, occurrences, hits, checks, flags)
    return Analysis(sentences, occurrences, screened, hits, checks, flags, judgements)


def grade_document(document: Document, rubric: Rubric, student: str | None = None,
                   explain: bool = False) -> GradeResult:
    """Grade an essay already read into a Document; `explain` adds why each sentence earned what it did."""
    return result_of(document, rubric, analyse_document(document, rubric), student, explain)


def result_of(document: Document, rubric: Rubric, analysis: Analysis, student: str | None = None,
              explain: bool = False) -> GradeResult:
    """The result contract for an essay's analysis (what `grade_document` returns; a batch keeps the analysis,
    whose words it compares with the class's)."""
    sentences, checks, flags, judgements = analysis.sentences, analysis.checks, analysis.flags, analysis.judgements
    text = document.text
    # The grader computes every value below itself and the tests validate its output against the published
    # schema, so the records are built without re-validating them on every essay (a tenth of grading time).
    counted = count_parts(rubric, {j.element.id: j.level for j in judgements}) if rubric.scoring else None
    elements = []
    for j in judgements:
        quotes = [Quote.model_construct(text=text[h.start : h.end], start=h.start, end=h.end, paragraph=h.paragraph + 1,
                                        terms=list(h.terms)) for h in j.evidence]
        points, most = ((j.points, j.element.weight) if counted is None
                        else (float(j.element.id in counted.parts), 1.0))
        elements.append(ElementResult.model_construct(
            id=j.element.id, title=j.element.title, level=j.level, points=half_up(points, 2),
            max_points=half_up(most, 2), feedback=j.feedback, evidence=quotes,
            stance=stance_of(j.element, j.evidence, analysis.occurrences, sentences) if j.level else None))
    score = sum(e.points for e in elements)  # the points as shown, so that they add up to the score
    max_score = sum(j.element.weight for j in judgements) if counted is None else counted.most
    percent = half_up(PERCENT * score / max_score if max_score else 0.0, 1)
    mark = counted.mark if counted is not None else mark_from_percent(rubric, percent)
    marked = not any(f.code == language.RULE.id for f in flags)
    shown_facts = []
    seen_correct = set()
    for c in checks:
        if c.status == "correct":
            if c.fact in seen_correct:
                continue
            seen_correct.add(c.fact)
        shown_facts.append(FactResult.model_construct(id=c.fact, status=c.status, text=text[c.start : c.end],
                                                      start=c.start, end=c.end, note=c.note))
    name = document.name
    student = student if student is not None else student_name(name)
    return GradeResult.model_construct(
        file=name,
        student=student,
        name=name_line(sentences, rubric.compiled.name_blockers) or student,
        rubric=RubricRef.model_construct(id=rubric.id, title=rubric.title,
                                         mark=MarkRange.model_construct(min=rubric.mark.min, max=rubric.mark.max),
                                         part_marks=rubric.part_marks),
        word_count=sentences.word_count,
        front_matter_paragraphs=sentences.front_matter_paragraphs,
        score=half_up(score, 2) if marked else None,
        max_score=half_up(max_score, 2),
        percent=percent if marked else None,
        band=band_for(rubric, percent) if marked else language.NOT_MARKED,
        mark=mark if marked else None,
        elements=elements,
        facts=shown_facts,
        # A flag's code is the id of the flag rule that raised it, which is one of the FlagCode values.
        flags=[FlagResult.model_construct(code=cast(FlagCode, f.code), message=f.message) for f in flags],
        strengths=strengths(judgements, sentences) if marked else [],
        improvements=improvements(judgements, checks, flags,
                                  sorted({sentences.shown_paragraph(s.paragraph) for s in sentences.items
                                          if analysis.screened[s.index] == digression.RULE.id})) if marked else [],
        sentences=[SentenceExplanation.model_construct(**entry) for entry in explain_sentences(rubric.compiled, analysis)]
        if explain else None,
    )


def student_name(file: str) -> str:
    """The student's name as grader knows it: the file name without folder or extension."""
    base = os.path.basename(file.replace("\\", "/"))
    stem, dot, ext = base.rpartition(".")
    return stem if dot and stem else base


def grade_file(path: str | os.PathLike[str], rubric: Rubric | str | Path = DEFAULT_RUBRIC_ID,
               name: str | None = None, explain: bool = False) -> GradeResult:
    """Read and grade one essay file (.txt or .docx); `name` is how the file is shown in the result."""
    if not isinstance(rubric, Rubric):
        rubric = load_rubric(rubric)
    return grade_document(read_document(path, name), rubric, explain=explain)


def grade_text(text: str, rubric: Rubric | str | Path = DEFAULT_RUBRIC_ID, name: str = "essay.txt",
               explain: bool = False) -> GradeResult:
    """Grade an essay given as a string."""
    if not isinstance(rubric, Rubric):
        rubric = load_rubric(rubric)
    return grade_document(document_from_text(text, name), rubric, explain=explain)
