"""The student's name, from a name line at the top of the essay ("Brendan Walsh 12C", "Name: Amara",
"Talia Brennan – Year 13 History"), for reports to address the student by; the file name otherwise.

Only the front matter is read (the lines grader already sets apart as not the essay), and a line counts
as a name only when it looks like one: after a `Name:` label, or one to four capitalised words before
any class, year or date, none of them a small word ("The", "of") or a term of the question, so a title
such as "Sino-Soviet Alliance" is never taken for a student.
"""
from __future__ import annotations

import re

from .language import english
from .text import Sentences

#: Most words a name may have ("Wendell Ashby-Grant", "Maria de la Cruz" is four).
MAX_NAME_WORDS = 4
_LABEL = re.compile(r"^\s*(?:student(?:'s)?\s+)?name\s*[:\-–]\s*(.+)$", re.I)
_SEPARATOR = re.compile(r"\s+[-–—|/]\s+|\t|\s{2,}|,|\s+(?=\d)|\s+(?=(?:year|class|form|grade|period|history)\b)",
                        re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-z]*\.|[A-Z][a-z'’]+(?:-[A-Z][a-z'’]+)*|(?:de|da|van|von|der|la|le|bin|al)(?=$))$")


def name_line(sentences: Sentences, terms: frozenset[str]) -> str | None:
    """The student's name from the essay's front matter, or None when it gives none (`terms`: the
    question's and the rubric's words, which a name never is)."""
    text = sentences.document.text
    for s in sentences.items:
        if s.role not in ("header", "question"):
            break
        for line in text[s.start : s.end].splitlines():
            found = _name_in(line, terms)
            if found:
                return found
    return None


def _name_in(line: str, terms: frozenset[str]) -> str | None:
    labelled = _LABEL.match(line)
    candidate = _SEPARATOR.split(labelled.group(1) if labelled else line.strip(), maxsplit=1)[0].strip()
    words = candidate.split()
    if not 1 <= len(words) <= MAX_NAME_WORDS:
        return None
    words_of = english()
    not_names = words_of.function_words | words_of.schoolwork_words
    if not all(_NAME_WORD.match(w) for w in words) or not _NAME_WORD.match(words[0]) or words[0].islower():
        return None
    if not labelled and any(w.casefold() in not_names or w.casefold().rstrip(".") in terms for w in words):
        return None
    return candidate
