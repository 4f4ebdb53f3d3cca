"""Which of a part's evidence sentences a report quotes: one choice for every format, so the terminal, the
Markdown, HTML and Word reports all quote the same sentences of the student's."""
from __future__ import annotations

from collections.abc import Sequence

from ..results import Quote

#: Sentences quoted per part: the ones carrying most of the part's terms, shown in essay order.
MAX_QUOTES = 3


def strongest_quotes(evidence: Sequence[Quote], quoted: set[int] | None = None) -> list[Quote]:
    """The MAX_QUOTES sentences carrying most terms (the earlier on a tie), in essay order. Sentences already
    quoted for an earlier part (their starts in `quoted`, which this adds to) come last, so one sentence is
    not quoted under every part it serves while the part has others."""
    seen = quoted if quoted is not None else set()
    best = sorted(evidence, key=lambda q: (q.start in seen, -len(q.terms), q.start))[:MAX_QUOTES]
    seen.update(q.start for q in best)
    return sorted(best, key=lambda q: q.start)


def unquoted_count(evidence: Sequence[Quote]) -> int:
    """How many evidence sentences are left out of the quotes ("... and 2 more")."""
    return max(0, len(evidence) - MAX_QUOTES)
