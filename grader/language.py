"""Language data: the English function words, abbreviations, signposts and shared cue groups (hedges,
final-answer cues, vague reasons) the engine reads prose with; every rubric gets the cue groups.

Loaded once from `data/english.yaml`; read-only, so sharing it across calls keeps stages pure. The parsed lists
are kept in grader's cache folder under the file's digest, so a command starts without importing a YAML parser
(about 20 ms of one `grader grade`).
"""
from __future__ import annotations

import functools
import marshal
from dataclasses import dataclass
from importlib import resources
from typing import Any

from .cache import cache_dir, name_digest, read_trusted, write_private


@dataclass(frozen=True)
class English:
    """Closed word lists for reading English prose (see data/english.yaml for what each is for)."""

    function_words: frozenset[str]
    abbreviations: frozenset[str]
    signpost_subjects: tuple[tuple[str, ...], ...]
    signpost_subject_starts: frozenset[str]  # the first words of signpost_subjects
    signpost_verbs: frozenset[str]
    signpost_modals: tuple[tuple[str, ...], ...]
    negations: frozenset[str]
    question_references: tuple[tuple[str, ...], ...]
    question_reference_ends: frozenset[str]  # the last words of question_references
    place_prepositions: frozenset[str]
    relative_time: frozenset[str]
    scene_prepositions: frozenset[str]
    agent_prepositions: frozenset[str]
    sequence_words: frozenset[str]
    order_after: frozenset[str]
    order_before: frozenset[str]
    year_anaphora: frozenset[str]
    seat_nouns: frozenset[str]
    relative_pronouns: frozenset[str]
    person_pronouns: frozenset[str]
    event_specifiers: frozenset[str]
    event_pronouns: frozenset[str]
    answer_words: frozenset[str]
    attribution_phrases: tuple[str, ...]
    coordinators: frozenset[str]
    quote_pairs: tuple[str, ...]
    bullets: tuple[str, ...]
    cue_groups: dict[str, list[str]]  # term groups every rubric may name (hedges, final-answer cues ...)
    pronouns: frozenset[str]
    determiners: frozenset[str]
    number_words: dict[str, int]
    scale_words: dict[str, int]
    currency_words: dict[str, str]
    currency_signs: dict[str, str]
    per_period: frozenset[str]
    duration_units: dict[str, float]
    lasting_verbs: frozenset[str]
    new_words: frozenset[str]
    interval_before: frozenset[str]
    interval_after: frozenset[str]
    months: dict[str, int]  # month names and abbreviations -> 1-12
    appositive_words: frozenset[str]
    later_words: frozenset[str]
    passive_auxiliaries: frozenset[str]
    viewpoint_nouns: frozenset[str]
    frame_prepositions: frozenset[str]
    stance_contrasts: frozenset[str]
    object_prepositions: frozenset[str]
    schoolwork_words: frozenset[str]


def _word_lists() -> dict[str, Any]:
    """data/english.yaml as parsed: from the cache when a trusted entry for these exact bytes exists, else parsed
    and cached (`marshal`: plain lists and tables, loading it runs no code)."""
    data = resources.files("grader").joinpath("data/english.yaml").read_bytes()
    folder = cache_dir()
    path = folder / f"english-{name_digest(data)}.marshal" if folder else None
    cached = read_trusted(path) if path is not None else None
    if cached is not None:
        try:
            raw = marshal.loads(cached)
            if isinstance(raw, dict):
                return raw
        except (ValueError, EOFError, TypeError):
            pass
    import yaml

    raw = yaml.load(data.decode("utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
    if path is not None:
        try:
            write_private(path, marshal.dumps(raw))
        except ValueError:  # a value marshal cannot hold (a YAML date): parsed again next time
            pass
    return raw


@functools.lru_cache(maxsize=1)
def english() -> English:
    """The English word lists, loaded on first use."""
    raw = _word_lists()
    tables = ("cue_groups", "number_words", "scale_words", "currency_words", "currency_signs", "months",
              "duration_units")
    lists = [(key, values) for key, values in raw.items() if key not in tables] + list(raw["cue_groups"].items())
    for key, values in lists:  # YAML 1.1 reads a bare `on` or `no` as a boolean: quote them
        bad = [v for v in values if not isinstance(v, str)]
        if bad:
            raise ValueError(f"data/english.yaml: {key}: {bad!r} must be quoted strings")
    phrases = lambda key: tuple(tuple(str(p).split()) for p in raw[key])  # noqa: E731
    return English(
        function_words=frozenset(raw["function_words"]),
        abbreviations=frozenset(raw["abbreviations"]),
        signpost_subjects=phrases("signpost_subjects"),
        signpost_subject_starts=frozenset(p[0] for p in phrases("signpost_subjects")),
        signpost_verbs=frozenset(raw["signpost_verbs"]),
        signpost_modals=phrases("signpost_modals"),
        negations=frozenset(raw["negations"]),
        question_references=phrases("question_references"),
        question_reference_ends=frozenset(p[-1] for p in phrases("question_references")),
        place_prepositions=frozenset(raw["place_prepositions"]),
        relative_time=frozenset(raw["relative_time"]),
        scene_prepositions=frozenset(raw["scene_prepositions"]),
        agent_prepositions=frozenset(raw["agent_prepositions"]),
        sequence_words=frozenset(raw["sequence_words"]),
        order_after=frozenset(raw["order_after"]),
        order_before=frozenset(raw["order_before"]),
        year_anaphora=frozenset(raw["year_anaphora"]),
        seat_nouns=frozenset(raw["seat_nouns"]),
        relative_pronouns=frozenset(raw["relative_pronouns"]),
        person_pronouns=frozenset(raw["person_pronouns"]),
        event_specifiers=frozenset(raw["event_specifiers"]),
        event_pronouns=frozenset(raw["event_pronouns"]),
        answer_words=frozenset(raw["answer_words"]),
        attribution_phrases=tuple(raw["attribution_phrases"]),
        coordinators=frozenset(raw["coordinators"]),
        quote_pairs=tuple(raw["quote_pairs"]),
        bullets=tuple(raw["bullets"]),
        cue_groups={name: list(phrases) for name, phrases in raw["cue_groups"].items()},
        pronouns=frozenset(raw["pronouns"]),
        determiners=frozenset(raw["determiners"]),
        number_words={str(k): int(v) for k, v in raw["number_words"].items()},
        scale_words={str(k): int(v) for k, v in raw["scale_words"].items()},
        currency_words={str(k): str(v) for k, v in raw["currency_words"].items()},
        currency_signs={str(k): str(v) for k, v in raw["currency_signs"].items()},
        months={str(k): int(v) for k, v in raw["months"].items()},
        appositive_words=frozenset(raw["appositive_words"]),
        later_words=frozenset(raw["later_words"]),
        passive_auxiliaries=frozenset(raw["passive_auxiliaries"]),
        per_period=frozenset(raw["per_period"]),
        duration_units={str(k): float(v) for k, v in raw["duration_units"].items()},
        lasting_verbs=frozenset(raw["lasting_verbs"]),
        new_words=frozenset(raw["new_words"]),
        interval_before=frozenset(raw["interval_before"]),
        interval_after=frozenset(raw["interval_after"]),
        viewpoint_nouns=frozenset(raw["viewpoint_nouns"]),
        frame_prepositions=frozenset(raw["frame_prepositions"]),
        stance_contrasts=frozenset(raw["stance_contrasts"]),
        object_prepositions=frozenset(raw["object_prepositions"]),
        schoolwork_words=frozenset(raw["schoolwork_words"]),
    )
