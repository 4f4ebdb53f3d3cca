"""The rule registry: every rule that screens a sentence, finds evidence, decides a level or raises a flag.

The order of `RULES` is the precedence: a sentence is screened by the first screen rule that fires.
A rubric overrides settings by rule id under `rules:` (`rules: {keyword_list: {enabled: false}}`);
`settings_for` gives the table in effect and `override_problem` the one-line reason an override is wrong.
"""
from __future__ import annotations

from types import ModuleType
from typing import TYPE_CHECKING, Any, Callable

from . import (asked_question, attribution, developed, digression, empty, evidence, fact_check, front_matter, heading, keyword_list, language, meta,
               misspelling, note, off_topic, prompt_echo, question, quoted_source, refusal, repeated, repetitive,
               source_overlap, too_short, wrong_fact)
from .base import ENABLED, Flag, Rule, RuleSettings, Setting, resolve

if TYPE_CHECKING:
    from ..rubric import Rubric

#: Rule modules in precedence order. A module may define `fires(ctx, sentence, cfg)` (a screen of one
#: sentence) and `flag(ctx, reasons, topic, cfg)` (an essay flag).
MODULES: tuple[ModuleType, ...] = (
    front_matter, note, empty, heading, prompt_echo, keyword_list, source_overlap, quoted_source, question,
    refusal, meta, repeated, repetitive, wrong_fact, digression, fact_check, misspelling, asked_question, attribution, evidence,
    developed,
    language, off_topic, too_short)
RULES: tuple[Rule, ...] = tuple(m.RULE for m in MODULES)
BY_ID: dict[str, Rule] = {r.id: r for r in RULES}

#: Screens that need the whole essay, run in this order after the sentence screens, as (rule id, pass):
#: a run of short lines is a list before repetition is measured over what is left, and an essay of
#: strings of fragments is judged on the sentences that survive both.
PASSES: tuple[tuple[str, Callable[..., None]], ...] = (
    (keyword_list.RULE.id, keyword_list.mark_list_runs),
    (repeated.RULE.id, repeated.mark_reworded),
    (repetitive.RULE.id, repetitive.mark),
    (keyword_list.RULE.id, keyword_list.mark_fragment_essays),
)

#: Older rubric keys that set a rule's setting: (rubric path) -> (rule id, setting).
ALIASES: dict[tuple[str, ...], tuple[str, str]] = {
    ("limits", "min_words"): ("too_short", "min_words"),
    ("thin_credit",): ("developed", "thin_credit"),
}


#: The rubric's `kind: short_answer`: answers of a line or a paragraph. The essay-only rules are off (there
#: is no length to reach, an answer is one line, may be a list or ask back, and names few details), and a
#: rubric's own `rules:` still override any of it.
KIND_PRESETS: dict[str, dict[str, dict[str, Any]]] = {
    "essay": {},
    "short_answer": {
        rule_id: {ENABLED: False} for rule_id in (
            too_short.RULE.id, off_topic.RULE.id, heading.RULE.id, front_matter.RULE.id, question.RULE.id,
            keyword_list.RULE.id, repetitive.RULE.id, digression.RULE.id, language.RULE.id)
    } | {developed.RULE.id: {"min_details": 0, "list_sentence_words": 1}, evidence.RULE.id: {"label_words": 4},
         # answers read like the rubric's examples by nature: its own words are no source to copy from
         source_overlap.RULE.id: {"rubric_words": 0}},
}


def alias_values(rubric: Rubric) -> list[tuple[tuple[str, ...], str, str, Any]]:
    """The older keys a rubric sets: (its path, rule id, setting, value)."""
    out = []
    for path, (rule_id, name) in ALIASES.items():
        value: Any = rubric
        for key in path:
            value = getattr(value, key)
        if value is not None:
            out.append((path, rule_id, name, value))
    return out


def override_problem(overrides: Any) -> tuple[tuple, str] | None:
    """Why a rubric's `rules:` mapping is wrong, as (path under `rules`, reason), or None."""
    if not isinstance(overrides, dict):
        return (), "expected a mapping of rule ids to settings"
    for rule_id, values in overrides.items():
        found = BY_ID.get(rule_id)
        if found is None:
            return (rule_id,), f"unknown rule '{rule_id}' (`grader rules` lists them)"
        if not isinstance(values, dict):
            return (rule_id,), "expected a mapping of settings, e.g. {enabled: false}"
        for name, value in values.items():
            setting = found.setting(name)
            if setting is None:
                if name == ENABLED:
                    return (rule_id, name), f"the {rule_id} rule cannot be switched off"
                known = ", ".join(s.name for s in found.all_settings()) or "none"
                return (rule_id, name), f"unknown setting of the {rule_id} rule (settings: {known})"
            problem = setting.problem(value)
            if problem:
                return (rule_id, name), problem
    return None


def settings_for(rubric: Rubric) -> RuleSettings:
    """The settings in effect for a rubric: defaults, its `kind`'s preset, its older keys (`limits`,
    `thin_credit`), then `rules:`."""
    overrides: dict[str, dict[str, Any]] = {rule_id: dict(values) for rule_id, values in KIND_PRESETS[rubric.kind].items()}
    for _, rule_id, name, value in alias_values(rubric):
        overrides.setdefault(rule_id, {})[name] = value
    for rule_id, values in rubric.rules.items():
        overrides.setdefault(rule_id, {}).update(values)
    return resolve(RULES, overrides)


def defaults() -> RuleSettings:
    """Every rule's defaults."""
    return resolve(RULES, {})


__all__ = ["KIND_PRESETS", "MODULES", "PASSES", "RULES", "Flag", "Rule", "RuleSettings", "Setting", "alias_values", "defaults",
           "override_problem", "settings_for"]
