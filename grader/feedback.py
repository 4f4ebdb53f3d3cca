"""Feedback about this essay: for each part, the rubric's words for its level, then what the grader found.

A part's text is composed from
- one of the rubric's phrasings for the level (chosen by the essay, so a class reads different words, and
  never the same text twice in one report);
- where the essay answers the part and the specific details it names there (the rubric's names for them);
- for a thin part, what keeps it from developed, in the terms of the part's thresholds (a second explained
  point, a specific detail, the reason, a clear verdict, the place it belongs);
- for a thin or missing part, one or two of the rubric's `suggest` details that the essay does not name
  anywhere, and that no other part has suggested already.
So a next step never asks for what the essay already has.
"""
from __future__ import annotations

import zlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .compiled import CompiledRubric
    from .matching import Hit
    from .rubric import Element
    from .terms import Occurrence
    from .text import Sentences

#: What a thin part lacks, by the reason the developed thresholds were not met.
LACKING = {
    "sentences": "more points on it, each explained in a sentence of its own (you have {have}; a developed "
                 "answer has {need})",
    "facts": "an accurate fact (a date, a name or a figure) in the same paragraph",
    "details": "more specific details - names, dates, figures, events (you name {have}; a developed answer "
               "names {need} or more)",
    "explained": "the reason or the result (because …, which meant …)",
    "spoiled": "accurate support: a fact in that paragraph is wrong (see the fact check)",
    "errors": "fewer false claims: correct the facts marked wrong",
    "notes": "full sentences that explain it, not notes or a table",
    "too_short": "more length: the whole answer is too short for any part to be developed",
    "direction": "a clear verdict: say which way you judge it and why",
}
#: Where a part belongs, for a thin part whose evidence is elsewhere (its pattern's `where`).
PLACES = {
    "conclusion": "a clear statement of it in your conclusion",
    "opening": "a statement of it in your introduction",
    "body": "an argument for it in the body of the essay",
    "after_opening": "an argument for it after the introduction, not only a promise in it",
}
#: The most details named back to the student, and the most suggested, for one part.
MAX_NAMED, MAX_SUGGESTED = 3, 2


class FeedbackWriter:
    """Writes every part's feedback for one essay, remembering what it has said and suggested."""

    def __init__(self, compiled: CompiledRubric, sentences: Sentences, occurrences: list[list[Occurrence]]):
        self.compiled = compiled
        self.sentences = sentences
        self.occurrences = occurrences
        self.details = set(compiled.rubric.details)
        self.present = {o.group for s in sentences.items if s.role in ("sentence", "heading")
                        for o in occurrences[s.index]}
        self.seed = zlib.crc32(sentences.document.text.encode("utf-8"))
        self.used: set[str] = set()
        self.suggested: set[str] = set()
        self.answered: dict[str, tuple[Hit, ...]] = {}  # the parts with evidence, for where a missing one would fit

    def write(self, element: Element, level: int, evidence: tuple[Hit, ...], lacking: tuple[str, ...]) -> str:
        """The part's feedback for this essay."""
        out = [self._phrasing(element, level)]
        if level and evidence:
            out.append(self._where(evidence, level))
        if not level:
            out.extend(self._near_miss(element))
        if level == 1:
            from .scoring import details_in

            counts = {"sentences": len({h.sentence for h in evidence}),
                      "details": len(details_in({h.sentence for h in evidence}, self.occurrences, self.details))}
            missing = [text for code in lacking if (text := self._lack(element, code, counts))]
            if element.stances and self._no_verdict(element, evidence):
                missing.append(LACKING["direction"])
            missing = list(dict.fromkeys(missing))
            if missing:
                out.append(f"To develop it, add {_join(missing)}.")
        if level < 2:
            ideas = [s.detail for s in element.suggest
                     if self.present.isdisjoint(s.groups) and s.detail not in self.suggested][:MAX_SUGGESTED]
            self.suggested.update(ideas)
            if ideas:
                out.append(f"{'You could use' if level else 'A place to start:'} {' or '.join(ideas)}.")
        text = " ".join(out)
        self.used.add(text)
        return text

    def _phrasing(self, element: Element, level: int) -> str:
        """One of the rubric's phrasings, by the essay, not one already used in this report."""
        bank = element.feedback.phrasings(level)
        start = (self.seed + zlib.crc32(element.id.encode("utf-8"))) % len(bank)
        for k in range(len(bank)):
            text = bank[(start + k) % len(bank)]
            if text not in self.used:
                return text
        return bank[start]

    def _where(self, evidence: tuple[Hit, ...], level: int) -> str:
        """The paragraphs the part is answered in and the specific details named there."""
        paragraphs = sorted({self.sentences.shown_paragraph(h.paragraph) for h in evidence})
        where = f"paragraph{'s' if len(paragraphs) > 1 else ''} {_join([str(p) for p in paragraphs])}"
        named = self._named(evidence)[:MAX_NAMED]
        details = (f", naming {_join(named)}" if named
                   else "" if level == 2 else ", without a specific name, date or figure yet")
        lead = "You do this in" if level == 2 else "So far you touch on it in"
        return f"{lead} {where}{details}."

    def _near_miss(self, element: Element) -> list[str]:
        """For a missing part: where the essay comes close (names the sides or specific details the part is about
        without answering it), and where the answer would fit: its place, or beside the nearest part answered."""
        rubric = self.compiled.rubric
        named_things = self.details | {g for groups in rubric.actors.values() for g in groups}  # sides and specifics
        wanted = {g for p in element.patterns for req in (*p.all, *p.any) for g in ([req] if isinstance(req, str) else req)
                  if g in named_things}
        given = self.compiled.given_words
        names: list[str] = []
        paragraphs: set[int] = set()
        for s in self.sentences.items:
            if s.role != "sentence":
                continue
            for o in self.occurrences[s.index]:
                if o.group not in wanted or "#" in o.phrase:
                    continue
                if not all(t.norm in given for t in s.tokens[max(o.first, 0) : o.last]):
                    paragraphs.add(self.sentences.shown_paragraph(s.paragraph))
                    if not any(o.phrase.casefold() in n.casefold() or n.casefold() in o.phrase.casefold() for n in names):
                        names.append(o.phrase)
        out = []
        if names:
            shown = sorted(paragraphs)[:MAX_NAMED]
            where = f"paragraph{'s' if len(shown) > 1 else ''} {_join([str(p) for p in shown])}"
            near = f"You name {_join(names[:2])} ({where}), but not yet in a way that answers this part."
            if near not in self.used:
                self.used.add(near)
                out.append(near)
        places = {p.where for p in element.patterns}
        body = [s for s in self.sentences.items if s.role == "sentence"]
        if "conclusion" in places and body:
            last = self.sentences.shown_paragraph(body[-1].paragraph)
            out.append(f"Your last paragraph (paragraph {last}) is the place for it.")
        elif self.answered:
            order = [e.id for e in rubric.elements]
            here = order.index(element.id)
            near = min(self.answered, key=lambda other: (abs(order.index(other) - here), order.index(other)))
            paragraph = self.sentences.shown_paragraph(max(h.paragraph for h in self.answered[near]))
            title = rubric.element(near).title
            out.append(f"It would fit after paragraph {paragraph}, where you write about {title[0].lower()}{title[1:]}.")
        return out

    def _named(self, evidence: tuple[Hit, ...]) -> list[str]:
        """The specific details (the rubric's `details` groups) the evidence names, by the rubric's names for them,
        in essay order."""
        named: list[str] = []
        for h in sorted(evidence, key=lambda h: h.start):
            for o in self.occurrences[h.sentence]:
                if o.group in self.details and o.phrase not in named and "#" not in o.phrase:
                    named.append(o.phrase)
        return named

    def _lack(self, element: Element, code: str, counts: dict[str, int]) -> str | None:
        if code == "place":
            places = [p.where for p in element.patterns if p.where != "anywhere"]
            return PLACES.get(places[0]) if places else None
        need = {"sentences": element.developed.sentences, "details": element.developed.details}
        text = LACKING.get(code)
        return text.format(have=counts.get(code, 0), need=need.get(code, 0)) if text else None

    def _no_verdict(self, element: Element, evidence: tuple[Hit, ...]) -> bool:
        from .scoring import stance_of

        return stance_of(element, evidence, self.occurrences, self.sentences) is None


def _join(items: list[str]) -> str:
    """"a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
