"""The pipeline: Document → Sentences → term occurrences → screening → hits, facts, flags → GradeResult.

Every stage is a pure function of its inputs, so the same essay always gives the same result, alone
or in a batch running in parallel processes.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import facts as facts_stage
from . import flags as flags_stage
from .documents import Document, document_from_text, read_document
from .facts import FactCheck
from .flags import Flag
from .matching import Hit, find_hits
from .results import ElementResult, FactResult, FlagResult, GradeResult, Quote, RubricRef, half_up
from .rubric import Rubric, load_rubric
from .scoring import Judgement, band_for, improvements, judge_elements, strengths
from .terms import Occurrence, compile_terms
from .text import Sentences, analyse, tokenize


def _prompt_tokens(rubric: Rubric):
    """The question's words, tokenised once per rubric (it is read-only)."""
    if rubric._prompt_tokens is None:
        rubric._prompt_tokens = tokenize(rubric.prompt)
    return rubric._prompt_tokens


def prompt_words(rubric: Rubric) -> tuple[str, ...]:
    """The question's normalised words, for spotting it copied or pasted back (one tuple per rubric)."""
    if rubric._prompt_words is None:
        rubric._prompt_words = tuple(t.norm for t in _prompt_tokens(rubric))
    return rubric._prompt_words


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


def question_vocabulary(rubric: Rubric) -> frozenset[str]:
    """The question's words and their lemmas: terms made only of these restate rather than answer."""
    tokens = _prompt_tokens(rubric)
    return frozenset(t.norm for t in tokens) | frozenset(t.lemma for t in tokens)


def analyse_document(document: Document, rubric: Rubric) -> Analysis:
    """Run every judging stage on a Document (shared by grading and by the rubric example runner)."""
    prompt = prompt_words(rubric)
    sentences = analyse(document, prompt)
    terms = compile_terms(rubric)
    occurrences = [terms.find(s.tokens) for s in sentences.items]
    screened = flags_stage.screen(rubric, sentences, occurrences, prompt)
    checks = facts_stage.check_facts(rubric, sentences, occurrences, screened)
    for check in checks:  # a sentence built on a wrong fact earns no credit; the check says what is right
        if check.status == "incorrect":
            screened[check.sentence] = "wrong_fact"
    hits = find_hits(rubric, sentences, occurrences, screened, question_vocabulary(rubric))
    topic = {h.sentence for hs in hits.values() for h in hs}
    flags = flags_stage.essay_flags(rubric, sentences, occurrences, screened, topic)
    judgements = judge_elements(rubric, sentences, occurrences, hits, checks, flags)
    return Analysis(sentences, occurrences, screened, hits, checks, flags, judgements)


def grade_document(document: Document, rubric: Rubric, student: str | None = None) -> GradeResult:
    """Grade an essay already read into a Document."""
    analysis = analyse_document(document, rubric)
    sentences, checks, flags, judgements = analysis.sentences, analysis.checks, analysis.flags, analysis.judgements
    text = document.text
    # The grader computes every value below itself and the tests validate its output against the published
    # schema, so the records are built without re-validating them on every essay (a tenth of grading time).
    elements = []
    for j in judgements:
        quotes = [Quote.model_construct(text=text[h.start : h.end], start=h.start, end=h.end, paragraph=h.paragraph + 1,
                                        terms=list(h.terms)) for h in j.evidence]
        elements.append(ElementResult.model_construct(
            id=j.element.id, title=j.element.title, level=j.level, points=half_up(j.points, 2),
            max_points=half_up(j.element.weight, 2), feedback=j.feedback, evidence=quotes))
    score = sum(j.points for j in judgements)
    max_score = sum(j.element.weight for j in judgements)
    percent = half_up(100 * score / max_score if max_score else 0.0, 1)
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
    return GradeResult.model_construct(
        file=name,
        student=student if student is not None else student_name(name),
        rubric=RubricRef.model_construct(id=rubric.id, title=rubric.title),
        word_count=sentences.word_count,
        score=half_up(score, 2),
        max_score=half_up(max_score, 2),
        percent=percent,
        band=band_for(rubric, percent),
        elements=elements,
        facts=shown_facts,
        flags=[FlagResult.model_construct(code=f.code, message=f.message) for f in flags],
        strengths=strengths(judgements, sentences),
        improvements=improvements(judgements, checks, flags),
    )


def student_name(file: str) -> str:
    """The student's name as grader knows it: the file name without folder or extension."""
    base = os.path.basename(file.replace("\\", "/"))
    stem, dot, ext = base.rpartition(".")
    return stem if dot and stem else base


def grade_file(path: str | os.PathLike[str], rubric: Rubric | str | Path = "sino-soviet-alliance",
               name: str | None = None) -> GradeResult:
    """Read and grade one essay file (.txt or .docx); `name` is how the file is shown in the result."""
    if not isinstance(rubric, Rubric):
        rubric = load_rubric(rubric)
    return grade_document(read_document(path, name), rubric)


def grade_text(text: str, rubric: Rubric | str | Path = "sino-soviet-alliance", name: str = "essay.txt") -> GradeResult:
    """Grade an essay given as a string."""
    if not isinstance(rubric, Rubric):
        rubric = load_rubric(rubric)
    return grade_document(document_from_text(text, name), rubric)
