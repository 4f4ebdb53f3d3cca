"""misspelling: in the rubric's `fuzzy` groups, a misspelt name ("Stallin") still matches."""
from __future__ import annotations

from .base import Rule, Setting

RULE: Rule = Rule(
    "misspelling", "In the rubric's `fuzzy` term groups a misspelt name still matches (\"Stallin\" is Stalin); an "
    "ordinary English word never counts as a misspelling.", "matching",
    (Setting("min_length", int, 5, "Shortest word looked at as a possible misspelling.", minimum=1),
     Setting("min_score", float, 84.0, "Similarity (0-100) a word needs to a name of the fuzzy groups.",
             minimum=0, maximum=100)))
