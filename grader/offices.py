"""Offices by date: who held an office when. "The Soviet Premier, Georgy Malenkov" at the signing of the
1950 treaty, or "President Eisenhower" in 1949, names someone in an office they did not hold at the time.

A claim is only read where the office's name stands right next to the person's ("President Truman",
"Khrushchev, the new Soviet leader"); its date is a year bound to the name, else the year of an event of
the fact bank the sentence names, else the last year the paragraph stated before it. Anything less
certain is left alone, and a name marked as later ("the future leader Khrushchev") is no claim about then.
"""
from __future__ import annotations

from typing import Callable

from .language import english
from .rubric import Fact, Office, Rubric, spellings
from .terms import Occurrence
from .text import Sentence


def misplaced(rubric: Rubric, sentence: Sentence, occ: list[Occurrence], years: list[tuple[int, int]],
              matched: list[Fact], earlier_year: int | None, window: int,
              bound: Callable[[int, list[Occurrence]], bool]) -> list[tuple[Office, str]]:
    """The offices the sentence gives to someone who did not hold them at its date, each with the note to show
    (the fact check asks it only of sentences naming one of `CompiledRubric.office_roles`: most name none).

    `years`: (token position, year) in the sentence; `matched`: the fact-bank events it names; `earlier_year`:
    the last year stated before it in its paragraph; `window`: the most words between office and name;
    `bound(position, anchors)`: whether a year at `position` dates what `anchors` name."""
    out: list[tuple[Office, str]] = []
    people = set(rubric.person_groups)
    shown = rubric.compiled.holder_names
    for office in rubric.offices:
        roles = [o for o in occ if o.group in office.role or o.group in office.titles]
        if not roles:
            continue
        for person in (o for o in occ if o.group in people):
            holder = [h for h in office.holders if person.phrase in shown[h.name]]
            apposed = [role for role in roles if (holder or role.group in office.role)
                       and _apposed(sentence, person, role, window)]
            if not apposed:
                continue
            if _marked_later(sentence, person, window):
                continue
            dates = _dates([person, *apposed], years, matched, earlier_year, bound)
            if holder and not dates:
                continue
            if holder and any(h.from_ <= y <= h.to for h in holder for y in dates):
                continue
            year = dates[0] if dates else None
            who = ", ".join(office.holders_in(year)) if year is not None else ""
            out.append((office, office.note + (f" In {year}: {who}." if who else "")))
            break
    return out


def shown_names(rubric: Rubric, name: str) -> set[str]:
    """The forms a person's occurrences carry (the first spelling of each person-group line that names them)."""
    wanted = spellings(name)
    return {line.split("|")[0].strip() for g in rubric.person_groups for line in rubric.terms[g]
            if wanted & spellings(line)}


def _dates(named: list[Occurrence], years: list[tuple[int, int]], matched: list[Fact], earlier_year: int | None,
           bound: Callable[[int, list[Occurrence]], bool]) -> list[int]:
    """The sentence's date for what the person does: a year bound to the name or to the office beside it
    ("In 1950 the Soviet Premier, Georgy Malenkov, ..."), the events' years, or the paragraph's last year."""
    own = [y for i, y in years if any(bound(i, [o]) for o in named)]
    if own:
        return own
    events = [f.must.years[0] for f in matched if len(f.must.years) == 1]
    if events:
        return events
    return [earlier_year] if earlier_year is not None and not years else []


def _apposed(sentence: Sentence, person: Occurrence, role: Occurrence, window: int) -> bool:
    """Whether the office names the person: next to the name, with only small words between ("President
    Truman", "the Soviet Premier, Georgy Malenkov", "Khrushchev, who as the new Soviet leader")."""
    if role.last <= person.first:
        between = sentence.tokens[role.last : person.first]
    elif person.last <= role.first:
        between = sentence.tokens[person.last : role.first]
    else:
        return False
    small = english().appositive_words
    return len(between) <= window and all(t.norm in small for t in between)


def _marked_later(sentence: Sentence, person: Occurrence, window: int) -> bool:
    """Whether the name is marked as holding the office later or earlier ("the future leader", "the former")."""
    later = english().later_words
    start = max(0, person.first - window)
    return any(t.norm in later for t in sentence.tokens[start : person.last + window])
