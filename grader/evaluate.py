"""Agreement with a teacher's labels: quadratic weighted kappa (QWK) with a bootstrap interval, exact and
within-one agreement, per-element kappa, a confusion table and the largest disagreements, each beside the
same figure for a word-count-only baseline (a monotone fit of the mark on word count, leave-one-out).

Beside them, the figures that show marks running high where QWK hides it: QWK on the essays the teacher
marked on topic, the mean bias (grader minus teacher), the share of parts the teacher scored 0 that the
grader scored 0, and, for the teacher's listed factual errors, the share the grader reported as
incorrect and the number it showed as correct (a labelled error is matched by the fact checks whose
span overlaps its quoted words).

Marks are compared on the rubric's own scale (`mark: {min, max}`, 0-10 unless set); labels' `overall` is
on that scale too.
"""
from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .documents import READABLE
from .errors import DocumentError, GraderError
from .documents import read_document
from .files import find_essays
from .grading import grade_file
from .results import DEFAULT_MARK_MAX, GradeResult, half_up
from .rubric import Rubric

LEVELS = [0, 1, 2]
BOOTSTRAP_SAMPLES = 2000
BOOTSTRAP_SEED = 20240301


@dataclass(frozen=True)
class Label:
    """A teacher's marks for one essay (DESIGN section 5)."""

    id: str
    overall: int
    levels: dict[str, int]
    on_topic: bool | None = None
    notes: str = ""
    factual_errors: tuple[str, ...] = ()


@dataclass
class Report:
    """Every figure `grader evaluate` prints, for the grader and for the word-count baseline."""

    essays: int
    qwk: float
    qwk_interval: tuple[float, float]
    exact: float
    within_one: float
    baseline_qwk: float
    baseline_interval: tuple[float, float]
    baseline_exact: float
    baseline_within_one: float
    elements: dict[str, dict[str, float]]
    confusion: list[list[int]]
    disagreements: list[dict]
    unlabelled: list[str] = field(default_factory=list)
    unmatched_labels: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    not_marked: list[str] = field(default_factory=list)  # essays in another language: reported apart
    rows: list[dict] = field(default_factory=list)
    honesty: dict[str, Any] = field(default_factory=dict)
    marks: list[int] = field(default_factory=lambda: list(range(DEFAULT_MARK_MAX + 1)))  # the rubric's scale

    @property
    def scale(self) -> str:
        """The mark scale as words ("0-10")."""
        return f"{self.marks[0]}-{self.marks[-1]}"

    def to_dict(self) -> dict:
        """The figures as JSON-ready data (`grader evaluate --format json`)."""
        return {
            "essays": self.essays,
            "overall": {
                "grader": {"qwk": _r(self.qwk), "qwk_95": [_r(x) for x in self.qwk_interval], "exact": _r(self.exact),
                           "within_one": _r(self.within_one)},
                "word_count_baseline": {"qwk": _r(self.baseline_qwk), "qwk_95": [_r(x) for x in self.baseline_interval],
                                        "exact": _r(self.baseline_exact), "within_one": _r(self.baseline_within_one)},
            },
            "honesty": {k: _r(v) if isinstance(v, float) else v for k, v in self.honesty.items()},
            "elements": {k: {m: _r(v) for m, v in figures.items()} for k, figures in self.elements.items()},
            "confusion": {"rows": f"teacher mark {self.scale}", "columns": f"grader mark {self.scale}",
                          "counts": self.confusion},
            "disagreements": self.disagreements,
            "essays_detail": self.rows,
            "unlabelled": self.unlabelled,
            "unmatched_labels": self.unmatched_labels,
            "failed": self.failed,
            "not_marked": self.not_marked,
        }


def marks_of(rubric: Rubric) -> list[int]:
    """Every mark of the rubric's scale, lowest first."""
    return list(range(rubric.mark.min, rubric.mark.max + 1))


def _mark(result: GradeResult) -> int:
    """The mark of an essay that was marked (essays in another language are reported apart)."""
    mark = result.mark
    assert mark is not None, "an unmarked essay is left out of the comparison"
    return mark


def _r(x: float) -> float:
    return round(x, 3)


# ------------------------------------------------------------------------------------------- statistics


def quadratic_weighted_kappa(a: list[int], b: list[int], categories: list[int]) -> float:
    """Cohen's kappa with quadratic weights between two raters over the given ordered categories."""
    if len(a) != len(b) or not a:
        raise ValueError("kappa needs two equally long, non-empty lists")
    k = len(categories)
    index = {c: i for i, c in enumerate(categories)}
    observed = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b):
        observed[index[x]][index[y]] += 1
    n = len(a)
    row = [sum(r) for r in observed]
    col = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    span = (k - 1) ** 2 or 1
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / span
            num += w * observed[i][j]
            den += w * row[i] * col[j] / n
    if den == 0:
        return 1.0 if num == 0 else 0.0
    return 1.0 - num / den


def bootstrap_interval(a: list[int], b: list[int], categories: list[int], samples: int = BOOTSTRAP_SAMPLES,
                       seed: int = BOOTSTRAP_SEED) -> tuple[float, float]:
    """95% percentile interval of QWK over essays resampled with replacement (fixed seed: repeatable)."""
    rng = random.Random(seed)
    n = len(a)
    values = []
    for _ in range(samples):
        picks = [rng.randrange(n) for _ in range(n)]
        values.append(quadratic_weighted_kappa([a[i] for i in picks], [b[i] for i in picks], categories))
    values.sort()
    return values[int(0.025 * (samples - 1))], values[int(0.975 * (samples - 1))]


def isotonic_fit(xs: Sequence[float], ys: Sequence[float]) -> list[tuple[float, float]]:
    """Non-decreasing least-squares fit of y on x (pool adjacent violators): sorted (x, fitted y) points."""
    points = sorted(zip(xs, ys))
    blocks: list[list[float]] = []  # [sum of y, count, first x, last x]
    for x, y in points:
        blocks.append([y, 1, x, x])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            s, c, _, last = blocks.pop()
            blocks[-1][0] += s
            blocks[-1][1] += c
            blocks[-1][3] = last
    fitted = []
    for s, c, first, last in blocks:
        fitted.append((first, s / c))
        if last != first:
            fitted.append((last, s / c))
    return fitted


def predict_monotone(fitted: list[tuple[float, float]], x: float) -> float:
    """The fitted step-and-line function at x, flat beyond the ends."""
    if x <= fitted[0][0]:
        return fitted[0][1]
    if x >= fitted[-1][0]:
        return fitted[-1][1]
    for (x0, y0), (x1, y1) in zip(fitted, fitted[1:]):
        if x0 <= x <= x1:
            return y0 if x1 == x0 else y0 + (y1 - y0) * (x - x0) / (x1 - x0)
    return fitted[-1][1]


def word_count_baseline(words: list[int], targets: list[int], categories: list[int]) -> list[int]:
    """Leave-one-out predictions of `targets` from word count alone, by a monotone fit on the other essays."""
    out = []
    for i in range(len(words)):
        xs = [w for j, w in enumerate(words) if j != i]
        ys = [t for j, t in enumerate(targets) if j != i]
        guess = predict_monotone(isotonic_fit(xs, ys), words[i]) if xs else 0
        out.append(min(max(half_up(guess, 0), categories[0]), categories[-1]))
    return out


def agreement(a: list[int], b: list[int]) -> tuple[float, float]:
    """Share of essays with the same mark, and within one mark."""
    n = len(a)
    return sum(x == y for x, y in zip(a, b)) / n, sum(abs(x - y) <= 1 for x, y in zip(a, b)) / n


# ------------------------------------------------------------------------------------------------ labels


def read_labels(path: str | Path, rubric: Rubric) -> dict[str, Label]:
    """Labels by essay id; a malformed line is a one-line error naming the file and line."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise DocumentError(str(path), "labels file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(str(path), f"cannot read the labels ({exc})") from None
    element_ids = [e.id for e in rubric.elements]
    labels: dict[str, Label] = {}
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise DocumentError(f"{path}:{number}", f"not valid JSON ({exc.msg})") from None
        if not isinstance(data, dict) or not isinstance(data.get("id"), str):
            raise DocumentError(f"{path}:{number}", "each line must be an object with a string \"id\"")
        overall = data.get("overall")
        low, high = rubric.mark.min, rubric.mark.max
        if not isinstance(overall, int) or isinstance(overall, bool) or not low <= overall <= high:
            raise DocumentError(f"{path}:{number}",
                                f"\"overall\" must be a whole number from {low} to {high} (the rubric's mark scale), "
                                f"got {overall!r}")
        levels = {}
        for element in element_ids:
            if element in data:
                level = data[element]
                if level not in LEVELS or isinstance(level, bool):
                    raise DocumentError(f"{path}:{number}", f"\"{element}\" must be 0, 1 or 2, got {level!r}")
                levels[element] = level
        if data["id"] in labels:
            raise DocumentError(f"{path}:{number}", f"duplicate label for '{data['id']}'")
        errors = data.get("factual_errors", [])
        if not isinstance(errors, list) or not all(isinstance(e, str) for e in errors):
            raise DocumentError(f"{path}:{number}", "\"factual_errors\" must be a list of strings")
        labels[data["id"]] = Label(data["id"], overall, levels, data.get("on_topic"), str(data.get("notes", "")),
                                   tuple(errors))
    return labels


# ---------------------------------------------------------------------------------------------- evaluate


def evaluate(folder: str | Path, labels_path: str | Path, rubric: Rubric,
             results: dict[str, GradeResult] | None = None) -> Report:
    """Grade every labelled essay in `folder` and compare with the labels."""
    labels = read_labels(labels_path, rubric)
    found, _ = find_essays(folder)
    # only kinds grader reads: a labelled .doc or .pdf stays a label without an essay, not a failure
    paths = [path for path, _ in found if path.suffix.lower() in READABLE]
    graded: dict[str, GradeResult] = {}
    failed: list[str] = []
    for path in paths:
        if path.stem not in labels:
            continue
        if results is not None and path.stem in results:
            graded[path.stem] = results[path.stem]
            continue
        try:
            graded[path.stem] = grade_file(path, rubric, name=path.name)
        except GraderError as error:
            failed.append(error.message)
    not_marked = sorted(i for i, result in graded.items() if not result.marked)
    ids = sorted(i for i in graded if i not in not_marked)
    if not ids:
        raise DocumentError(str(folder), "no labelled essays to evaluate")
    teacher = [labels[i].overall for i in ids]
    machine = [_mark(graded[i]) for i in ids]
    words = [graded[i].word_count for i in ids]
    marks = marks_of(rubric)
    baseline = word_count_baseline(words, teacher, marks)

    exact, within = agreement(teacher, machine)
    b_exact, b_within = agreement(teacher, baseline)
    elements: dict[str, dict[str, float]] = {}
    for element in rubric.elements:
        have = [i for i in ids if element.id in labels[i].levels]
        if not have:
            continue
        t_levels = [labels[i].levels[element.id] for i in have]
        g_levels = [next(e.level for e in graded[i].elements if e.id == element.id) for i in have]
        base = word_count_baseline([graded[i].word_count for i in have], t_levels, LEVELS)
        elements[element.id] = {"qwk": quadratic_weighted_kappa(t_levels, g_levels, LEVELS),
                                "baseline_qwk": quadratic_weighted_kappa(t_levels, base, LEVELS),
                                "exact": agreement(t_levels, g_levels)[0]}
    confusion = [[0] * len(marks) for _ in marks]
    for t, g in zip(teacher, machine):
        confusion[t - marks[0]][g - marks[0]] += 1
    rows: list[dict[str, Any]] = []
    for i, t, g, b in zip(ids, teacher, machine, baseline):
        result = graded[i]
        rows.append({"id": i, "teacher": t, "grader": g, "baseline": b, "words": result.word_count,
                     "percent": result.percent, "flags": [f.code for f in result.flags],
                     "levels": {e.id: e.level for e in result.elements},
                     "teacher_levels": labels[i].levels})
    worst = sorted(rows, key=lambda r: (-abs(r["grader"] - r["teacher"]), r["id"]))[:8]
    disagreements = [{"id": r["id"], "teacher": r["teacher"], "grader": r["grader"], "reason": _reason(r, graded[r["id"]])}
                     for r in worst if r["grader"] != r["teacher"]]
    return Report(
        essays=len(ids),
        qwk=quadratic_weighted_kappa(teacher, machine, marks),
        qwk_interval=bootstrap_interval(teacher, machine, marks),
        exact=exact, within_one=within,
        baseline_qwk=quadratic_weighted_kappa(teacher, baseline, marks),
        baseline_interval=bootstrap_interval(teacher, baseline, marks),
        baseline_exact=b_exact, baseline_within_one=b_within,
        elements=elements, confusion=confusion, disagreements=disagreements,
        unlabelled=sorted(p.stem for p in paths if p.stem not in labels),
        unmatched_labels=sorted(set(labels) - {p.stem for p in paths}),
        failed=failed, not_marked=[f"{i} ({graded[i].flags[0].message.split(';')[0]})" for i in not_marked], rows=rows,
        honesty=honesty_figures(ids, labels, graded, {p.stem: p for p in paths}, marks), marks=marks,
    )


def honesty_figures(ids: list[str], labels: dict[str, Label], graded: dict[str, GradeResult],
                    paths: dict[str, Path], marks: list[int]) -> dict[str, Any]:
    """On-topic QWK and bias, the share of the teacher's zero parts the grader also left at zero, and how the
    teacher's factual errors fared in the grader's fact checks."""
    on_topic = [i for i in ids if labels[i].on_topic is not False]
    teacher = [labels[i].overall for i in on_topic]
    machine = [_mark(graded[i]) for i in on_topic]
    zeros = [(e.level == 0) for i in on_topic for e in graded[i].elements if labels[i].levels.get(e.id) == 0]
    errors = reported = shown_correct = unfound = 0
    for i in ids:
        if not labels[i].factual_errors:
            continue
        text, spans = _folded_text(read_document(paths[i]).text)
        for error in labels[i].factual_errors:
            errors += 1
            quote = " ".join(error.rsplit(" - ", 1)[0].strip().strip("\"'“”‘’").split()).casefold()
            at = text.find(quote) if quote else -1
            if at < 0:
                unfound += 1
                continue
            start, end = spans[at], spans[at + len(quote) - 1] + 1
            overlapping = [f for f in graded[i].facts if f.start < end and start < f.end]
            reported += any(f.status == "incorrect" for f in overlapping)
            shown_correct += any(f.status == "correct" for f in overlapping) and not any(
                f.status == "incorrect" for f in overlapping)
    return {
        "on_topic_essays": len(on_topic),
        "on_topic_qwk": quadratic_weighted_kappa(teacher, machine, marks) if on_topic else 0.0,
        "on_topic_bias": sum(g - t for g, t in zip(machine, teacher)) / len(on_topic) if on_topic else 0.0,
        "teacher_zero_parts": len(zeros),
        "zero_parts_left_at_zero": sum(zeros) / len(zeros) if zeros else 1.0,
        "labelled_errors": errors,
        "labelled_errors_reported": reported / errors if errors else 1.0,
        "labelled_errors_shown_correct": shown_correct,
        "labelled_errors_not_found_in_text": unfound,
    }


def _folded_text(text: str) -> tuple[str, list[int]]:
    """The text case-folded with white space runs as single spaces, and each of its characters' offset in
    `text` (a character that folds to two, "ß" to "ss", gives both the same offset)."""
    chars: list[str] = []
    offsets: list[int] = []
    previous_space = True
    for offset, char in enumerate(text):
        if char.isspace():
            if not previous_space:
                chars.append(" ")
                offsets.append(offset)
            previous_space = True
            continue
        for folded in char.casefold():
            chars.append(folded)
            offsets.append(offset)
        previous_space = False
    folded_text = "".join(chars)
    return folded_text.rstrip(), offsets


def _reason(row: dict, result: GradeResult) -> str:
    """Why the grader gave what it gave: its flags and the parts where its level differs from the teacher's."""
    parts = []
    if row["flags"]:
        parts.append("flags: " + ", ".join(row["flags"]))
    differ = [f"{e.id} {e.level} (teacher {row['teacher_levels'][e.id]})" for e in result.elements
              if e.id in row["teacher_levels"] and row["teacher_levels"][e.id] != e.level]
    if differ:
        parts.append("levels: " + ", ".join(differ))
    wrong = [f.id for f in result.facts if f.status == "incorrect"]
    if wrong:
        parts.append("wrong facts: " + ", ".join(wrong))
    return "; ".join(parts) or f"score {result.score:g}/{result.max_score:g}"


def render_report(report: Report) -> str:
    """The figures as text for the terminal."""
    lo, hi = report.qwk_interval
    blo, bhi = report.baseline_interval
    lines = [f"Essays compared: {report.essays}", "",
             f"{'':28s}{'grader':>22s}{'word-count baseline':>26s}",
             f"{f'QWK, mark {report.scale}':28s}{report.qwk:>8.3f} [{lo:.3f}, {hi:.3f}]{report.baseline_qwk:>12.3f} [{blo:.3f}, {bhi:.3f}]",
             f"{'exact agreement':28s}{report.exact:>22.1%}{report.baseline_exact:>26.1%}",
             f"{'within one mark':28s}{report.within_one:>22.1%}{report.baseline_within_one:>26.1%}",
             f"{'gain in QWK over baseline':28s}{report.qwk - report.baseline_qwk:>22.3f}", "",
             "Per part of the question (quadratic kappa on levels 0-2):",
             f"  {'element':24s}{'grader':>8s}{'baseline':>10s}{'exact':>8s}"]
    for element, fig in report.elements.items():
        lines.append(f"  {element:24s}{fig['qwk']:>8.3f}{fig['baseline_qwk']:>10.3f}{fig['exact']:>8.0%}")
    if report.elements:
        mean = sum(f["qwk"] for f in report.elements.values()) / len(report.elements)
        mean_b = sum(f["baseline_qwk"] for f in report.elements.values()) / len(report.elements)
        lines.append(f"  {'mean':24s}{mean:>8.3f}{mean_b:>10.3f}")
    h = report.honesty
    if h:
        lines += ["", f"On topic ({h['on_topic_essays']} essays): QWK {h['on_topic_qwk']:.3f}, mean bias "
                      f"{h['on_topic_bias']:+.2f} marks (grader minus teacher)",
                  f"Parts the teacher scored 0 that the grader left at 0: {h['zero_parts_left_at_zero']:.0%} "
                  f"of {h['teacher_zero_parts']}",
                  f"Teacher's factual errors reported as incorrect: {h['labelled_errors_reported']:.0%} of "
                  f"{h['labelled_errors']} ({h['labelled_errors_shown_correct']} shown as correct, "
                  f"{h['labelled_errors_not_found_in_text']} not found in the text)"]
    lines += ["", "Confusion (rows: teacher mark, columns: grader mark):", "      " + "".join(f"{m:>4d}" for m in report.marks)]
    for mark, row in zip(report.marks, report.confusion):
        lines.append(f"  {mark:>2d}  " + "".join(f"{c:>4d}" if c else "   ." for c in row))
    if report.disagreements:
        lines += ["", "Largest disagreements:"]
        for d in report.disagreements:
            lines.append(f"  {d['id']}: teacher {d['teacher']}, grader {d['grader']}: {d['reason']}")
    for title, items in (("Essays without a label", report.unlabelled), ("Labels without an essay", report.unmatched_labels),
                         ("Essays that could not be graded", report.failed),
                         ("Essays not marked, written in another language", report.not_marked)):
        if items:
            lines += ["", f"{title}: " + ", ".join(items)]
    return "\n".join(lines) + "\n"
