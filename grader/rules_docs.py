"""The rule registry as a teacher reads it: `grader rules` (text or JSON) and docs/rules.md.

    python -m grader.rules_docs > docs/rules.md
"""
from __future__ import annotations

import textwrap
from typing import Any

from .rules import RULES, Rule, RuleSettings, cases

#: Width of the terminal listing.
WIDTH = 100

INTRO = """# Judging rules

Every rule that decides whether a sentence earns credit, how evidence is found, how a part's level is
decided, or which essay flag is raised. `grader rules` prints this list; `grader rules --rubric FILE`
prints the settings in effect for a rubric. A rubric changes settings under `rules:`, by rule id:

```yaml
rules:
  keyword_list: {enabled: false}
  prompt_echo: {min_share: 0.5}
```

Screen rules are tried in the order below: a sentence is screened by the first that fires, and the
result's `--explain` entry names it. `evidence` and `developed` take settings but cannot be switched off.
Each rule's cases (texts it must fire on, and texts it must leave alone, each with a tiny rubric) are
in `grader/rules/cases/<rule>.yaml`; the first of each kind is shown here.
"""


def describe(settings: RuleSettings | None = None) -> list[dict[str, Any]]:
    """Every rule in precedence order, as JSON-ready data; with `settings`, each setting's value in effect."""
    out = []
    for order, rule in enumerate(RULES, start=1):
        entries = []
        for s in rule.all_settings():
            entry: dict[str, Any] = {"name": s.name, "type": s.type_name, "default": s.default,
                                     "description": s.description}
            if settings is not None:
                entry["value"] = settings.get(rule.id, s.name)
            entries.append(entry)
        out.append({"id": rule.id, "description": rule.description, "kind": rule.kind, "precedence": order,
                    "can_disable": rule.can_disable, "raises_flag": rule.flag, "settings": entries})
    return out


def _examples(rule: Rule) -> tuple[str | None, str | None]:
    """The text of the rule's first must-fire and first must-not-fire case."""
    _, found = cases.load(rule.id)
    fire = next((c.text for c in found if c.must_fire), None)
    quiet = next((c.text for c in found if not c.must_fire), None)
    return fire, quiet


def render_text(settings: RuleSettings | None = None) -> str:
    """The terminal listing: each rule, what it does, and its settings (with the values in effect)."""
    lines = []
    for entry in describe(settings):
        state = ""
        if settings is not None and entry["can_disable"] and not settings.enabled(entry["id"]):
            state = " (switched off)"
        lines.append(f"{entry['precedence']:>2}. {entry['id']} [{entry['kind']}]{state}")
        lines.append(textwrap.fill(entry["description"], WIDTH, initial_indent="    ", subsequent_indent="    "))
        for s in entry["settings"]:
            shown = f"{s['value']!r}" if "value" in s and s["value"] != s["default"] else f"{s['default']!r}"
            changed = f" (default {s['default']!r})" if "value" in s and s["value"] != s["default"] else ""
            lines.append(textwrap.fill(f"{s['name']} = {shown}{changed} ({s['type']}): {s['description']}", WIDTH,
                                       initial_indent="      ", subsequent_indent="        "))
        lines.append("")
    return "\n".join(lines)


def render_markdown() -> str:
    """docs/rules.md."""
    lines = [INTRO]
    for entry, rule in zip(describe(), RULES):
        flag = " Raises the flag of the same name." if rule.flag else ""
        lock = " Cannot be switched off." if not rule.can_disable else ""
        lines.append(f"## {entry['precedence']}. `{rule.id}` ({rule.kind})\n\n{rule.description}{flag}{lock}\n")
        lines.append("| setting | type | default | meaning |\n|---|---|---|---|")
        for s in entry["settings"]:
            text = s["description"].replace("|", "\\|")
            lines.append(f"| `{s['name']}` | {s['type']} | `{s['default']!r}` | {text} |")
        fire, quiet = _examples(rule)
        lines.append("")
        for label, text in (("Fires on", fire), ("Leaves alone", quiet)):
            if text:
                shown = " ".join(text.split())
                shown = shown if len(shown) <= WIDTH * 2 else shown[: WIDTH * 2].rsplit(" ", 1)[0] + " …"
                lines.append(f"- {label}: {shown}")
        lines.append("")
    from .rules import KIND_PRESETS

    for kind, preset in KIND_PRESETS.items():
        if preset:
            lines.append(f"## The `kind: {kind}` preset\n\nA rubric of this kind starts from these settings; its own "
                         "`rules:` override any of them.\n")
            lines.append("| rule | settings |\n|---|---|")
            for rule_id, values in preset.items():
                lines.append(f"| `{rule_id}` | {', '.join(f'`{k}: {v!r}`' for k, v in values.items())} |")
            lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    print(render_markdown(), end="")
