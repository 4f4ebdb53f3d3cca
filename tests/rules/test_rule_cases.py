"""Every rule's cases (grader/rules/cases/<rule>.yaml): `test_fail_` texts the rule must fire on, with
exactly what it must do, and `test_pass_` texts it must leave alone; switching a rule off changes what
it does on each of its own must-fire cases."""
from __future__ import annotations

import pytest

from grader.rules import RULES, cases

LOADED = {rule.id: cases.load(rule.id) for rule in RULES}
ALL = [(spec, case) for spec, found in LOADED.values() for case in found]


@pytest.mark.parametrize("spec, case", ALL, ids=[f"{c.rule}.{c.name}" for _, c in ALL])
def test_case(spec, case):
    assert cases.run(case, spec) == case.fires


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_every_rule_has_cases_of_both_kinds_named_for_what_they_expect(rule):
    _, found = LOADED[rule.id]
    assert any(c.must_fire for c in found) and any(not c.must_fire for c in found)
    for case in found:
        assert case.name.startswith(("test_fail_", "test_pass_")), case.name
        assert bool(case.fires) == case.must_fire, f"{case.name}: a test_fail_ case lists what fires, a test_pass_ one nothing"


SWITCHABLE = [(spec, case) for spec, case in ALL if case.must_fire and next(r for r in RULES if r.id == case.rule).can_disable]


@pytest.mark.parametrize("spec, case", SWITCHABLE, ids=[f"{c.rule}.{c.name}" for _, c in SWITCHABLE])
def test_switching_the_rule_off_changes_its_must_fire_cases(spec, case):
    assert cases.run(case, spec, {case.rule: {"enabled": False}}) != case.fires
