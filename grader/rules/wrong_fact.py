"""wrong_fact: a sentence built on a wrong fact earns no credit; the fact check says what is right."""
from __future__ import annotations

from .base import Rule, Setting

RULE: Rule = Rule("wrong_fact", "A sentence whose fact check is incorrect earns no credit for any part; the student is "
            "shown the correct version.", "screen",
            (Setting("spoils_paragraph", bool, True, "A part whose evidence shares a paragraph with a wrong fact "
                     "cannot be developed: its support is not accurate."),))


def apply(checks: list, reasons: list[str | None]) -> None:
    """Screen the sentence of every incorrect fact check (one already screened keeps its reason)."""
    for check in checks:
        if check.status == "incorrect" and reasons[check.sentence] is None:
            reasons[check.sentence] = RULE.id
