"""Terms a teacher might add to a rubric, found in answers they have marked (`grader calibrate --propose`).

Two kinds, at most `MAX_PROPOSALS` in all, each listed with how often it stands in high- and low-scoring
answers:
- spellings: a word no rubric term matches that is a misspelling of a rubric word ("ribozome" of
  `ribosome`), used more by answers that scored well; it is proposed for that word's group;
- words that separate: a word no rubric term matches, in many more high-scoring answers than low ones,
  proposed in a new group `proposed_terms` for the teacher to use in a part's evidence, or delete.
They are written as a unified diff of the rubric file: nothing changes until the teacher applies it.
"""
from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .language import english
from .rubric import Rubric
from .text import tokenize

MAX_PROPOSALS = 30
#: A misspelling is this similar (0-100) to a rubric word, and has at least this many letters.
SPELLING_SCORE = 85
SPELLING_MIN_LETTERS = 5
#: A word must stand in at least this many high-scoring answers, in this much more of their share than of the
#: low-scoring answers', and at least this many times as often, to be proposed.
MIN_ANSWERS = 5
MIN_SEPARATION = 0.03
MIN_RATIO = 2.0
PROPOSED_GROUP = "proposed_terms"


@dataclass(frozen=True)
class Proposal:
    """One term to add: the word, the group it would join, and its counts in high and low answers."""

    word: str
    group: str
    high: int
    low: int
    spelling_of: str | None


def propose(rubric: Rubric, texts: list[str], scores: list[int]) -> list[Proposal]:
    """The terms that would help, best separating first."""
    from rapidfuzz import fuzz, process

    from .lemmas import is_known

    compiled = rubric.compiled
    terms = compiled.terms
    small = english().function_words
    given = compiled.given_words
    middle = (rubric.mark.min + rubric.mark.max + 1) // 2
    high_n = sum(1 for s in scores if s >= middle) or 1
    low_n = sum(1 for s in scores if s < middle) or 1
    high: Counter[str] = Counter()
    low: Counter[str] = Counter()
    for text, score in zip(texts, scores):
        tokens = tokenize(text)
        covered = {k for o in terms.find(tokens) for k in range(max(o.first, 0), o.last)}
        words = {t.norm for k, t in enumerate(tokens)
                 if k not in covered and t.norm.isalpha() and t.norm not in small and t.norm not in given}
        (high if score >= middle else low).update(words)
    rubric_words = {w.casefold(): group for group, phrases in rubric.terms.items() for phrase in phrases
                    for w in re.findall(r"[^\W\d_]+", phrase) if len(w) >= SPELLING_MIN_LETTERS}
    out = []
    for word, count in high.items():
        separation = count / high_n - low[word] / low_n
        # how many times more often it stands in high answers than in low ones (counts smoothed by one)
        ratio = ((count + 1) / (high_n + 2)) / ((low[word] + 1) / (low_n + 2))
        if count < MIN_ANSWERS or separation < MIN_SEPARATION or ratio < MIN_RATIO:
            continue
        spelling_of = None
        if len(word) >= SPELLING_MIN_LETTERS and not is_known(word):
            best = process.extractOne(word, list(rubric_words), scorer=fuzz.ratio)
            if best is not None and best[1] >= SPELLING_SCORE:
                spelling_of = best[0]
        group = rubric_words[spelling_of] if spelling_of else PROPOSED_GROUP
        out.append((ratio, Proposal(word, group, count, low[word], spelling_of)))
    out.sort(key=lambda pair: (-pair[0], pair[1].word))
    return [p for _, p in out[:MAX_PROPOSALS]]


def rubric_diff(path: Path, proposals: list[Proposal]) -> str:
    """A unified diff of the rubric file adding each proposal to its group (a group written over several lines
    of flow style is listed but left out of the diff)."""
    old = path.read_text(encoding="utf-8").splitlines(keepends=True)
    new = list(old)
    by_group: dict[str, list[str]] = {}
    for p in proposals:
        by_group.setdefault(p.group, []).append(p.word)
    terms_at = next((i for i, line in enumerate(new) if line.rstrip() == "terms:"), None)
    if terms_at is None:
        return ""
    for group, words in by_group.items():
        quoted = ", ".join(f'"{w}"' for w in words)
        if group == PROPOSED_GROUP:
            new[terms_at + 1 : terms_at + 1] = ["  # found by grader calibrate: use in a part's evidence, or delete\n",
                                                f"  {PROPOSED_GROUP}: [{quoted}]\n"]
            continue
        at = next((i for i in range(terms_at + 1, len(new)) if re.match(rf"  {re.escape(group)}:", new[i])), None)
        if at is None:
            continue
        line = new[at].rstrip("\n")
        if line.rstrip().endswith("]"):
            head = line.rstrip()[:-1].rstrip()
            new[at] = f"{head}{'' if head.endswith('[') else ', '}{quoted}]\n"
        elif line.rstrip().endswith(":"):
            end = at + 1
            while end < len(new) and new[end].startswith("    -"):
                end += 1
            new[end:end] = [f'    - "{w}"\n' for w in words]
    return "".join(difflib.unified_diff(old, new, fromfile=str(path), tofile=str(path)))
