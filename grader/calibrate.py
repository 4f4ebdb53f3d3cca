"""`grader calibrate`: fit a rubric's numbers to answers a teacher has marked, and say honestly how much
that helps.

Grading is done once: the parts' levels do not depend on the numbers fitted, so each answer becomes its
parts' shares of their points (or, with answer-level scoring, its count of parts found). Then:
- cut points: the percentages at which each mark begins, first placed so the marks fall in the teacher's
  proportions, then each moved to where quadratic weighted kappa is highest;
- part weights (percentage marking): each part's weight tried at a few multiples, kept when kappa rises;
- with answer-level scoring: the table from parts found to mark, and whether a part must be developed.
Agreement is reported before (the rubric as written), after (in the answers fitted on) and
cross-validated (each fifth predicted by numbers fitted on the other four fifths), so overfitting shows as a
gap between the last two.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .evaluate import quadratic_weighted_kappa
from .marks import FOUND_LEVEL
from .results import PERCENT, GradeResult
from .rubric import Rubric

FOLDS = 5
#: Multiples of a part's weight tried when fitting, and the passes over all parts.
WEIGHT_STEPS = (0.25, 0.5, 0.75, 1.5, 2.0, 3.0)
WEIGHT_PASSES = 2
CUT_PASSES = 2
#: The fewest marked answers worth fitting to: fewer, and the numbers would follow chance.
MIN_ANSWERS = 20


@dataclass(frozen=True)
class Marked:
    """One marked answer as the fit sees it."""

    shares: tuple[float, ...]  # each part's points over its maximum, in rubric order
    levels: tuple[int, ...]
    score: int  # the teacher's mark


@dataclass(frozen=True)
class Fit:
    """The fitted numbers and the figures that judge them."""

    weights: dict[str, float]
    cuts: list[float]
    marks: list[int] | None
    found: str | None
    answers: int
    before: float
    after: float
    cross_validated: float

    def to_yaml(self, rubric: Rubric) -> str:
        """The calibration file: the figures as comments, then the numbers."""
        lines = [f"# Calibration of the rubric '{rubric.id}', written by grader calibrate from {self.answers} marked answers.",
                 "# Quadratic weighted kappa with the teacher's marks:",
                 f"#   the rubric as written {self.before:.3f}; calibrated {self.after:.3f} on these answers,",
                 f"#   {self.cross_validated:.3f} cross-validated (each fifth marked by numbers fitted on the rest).",
                 "# Name this file in the rubric (calibration: <file name>) to use it."]
        if self.marks is not None:
            lines.append(f"found: {self.found}")
            lines.append(f"marks: [{', '.join(str(m) for m in self.marks)}]")
        else:
            lines.append("weights:")
            lines += [f"  {element}: {weight:g}" for element, weight in self.weights.items()]
            lines.append(f"cuts: [{', '.join(f'{c:g}' for c in self.cuts)}]")
        return "\n".join(lines) + "\n"


def marked_answers(rubric: Rubric, results: list[GradeResult], scores: list[int]) -> list[Marked]:
    """Each graded answer's part shares and levels beside the teacher's mark (unmarked essays left out)."""
    out = []
    for result, score in zip(results, scores):
        if not result.marked:
            continue
        shares = tuple(e.points / e.max_points if e.max_points else 0.0 for e in result.elements)
        out.append(Marked(shares, tuple(e.level for e in result.elements), score))
    return out


def fit(rubric: Rubric, answers: list[Marked]) -> Fit:
    """Fit the numbers on all answers, and cross-validate the fitting itself."""
    scale = list(range(rubric.mark.min, rubric.mark.max + 1))
    predicted: list[int] = [0] * len(answers)
    for fold in range(FOLDS):
        train = [a for i, a in enumerate(answers) if i % FOLDS != fold]
        held = [(i, a) for i, a in enumerate(answers) if i % FOLDS == fold]
        if not train or not held:
            continue
        model = _fit_numbers(rubric, train, scale)
        for i, a in held:
            predicted[i] = _predict(rubric, model, a, scale)
    model = _fit_numbers(rubric, answers, scale)
    teacher = [a.score for a in answers]
    before = [_as_written(rubric, a, scale) for a in answers]
    after = [_predict(rubric, model, a, scale) for a in answers]
    weights, cuts, marks, found = model
    return Fit({e.id: round(w, 3) for e, w in zip(rubric.elements, weights)}, [round(c, 2) for c in cuts], marks,
               found, len(answers), quadratic_weighted_kappa(teacher, before, scale),
               quadratic_weighted_kappa(teacher, after, scale), quadratic_weighted_kappa(teacher, predicted, scale))


# ------------------------------------------------------------------------------------------------ fitting

Model = tuple[list[float], list[float], "list[int] | None", "str | None"]


def _fit_numbers(rubric: Rubric, answers: list[Marked], scale: list[int]) -> Model:
    if rubric.scoring is not None:
        best: tuple[float, Model] | None = None
        for found in FOUND_LEVEL:
            counts = [float(_count(rubric, a.levels, found)) for a in answers]
            cuts = _fit_cuts(counts, [a.score for a in answers], scale)
            most = _most(rubric)
            marks = [scale[0] + bisect_right(cuts, c) for c in range(most + 1)]
            kappa = quadratic_weighted_kappa([a.score for a in answers],
                                             [marks[min(int(c), most)] for c in counts], scale)
            if best is None or kappa > best[0]:
                best = (kappa, ([e.weight for e in rubric.elements], cuts, marks, found))
        assert best is not None
        return best[1]
    weights = [e.weight for e in rubric.elements]
    labels = [a.score for a in answers]

    def kappa_for(ws: list[float]) -> float:
        points = [_percent(ws, a) for a in answers]
        return quadratic_weighted_kappa(labels, _apply_cuts(points, _proportional_cuts(points, labels, scale), scale), scale)

    current = kappa_for(weights)
    for _ in range(WEIGHT_PASSES):
        for k in range(len(weights)):
            for step in WEIGHT_STEPS:
                trial = weights[:k] + [weights[k] * step] + weights[k + 1:]
                score = kappa_for(trial)
                if score > current:
                    weights, current = trial, score
    points = [_percent(weights, a) for a in answers]
    return weights, _fit_cuts(points, labels, scale), None, None


def _fit_cuts(points: list[float], labels: list[int], scale: list[int]) -> list[float]:
    """Cut points placed at the teacher's proportions, then each moved to where kappa is highest."""
    cuts = _proportional_cuts(points, labels, scale)
    values = sorted(set(points))
    candidates = sorted({(a + b) / 2 for a, b in zip(values, values[1:])} | {values[0] - 1, values[-1] + 1})
    for _ in range(CUT_PASSES):
        for k in range(len(cuts)):
            low = cuts[k - 1] if k else float("-inf")
            high = cuts[k + 1] if k + 1 < len(cuts) else float("inf")
            best_cut, best = cuts[k], quadratic_weighted_kappa(labels, _apply_cuts(points, cuts, scale), scale)
            for c in candidates:
                if low <= c <= high:
                    trial = cuts[:k] + [c] + cuts[k + 1:]
                    score = quadratic_weighted_kappa(labels, _apply_cuts(points, trial, scale), scale)
                    if score > best:
                        best_cut, best = c, score
            cuts[k] = best_cut
    return [min(max(c, 0.0), float(PERCENT)) for c in cuts]


def _proportional_cuts(points: list[float], labels: list[int], scale: list[int]) -> list[float]:
    """Cuts that give each mark the share of answers the teacher gave it (equipercentile)."""
    ordered = sorted(points)
    n = len(ordered)
    cuts = []
    below = 0
    for mark in scale[:-1]:
        below += sum(1 for y in labels if y == mark)
        if below <= 0:
            cuts.append(ordered[0] - 1)
        elif below >= n:
            cuts.append(ordered[-1] + 1)
        else:
            cuts.append((ordered[below - 1] + ordered[below]) / 2)
    return cuts


def _apply_cuts(points: list[float], cuts: list[float], scale: list[int]) -> list[int]:
    return [scale[0] + bisect_right(cuts, p) for p in points]


def _percent(weights: list[float], answer: Marked) -> float:
    total = sum(weights)
    return PERCENT * sum(w * s for w, s in zip(weights, answer.shares)) / total if total else 0.0


def _count(rubric: Rubric, levels: tuple[int, ...], found: str) -> int:
    from .marks import count_parts

    return len(count_parts(rubric, {e.id: level for e, level in zip(rubric.elements, levels)}, found).parts)


def _most(rubric: Rubric) -> int:
    from .marks import count_parts

    return count_parts(rubric, {}).most


def _predict(rubric: Rubric, model: Model, answer: Marked, scale: list[int]) -> int:
    weights, cuts, marks, found = model
    if marks is not None and found is not None:
        return marks[min(_count(rubric, answer.levels, found), len(marks) - 1)]
    return scale[0] + bisect_right(cuts, _percent(weights, answer))


def _as_written(rubric: Rubric, answer: Marked, scale: list[int]) -> int:
    """The mark the rubric as written gives (its own weights and table)."""
    from .marks import count_parts, mark_from_percent

    if rubric.scoring is not None:
        return count_parts(rubric, {e.id: level for e, level in zip(rubric.elements, answer.levels)}).mark
    return mark_from_percent(rubric, _percent([e.weight for e in rubric.elements], answer))



Graded = tuple[list[GradeResult], list[int], list[str]]


def answers_from_labels(rubric: Rubric, labels_path: Path, folder: Path) -> Graded:
    """A folder of essays and a teacher's labels (DESIGN section 5): the labelled essays graded, with their marks
    and their text."""
    from .documents import READABLE, read_document
    from .errors import DocumentError
    from .evaluate import read_labels
    from .files import find_essays
    from .grading import grade_document

    labels = read_labels(labels_path, rubric)
    found, _ = find_essays(folder)
    results, scores, texts = [], [], []
    for path, relative in found:
        if path.suffix.lower() in READABLE and path.stem in labels:
            document = read_document(path, relative)
            results.append(grade_document(document, rubric))
            scores.append(labels[path.stem].overall)
            texts.append(document.text)
    if not results:
        raise DocumentError(str(folder), "no labelled essays to calibrate on")
    return results, scores, texts


def answers_from_sheet(rubric: Rubric, sheet: Path, score_column: str, id_column: str | None,
                       text_column: str | None) -> Graded:
    """A spreadsheet of marked answers: each row with an answer and a mark graded, with its mark. A mark that is
    not a whole number on the rubric's scale is a one-line error naming the row; a row without a mark is left
    out (not marked yet)."""
    from .documents import document_from_text
    from .errors import DocumentError
    from .grading import grade_document
    from .sheets import read_answers

    low, high = rubric.mark.min, rubric.mark.max
    results, scores, texts = [], [], []
    for answer in read_answers(sheet, id_column, text_column, score_column):
        if not answer.text or not answer.score:
            continue
        try:
            score = int(answer.score)
        except ValueError:
            score = None
        if score is None or not low <= score <= high:
            raise DocumentError(f"{sheet}#{answer.row}", f"the mark '{answer.score}' is not a whole number from {low} "
                                                         f"to {high} (the rubric's mark scale)")
        results.append(grade_document(document_from_text(answer.text, f"{sheet.name}#{answer.row}"), rubric,
                                      student=answer.student))
        scores.append(score)
        texts.append(answer.text)
    if not results:
        raise DocumentError(str(sheet), "no marked answers to calibrate on")
    return results, scores, texts
