"""What a judging rule is: an id, a one-line description, typed settings with defaults, and its kind.

A rule's settings are the only place a judging threshold lives (as yamllint's rules declare `CONF`
and `DEFAULT`). A rubric overrides them by rule id under its `rules:` key; `RuleSettings` is the
table in effect for one rubric, built once and read by every stage.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any, Literal

from ..cache import by_fields

#: What a rule acts on. `screen`: one sentence earns nothing; `matching`: how terms and evidence are
#: found; `level`: how a part's level is decided; `flag`: an essay-level flag.
Kind = Literal["screen", "matching", "level", "flag"]

_TYPE_NAMES = {bool: "boolean", int: "whole number", float: "number"}


@dataclass(frozen=True)
class Setting:
    """One setting of a rule: its name, type, default, the range it may take and what it does."""

    name: str
    type: type
    default: Any
    description: str
    minimum: float | None = None
    maximum: float | None = None

    @property
    def type_name(self) -> str:
        """The type in a teacher's words (`whole number`, `number`, `boolean`)."""
        return _TYPE_NAMES[self.type]

    def problem(self, value: Any) -> str | None:
        """Why `value` cannot be this setting's value, or None."""
        shown = repr(value) if isinstance(value, (str, int, float, bool)) or value is None else type(value).__name__
        if self.type is bool:
            return None if isinstance(value, bool) else f"expected true or false, got {shown}"
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"expected a {self.type_name}, got {shown}"
        if self.type is int and not float(value).is_integer():
            return f"expected a whole number, got {shown}"
        if self.minimum is not None and value < self.minimum:
            return f"{shown}: must be at least {self.minimum:g}"
        if self.maximum is not None and value > self.maximum:
            return f"{shown}: must be at most {self.maximum:g}"
        return None


ENABLED = "enabled"


@dataclass(frozen=True, slots=True)
class Flag:
    """An essay-level finding shown to the student: a code from DESIGN section 4 (the id of the rule that
    raised it) and a message."""

    code: str
    message: str


def plural(n: int, one: str, many: str) -> str:
    """`n` and the phrase for that count: "1 line is", "3 lines are"."""
    return f"{n} {one if n == 1 else many}"


@dataclass(frozen=True)
class Rule:
    """A registered judging rule. `flag`: the essay flag it raises (its own id), if any."""

    id: str
    description: str
    kind: Kind
    settings: tuple[Setting, ...] = ()
    can_disable: bool = True
    flag: bool = False

    def all_settings(self) -> tuple[Setting, ...]:
        """Its settings, with `enabled` first for a rule that can be switched off."""
        if not self.can_disable:
            return self.settings
        return (Setting(ENABLED, bool, True, "Whether the rule runs at all."),) + self.settings

    def setting(self, name: str) -> Setting | None:
        """The setting called `name`, or None."""
        return next((s for s in self.all_settings() if s.name == name), None)


@dataclass(frozen=True)
class RuleSettings:
    """The settings in effect for one rubric: every rule's defaults, overridden by the rubric's `rules:`."""

    values: dict[str, SimpleNamespace] = field(default_factory=dict)

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)

    def __getitem__(self, rule_id: str) -> SimpleNamespace:
        return self.values[rule_id]

    def enabled(self, rule_id: str) -> bool:
        """Whether the rule runs for this rubric."""
        return bool(getattr(self.values[rule_id], ENABLED, True))

    def get(self, rule_id: str, name: str) -> Any:
        """One setting's value."""
        return getattr(self.values[rule_id], name)


def resolve(rules: tuple[Rule, ...], overrides: dict[str, dict[str, Any]]) -> RuleSettings:
    """Defaults overridden by already validated `overrides` (rule id -> setting -> value)."""
    values = {}
    for rule in rules:
        chosen = {s.name: s.default for s in rule.all_settings()}
        for name, value in overrides.get(rule.id, {}).items():
            setting = rule.setting(name)
            chosen[name] = setting.type(value) if setting is not None and setting.type is not bool else value
        values[rule.id] = SimpleNamespace(**chosen)
    return RuleSettings(values)
