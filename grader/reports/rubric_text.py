"""`grader rubric show`: a rubric as plain text a teacher can read."""
from __future__ import annotations

import textwrap

from ..rubric import Rubric


def render_rubric(rubric: Rubric) -> str:
    """The question, bands, elements (weight, evidence, thresholds), facts and term groups."""
    wrap = lambda text, indent="  ": textwrap.fill(" ".join(text.split()), 100, initial_indent=indent,  # noqa: E731
                                                   subsequent_indent=indent)
    settings = rubric.compiled.settings
    lines = [f"{rubric.title} ({rubric.id}), out of {rubric.total:g}", "", "Question:", wrap(rubric.prompt), "",
             "Bands: " + ", ".join(f"{b.name} >= {b.min:g}%" for b in rubric.bands),
             f"Limits: at least {settings['too_short'].min_words} words, {settings['off_topic'].min_sentences} "
             "sentences on the question",
             "", "Elements:"]
    for e in rubric.elements:
        lines.append(f"  {e.id} (weight {e.weight:g}): {e.title}")
        for p in e.patterns:
            if p.from_:
                lines.append(f"    evidence: from {p.from_}")
                continue
            parts = []
            if p.all:
                parts.append("all of " + ", ".join(r if isinstance(r, str) else "(" + " or ".join(r) + ")" for r in p.all))
            if p.any:
                parts.append("any of " + ", ".join(p.any))
            if p.none:
                parts.append("none of " + ", ".join(p.none))
            where = "" if p.where == "anywhere" else f", full credit in the {p.where}"
            lines.append(f"    evidence: {'; '.join(parts)} within {rubric.compiled.shape(p).within} words{where}")
        d = e.developed
        lines.append(f"    developed: {d.sentences} sentences, {d.facts} facts, {d.details} details")
        lines.append(f"    examples: {len(e.examples.count)} that count, {len(e.examples.do_not_count)} that do not")
    lines += ["", f"Facts ({len(rubric.facts)}):"]
    for f in rubric.facts:
        lines.append(f"  {f.id}: {f.note}")
    lines += ["", "Term groups:"]
    for name, phrases in rubric.term_groups.items():
        lines.append(wrap(f"{name}: " + "; ".join(phrases)))
    return "\n".join(lines) + "\n"
