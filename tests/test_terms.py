"""Term matching: word forms, lemmas, wildcards, digit templates, acronyms, compounds and misspelt names."""
from __future__ import annotations

import pytest

from grader.rubric import rubric_from_yaml
from grader.text import tokenize

RUBRIC = """
id: t
title: T
prompt: Explain.
total: 1
bands: [{name: All, min: 0}]
terms:
  ussr: ["Soviet Union|USSR", Soviet, "Stalin|Josef Stalin"]
  us: [US, "United States"]
  talks: ["negotiat*"]
  years: ["19##", "19##s"]
  aid: [loan, "economic aid"]
  people: ["Mao Zedong|Mao Tse-tung", Khrushchev]
  crowd: ["the people"]
  state: ["People's Republic"]
fuzzy: [people, ussr]
elements:
  - id: e
    title: E
    weight: 1
    evidence: {all: [ussr]}
    feedback: {missing: m, thin: t, developed: d}
    examples: {count: ["[[Stalin.]]"], do_not_count: ["No."]}
"""


@pytest.fixture(scope="module")
def terms():
    return rubric_from_yaml(RUBRIC).compiled.terms


def found(terms, text):
    return [(o.group, text[o.start : o.end]) for o in terms.find(tokenize(text))]


@pytest.mark.parametrize("text, expected", [
    ("The loans arrived.", [("aid", "loans")]),
    ("They were negotiating hard.", [("talks", "negotiating")]),
    ("In 1950 and the 1940s.", [("years", "1950"), ("years", "1940s")]),
    ("The US helped.", [("us", "US")]),
    ("Help us now.", []),
    ("The Soviet Union and Stalin.", [("ussr", "Soviet Union"), ("ussr", "Stalin")]),
    ("The Sino-Soviet alliance.", []),
    ("A pro-Soviet and Mao-led party.", []),
    ("Mao Tse Tung and Mao Tse-tung and Mao Zedong.", [("people", "Mao Tse Tung"), ("people", "Mao Tse-tung"),
                                                       ("people", "Mao Zedong")]),
    ("Stallin and Krushchev met.", [("ussr", "Stallin"), ("people", "Krushchev")]),
    ("The stable table stays.", []),
    ("Economic aid flowed.", [("aid", "Economic aid")]),
    ("Then the People's Republic was founded.", [("state", "People's Republic")]),  # crossing: the longer reading
    ("The people backed the People's Republic.", [("crowd", "The people"), ("state", "People's Republic")]),
], ids=lambda v: v if isinstance(v, str) else "")
def test_matches(terms, text, expected):
    assert found(terms, text) == expected
