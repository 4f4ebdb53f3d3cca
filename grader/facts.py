"""Facts: claims about the rubric's fact bank, checked for year and place → correct / incorrect, with the note.

A claim is a sentence that names the event (its `about` groups) and states a year or a place. A year
is wrong when the sentence gives none of the accepted years and the year nearest the event belongs to
no other event the sentence names; a place is wrong when a different place of the same group stands
after "in"/"at" near the event and the right one is absent; a month is wrong when it is stated with an
accepted year and is not one of the fact's months. A place or a name belongs to the event it stands
nearest; one that may be another named event's leaves the claim unconfirmed. The giver of a fact that
names one is read by `direction`, and an office given to someone who did not hold it then by `offices`.
Amounts, percentages and lengths of time bound to the event are checked too. An opening date or place
(`scene`) governs its whole main clause; a year of another fact of the same name reads the claim as that
one's; two events joined by a word of order are checked by `sequence`; a sentence that refers to an event
without naming it ("the treaty was signed in Beijing", a leading "It") is checked as the event `reference`
finds. A detail given to the event but too far off to correct leaves it unconfirmed. A denied event, or one
dated only by another event's year, is not confirmed, and a list of terms is corrected but never confirmed.
Anything vaguer is left unchecked: a false accusation costs a student more than a missed one.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable, Literal, TypeVar

from .language import english
from . import direction, offices, reference, sequence
from .rubric import Fact, Rubric, place_group, spellings
from .terms import Occurrence
from .amounts import amounts, parse_amount, percentages
from .durations import durations, same_length
from .matching import NEGATION, makes_claim
from .scene import Scene, breaks, scene
from .text import Sentence, Sentences, Token, may_hold_digits, normalise
from .years import ASCII_YEARS, WRITTEN_CENTURIES, YEAR_DIGITS, year_at

if TYPE_CHECKING:
    from .compiled import CompiledRubric

#: The screen of a list of terms, whose sentences still state claims: a list with a wrong date ("Yalta 1944,
#: Korean War 1948") is corrected, though nothing in it is confirmed or credited, and names side by side in it
#: claim nothing about each other.
TERM_LIST = "keyword_list"
#: A verdict on an event, whatever its type.
V = TypeVar("V")
#: A sentence without this (nor digits) has no year to read: "that year" needs the word, which a hyphen at the end
#: of a line may split ("ye-\nar").
_YEAR_WORD = re.compile(r"y(?:-\s*)?e(?:-\s*)?a(?:-\s*)?r", re.IGNORECASE)
#: Where a year may be written in words ("nineteen forty-nine"): the sentences whose words are looked at for one.
_WRITTEN_CENTURY = re.compile(r"(?:nine|eigh)teen", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class FactCheck:
    """One claim: the fact it is about, whether it is right, the student's sentence, the correct version."""

    fact: str
    status: Literal["correct", "incorrect"]
    sentence: int
    start: int
    end: int
    note: str


def check_facts(compiled: CompiledRubric, sentences: Sentences, occurrences: list[list[Occurrence]],
                screened: list[str | None]) -> list[FactCheck]:
    """Every checkable claim in the essay's eligible sentences, in text order (none when the fact_check rule is
    switched off)."""
    rubric = compiled.rubric
    cfg = compiled.settings["fact_check"]
    if not (rubric.facts or rubric.misconceptions) or not cfg.enabled:
        return []
    places, people, by_group, namesakes_by_head = compiled.fact_tables
    tables = compiled.reference_tables
    out: list[FactCheck] = []
    text = sentences.document.text
    paragraph = -1
    earlier_year: int | None = None  # the last year the paragraph stated before this sentence
    earlier_groups: set[str] = set()  # the groups the paragraph named before this sentence
    referents = reference.Paragraph()
    written = "teen" in text or "TEEN" in text  # a year in words may stand in the essay: looked for sentence by sentence
    for s in sentences.items:
        if s.paragraph != paragraph:
            paragraph, earlier_year, earlier_groups = s.paragraph, None, set()
            referents = reference.Paragraph()
        years = (_years(s, earlier_year) if may_hold_digits(text, s) or _YEAR_WORD.search(text, s.start, s.end)
                 or written and _WRITTEN_CENTURY.search(text, s.start, s.end) else [])
        before: int | None = earlier_year
        earlier_year = years[-1][1] if years else earlier_year
        occ = occurrences[s.index]
        present = {o.group for o in occ}
        context, earlier_groups = earlier_groups, earlier_groups | present
        candidates = {i for g in present for i in by_group.get(g, ())}
        numbers = [i for i in sorted(candidates) if _about(rubric.facts[i], occ, cfg.mention_words) is not None]
        referred = None if numbers else reference.resolve(s, occ, text, referents, tables, cfg.reference_reach)
        named = numbers
        if screened[s.index] is None or screened[s.index] == TERM_LIST:
            checks, named = _check_sentence(compiled, s, occ, present, years, before, context, numbers, referred,
                                            screened[s.index], text)
            out.extend(checks)
        reference.update(referents, s, occ, text, named, referred, tables, rubric.facts)
    return out


def _check_sentence(compiled: CompiledRubric, s: Sentence, occ: list[Occurrence], present: set[str],
                    years: list[tuple[int, int]], before: int | None, context: set[str], numbers: list[int],
                    referred: reference.Reference | None, screen: str | None,
                    text: str) -> tuple[list[FactCheck], list[int]]:
    """One sentence's checks, and the facts it names (not those it only may name): a misconception, an office
    given to the wrong person, or each named (or referred-to) event judged on the details the sentence states.
    `before`: the paragraph's last year before it; `context`: the groups the paragraph named before it;
    `screen`: why the sentence earns nothing, if it does not (then nothing in it is confirmed); `present`: the
    groups of `occ`."""
    listed = screen == TERM_LIST
    rubric = compiled.rubric
    cfg = compiled.settings["fact_check"]
    places, people, by_group, namesakes_by_head = compiled.fact_tables
    out: list[FactCheck] = []
    possible = sorted({i for g in present for i in compiled.claims_by_group.get(g, ())})
    claims = compiled.claims
    false_claims = [m for m, unless, claim in (claims[i] for i in possible)
                    if context.isdisjoint(unless) and makes_claim(compiled, claim, s, occ, text, present)]
    if false_claims:  # a sentence that makes a false claim is not right on any other count
        return [FactCheck(m.id, "incorrect", s.index, s.start, s.end, m.note) for m in false_claims], numbers
    matched = [rubric.facts[i] for i in numbers]
    opening = scene(s, text, cfg.scene_words)
    if not present.isdisjoint(compiled.office_roles):  # most sentences name no office
        wrong_offices = offices.misplaced(
            rubric, s, occ, years, matched, before, cfg.role_window,
            functools.partial(_bound_in, s, cfg.year_window, text, opening))
        if wrong_offices:
            return [FactCheck(o.id, "incorrect", s.index, s.start, s.end, note) for o, note in wrong_offices], numbers
    if referred is not None and referred.states:  # "the treaty was signed in Beijing": the paragraph's treaty
        numbers, matched = [referred.fact], [rubric.facts[referred.fact]]
    if not numbers:
        return [], numbers
    anchors_of = _AnchorsOf(occ, cfg.mention_words)
    verdicts = []
    for number, fact in zip(numbers, matched):
        events = {(o.start, o.end) for o in occ if any(i != number for i in by_group.get(o.group, ()))}
        if referred is not None and referred.states:
            namesakes = tuple(rubric.facts[i] for i in referred.namesakes)
            anchors = [referred.words, *referred.action]
            if referred.by_default:  # who signed is how a sentence names another agreement ("signed by Kim
                people = {**people, fact.id: (set(), set())}  # Il-sung and Mark Clark"): not judged on a guess
        else:
            namesakes = _namesakes(fact, occ, namesakes_by_head[fact.id])
            anchors = anchors_of(fact)
        judge = functools.partial(_judge, s=s, occ=occ, years=years, places=places, people=people, text=text,
                                  opening=opening, events=events, cfg=cfg, actor_of=compiled.actor_of,
                                  anchors=anchors, term_list=listed, anchors_of=anchors_of)
        status = judge(fact, matched, namesakes=namesakes)
        if status == NAMESAKE:  # the year is that of another event of the same name: read it as that one
            status = UNSURE
            for other in namesakes:
                readings = [other if f is fact else f for f in matched]
                own = _groups(other)  # its words, not this event's people and places
                its_words = [o for o in anchors if o.group in own]
                if other not in matched and its_words and judge(other, readings, namesakes=(),
                                                                anchors=its_words) == "incorrect":
                    fact, status = other, "incorrect"
                    break
        verdicts.append((fact, status))
    verdicts = _one_wrong_reading(verdicts, occ)
    # One year for two events ("In 1949 Mao went to Moscow and signed the treaty"): the sentence dates
    # both, and one of them wrongly, so it is not shown as accurate. Two facts named by the same words
    # ("a pact with the Nationalist government") are two readings of one event: the year picks one; an
    # event named to date another ("long before his theses of 1517") dates only itself.
    named = {fact.id: _named_spans(fact, occ) for fact in matched}
    known = [f for f in matched if not any(_overlap(named[f.id], named[g.id]) for g in matched if g is not f)]
    wrong_order = _misordered(s, text, [(f, anchors_of(f)) for f in known], cfg,
                              {fact.id for fact, status in verdicts if status == "incorrect"})
    out.extend(FactCheck(fact.id, "incorrect", s.index, s.start, s.end, note) for fact, note in wrong_order)
    if wrong_order:  # an event put in the wrong order is not confirmed on its other details
        verdicts = [(fact, UNSURE if status == "correct" else status) for fact, status in verdicts]
    shared = any(status == UNSURE and not any(_overlap(named[fact.id], named[other.id])
                                              or _as_time_reference(s, anchors_of(other))
                                              for other in matched if other is not fact)
                 for fact, status in verdicts)
    out.extend(FactCheck(fact.id, status, s.index, s.start, s.end, fact.note) for fact, status in verdicts
               if status == "incorrect" or (status == "correct" and not shared and screen is None))
    index = compiled.fact_numbers
    return out, [index[id(fact)] for fact, status in verdicts if status != UNSURE]


def _amount_verdict(expected: str, s: Sentence, anchors: list[Occurrence], text: str, opening: Scene | None,
                    window: int) -> bool | None:
    """True when an amount of money bound to the event (close, in the same clause) is the right one, False when
    it is another (in value or currency), None when none is (rates such as "$60 million a year" are no totals)."""
    want = parse_amount(expected)
    stated = [a for a in amounts(s, text) if not a.rate and _bound_to_event(s, a.first, anchors, window, text, opening)]
    if want is None or not stated:
        return None
    return any((a.value, a.currency) == want for a in stated)


def _states_rate(s: Sentence, anchors: list[Occurrence], text: str, opening: Scene | None, window: int) -> bool:
    """Whether a rate ("$300 million a year") is bound to the event: a slot the fact cannot check, so the
    claim is not confirmed on its other slots."""
    return any(a.rate and _bound_to_event(s, a.first, anchors, window, text, opening) for a in amounts(s, text))


def _about(fact: Fact, occ: list[Occurrence], span: int) -> list[Occurrence] | None:
    """The occurrences that name the event (by `about` or any `also_about`), or None. A mention made of
    several groups must be compact: one term of each within `span` words ("Wang Ming came back from Moscow
    in 1937 and challenged Mao" does not say Mao travelled)."""
    for combination in (fact.about, *fact.also_about):
        found: list[Occurrence] = []
        chosen: list[list[Occurrence]] = []
        for ref in combination:
            groups = {ref} if isinstance(ref, str) else set(ref)
            here = [o for o in occ if o.group in groups]
            if not here:
                break
            found.extend(here)
            chosen.append(here)
        else:
            if len(chosen) < 2 or _compact(chosen, span, occ):
                return found
    return None


def _compact(chosen: list[list[Occurrence]], span: int, occ: list[Occurrence]) -> bool:
    """Whether one occurrence of each group can be picked with at most `span` words between the end of the
    first and the start of the last (a long name such as a treaty's title takes no room, see `_within_name`)."""
    points = sorted((o.first, _within_name(o, occ).last, k) for k, here in enumerate(chosen) for o in here)
    need = len(chosen)
    for i, (_, end, _) in enumerate(points):
        seen: set[int] = set()
        for start, _, k in points[i:]:
            if start - end > span:
                break
            seen.add(k)
            if len(seen) == need:
                return True
    return False


def _within_name(o: Occurrence, occ: list[Occurrence]) -> Occurrence:
    """The longest term that holds the occurrence: "Treaty" in "the Treaty of Friendship, Alliance and Mutual
    Assistance" stands where the whole title stands, so words after the title are beside it."""
    return max((p for p in occ if p.first <= o.first and o.last <= p.last), key=lambda p: p.last - p.first,
               default=o)


def fact_tables(rubric: Rubric) -> tuple:
    """Each fact's place and people lookups, the index of facts by group and each fact's namesakes by the group
    that opens their names (kept by the compiled rubric)."""
    return ({f.id: _place_phrases(rubric, f) for f in rubric.facts},
            {f.id: _people_phrases(rubric, f) for f in rubric.facts},
            _facts_by_group(rubric), _namesakes_by_head(rubric))


def _one_wrong_reading(verdicts: list[tuple[Fact, V]], occ: list[Occurrence]) -> list[tuple[Fact, V]]:
    """Two events named by the same words ("Mao arrived in Moscow": his 1949 visit and his 1957 one) that are both
    wrong for the sentence are two readings of one wrong claim: it is reported once, as the event the sentence
    names in most words ("a non-aggression pact with the Nationalists" is the 1937 pact), the first of equals."""
    wrong = [i for i, (_, status) in enumerate(verdicts) if status == "incorrect"]
    if len(wrong) < 2:  # most sentences
        return verdicts
    spans = {i: _named_spans(verdicts[i][0], occ) for i in wrong}
    size = {i: sum(last - first for first, last in spans[i]) for i in wrong}
    dropped = {i for i in wrong for k in wrong
               if k != i and _overlap(spans[i], spans[k]) and (size[k], -k) > (size[i], -i)}
    return [verdict for i, verdict in enumerate(verdicts) if i not in dropped]


def _misordered(s: Sentence, text: str, events: list[tuple[Fact, list[Occurrence]]], cfg: Any,
                reported: set[str]) -> list[tuple[Fact, str]]:
    """Events the sentence puts in an order their dates rule out, each once, with both events' notes (an event
    already found wrong on another count is not reported twice)."""
    out: dict[str, tuple[Fact, str]] = {}
    for order in sequence.orders(s, text, [(f, a) for f, a in events if a], cfg.order_reach, cfg.claim_margin):
        if sequence.impossible(order) and order.later.id not in reported:
            out.setdefault(order.later.id, (order.later, f"{order.earlier.note} {order.later.note}"))
    return list(out.values())


def _namesakes_by_head(rubric: Rubric) -> dict[str, dict[str, tuple[Fact, ...]]]:
    """For each fact and each group that opens one of its combinations, the other facts opened by that group
    too ("the Sino-Soviet treaty" may be the 1945 one or the 1950 one)."""
    heads = {f.id: _heads(f) for f in rubric.facts}
    return {f.id: {h: tuple(g for g in rubric.facts if g is not f and h in heads[g.id]) for h in heads[f.id]}
            for f in rubric.facts}


def _heads(fact: Fact) -> set[str]:
    """The groups that open the fact's combinations (the first of `about` and of each `also_about`)."""
    return {group for combination in (fact.about, *fact.also_about)
            for group in ([combination[0]] if isinstance(combination[0], str) else combination[0])}


def _groups(fact: Fact) -> set[str]:
    """Every group of the fact's combinations."""
    return {group for combination in (fact.about, *fact.also_about) for ref in combination
            for group in ([ref] if isinstance(ref, str) else ref)}


def _namesakes(fact: Fact, occ: list[Occurrence], by_head: dict[str, tuple[Fact, ...]]) -> tuple[Fact, ...]:
    """The other events the sentence's words may name instead of this one: none when one combination names it
    by words of its own ("the Treaty of Friendship, Alliance and Mutual Assistance")."""
    present = {o.group for o in occ}
    found: dict[str, Fact] = {}
    for combination in (fact.about, *fact.also_about):
        refs = [{ref} if isinstance(ref, str) else set(ref) for ref in combination]
        if not all(ref & present for ref in refs):
            continue
        shared = [by_head.get(h, ()) for h in refs[0] & present]
        if not any(shared):
            return ()
        found.update((f.id, f) for facts in shared for f in facts)
    return tuple(found.values())


def _facts_by_group(rubric: Rubric) -> dict[str, tuple[int, ...]]:
    """Fact indexes by each group that can open one of their combinations: a sentence without any of a
    fact's first groups cannot be about it."""
    index: dict[str, list[int]] = {}
    for i, fact in enumerate(rubric.facts):
        for combination in (fact.about, *fact.also_about):
            first = combination[0]
            for group in ([first] if isinstance(first, str) else first):
                index.setdefault(group, []).append(i)
    return {g: tuple(dict.fromkeys(ids)) for g, ids in index.items()}


class _AnchorsOf:
    """The words that locate a fact in one sentence (`_anchors`), worked out once per fact. (A class rather than a
    closure: a compiled closure and its frame refer to each other, so each sentence's would wait for the cycle
    collector.)"""

    def __init__(self, occ: list[Occurrence], span: int) -> None:
        self.occ = occ
        self.span = span
        self.found: dict[int, list[Occurrence]] = {}

    def __call__(self, fact: Fact) -> list[Occurrence]:
        found = self.found.get(id(fact))
        if found is None:
            found = self.found[id(fact)] = _anchors(fact, self.occ, self.span)
        return found


def _anchors(fact: Fact, occ: list[Occurrence], span: int) -> list[Occurrence]:
    """Once the event is named, every term of the combinations that name it locates it ("the Treaty ..., signed
    in 1945"); a combination the sentence does not complete, or whose terms stand too far apart (see `_about`),
    locates nothing ("Roosevelt's agreement" is not the 1950 treaty because "agreement" could start one)."""
    present = {o.group for o in occ}
    found: dict[tuple[int, int, str], Occurrence] = {}
    names: dict[int, Occurrence] = {}  # each occurrence's longest holding term, worked out once

    def named(o: Occurrence) -> Occurrence:
        held = names.get(id(o))
        if held is None:
            held = names[id(o)] = _within_name(o, occ)
        return held

    for combination in (fact.about, *fact.also_about):
        refs = [{ref} if isinstance(ref, str) else set(ref) for ref in combination]
        if not all(ref & present for ref in refs):
            continue
        chosen = [[o for o in occ if o.group in ref] for ref in refs]
        if len(refs) > 1 and not _compact(chosen, span, occ):
            continue
        for k, here in enumerate(chosen):  # each term beside a term of every other group ("Mao arrived" far
            for o in here:                 # off is not Liu Shaoqi's journey)
                if all(any(_gap(named(o), named(p)) <= span for p in other)
                       for j, other in enumerate(chosen) if j != k):
                    found[(o.first, o.last, o.group)] = o
    return [o for o in occ if (o.first, o.last, o.group) in found]


def _gap(one: Occurrence, other: Occurrence) -> int:
    """Words between two occurrences (0 when they touch or overlap)."""
    return max(other.first - one.last, one.first - other.last, 0)


def _named_spans(fact: Fact, occ: list[Occurrence]) -> set[tuple[int, int]]:
    """Where the sentence names the fact's event: the words of its `about` groups, or the first group of each other
    combination it completes (the event's name, not its people or places, which other events share)."""
    present = {o.group for o in occ}
    groups: set[str] = set()
    for k, combination in enumerate((fact.about, *fact.also_about)):
        refs = [{ref} if isinstance(ref, str) else set(ref) for ref in combination]
        if all(ref & present for ref in refs):
            groups |= set().union(*refs) if k == 0 else refs[0]
    return {(o.first, o.last) for o in occ if o.group in groups}


def _overlap(one: set[tuple[int, int]], other: set[tuple[int, int]]) -> bool:
    """Whether two sets of word spans (first, last) share a word."""
    return any(a <= d and c <= b for a, b in one for c, d in other)


def _years(sentence: Sentence, earlier: int | None = None) -> list[tuple[int, int]]:
    """(token position, year) for four-digit years in the sentence, and for "the same year" or "that year", the
    year stated last before it (in the sentence, else `earlier`, the paragraph's)."""
    out: list[tuple[int, int]] = []
    back = english().year_anaphora
    tokens = sentence.tokens
    # only a year, "year" or a word in another script (digits of other scripts) can add anything
    for i in [k for k, t in enumerate(tokens) if t.norm in ASCII_YEARS or t.norm == "year" or not t.norm.isascii()
              or t.norm in WRITTEN_CENTURIES]:
        stated = year_at(tokens, i)
        if stated is not None:
            out.append((i, stated))
        elif tokens[i].norm == "year" and i > 0 and sentence.tokens[i - 1].norm in back:
            last = out[-1][1] if out else earlier
            if last is not None:
                out.append((i, last))
    return out


def _as_time_reference(sentence: Sentence, anchors: list[Occurrence]) -> bool:
    """Whether the event is named only to date something else ("right after the Yalta agreement")."""
    lang = english()
    relative = lang.relative_time - lang.agent_prepositions  # "created by the treaty": its agent, not a time
    return any(a.first > 0 and sentence.tokens[a.first - 1].norm in relative
               or a.first > 1 and sentence.tokens[a.first - 1].norm in lang.determiners
               and sentence.tokens[a.first - 2].norm in relative for a in anchors)


#: How close a stated percentage must be to the fact's: the same number, up to rounding of its decimals.
PERCENT_TOLERANCE = 0.01

#: The shared cue group of events wanted or asked for (grader/data/english.yaml): they did not happen then.
INTENTION = "intention"

#: A claim dated only by another event's year: left unchecked, and its sentence is not shown as accurate.
UNSURE: Literal["unsure"] = "unsure"
#: A claim whose year is that of another event going by the same name: it is read as that event's.
NAMESAKE: Literal["namesake"] = "namesake"
#: What `_judge` finds of one claim (None: nothing checkable).
Status = Literal["correct", "incorrect", "unsure", "namesake"] | None


def _month_before(sentence: Sentence, position: int, text: str) -> int | None:
    """The month named with the year at `position` ("14 February 1950", "February 1950", "February 14, 1950"), or
    written in figures with it (`_month_in_figures`)."""
    months = english().months
    tokens = sentence.tokens
    for back in (1, 2):
        if position - back < 0:
            break
        word = tokens[position - back].norm
        if word in months:
            return months[word]
        if not (back == 1 and word.isdigit() and len(word) <= 2):
            break  # only a day may stand between the month and the year
    return _month_in_figures(sentence, position, text)


#: What joins the figures of a date written in figures ("14/2/1950", "14.2.1950", "1950-02-14").
DATE_SEPARATORS = ("/", ".", "-")
#: The calendar: months in a year, most days in a month.
MONTHS, MONTH_DAYS = 12, 31


def _month_in_figures(sentence: Sentence, position: int, text: str) -> int | None:
    """The month of a date written in figures around the year at `position`: the middle figure after the year
    ("1950-02-14"), or before it the figure that can be a month where the other can only be a day ("14/2/1950",
    "2/14/1950"); None when both could be months ("4/2/1950" is April to some readers and February to others)."""
    tokens = sentence.tokens
    if position + 2 < len(tokens) and _joined(tokens, position, text) and _joined(tokens, position + 1, text):
        month, day = _figure(tokens, position + 1), _figure(tokens, position + 2)
        return month if month is not None and day is not None and 1 <= month <= MONTHS else None
    if position >= 2 and _joined(tokens, position - 2, text) and _joined(tokens, position - 1, text):
        first, second = _figure(tokens, position - 2), _figure(tokens, position - 1)
        if first is None or second is None:
            return None
        if MONTHS < first <= MONTH_DAYS and 1 <= second <= MONTHS:
            return second
        if MONTHS < second <= MONTH_DAYS and 1 <= first <= MONTHS:
            return first
        return first if first == second and 1 <= first <= MONTHS else None
    return None


def _figure(tokens: tuple[Token, ...], k: int) -> int | None:
    """Token k as a day's or a month's figure (one or two digits), or None."""
    word = tokens[k].norm
    return int(word) if word.isdigit() and len(word) <= 2 else None


def _joined(tokens: tuple[Token, ...], k: int, text: str) -> bool:
    """Whether tokens k and k + 1 are figures of one date, with only a date's separator between them."""
    return text[tokens[k].end : tokens[k + 1].start] in DATE_SEPARATORS


def _place_phrases(rubric: Rubric, fact: Fact) -> tuple[str | None, set[str]]:
    """The group of the fact's place and the shown form(s) of the right place in it."""
    if fact.must.place is None:
        return None, set()
    group = place_group(rubric, fact.must.place)
    wanted = spellings(fact.must.place)
    shown = {phrase.split("|")[0].strip() for phrase in rubric.terms.get(group or "", []) if wanted & spellings(phrase)}
    return group, shown


def _people_phrases(rubric: Rubric, fact: Fact) -> tuple[set[str], set[str]]:
    """The rubric's person groups (when the fact names people) and the shown form of each accepted person."""
    if not fact.must.people:
        return set(), set()
    wanted = set().union(*(spellings(p) for p in fact.must.people))
    shown = {phrase.split("|")[0].strip() for g in rubric.person_groups for phrase in rubric.terms[g]
             if wanted & spellings(phrase)}
    return set(rubric.person_groups), shown


def _distance(position: int, anchors: list[Occurrence]) -> int:
    return min(max(o.first - position, position - o.last + 1, 0) for o in anchors)


def _denied(occ: list[Occurrence], anchors: list[Occurrence], margin: int) -> bool:
    """Whether a negation or an intention stands just before the event's terms (at most `margin` words) or among
    them: "refused to sign a treaty", "wanted to go to Moscow", not "never forgot the Shanghai massacre"."""
    first = min(a.first for a in anchors) - margin
    last = max(a.last for a in anchors)
    return any(o.group in (NEGATION, INTENTION) and first <= o.first < last for o in occ)


def _seat_is_scene(s: Sentence, seat: int, text: str) -> bool:
    """Whether the seat noun at `seat` is where something happened: "at his headquarters in Yan'an", "at Mao's
    base", not "with Chiang's government in Chongqing"."""
    lang = english()
    k = seat - 1
    while k >= 0 and (s.tokens[k].norm in lang.determiners or text[s.tokens[k].start].isupper()
                      or s.tokens[k].norm == "s"):
        k -= 1  # "his", "the", "Mao's"
    return k >= 0 and s.tokens[k].norm in lang.place_prepositions


def _listed_together(s: Sentence, one: Occurrence, other: Occurrence, text: str) -> bool:
    """Whether two names stand in one list: next to each other, or with only a comma, "and" or "or" between
    ("Stalin: Acheson's speech" is no list)."""
    a, b = (one, other) if one.first < other.first else (other, one)
    between = s.tokens[a.last : b.first]
    gap = text[s.tokens[a.last - 1].end : s.tokens[b.first].start]
    return (len(between) <= 1 and all(t.norm in english().coordinators for t in between)
            and not breaks(gap.replace(",", " ")))


def _nearer_another(position: int, anchors: list[Occurrence], elsewhere: list[list[Occurrence]]) -> bool:
    """Whether the word at `position` stands nearer another event the sentence names than this one: a place or
    a name belongs to the event it stands beside ("the CCP proclaimed the People's Republic in Shanghai")."""
    own = _distance(position, anchors)
    return any(_distance(position, other) < own for other in elsewhere)


def _nearest_here(position: int, anchors: list[Occurrence], elsewhere: list[list[Occurrence]]) -> bool:
    """Whether the word at `position` stands nearer this event than any other the sentence names."""
    own = _distance(position, anchors)
    return all(own < _distance(position, other) for other in elsewhere)


def _names_the_date(s: Sentence, position: int, anchors: list[Occurrence], window: int) -> bool:
    """An accepted year credits the claim when it is within `window` words of the event and not a relative time
    ("after 1945")."""
    if position > 0 and s.tokens[position - 1].norm in english().relative_time:
        return False
    return _distance(position, anchors) <= window


def _bound_in(s: Sentence, window: int, text: str, opening: Scene | None, position: int,
              anchors: list[Occurrence]) -> bool:
    """`_bound_to_event` with the sentence first, for callers that pass only the position and the anchors."""
    return _bound_to_event(s, position, anchors, window, text, opening)


def _date_words(s: Sentence, position: int, anchors: list[Occurrence]) -> int:
    """How many words of a date (a month, a day, a year) stand between `position` and the nearest anchor."""
    nearest = min(anchors, key=lambda o: max(o.first - position, position - o.last + 1, 0))
    lo, hi = (position + 1, nearest.first) if position < nearest.first else (nearest.last, position)
    months = english().months
    return sum(t.norm in months or (t.norm.isdigit() and (len(t.norm) <= 2 or len(t.norm) == YEAR_DIGITS))
               for t in s.tokens[lo:hi])


def _bound_to_event(s: Sentence, position: int, anchors: list[Occurrence], window: int, text: str,
                    opening: Scene | None) -> bool:
    """Whether the word at `position` is close to the event's terms, in the same clause, not a relative time. A date
    between them takes no room ("proclaimed the People's Republic on October 1, 1949 in Nanjing"); a sentence's
    opening scene reaches its whole main clause ("At Yalta in 1945, Truman and Churchill agreed")."""
    if position > 0 and s.tokens[position - 1].norm in english().relative_time and not (
            s.tokens[position - 1].norm in english().agent_prepositions and not s.tokens[position].norm.isdigit()):
        return False  # "after 1945", "until 1952": not the event's own date; but "signed by Zhou Enlai"
    if _in_scene(s, position, anchors, text, opening):
        return True
    return _bound_to_word(s, position, anchors, window, text)


def _bound_to_word(s: Sentence, position: int, anchor: list[Occurrence], window: int, text: str) -> bool:
    """`_bound_to_event` without the opening scene, measured from the nearest of `anchor`."""
    if not _in_clause(s, position, anchor, window, text):
        return False
    between = _between(s, position, anchor, text)
    words = [normalise(w) for w in between.split()]
    lang = english()
    if any(w in lang.order_after or w in lang.order_before for w in words):
        return False  # "at Xibaipo only after the People's Republic was founded": two times, two events
    if words == ["and"] and _verb_after(s, position, anchor, text):
        return True  # "went to Moscow in 1949 and signed the treaty": one date for both verbs
    return not _coordinated(between)  # "1927 and Yalta": a list


def _in_clause(s: Sentence, position: int, anchors: list[Occurrence], window: int, text: str) -> bool:
    """Whether the word at `position` stands within `window` words of the event (a date takes no room), in its
    clause, whatever "and" stands between."""
    if _distance(position, anchors) - _date_words(s, position, anchors) > window:
        return False
    return not breaks(_between(s, position, anchors, text))


def _coordinated(between: str) -> bool:
    """Whether the text between a detail and its event holds a coordinator that makes them items of a list,
    not one that only joins two names of the event ("signed by Zhou Enlai and Vyshinsky on 14 April")."""
    words = between.split()
    coordinators = english().coordinators
    for k, word in enumerate(words):
        if normalise(word) in coordinators and not (0 < k < len(words) - 1 and words[k - 1][:1].isupper()
                                                    and words[k + 1][:1].isupper()):
            return True
    return False


def _verb_after(s: Sentence, position: int, anchors: list[Occurrence], text: str) -> bool:
    """Whether the event's nearest word follows `position` and is a past-tense verb (small letters, "-ed": "and
    signed"), not a name or a noun phrase ("and Yalta", "and the treaty")."""
    following = [a for a in anchors if a.first > position]
    if not following:
        return False
    token = s.tokens[min(a.first for a in following)]
    return not text[token.start].isupper() and token.norm not in english().function_words and token.norm.endswith("ed")


def _between(s: Sentence, position: int, anchors: list[Occurrence], text: str) -> str:
    """The text between the word at `position` and the nearest of the event's words."""
    token = s.tokens[position]
    nearest = min(anchors, key=lambda o: max(o.first - position, position - o.last + 1, 0))
    a, b = (token.end, nearest.start) if token.end <= nearest.start else (nearest.end, token.start)
    return text[a:b]


def _in_scene(s: Sentence, position: int, anchors: list[Occurrence], text: str, opening: Scene | None) -> bool:
    """Whether the word at `position` and all of the event's words stand one in the sentence's opening scene and
    the other in the main clause it governs."""
    if opening is None:
        return False
    return all(opening.governs(position, a.first) for a in anchors)


def _own_date(s: Sentence, position: int, anchors: list[Occurrence], elsewhere: list[list[Occurrence]],
              years: list[tuple[int, int]]) -> bool:
    """Whether the year at `position` is this event's own although another event the sentence names has that
    year: it stands nearer this event than any other (a date's own words take no room), and every other event
    has a year of its own nearer to it ("Mao came to Moscow in January 1950 and they signed the treaty in
    February 1950"). Words that name both events count for this one only."""
    shared = {(a.first, a.last) for a in anchors}

    def gap(i: int, found: list[Occurrence]) -> int:
        return _distance(i, found) - _date_words(s, i, found)

    others = [[o for o in found if (o.first, o.last) not in shared] for found in elsewhere]
    others = [found for found in others if found]
    if not others:
        return False
    return (all(gap(position, anchors) < gap(position, found) for found in others)
            and all(any(i != position and gap(i, found) < gap(position, found) for i, _ in years) for found in others))


def _judge(fact: Fact, matched: list[Fact], s: Sentence, occ: list[Occurrence], years: list[tuple[int, int]],
           places: dict[str, tuple[str | None, set[str]]], people: dict[str, tuple[set[str], set[str]]],
           text: str, opening: Scene | None, events: set[tuple[int, int]], cfg: Any,
           actor_of: dict[str, str], namesakes: tuple[Fact, ...], anchors: list[Occurrence],
           term_list: bool, anchors_of: Callable[[Fact], list[Occurrence]]) -> Status:
    """'incorrect', 'correct', None (nothing checkable), UNSURE (its date is another event's the sentence names) or
    NAMESAKE (its year is that of another event of the same name); `events`: spans that name some other event;
    `anchors`: the words that name this event; `term_list`: the sentence is a list of terms, where names side by side
    claim nothing about each other; `anchors_of`: the words that name another event of the sentence."""
    if _denied(occ, anchors, cfg.denial_window):
        return None  # "refused to sign any treaty in 1945": a denied event is neither confirmed nor corrected
    elsewhere = [found for f in matched if f is not fact for found in [anchors_of(f)] if found]
    # unsure: a slot the fact cannot settle is stated (another event's place or person bound here, a rate)
    right = wrong = unsure = False
    accepted = fact.must.years
    if accepted and any(y not in accepted and i > 0 and s.tokens[i - 1].norm in english().determiners
                        and any(a.first == i + 1 for a in anchors) for i, y in years):
        return None  # "the 1945 Sino-Soviet treaty": the year names which treaty, and it is another one
    if accepted and years:
        dated = [i for i, y in years if y in accepted and (_names_the_date(s, i, anchors, cfg.date_window)
                                                           or _in_scene(s, i, anchors, text, opening))]
        bound = [i for i, _ in years if _bound_to_event(s, i, anchors, cfg.year_window, text, opening)]
        own = [i for i in bound if not any(_bound_to_event(s, i, other, cfg.year_window, text, opening)
                                           for other in elsewhere)]
        if own or bound:  # the event has a date of its own: an accepted year farther off is another event's
            dated = [i for i in dated if i in (own or bound) or _in_scene(s, i, anchors, text, opening)]
        elif _as_time_reference(s, anchors):  # "he died in 1949, shortly after Mao's arrival": the year is his
            dated = []
        months = fact.must.months
        named_months = [m for m in (_month_before(s, i, text) for i in dated if not _nearer_another(i, anchors, elsewhere)
                              and _bound_to_event(s, i, anchors, cfg.date_window, text, opening)) if m]
        own_month = any(i in bound for i in dated)  # a year bound to the event (`bound`, by the same test)
        if months and named_months and not any(m in months for m in named_months) and (
                own_month or not _as_time_reference(s, anchors)):
            wrong = True  # the right year, the wrong month: "proclaimed on 1 January 1949"
        elif dated:
            right = True
        else:
            others = {y for f in matched if f is not fact for y in f.must.years}
            near = sorted((_distance(i, anchors), y) for i, y in years if _bound_to_event(s, i, anchors, cfg.year_window, text, opening))
            if near and any(near[0][1] in f.must.years for f in namesakes):
                return NAMESAKE  # the words may name the other event of that year
            if near and near[0][1] not in others and not any(y in others for _, y in years):
                wrong = True
            elif near:
                position = next(i for i, y in years if y == near[0][1] and _distance(i, anchors) == near[0][0])
                readings = any(_overlap(_named_spans(f, occ), _named_spans(fact, occ))
                               for f in matched if f is not fact and near[0][1] in f.must.years)
                if readings or not (_in_scene(s, position, anchors, text, opening)
                                    or _own_date(s, position, anchors, elsewhere, years)):
                    return UNSURE  # the year is another event's: the sentence is about that one, whoever it names
                wrong = True  # the year is this event's own, by the sentence's grammar
            elif any(any(_bound_to_word(s, i, [a], cfg.date_window, text) for a in anchors)
                     and not _nearer_another(i, anchors, elsewhere) for i, _ in years):
                unsure = True  # "sent Mikoyan to meet Mao at Xibaipo in January 1948": a year too far off to
                # correct, or beside another of the event's words than the nearest ("with Chiang: in August
                # 1937 the USSR signed"), is still too near to ignore; the claim is neither confirmed nor
                # corrected
    if fact.must.amount is not None:
        verdict = _amount_verdict(fact.must.amount, s, anchors, text, opening, cfg.date_window)
        if verdict is not None:
            right, wrong = right or verdict, wrong or not verdict
        unsure = unsure or _states_rate(s, anchors, text, opening, cfg.date_window)
    if fact.must.percent is not None:
        rated = [found for f in matched if f is not fact and f.must.percent is not None
                 for found in [anchors_of(f)] if found]
        given = [p for p in percentages(s, text) if not _nearer_another(p.first, anchors, rated)]
        rates = [p for p in given if _bound_to_event(s, p.first, anchors, cfg.date_window, text, opening)]
        if rates:
            fits = any(abs(p.value - fact.must.percent) < PERCENT_TOLERANCE for p in rates)
            right, wrong = right or fits, wrong or not fits
        elif any(abs(p.value - fact.must.percent) >= PERCENT_TOLERANCE for p in given):
            unsure = True  # "a loan of $300 million, spread over five years, at 5 percent": a rate the sentence
            # gives this event, too far off to correct, leaves the claim unconfirmed
    if fact.must.durations:
        lengths = [d for d in durations(s, text) if _bound_to_event(s, d.first, anchors, cfg.date_window, text, opening)
                   or d.lasted and _in_clause(s, d.first, anchors, cfg.date_window, text)]
        if lengths:
            fits = any(same_length(d, expected) for d in lengths for expected in fact.must.durations)
            right, wrong = right or fits, wrong or not fits
    if fact.must.giver is not None:
        giver = direction.giver(s, occ, anchors, actor_of, cfg.year_window, text,
                                functools.partial(_bound_in, s, cfg.date_window, text, opening))
        if giver is not None:
            right, wrong = right or giver == fact.must.giver, wrong or giver != fact.must.giver
    group, good = places[fact.id] if not term_list else (None, set())
    if group:
        stated = [o for o in occ if o.group == group]
        if any(o.phrase in good and not _nearer_another(o.first, anchors, elsewhere)
               and _bound_to_event(s, o.first, anchors, cfg.date_window, text, opening) for o in stated):
            right = True  # the right place, with the event (not "... but Washington refused" further on)
        else:
            other_places = {p for f in matched if f is not fact for p in places[f.id][1]}
            prepositions = english().place_prepositions
            for o in stated:
                if _nearer_another(o.first, anchors, elsewhere):
                    continue  # the place of another event the sentence names
                if o.phrase in other_places and not _nearest_here(o.first, anchors, elsewhere):
                    unsure = unsure or _bound_to_event(s, o.first, anchors, cfg.place_window, text, opening)
                    continue  # another event's place: this one's is not stated, or not where the claim says
                if o.first == 0 or any(o.first >= a.first and o.last <= a.last for a in anchors):
                    continue
                if (o.start, o.end) in events:
                    continue  # "at Yalta" names the conference, not where this event happened
                if o.first > 1 and s.tokens[o.first - 2].lemma in english().seat_nouns and not _seat_is_scene(
                        s, o.first - 2, text):
                    continue  # "Chiang's government in Chongqing": where the government sat, not the event
                if s.tokens[o.first - 1].norm in prepositions:
                    if _bound_to_event(s, o.first, anchors, cfg.place_window, text, opening):
                        wrong = True
                    elif _bound_to_event(s, o.first, anchors, cfg.date_window, text, opening):
                        unsure = True  # too far off to correct, too near to confirm the event beside it
    groups, accepted_names = people[fact.id] if not term_list else (set(), set())
    if groups:
        named = [o for o in occ if o.group in groups]
        listed = [o for o in named if o.phrase in accepted_names and not _nearer_another(o.first, anchors, elsewhere)]
        right = right or any(_bound_to_event(s, o.first, anchors, cfg.date_window, text, opening) for o in listed)
        other_people = {p for f in matched if f is not fact for p in people[f.id][1]}
        for o in named:  # beside the right people, another is wrong only in the same list ("Truman, Churchill and Stalin")
            if o.phrase in accepted_names or _nearer_another(o.first, anchors, elsewhere):
                continue
            beside = [a for a in listed if _listed_together(s, o, a, text)]
            if listed and not beside:
                continue
            if o.phrase in other_people and not _nearest_here(o.first, anchors, elsewhere):
                unsure = unsure or _bound_to_event(s, o.first, anchors, cfg.year_window, text, opening)
                continue
            if any(o.first >= a.first and o.last <= a.last for a in anchors):
                continue
            # in a list with a right person bound to the event, the whole list is ("by Zhou Enlai and Molotov")
            if any(_bound_to_event(s, p.first, anchors, cfg.year_window, text, opening) for p in [o, *beside]):
                wrong = True
    if wrong:
        return "incorrect"
    # an event named only to date another ("shortly after Mao's arrival in Moscow") is not itself confirmed
    return "correct" if right and not unsure else None
