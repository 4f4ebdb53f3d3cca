"""Rubrics: a YAML file becomes a validated `Rubric`; a teacher's typo is a one-line error with file, line, field.

The YAML is read with a safe loader that keeps line numbers, rejects duplicate keys, anchors and
aliases, and bounds size and depth. Models use `extra="forbid"`. Each field's description is the
documentation of the rubric format (`grader rubric show` and docs/rubric-format.md draw on them).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator

from .defaults import DEFAULT_RUBRIC_ID
from .errors import RubricError
from .results import DEFAULT_MARK_MAX, PERCENT
from .years import FIRST_YEAR, LAST_YEAR

if TYPE_CHECKING:
    from pydantic_core import ErrorDetails

    from .compiled import CompiledRubric

KB = 1024
MAX_RUBRIC_BYTES = KB * KB
MAX_YAML_DEPTH = 20
MAX_YAML_NODES = 100_000
MAX_PHRASE_WORDS = 8
#: A wildcard needs this many letters before its `*`, so `a*` cannot match half the language.
MIN_WILDCARD_STEM = 3
#: The widest `within` a pattern may ask for: more is no longer "close together".
MAX_WITHIN = 200
#: Weights add up to `total` when they differ by less than this (floating-point sums).
WEIGHT_TOLERANCE = 1e-9

_ID = r"^[a-z][a-z0-9_]*$"
_PHRASE_WORD = re.compile(r"[0-9]*#[0-9#]*s?|[^\W_]+(?:['’][^\W_]+)*\*?")
_PHRASE_BAD = re.compile(r"[^\w\s\-‐.,'’$%&#*/]|_")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)


class Band(_Model):
    """A band of marks: the highest band whose `min` the percentage reaches is awarded."""

    name: str = Field(description="The band's name, e.g. Excellent.")
    min: float = Field(ge=0, le=PERCENT, description="Lowest percentage (0-100) that earns this band.")
    comment: str = Field("", description="One sentence shown with the band.")


class Limits(_Model):
    """Thresholds that raise the `too_short` and `off_topic` flags."""

    min_words: int | None = Field(None, ge=0, description=(
        "Body words below which the essay is too short (levels capped at 1); the too_short rule's `min_words`, "
        "250 unless set."))
    min_topic_sentences: int | None = Field(None, ge=0, description=(
        "Obsolete: accepted and ignored. An essay is off topic when its answer is negligible; the off_topic rule's "
        "`min_sentences` (`rules: {off_topic: {min_sentences: 3}}`) says how few sentences that is."))


GroupRef = Union[str, list[str]]


class Evidence(_Model):
    """What makes a sentence evidence for an element: term groups that must stand close together."""

    all: list[GroupRef] = Field(default_factory=list, description=(
        "Term groups that must all appear; an entry that is a list means any one of those groups."))
    any: list[str] = Field(default_factory=list, description="At least one of these term groups must appear too.")
    none: list[str] = Field(default_factory=list, description="A sentence carrying any of these groups does not count.")
    context: list[GroupRef] = Field(default_factory=list, description=(
        "One of these groups must appear in the sentence's paragraph, tying the evidence to the question "
        "(a civil-war detail counts as a factor only where the paragraph is about the alliance)."))
    not_subject: list[str] = Field(default_factory=list, description=(
        "Groups that must not be named before the first `all` group: \"Stalin entered the alliance because China "
        "...\" gives Stalin's reasons, not Mao's."))
    within: int | None = Field(None, ge=1, le=MAX_WITHIN, description=(
        "The matched terms must lie within this many words (the evidence rule's `within`, 25, unless set)."))
    subject_first: bool = Field(False, description=(
        "The first `all` group must come before the other terms, as a sentence's subject does "
        "(\"Stalin feared ...\", not \"Mao feared Stalin ...\")."))
    where: Literal["anywhere", "opening", "body", "after_opening", "conclusion"] = Field(
        "anywhere", description=(
            "Where full credit needs the evidence to be; elsewhere it earns at most thin. `after_opening`: "
            "anywhere once the introduction is over (an answer announced up front must still be delivered)."))
    actor: str | None = Field(None, description=(
        "One of the rubric's `actors`: the sentence counts only where that side acts on one of the pattern's reasons "
        "(its `any` groups, else its groups naming no side): the side named nearest before the reason, not as an "
        "object, a pronoun for it, or an opening frame (see docs/rules.md, `attribution`). \"Mao distrusted "
        "Stalin\" is not Stalin's view."))
    from_: Literal["facts"] | None = Field(None, alias="from", description=(
        "`facts`: the element is judged on the essay's accurate facts instead of sentences."))


class Developed(_Model):
    """What turns thin evidence (level 1) into a developed answer (level 2)."""

    sentences: int = Field(2, ge=1, description="Distinct evidence sentences needed.")
    facts: int = Field(0, ge=0, description="Correct facts needed in the evidence's paragraphs (or in the essay, for `from: facts`).")
    details: int = Field(0, ge=0, description="Distinct specific details (terms from the `details` groups) needed in the evidence.")
    explained: int = Field(0, ge=0, description=(
        "Evidence sentences that must explain, not only narrate: carry a cue of reason, purpose or consequence "
        "(the shared `explanation` cue group: because, so that, which meant, in order to ...)."))
    errors: int | None = Field(None, ge=0, description=(
        "For a part judged `from: facts`: the most false claims (wrong facts and misconceptions found in the "
        "essay) it may carry and still be developed; accurate evidence is mostly accurate. Not set: no limit."))
    or_with: list[str] = Field(default_factory=list, description=(
        "Element ids: thin evidence is also developed when all of these are developed, because the essay's "
        "analysis there supports it (a judgement stated once, argued through both sides and the tensions)."))


Phrasings = Union[str, list[str]]


class Feedback(_Model):
    """What the student reads for each level, in words a 16-year-old understands. Each may be one text or a
    list of phrasings: an essay gets one of them (the same every time it is graded), so a class does not all
    read the same words. grader adds to it what it found in the essay: where the essay answers the part, the
    details it names, what the part still lacks, and details from `suggest` that the essay does not have."""

    missing: Phrasings = Field(description="Level 0: what is missing and what to add.")
    thin: Phrasings = Field(description="Level 1: what to develop.")
    developed: Phrasings = Field(description="Level 2: what was done well.")

    def phrasings(self, level: int) -> list[str]:
        """The phrasings for a level (0 missing, 1 thin, 2 developed)."""
        chosen = (self.missing, self.thin, self.developed)[level]
        return [chosen] if isinstance(chosen, str) else list(chosen)

    def texts(self) -> list[str]:
        """Every phrasing of every level."""
        return [text for level in (0, 1, 2) for text in self.phrasings(level)]


class LevelDescriptors(_Model):
    """What each level of a part looks like, for the rubric grid a report shows (as Moodle and Turnitin
    rubrics do); a level left out is shown by its name."""

    missing: str | None = Field(None, description="What an answer missing the part looks like.")
    thin: str | None = Field(None, description="What a thin answer to the part looks like.")
    developed: str | None = Field(None, description="What a developed answer to the part looks like.")


class Suggestion(_Model):
    """A specific detail a student could add for a part, and the term groups that show an essay has it."""

    detail: str = Field(description="The detail in a student's words (\"the $300 million Soviet loan of 1950\").")
    groups: list[str] = Field(min_length=1, description=(
        "Term groups naming it: an essay that uses any of them anywhere already has it, and is never told to add it."))


class Examples(_Model):
    """Sentences that must count (with [[ ]] around the evidence) and sentences that must not."""

    count: list[str] = Field(default_factory=list, description="Each must yield this element's evidence; [[ ]] marks its exact span.")
    do_not_count: list[str] = Field(default_factory=list, description="Each must yield no evidence for this element.")


class Element(_Model):
    """A required part of the answer, judged 0 (missing), 1 (thin) or 2 (developed)."""

    id: Annotated[str, Field(pattern=_ID, description="Stable id used in results and gradebooks.")]
    title: str = Field(description="The part of the question in plain words.")
    weight: float = Field(gt=0, description="Points for a developed answer; a thin one earns `thin_credit` of them.")
    evidence: Evidence | list[Evidence] = Field(description="One pattern, or a list of which any may match.")
    developed: Developed = Field(default_factory=Developed, description="Thresholds for level 2.")
    feedback: Feedback = Field(description="What the student reads at each level.")
    levels: LevelDescriptors = Field(default_factory=LevelDescriptors, description=(
        "Descriptors of each level for the report's rubric grid (`{missing: ..., thin: ..., developed: ...}`)."))
    suggest: list[Suggestion] = Field(default_factory=list, description=(
        "Specific details a thin or missing answer could add, in the order a teacher would suggest them; the "
        "feedback names the first ones the essay does not already contain. Keep examples out of `feedback` and "
        "put them here, so no student is told to add what they wrote."))
    examples: Examples = Field(description="Sentences that must and must not count; both kinds are required.")
    stances: dict[str, list[str]] = Field(default_factory=dict, description=(
        "For a judgement: each possible answer (`{natural: [...], partly: [...], not_natural: [...]}`) with the term "
        "groups that state it. The result names the stance the essay's evidence takes: the last one stated, since "
        "a conclusion comes last."))
    mixed_stance: str | None = Field(None, description=(
        "The stance meant when one sentence states two (\"natural in ideology, unnatural in interest\"): one of "
        "`stances`, e.g. `partly`."))

    @property
    def patterns(self) -> tuple[Evidence, ...]:
        """The evidence patterns as a tuple, whichever way the rubric wrote them."""
        return tuple(self.evidence) if isinstance(self.evidence, list) else (self.evidence,)

    @property
    def from_facts(self) -> bool:
        """Whether this element is judged on the essay's facts."""
        return any(p.from_ == "facts" for p in self.patterns)


class FactMust(_Model):
    """The details a claim about the event must get right."""

    year: int | list[int] | None = Field(None, description="The year (or accepted years) of the event.")
    month: str | list[str] | None = Field(None, description=(
        "The month (or accepted months) of the event, by name: a month stated with an accepted year "
        "(\"1 January 1949\", \"January 1949\") makes the claim wrong when it is not one of them."))
    place: str | None = Field(None, description="Where it happened: a phrase from a term group of places.")
    people: list[str] = Field(default_factory=list, description=(
        "Who may be named as doing it: phrases from term groups of people; another person of those groups "
        "named with the event makes the claim wrong."))
    giver: str | None = Field(None, description=(
        "Who gave it (a loan, a port): one of the rubric's `actors`. A sentence whose verb of giving or receiving "
        "names the other side as the giver (\"China lent the USSR a loan\") makes the claim wrong."))
    amount: str | None = Field(None, description=(
        "How much, as money with its currency (\"300 million dollars\", \"$300 million\"): an amount of money "
        "stated with the event at another value or in another currency makes the claim wrong, at any scale "
        "(\"$3 billion\", \"300 thousand dollars\"); a rate (\"$60 million a year\") is left unchecked."))

    percent: float | None = Field(None, description=(
        "A percentage (an interest rate, a share): a percentage stated with the event (\"5 percent\", \"1.5%\", "
        "\"one per cent\") makes the claim right when it is this one and wrong when it is another."))
    duration: str | list[str] | None = Field(None, description=(
        "How long it lasted, as a number and a unit (\"30 years\", \"2 months\"), or accepted lengths: a length of "
        "time stated with the event is counted in that unit and rounded (\"nine weeks\" is 2 months, \"almost three "
        "months\" is not), and another number makes the claim wrong. Intervals (\"two months later\", \"within five "
        "years\") and other things' lengths (\"ten years of war\") are not read as the event's."))

    @field_validator("month")
    @classmethod
    def _known_months(cls, value):
        from .language import english
        for name in [value] if isinstance(value, str) else value or []:
            if name.casefold() not in english().months:
                raise ValueError(f"unknown month {name!r} (write it in full: February)")
        return value

    @property
    def durations(self) -> tuple[str, ...]:
        """Accepted lengths of time as a tuple."""
        if self.duration is None:
            return ()
        return (self.duration,) if isinstance(self.duration, str) else tuple(self.duration)

    @property
    def months(self) -> frozenset[int]:
        """Accepted months as numbers 1-12 (empty: the month is not checked)."""
        from .language import english
        names = [self.month] if isinstance(self.month, str) else self.month or []
        return frozenset(english().months[n.casefold()] for n in names)

    @property
    def years(self) -> tuple[int, ...]:
        """Accepted years as a tuple."""
        if self.year is None:
            return ()
        return tuple(self.year) if isinstance(self.year, list) else (self.year,)


class FactExamples(_Model):
    """Sentences the fact check must confirm, and sentences it must report wrong."""

    right: list[str] = Field(default_factory=list, description="Each must be checked as a correct claim of this fact.")
    wrong: list[str] = Field(default_factory=list, description="Each must be checked as an incorrect claim of this fact.")


class Fact(_Model):
    """A checkable fact: a sentence about the event that states its year or place is checked."""

    id: Annotated[str, Field(pattern=_ID, description="Stable id used in results.")]
    about: list[GroupRef] = Field(description=(
        "Term groups that together identify the event (all must appear). Put first the group that names the event "
        "(`[journey, mao_person, moscow_place]`): two facts whose combinations open with the same group may be "
        "named by the same words, and a year that is the other's is then left unchecked."))
    also_about: list[list[GroupRef]] = Field(default_factory=list, description=(
        "Other combinations of groups that identify the event too (any one combination is enough)."))
    must: FactMust = Field(description="The year and/or place a claim must get right.")
    referred_to_as: list[str] = Field(default_factory=list, description=(
        "Term groups whose bare mention with \"the\" (\"the treaty\", \"the new agreement\") means this event "
        "where the paragraph has not already named an event by those words; a sentence that refers to it so, or "
        "by a leading \"It\" after a sentence that named it, is checked on the details it states. At most one "
        "fact per group."))
    note: str = Field(description="The correct version, shown to the student when they get it wrong.")
    examples: FactExamples = Field(default_factory=FactExamples, description=(
        "Claims the check must confirm and claims it must report wrong; `grader rubric check` runs them."))


class MisconceptionExamples(_Model):
    """Sentences the misconception check must call wrong, and sentences it must leave alone."""

    wrong: list[str] = Field(default_factory=list, description="Each must be reported as this misconception.")
    not_wrong: list[str] = Field(default_factory=list, description="Each must not be reported as it.")


class Misconception(_Model):
    """A known false claim: a sentence that makes it is reported incorrect, with the correct version."""

    id: Annotated[str, Field(pattern=_ID, description="Stable id used in results.")]
    claim: Evidence = Field(description=(
        "The claim as an evidence pattern (term groups close together; `actor`, `none` and `subject_first` work as "
        "for elements): a sentence it matches makes the false claim."))
    note: str = Field(description="The correct version, shown to the student.")
    unless_earlier: list[str] = Field(default_factory=list, description=(
        "Term groups that, stated earlier in the sentence's paragraph, set it where the claim is true (a "
        "paragraph on 1956 may call Khrushchev the Soviet leader in a sentence that names no year): the claim "
        "is not read there."))
    examples: MisconceptionExamples = Field(description="Sentences that make the claim and sentences that do not.")


class Holder(_Model):
    """Who held an office, and in which years (both inclusive: a year of handover belongs to both holders)."""

    name: str = Field(description="The holder: a phrase of one of the `person_groups`.")
    from_: int = Field(alias="from", description="The first year in office.")
    to: int = Field(description="The last year in office.")


class Period(_Model):
    """The years a question is about (both inclusive)."""

    from_: int = Field(alias="from", description="The first year of the question's period.")
    to: int = Field(description="The last year of the question's period.")


class Office(_Model):
    """An office and its holders by date: a sentence that names a holder in the office at a date outside their
    years ("the Soviet leader Khrushchev" signing the 1950 treaty) is an incorrect fact check."""

    id: Annotated[str, Field(pattern=_ID, description="Stable id used in results.")]
    role: list[str] = Field(min_length=1, description=(
        "Term groups whose terms name the office (\"leader\", \"premier\", \"President\"): the office is claimed "
        "only where one stands next to the holder's name."))
    titles: list[str] = Field(default_factory=list, description=(
        "Term groups of titles this office shares with others (\"President\", \"administration\", \"Prime "
        "Minister\"): beside one of its holders they name the office, whose dates are then checked; beside anyone "
        "else they name some other office (\"President Chiang Kai-shek\"), so no claim is read."))
    holders: list[Holder] = Field(min_length=1, description="Who held it, and when.")
    note: str = Field(description="The correct version, shown to the student.")
    examples: MisconceptionExamples = Field(description="Sentences that make a wrong claim and sentences that do not.")

    def holders_in(self, year: int) -> list[str]:
        """The names of those in office in `year`."""
        return [h.name for h in self.holders if h.from_ <= year <= h.to]


class MarkScale(_Model):
    """The scale a teacher marks on: the result's `mark` is a whole number from `min` to `max`."""

    min: int = Field(0, ge=0, description="The lowest mark.")
    max: int = Field(DEFAULT_MARK_MAX, ge=1, description="The highest mark.")
    cuts: list[float] | None = Field(None, description=(
        "The percentage at which each mark above `min` begins, one per step, rising (`[20, 45, 75]` on a 0-3 "
        "scale: 45% earns 2). Not set: the percentage maps evenly onto the scale. `grader calibrate` fits them."))


class ScoringGroup(_Model):
    """Parts of which at most `max` count toward the mark ("up to two improvements")."""

    elements: list[str] = Field(min_length=1, description="Element ids of the group.")
    max: int = Field(ge=1, description="Most of them that count.")


class Scoring(_Model):
    """Answer-level marking: count the parts found, cap each group, and look the count up in `marks`."""

    found: Literal["thin", "developed"] = Field("thin", description=(
        "The level a part needs to count as found: `thin` (any evidence) or `developed`."))
    groups: list[ScoringGroup] = Field(default_factory=list, description=(
        "Groups of parts with a cap each (`{elements: [improve_a, improve_b, improve_c], max: 2}`); a part in no "
        "group counts on its own."))
    marks: list[int] = Field(min_length=1, description=(
        "The mark for each count of parts found: `marks[0]` for none, `marks[1]` for one, ...; a count beyond the "
        "list gets its last entry (`[0, 1, 2, 3, 3]`: three or four parts earn 3)."))
    requires: dict[str, list[str]] = Field(default_factory=dict, description=(
        "Parts that count only beside others (`{detail: [trait]}`: a supporting detail earns only when the trait it "
        "supports is found too)."))


class Source(_Model):
    """A text students may have read; unquoted copying from it earns nothing."""

    id: Annotated[str, Field(pattern=_ID, description="Stable id of the source.")]
    title: str = Field(description="How the source is named to the student.")
    file: str = Field(description="Path of the text file, relative to the rubric file.")


class Rubric(_Model):
    """An essay question with its required elements, term groups, fact bank and marking bands."""

    id: Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", description="Name used with --rubric.")]
    title: str = Field(description="The rubric's name, shown in reports.")
    prompt: str = Field(description="The question as set; pasted back, it earns nothing.")
    question_words: str | None = Field(None, description=(
        "Words that earn nothing by themselves: a sentence counts only with a term of its own beside them. Not "
        "set: the prompt's words. A short-answer prompt that holds a reading passage or a whole worksheet lists "
        "only the question's own words here, so the passage's words can still earn."))
    kind: Literal["essay", "short_answer"] = Field("essay", description=(
        "`short_answer`: a preset of rule settings for answers of a line or a paragraph; it switches off the "
        "essay-only rules (length and topic limits, headings, front matter, questions, keyword lists, repetitive "
        "stretches, digressions, the language check) and the need for specific details. The rubric's `rules:` "
        "still override it."))
    part_marks: Literal["exact", "half", "whole"] = Field("half", description=(
        "How reports show each part's marks: to the nearest half mark (`2.5 of 3`), whole mark, or exactly "
        "(`2.55 of 3`). Display only: the score and the result's points are exact."))
    mark: MarkScale = Field(default_factory=MarkScale, description=(
        "The mark's scale (`{min: 0, max: 3}`): the result's `mark` is min + percent/100 x (max - min) rounded "
        "half up, or looked up in `scoring`. 0-10 unless set."))
    scoring: Scoring | None = Field(None, description=(
        "Answer-level marks: the mark is looked up from the number of parts found (see Scoring) instead of "
        "following the percentage. Each counted part then earns 1 point."))
    calibration: str | None = Field(None, description=(
        "A file beside the rubric written by `grader calibrate`: part weights and mark cut points fitted to a "
        "teacher's marks, laid over this rubric when it is loaded."))
    total: float = Field(gt=0, description="Maximum score; the elements' weights must add up to it.")
    thin_credit: float | None = Field(None, ge=0, le=1, description=(
        "Share of an element's weight that a thin (level 1) answer earns (the developed rule's `thin_credit`, "
        "a half, unless set); a developed one earns all of it."))
    bands: list[Band] = Field(min_length=1, description="Marking bands; one must start at 0.")
    limits: Limits = Field(default_factory=Limits, description="When an essay is too short or off topic.")
    terms: dict[str, list[str]] = Field(description=(
        "Named groups of phrases. `|` joins spellings of one name; a trailing `*` matches word endings "
        "(at least 3 letters before it); `#` in a number matches any digit (19## is any year 1900-1999)."))
    fuzzy: list[str] = Field(default_factory=list, description="Groups where misspelt names still match.")
    details: list[str] = Field(default_factory=list, description="Groups whose terms count as specific details.")
    person_groups: list[str] = Field(default_factory=list, description=(
        "Groups whose terms are people; a fact's `must.people` are looked up in them, and another person of these "
        "groups named with the event makes the claim wrong."))
    actors: dict[str, list[str]] = Field(default_factory=dict, description=(
        "The sides whose views the question asks about, each as the term groups that name it "
        "(`{ccp: [ccp, china], ussr: [ussr]}`); evidence patterns name one as their `actor`."))
    other_topics: list[str] = Field(default_factory=list, description=(
        "Groups that mark another question (a later event, a different war): an essay mostly about them is off topic."))
    period: Period | None = Field(None, description=(
        "The years the question is about (`{from: 1945, to: 1950}`): an essay that dates many events and none of "
        "them in these years is about another period, and off topic (see the off_topic rule)."))
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = Field("en", description=(
        "The language essays are written in, as an ISO 639-1 code (`en`, `fr`): an essay in another language is "
        "not marked (see the language rule)."))
    elements: list[Element] = Field(min_length=1, description="The required parts of the answer, in report order.")
    facts: list[Fact] = Field(default_factory=list, description="The fact bank: claims checked for year and place.")
    misconceptions: list[Misconception] = Field(default_factory=list, description=(
        "Known false claims (who travelled where, who lent to whom, events that never happened): a sentence "
        "making one is an incorrect fact check."))
    offices: list[Office] = Field(default_factory=list, description=(
        "Offices and who held them when: a holder named in the office at a date outside their years is wrong."))
    sources: list[Source] = Field(default_factory=list, description="Texts whose unquoted copying earns nothing.")
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict, description=(
        "Settings of the judging rules for this rubric, by rule id: `{keyword_list: {enabled: false}, "
        "prompt_echo: {min_share: 0.5}}`. `grader rules` lists every rule and setting (docs/rules.md)."))

    _path: Path | None = PrivateAttr(default=None)
    _compiled: Any = PrivateAttr(default=None)
    _uncalibrated: Any = PrivateAttr(default=None)

    @property
    def uncalibrated(self) -> Rubric:
        """The rubric as written, before its calibration file's numbers (itself when it has none)."""
        return self._uncalibrated if self._uncalibrated is not None else self

    @property
    def path(self) -> Path | None:
        """Where the rubric was loaded from (None when built in code)."""
        return self._path

    def located_at(self, path: Path) -> Rubric:
        """This rubric, as read from `path` (its `sources` are found beside it)."""
        self._path = path.resolve()
        if self._uncalibrated is not None:
            self._uncalibrated.located_at(path)
        return self

    @property
    def compiled(self) -> CompiledRubric:
        """The rubric worked out for grading (settings, question, term index, sources), built on first use.

        A copy made with `model_copy` carries its original's private state, so the compiled rubric says
        which rubric it was built for and is rebuilt for any other.
        """
        compiled = self._compiled
        if compiled is None or compiled.rubric is not self:
            from .compiled import CompiledRubric

            compiled = self._compiled = CompiledRubric(self)
        return compiled

    @property
    def term_groups(self) -> dict[str, list[str]]:
        """The rubric's term groups after the shared English cue groups it does not replace."""
        from .language import english

        shared = {name: phrases for name, phrases in english().cue_groups.items() if name not in self.terms}
        return {**self.terms, **shared}

    def element(self, element_id: str) -> Element:
        """The element with this id."""
        for e in self.elements:
            if e.id == element_id:
                return e
        raise KeyError(element_id)


def phrase_problem(phrase: str) -> str | None:
    """Why a term phrase is not valid, or None. Phrases are words, not patterns: no regular expressions."""
    if not isinstance(phrase, str) or not phrase.strip():
        return "empty phrase"
    for alt in phrase.split("|"):
        if not _PHRASE_WORD.search(alt):
            return f"empty spelling in '{phrase}'"
        bad = _PHRASE_BAD.search(alt)
        if bad:
            return f"'{bad.group()}' in '{phrase}' is not allowed (phrases are plain words; only a final * and # for digits)"
        words = _PHRASE_WORD.findall(alt)
        if len(words) > MAX_PHRASE_WORDS:
            return f"'{alt.strip()}' is longer than {MAX_PHRASE_WORDS} words"
        for w in words:
            if w.endswith("*") and len(w) - 1 < MIN_WILDCARD_STEM:
                return f"'{w}' needs at least {MIN_WILDCARD_STEM} letters before the *"
            if "#" in w and not re.fullmatch(r"[0-9#]+s?", w):
                return f"'{w}': # stands for a digit and may only appear in numbers"
        if re.search(r"\*\S", alt):
            return f"'{alt.strip()}': * may only end a word"
    return None


# ----------------------------------------------------------------------------------------- loading


def bundled_rubric_dir() -> Path:
    """Folder of the rubrics that ship with grader: package data when installed, else the source tree's."""
    installed = Path(__file__).resolve().parent / "rubrics"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent / "rubrics"


def bundled_rubric_ids() -> list[str]:
    """Ids of the bundled rubrics, sorted."""
    return sorted(p.stem for p in bundled_rubric_dir().glob("*.yaml"))


def resolve_rubric_path(ref: str | Path) -> Path:
    """A bundled rubric id, or a path to a rubric file."""
    ref_str = str(ref)
    path = Path(ref_str)
    if path.is_file() or path.suffix.lower() in (".yaml", ".yml") or "/" in ref_str or "\\" in ref_str:
        return path
    bundled = bundled_rubric_dir() / f"{ref_str}.yaml"
    if bundled.is_file():
        return bundled
    known = ", ".join(bundled_rubric_ids()) or "none"
    raise RubricError(ref_str, f"no such rubric file or bundled rubric id (bundled: {known})")


def load_rubric(ref: str | Path = DEFAULT_RUBRIC_ID) -> Rubric:
    """Load and validate a rubric by bundled id or path; raise `RubricError` with file, line and field."""
    path = resolve_rubric_path(ref)
    shown = str(ref) if not isinstance(ref, Path) else str(path)
    if path.parent == bundled_rubric_dir() and str(ref) == path.stem:
        shown = f"rubrics/{path.name}"
    try:
        size = path.stat().st_size
        if size > MAX_RUBRIC_BYTES:
            raise RubricError(shown, f"rubric file is too large ({size // KB} KB; the limit is {MAX_RUBRIC_BYTES // KB} KB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise RubricError(shown, "rubric file not found") from None
    except OSError as exc:
        raise RubricError(shown, f"cannot read the rubric ({exc.strerror or exc})") from None
    from .rubric_cache import cached_rubric, store_rubric

    located = path.resolve()
    rubric = cached_rubric(located, data)
    if rubric is not None:
        return rubric
    try:
        text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")  # as text mode reads it
    except UnicodeDecodeError:
        raise RubricError(shown, "rubric file is not UTF-8 text") from None
    rubric = rubric_from_yaml(text, shown, base=path.parent).located_at(path)
    store_rubric(located, data, rubric)
    return rubric


def rubric_from_yaml(text: str, name: str = "<rubric>", base: Path | None = None) -> Rubric:
    """Validate rubric YAML text; errors name `name`, the line and the field. Sources resolve from `base`."""
    data, lines = _load_yaml(text, name)
    if not isinstance(data, dict):
        raise RubricError(name, "a rubric must be a mapping of keys (id, title, prompt, ...)", line=1)
    try:
        rubric = Rubric.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        loc = tuple(err["loc"])
        raise RubricError(name, _describe(err), line=_line_for(lines, loc), field=_field(loc) or None) from None
    problem = cross_check(rubric)
    if problem is None and base is not None:
        for i, source in enumerate(rubric.sources):
            if not (base / source.file).is_file():
                problem = ("sources", i, "file"), f"source file not found: {source.file}"
                break
    if problem:
        loc, reason = problem
        raise RubricError(name, reason, line=_line_for(lines, loc), field=_field(loc) or None)
    if rubric.calibration is not None and base is not None:
        from .calibration import apply_calibration

        shown = str(Path(name).parent / rubric.calibration) if name != "<rubric>" else rubric.calibration
        rubric = apply_calibration(rubric, base / rubric.calibration, shown)
    return rubric


def cross_check(rubric: Rubric) -> tuple[tuple, str] | None:
    """What pydantic cannot see: unique ids, known groups, weights adding up, examples of both kinds."""
    for name, phrases in rubric.terms.items():
        if not re.match(_ID, name):
            return ("terms", name), f"group name '{name}' must be lower-case letters, digits and _"
        if not phrases:
            return ("terms", name), f"group '{name}' is empty"
        for k, phrase in enumerate(phrases):
            problem = phrase_problem(phrase)
            if problem:
                return ("terms", name, k), problem
    groups = set(rubric.term_groups)
    seen: set[str] = set()
    for i, element in enumerate(rubric.elements):
        if element.id in seen:
            return ("elements", i, "id"), f"duplicate element id '{element.id}'"
        seen.add(element.id)
        if not element.patterns:
            return ("elements", i, "evidence"), "needs at least one evidence pattern"
        for j, pattern in enumerate(element.patterns):
            loc = ("elements", i, "evidence") + ((j,) if isinstance(element.evidence, list) else ())
            if pattern.from_ is None and not pattern.all and not pattern.any:
                return loc, "evidence needs term groups in `all` or `any` (or `from: facts`)"
            pattern_issue = _pattern_problem(pattern, loc, groups, rubric)
            if pattern_issue:
                return pattern_issue
        if element.mixed_stance is not None and element.mixed_stance not in element.stances:
            return ("elements", i, "mixed_stance"), f"'{element.mixed_stance}' is not one of the part's stances"
        for stance, stance_groups in element.stances.items():
            if not re.match(_ID, stance):
                return ("elements", i, "stances", stance), f"stance '{stance}' must be lower-case letters, digits and _"
            for k, g in enumerate(stance_groups):
                if g not in groups:
                    return ("elements", i, "stances", stance, k), f"unknown term group '{g}'"
        if element.developed.errors is not None and not element.from_facts:
            return ("elements", i, "developed", "errors"), "only a part judged `from: facts` counts false claims"
        for k, other in enumerate(element.developed.or_with):
            if other not in {e.id for e in rubric.elements} or other == element.id:
                return ("elements", i, "developed", "or_with", k), f"'{other}' is not another element's id"
        for k, suggestion in enumerate(element.suggest):
            for m, g in enumerate(suggestion.groups):
                if g not in groups:
                    return ("elements", i, "suggest", k, "groups", m), f"unknown term group '{g}'"
        for level, name in enumerate(("missing", "thin", "developed")):
            if not element.feedback.phrasings(level):
                return ("elements", i, "feedback", name), "needs at least one phrasing"
        if not element.examples.count or not element.examples.do_not_count:
            return ("elements", i, "examples"), "needs examples that count and examples that do not count"
        for k, example in enumerate(element.examples.count):
            if not element.from_facts and example.count("[[") != example.count("]]"):
                return ("elements", i, "examples", "count", k), "unbalanced [[ ]] markers"
    weights = sum(e.weight for e in rubric.elements)
    if abs(weights - rubric.total) > WEIGHT_TOLERANCE:
        return ("total",), f"the elements' weights add up to {weights:g}, not {rubric.total:g}"
    scale_issue = _scale_problem(rubric)
    if scale_issue:
        return scale_issue
    names = [b.name for b in rubric.bands]
    if len(set(names)) != len(names):
        return ("bands",), "duplicate band names"
    if not any(b.min == 0 for b in rubric.bands):
        return ("bands",), "one band must start at min: 0 so every mark has a band"
    for actor, actor_groups in rubric.actors.items():
        if not actor_groups:
            return ("actors", actor), f"actor '{actor}' names no term group"
        for k, g in enumerate(actor_groups):
            if g not in groups:
                return ("actors", actor, k), f"unknown term group '{g}'"
    for key in ("fuzzy", "details", "other_topics", "person_groups"):
        for k, g in enumerate(getattr(rubric, key)):
            if g not in (rubric.terms if key == "person_groups" else groups):
                return (key, k), f"unknown term group '{g}'"
    fact_ids: set[str] = set()
    referred: dict[str, str] = {}
    for i, fact in enumerate(rubric.facts):
        if fact.id in fact_ids:
            return ("facts", i, "id"), f"duplicate fact id '{fact.id}'"
        fact_ids.add(fact.id)
        if not fact.about:
            return ("facts", i, "about"), "needs at least one term group"
        combos = [("about",), *[("also_about", j) for j in range(len(fact.also_about))]]
        for combo, refs in zip(combos, [fact.about, *fact.also_about]):
            for k, ref in enumerate(refs):
                for g in ([ref] if isinstance(ref, str) else ref):
                    if g not in groups:
                        return ("facts", i, *combo, k), f"unknown term group '{g}'"
        for k, g in enumerate(fact.referred_to_as):
            if g not in groups:
                return ("facts", i, "referred_to_as", k), f"unknown term group '{g}'"
            if g in referred:
                return ("facts", i, "referred_to_as", k), f"'{g}' already refers to the fact '{referred[g]}'"
            referred[g] = fact.id
        if (not fact.must.years and fact.must.place is None and not fact.must.people and fact.must.amount is None
                and fact.must.giver is None and not fact.must.durations and fact.must.percent is None):
            return ("facts", i, "must"), ("needs a year, a place, people, an amount, a giver, a duration or a "
                                          "percentage to check")
        for duration in fact.must.durations:
            from .durations import parse_duration

            if parse_duration(duration) is None:
                return ("facts", i, "must", "duration"), (f"'{duration}' is not a length of time as a number and a "
                                                          "unit (e.g. \"30 years\", \"2 months\")")
        if fact.must.giver is not None and fact.must.giver not in rubric.actors:
            known = ", ".join(rubric.actors) or "none: declare them under `actors`"
            return ("facts", i, "must", "giver"), f"'{fact.must.giver}' is not one of the actors ({known})"
        if fact.must.amount is not None:
            from .amounts import parse_amount

            if parse_amount(fact.must.amount) is None:
                return ("facts", i, "must", "amount"), (f"'{fact.must.amount}' is not an amount of money with its "
                                                        "currency (e.g. \"300 million dollars\")")
        for year in fact.must.years:
            if not FIRST_YEAR <= year <= LAST_YEAR:
                return ("facts", i, "must", "year"), (f"{year}: years are read as four digits from {FIRST_YEAR} to "
                                                      f"{LAST_YEAR}, so this one could never be checked")
        for k, person in enumerate(fact.must.people):
            if not any(spellings(person) & spellings(phrase) for g in rubric.person_groups for phrase in rubric.terms[g]):
                return ("facts", i, "must", "people", k), f"'{person}' is not a phrase of any of the person_groups"
        if fact.must.place is not None and place_group(rubric, fact.must.place) is None:
            return ("facts", i, "must", "place"), f"'{fact.must.place}' is not a phrase of any term group"
    for i, wrong in enumerate(rubric.misconceptions):
        if wrong.id in fact_ids:
            return ("misconceptions", i, "id"), f"duplicate fact or misconception id '{wrong.id}'"
        fact_ids.add(wrong.id)
        claim = wrong.claim
        if not claim.all and not claim.any:
            return ("misconceptions", i, "claim"), "needs term groups in `all` or `any`"
        if claim.context or claim.where != "anywhere" or claim.from_ is not None:
            return ("misconceptions", i, "claim"), "`context`, `where` and `from` do not apply to a claim"
        claim_issue = _pattern_problem(claim, ("misconceptions", i, "claim"), groups, rubric)
        if claim_issue:
            return claim_issue
        for k, g in enumerate(wrong.unless_earlier):
            if g not in groups:
                return ("misconceptions", i, "unless_earlier", k), f"unknown term group '{g}'"
        if not wrong.examples.wrong or not wrong.examples.not_wrong:
            return ("misconceptions", i, "examples"), "needs examples that are wrong and examples that are not"
    for i, office in enumerate(rubric.offices):
        if office.id in fact_ids:
            return ("offices", i, "id"), f"duplicate fact, misconception or office id '{office.id}'"
        fact_ids.add(office.id)
        for field in ("role", "titles"):
            for k, g in enumerate(getattr(office, field)):
                if g not in groups:
                    return ("offices", i, field, k), f"unknown term group '{g}'"
        for k, holder in enumerate(office.holders):
            if not any(spellings(holder.name) & spellings(phrase) for g in rubric.person_groups
                       for phrase in rubric.terms[g]):
                return ("offices", i, "holders", k, "name"), f"'{holder.name}' is not a phrase of any of the person_groups"
            if not FIRST_YEAR <= holder.from_ <= holder.to <= LAST_YEAR:
                return ("offices", i, "holders", k), (f"{holder.from_}-{holder.to}: the years must run forwards, "
                                                      f"between {FIRST_YEAR} and {LAST_YEAR}")
        if not office.examples.wrong or not office.examples.not_wrong:
            return ("offices", i, "examples"), "needs examples that are wrong and examples that are not"
    if rubric.period is not None and not FIRST_YEAR <= rubric.period.from_ <= rubric.period.to <= LAST_YEAR:
        return ("period",), (f"{rubric.period.from_}-{rubric.period.to}: the years must run forwards, between "
                             f"{FIRST_YEAR} and {LAST_YEAR}")
    source_ids: set[str] = set()
    for i, source in enumerate(rubric.sources):
        if source.id in source_ids:
            return ("sources", i, "id"), f"duplicate source id '{source.id}'"
        source_ids.add(source.id)
    return _rules_problem(rubric)


def _scale_problem(rubric: Rubric) -> tuple[tuple, str] | None:
    """A mark scale that runs backwards, or answer-level scoring that names unknown parts or leaves the scale."""
    scale = rubric.mark
    if scale.min >= scale.max:
        return ("mark",), f"the scale must run upwards: min {scale.min} is not below max {scale.max}"
    if scale.cuts is not None:
        if len(scale.cuts) != scale.max - scale.min:
            return ("mark", "cuts"), (f"needs one cut per step of the scale: {scale.max - scale.min}, "
                                      f"not {len(scale.cuts)}")
        if any(b < a for a, b in zip(scale.cuts, scale.cuts[1:])) or not all(0 <= c <= PERCENT for c in scale.cuts):
            return ("mark", "cuts"), "cuts must rise and lie between 0 and 100"
    if rubric.scoring is None:
        return None
    ids = {e.id for e in rubric.elements}
    grouped: set[str] = set()
    for i, group in enumerate(rubric.scoring.groups):
        for k, element_id in enumerate(group.elements):
            if element_id not in ids:
                return ("scoring", "groups", i, "elements", k), f"'{element_id}' is not an element's id"
            if element_id in grouped:
                return ("scoring", "groups", i, "elements", k), f"'{element_id}' is already in another group"
            grouped.add(element_id)
    for element_id, needed in rubric.scoring.requires.items():
        for other in [element_id, *needed]:
            if other not in ids:
                return ("scoring", "requires", element_id), f"'{other}' is not an element's id"
    for k, value in enumerate(rubric.scoring.marks):
        if not scale.min <= value <= scale.max:
            return ("scoring", "marks", k), f"{value} is outside the mark scale {scale.min}-{scale.max}"
    return None


def _pattern_problem(pattern: Evidence, loc: tuple, groups: set[str], rubric: Rubric) -> tuple[tuple, str] | None:
    """An unknown actor or term group in an evidence pattern or a claim."""
    if pattern.actor is not None and pattern.actor not in rubric.actors:
        return loc + ("actor",), f"'{pattern.actor}' is not one of the rubric's actors"
    for key in ("all", "any", "none", "context", "not_subject"):
        for k, ref in enumerate(getattr(pattern, key)):
            for g in ([ref] if isinstance(ref, str) else ref):
                if g not in groups:
                    return loc + (key, k), f"unknown term group '{g}'"
    return None


def _rules_problem(rubric: Rubric) -> tuple[tuple, str] | None:
    """An unknown rule or setting under `rules:`, a wrong type, or one setting given in two places."""
    from .rules import alias_values, override_problem

    problem = override_problem(rubric.rules)
    if problem:
        path, reason = problem
        return ("rules", *path), reason
    for path, rule_id, name, _ in alias_values(rubric):
        if name in rubric.rules.get(rule_id, {}):
            return ("rules", rule_id, name), f"also set by `{'.'.join(path)}`: set it in one place"
    return None


def spellings(phrase: str) -> set[str]:
    """The spellings a phrase joins with `|`, compared without case."""
    return {alt.strip().casefold() for alt in phrase.split("|")}


def place_group(rubric: Rubric, place: str) -> str | None:
    """The term group holding `place` as a phrase: the `details` groups first, then the rest in order."""
    wanted = spellings(place)
    order = [g for g in rubric.details if g in rubric.terms] + [g for g in rubric.terms if g not in rubric.details]
    for name in order:
        for phrase in rubric.terms[name]:
            if wanted & spellings(phrase):
                return name
    return None


# ------------------------------------------------------------------------------------ YAML, safely


def _load_yaml(text: str, name: str) -> tuple[Any, dict[tuple, int]]:
    """Parse YAML into plain data plus a map from each key path to its 1-based line."""
    import yaml

    if len(text.encode("utf-8", "replace")) > MAX_RUBRIC_BYTES:
        raise RubricError(name, f"rubric is too large (the limit is {MAX_RUBRIC_BYTES // KB} KB)")
    # libyaml's parser where PyYAML was built with it (five times faster); its nodes carry the same line marks.
    # A file it refuses is read again by the Python parser, whose messages are the clearer and the same on
    # every machine.
    fast = getattr(yaml, "CSafeLoader", None)
    loader = (fast or yaml.SafeLoader)(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.YAMLError:
            if fast is None:
                raise
            loader.dispose()
            loader = yaml.SafeLoader(text)
            node = loader.get_single_node()
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise RubricError(name, f"invalid YAML: {problem}", line=mark.line + 1 if mark else None) from None
    finally:
        loader.dispose()
    if node is None:
        raise RubricError(name, "the rubric file is empty")
    lines: dict[tuple, int] = {}
    count = [0]
    seen: set[int] = set()
    scalars = yaml.SafeLoader("")  # builds each scalar's value as safe_load would (numbers, booleans, strings)

    def build(n, path: tuple, depth: int):
        count[0] += 1
        if depth > MAX_YAML_DEPTH:
            raise RubricError(name, f"nested more than {MAX_YAML_DEPTH} levels deep", line=n.start_mark.line + 1)
        if count[0] > MAX_YAML_NODES:
            raise RubricError(name, f"more than {MAX_YAML_NODES} values", line=n.start_mark.line + 1)
        if id(n) in seen:
            raise RubricError(name, "anchors and aliases (&, *) are not allowed in a rubric", line=n.start_mark.line + 1)
        seen.add(id(n))
        lines.setdefault(path, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in n.value:
                if not isinstance(key_node, yaml.ScalarNode):
                    raise RubricError(name, "keys must be plain words", line=key_node.start_mark.line + 1)
                key = key_node.value
                if key == "<<":
                    raise RubricError(name, "merge keys (<<) are not allowed in a rubric", line=key_node.start_mark.line + 1)
                if key in out:
                    raise RubricError(name, f"duplicate key '{key}'", line=key_node.start_mark.line + 1,
                                      field=_field(path + (key,)))
                lines[path + (key,)] = key_node.start_mark.line + 1
                out[key] = build(value_node, path + (key,), depth + 1)
            return out
        if isinstance(n, yaml.SequenceNode):
            return [build(v, path + (i,), depth + 1) for i, v in enumerate(n.value)]
        try:
            return scalars.construct_object(n)
        except yaml.YAMLError as exc:
            raise RubricError(name, f"invalid value: {getattr(exc, 'problem', exc)}", line=n.start_mark.line + 1,
                              field=_field(path)) from None

    return build(node, (), 0), lines


def _field(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part in ("str", "list[str]", "list[Evidence]", "Evidence", "int", "list[int]"):
            continue  # pydantic's union branch names are not fields
        else:
            out += ("." if out else "") + str(part)
    return out


def _line_for(lines: dict[tuple, int], loc: tuple) -> int | None:
    path = tuple(p for p in loc if p not in ("str", "list[str]", "list[Evidence]", "Evidence", "int", "list[int]"))
    path = tuple("from" if p == "from_" else p for p in path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get(())


def _describe(err: ErrorDetails) -> str:
    """Pydantic's error in a teacher's words."""
    kind = err["type"]
    value = err.get("input")
    shown = repr(value) if isinstance(value, (str, int, float, bool)) or value is None else type(value).__name__
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling; see docs/rubric-format.md)"
    if kind in ("float_parsing", "float_type"):
        return f"expected a number, got {shown}"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"expected a whole number, got {shown}"
    if kind in ("string_type",):
        return f"expected text, got {shown}"
    if kind in ("list_type",):
        return f"expected a list, got {shown}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a mapping of keys, got {shown}"
    if kind == "literal_error":
        return f"got {shown}; {err['msg'].replace('Input should be', 'expected')}"
    if kind == "string_pattern_mismatch":
        return f"{shown} is not a valid id (lower-case letters, digits, _ or -)"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{shown}: {err['msg'].replace('Input should be', 'must be')}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "value_error":
        return str(err["msg"]).removeprefix("Value error, ")
    return f"{err['msg']} (got {shown})"
