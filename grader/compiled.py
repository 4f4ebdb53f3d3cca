"""A rubric worked out for grading: the rule settings in effect, the question, the term index, the source
index, the fact tables and each evidence pattern's shape. Built once per rubric (`Rubric.compiled`) and
read-only after that, so every essay of a batch shares it.
"""
from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from .rules import settings_for
from .text import Question

if TYPE_CHECKING:
    from .matching import Shape
    from .reference import ReferenceTables
    from .rubric import Evidence, Misconception, Rubric
    from .sources import SourceIndex
    from .terms import CompiledTerms


class CompiledRubric:
    """Everything about a rubric that grading needs more than once."""

    def __init__(self, rubric: Rubric):
        self.rubric = rubric
        self.settings = settings_for(rubric)
        self.question = Question(rubric.prompt)
        #: The words that earn nothing by themselves (the question's own words): the prompt's, unless the rubric
        #: lists them apart because its prompt also holds a passage whose words may earn.
        self.given_words = (self.question.vocabulary if rubric.question_words is None
                            else Question(rubric.question_words).vocabulary)

    @cached_property
    def name_blockers(self) -> frozenset[str]:
        """Words of the question and the rubric's terms: a line made of them is a title, never a student's name."""
        import re

        words = {w.casefold() for phrases in self.rubric.terms.values() for phrase in phrases
                 for w in re.findall(r"[^\W\d_]+", phrase)}
        return frozenset(words) | self.question.vocabulary

    @cached_property
    def terms(self) -> CompiledTerms:
        """The term groups indexed for lookup."""
        from .terms import compile_terms

        return compile_terms(self.rubric, self.settings["misspelling"], self.settings["evidence"])

    @cached_property
    def sources(self) -> SourceIndex | None:
        """The index of the rubric's source texts (read on first use), or None when it has none."""
        from .sources import source_index

        return source_index(self.rubric, self.settings["source_overlap"].run_words)

    @cached_property
    def rubric_text(self) -> SourceIndex:
        """The index of the rubric's own examples and feedback, which an essay must not be assembled from."""
        from .sources import rubric_text_index

        return rubric_text_index(self.rubric, self.settings["source_overlap"].run_words)

    @cached_property
    def fact_tables(self) -> tuple:
        """Each fact's place and people lookups, the facts indexed by group and their namesakes."""
        from .facts import fact_tables

        return fact_tables(self.rubric)

    @cached_property
    def reference_tables(self) -> ReferenceTables:
        """What the words that refer to a fact without naming it ("the treaty") may mean."""
        from .reference import reference_tables

        return reference_tables(self.rubric)

    def _patterns(self) -> list[Evidence]:
        """Every evidence pattern of the rubric, in a fixed order: the parts', then the misconceptions'."""
        return [p for e in self.rubric.elements for p in e.patterns] + [m.claim for m in self.rubric.misconceptions]

    @cached_property
    def shapes(self) -> dict[int, Shape]:
        """Each evidence pattern's group sets and window, by the pattern's identity."""
        stored = self.__dict__.pop("_stored_shapes", None)
        if stored is not None:  # read back from the cache: the same shapes, for the patterns' new identities
            return {id(p): s for p, s in zip(self._patterns(), stored)}
        from .matching import shape

        within = self.settings["evidence"].within
        return {id(p): shape(p, within, self.actor_of) for p in self._patterns()}

    #: What `warm` works out ahead of grading (everything but the settings and question, made at once).
    WARMED = ("terms", "sources", "rubric_text", "fact_tables", "reference_tables", "actor_of", "shapes",
              "claims_by_group", "name_blockers", "holder_names", "office_roles")

    def warm(self) -> CompiledRubric:
        """Work out every part now, so a cache or a batch's worker processes receive it whole."""
        for name in self.WARMED:
            getattr(self, name)
        return self

    def __getstate__(self) -> dict:
        """The state to pickle: shapes are keyed by the patterns' identities, which a pickle does not keep, so they
        travel as a list in pattern order (the rubric may not be whole yet when this object is read back)."""
        state = dict(self.__dict__)
        state.pop("fact_numbers", None)
        state.pop("claims", None)
        shapes = state.pop("shapes", None)
        if shapes is not None:
            state["_stored_shapes"] = [shapes[id(p)] for p in self._patterns()]
        return state

    @cached_property
    def claims_by_group(self) -> dict[str, tuple[int, ...]]:
        """The misconceptions (by index) that a sentence carrying a group may make: each is listed under the
        groups of its first requirement, which every sentence making it must carry."""
        index: dict[str, list[int]] = {}
        for i, m in enumerate(self.rubric.misconceptions):
            requirements = self.shape(m.claim).requirements
            for group in (requirements[0] if requirements else ()):
                index.setdefault(group, []).append(i)
        return {g: tuple(ids) for g, ids in index.items()}

    @cached_property
    def fact_numbers(self) -> dict[int, int]:
        """Each fact's place in the fact bank, by the fact's identity (rebuilt, never pickled: identities change)."""
        return {id(f): i for i, f in enumerate(self.rubric.facts)}

    @cached_property
    def claims(self) -> list[tuple[Misconception, frozenset[str], Evidence]]:
        """Each misconception (in rubric order) with the groups that excuse it when named earlier and the claim's
        pattern: read for every sentence that may make one, where a rubric model's attributes are slow to read
        (rebuilt, never pickled)."""
        return [(m, frozenset(m.unless_earlier), m.claim) for m in self.rubric.misconceptions]

    @cached_property
    def holder_names(self) -> dict[str, set[str]]:
        """Each office holder's name -> the forms their occurrences carry."""
        from .offices import shown_names

        return {h.name: shown_names(self.rubric, h.name) for office in self.rubric.offices for h in office.holders}

    @cached_property
    def office_roles(self) -> frozenset[str]:
        """The term groups that name any of the rubric's offices: a sentence without one gives none to anyone."""
        return frozenset(group for office in self.rubric.offices for group in (*office.role, *office.titles))

    @cached_property
    def actor_of(self) -> dict[str, str]:
        """The side each actor group names (the first actor listing a group claims it)."""
        out: dict[str, str] = {}
        for actor, groups in self.rubric.actors.items():
            for group in groups:
                out.setdefault(group, actor)
        return out

    def shape(self, pattern: Evidence) -> Shape:
        """The shape of one of this rubric's patterns. (The compiled grading modules read `shapes[id(pattern)]`
        themselves: a call into this interpreted method costs more than the lookup.)"""
        return self.shapes[id(pattern)]
