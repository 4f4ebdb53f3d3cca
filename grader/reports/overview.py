"""The class overview (overview.html, overview.md) and overlap.csv: what a teacher reads after a batch.

The context holds every number and the charts' geometry; the templates only lay them out. Charts are
inline SVG with their numbers also written as text, so nothing depends on colour or on scripts.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from ..results import LEVEL_NAMES
from ..rubric import Rubric
from .context import NOT_MARKED
from .templating import render_template_parts

#: Marks within this many percentage points of a band's lower edge are worth a second look.
BOUNDARY_MARGIN = 3.0
#: The distribution chart: where bars start, the width they share, each bar's share of its slot, and the most
#: labels under it (a scale of 0-100 labels every tenth mark).
CHART_LEFT, CHART_WIDTH, BAR_SHARE, MAX_BAR_LABELS = 8, 396, 0.78, 11
CHART_TOP, CHART_HEIGHT = 150, 130
MAX_OVERLAPS_SHOWN = 30
FLAG_WORDS = {"off_topic": "off topic", "too_short": "too short", "keyword_list": "lists of keywords",
              "prompt_echo": "question pasted back", "source_overlap": "copied from a source",
              "repetition": "repeated material", "shared_passage": "shares long passages with a classmate",
              "language": "written in another language: not marked"}


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    shown: bool  # whether its label is written under it
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class ElementRow:
    title: str
    counts: tuple[int, int, int]
    segments: tuple[tuple[float, float, int], ...]  # (x, width, level) of each stacked segment


@dataclass(frozen=True)
class Attention:
    student: str
    file: str
    reasons: str
    report: str


@dataclass(frozen=True)
class StudentRow:
    student: str
    file: str
    score: str
    percent: str
    mark: str
    band: str
    flags: str
    report: str


@dataclass(frozen=True)
class StudentRows:
    """The table of every student, each row made as the page is written: a class of thousands never holds all
    of them formatted at once."""

    rows: tuple

    def __iter__(self) -> Iterator[StudentRow]:
        for r in self.rows:
            yield StudentRow(r.student, r.file, f"{_fmt(r.score)} / {_fmt(r.max_score)}" if r.score is not None
                             else NOT_MARKED, _fmt(r.percent) if r.percent is not None else NOT_MARKED,
                             str(r.mark) if r.mark is not None else NOT_MARKED, r.band,
                             ", ".join(FLAG_WORDS.get(f, f) for f in r.flags), r.report)


@dataclass(frozen=True)
class OverviewContext:
    title: str
    prompt: str
    scale: str  # "0-10"
    graded: int
    failed: int
    skipped: int
    mean_percent: str
    median_percent: str
    distribution: tuple[Bar, ...]
    distribution_max: int
    elements: tuple[ElementRow, ...]
    gaps: tuple[tuple[str, int, int], ...]
    wrong_facts: tuple[tuple[str, int, str], ...]  # (the correct version, how many, which students)
    overlaps: tuple
    more_overlaps: int
    attention: tuple[Attention, ...]
    students: StudentRows
    level_words: tuple[str, str, str]
    paper: str = "A4"  # the CSS page size the HTML prints on
    review: str = ""  # the command that opens the review page


def _fmt(x: float) -> str:
    return f"{x:g}"


def build_overview(rubric: Rubric, rows: list, summary, overlaps: list, pairs: int) -> OverviewContext:
    """The overview's numbers from the per-essay summaries of a batch."""
    marked = [r for r in rows if r.percent is not None]  # an essay in another language has no mark
    percents = sorted(r.percent for r in marked)
    marks = Counter(r.mark for r in marked)
    top = max(marks.values(), default=0) or 1
    low, high = rubric.mark.min, rubric.mark.max
    slot = CHART_WIDTH / (high - low + 1)
    every = -(-(high - low + 1) // MAX_BAR_LABELS)
    bars = tuple(Bar(str(m), marks.get(m, 0), (m - low) % every == 0 or m == high, round(CHART_LEFT + (m - low) * slot, 2),
                     round(CHART_TOP - CHART_HEIGHT * marks.get(m, 0) / top, 2), round(slot * BAR_SHARE, 2),
                     round(CHART_HEIGHT * marks.get(m, 0) / top, 2)) for m in range(low, high + 1))
    elements = []
    n = len(marked) or 1
    for k, e in enumerate(rubric.elements):
        counts = tuple(sum(1 for r in marked if r.levels[k] == level) for level in (0, 1, 2))
        x, segments = 0.0, []
        for level in (0, 1, 2):
            width = 300 * counts[level] / n
            segments.append((x, width, level))
            x += width
        elements.append(ElementRow(e.title, counts, tuple(segments)))  # type: ignore[arg-type]
    gaps = sorted(((row.title, row.counts[0], row.counts[1]) for row in elements), key=lambda g: (-g[1], -g[2], g[0]))
    gaps = [g for g in gaps if g[1] or g[2]][:5]
    notes = {f.id: f.note for f in rubric.facts}
    wrong = Counter(f for r in rows for f in r.wrong_facts)
    boundaries = sorted({b.min for b in rubric.bands if b.min > 0})
    attention = []
    for r in rows:
        reasons = [FLAG_WORDS.get(f, f) for f in r.flags]
        near = [b for b in boundaries if r.percent is not None and abs(r.percent - b) < BOUNDARY_MARGIN]
        if near:
            reasons.append(f"{_fmt(r.percent)}% is within {_fmt(BOUNDARY_MARGIN)} points of a band boundary ({_fmt(near[0])}%)")
        if reasons:
            attention.append(Attention(r.student, r.file, "; ".join(reasons), r.report))
    for error in summary.errors:
        file, _, reason = error.partition(": ")
        attention.append(Attention(file, file, f"could not be graded: {reason}", ""))
    for notice in summary.notices:
        attention.append(Attention("overrides.csv", "overrides.csv", f"a decision was not applied: {notice}", ""))
    mid = len(percents) // 2
    median = (percents[mid] if len(percents) % 2 else (percents[mid - 1] + percents[mid]) / 2) if percents else 0
    return OverviewContext(
        title=rubric.title, prompt=" ".join(rubric.prompt.split()), scale=f"{low}–{high}", graded=summary.graded, failed=summary.failed,
        skipped=summary.skipped, mean_percent=_fmt(round(sum(percents) / len(percents), 1)) if percents else "–",
        median_percent=_fmt(round(median, 1)) if percents else "–", distribution=bars, distribution_max=top,
        elements=tuple(elements), gaps=tuple(gaps),
        wrong_facts=tuple((notes.get(f, f), c, ", ".join(sorted(r.student for r in rows if f in r.wrong_facts)))
                          for f, c in sorted(wrong.items(), key=lambda kv: (-kv[1], kv[0]))),
        overlaps=tuple(overlaps[:MAX_OVERLAPS_SHOWN]), more_overlaps=max(0, pairs - len(overlaps[:MAX_OVERLAPS_SHOWN])),
        attention=tuple(attention),
        students=StudentRows(tuple(rows)),
        level_words=LEVEL_NAMES)


def overview_html(rubric: Rubric, rows: list, summary, overlaps: list, pairs: int, paper: str = "a4",
                  review: str = "") -> Iterator[str]:
    """overview.html, in pieces to be written as they come (a row per student: long for a large batch):
    standalone, no scripts, charts as inline SVG; it prints on `paper`; `review` is the command that opens the
    review page for this batch."""
    import dataclasses

    context = build_overview(rubric, rows, summary, overlaps, pairs)
    return render_template_parts("class.html.j2", dataclasses.replace(
        context, paper="letter" if paper == "letter" else "A4", review=review))


def overview_markdown(rubric: Rubric, rows: list, summary, overlaps: list, pairs: int) -> Iterator[str]:
    """overview.md, in pieces: the same content as text tables."""
    return render_template_parts("class.md.j2", build_overview(rubric, rows, summary, overlaps, pairs))
