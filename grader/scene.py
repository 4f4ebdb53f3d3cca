"""The scene a sentence opens with: a time or place phrase in front of the main clause governs all of it.

"In 1949 Mao went to Moscow and signed the treaty" dates the signing too, and "At the Yalta Conference in
February 1945, Truman and Churchill agreed" puts Truman at Yalta, though "and" or the comma would otherwise
keep the date or the names apart from the event. The scene's reach ends where the main clause does: at a
clause break, at a word that moves the time on ("then", "later", "after"), at another date or at an
infinitive of purpose ("to sign").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .language import english
from .text import Sentence
from .years import is_year

#: Punctuation that ends a clause (the same marks the fact check reads as clause breaks).
CLAUSE_BREAK = re.compile(r"[,;:()\[\]–—]|\s-\s")
#: The comma of a date written month first ("October 1, 1949"), which breaks no clause.
DATE_COMMA = re.compile(r"(?<=\d),(?=\s*(?:\d{4}\b|$))")


@dataclass(frozen=True, slots=True)
class Scene:
    """The opening phrase (tokens before `end`) and the main clause it governs (tokens `end` to `reach`)."""

    end: int
    reach: int

    def governs(self, position: int, event_first: int) -> bool:
        """Whether a word at `position` and an event starting at `event_first` stand one in the scene and the
        other in the clause it governs."""
        inside, governed = (position, event_first) if position < self.end else (event_first, position)
        return inside < self.end <= governed < self.reach


def _date_word(word: str) -> bool:
    """A word of a written date: a month, a day or a year."""
    return word in english().months or word.isdigit() and (len(word) <= 2 or is_year(word))


def breaks(text: str) -> bool:
    """Whether the text between two words ends a clause (a date's own comma does not)."""
    return bool(CLAUSE_BREAK.search(DATE_COMMA.sub(" ", text)))


def clause_breaks(text: str) -> int:
    """How many clause breaks stand in the text between two words (a date's own comma is none)."""
    return len(CLAUSE_BREAK.findall(DATE_COMMA.sub(" ", text)))


def _infinitive(sentence: Sentence, k: int, text: str) -> bool:
    """Whether token k opens an infinitive of purpose, "to" before a small-letter word in its base form: what
    follows ("went to Moscow to sign a treaty") happened later, if at all. "to Moscow", "to the" are not."""
    tokens = sentence.tokens
    if tokens[k].norm != "to" or k + 1 >= len(tokens):
        return False
    after = tokens[k + 1]
    return (not text[after.start].isupper() and after.norm == after.lemma
            and after.norm not in english().function_words)


def _past_perfect(sentence: Sentence, k: int, text: str) -> bool:
    """Whether token k is "had" before a small-letter verb form other than its base ("had agreed", "had been"):
    what follows happened before the time the sentence is set in ("In August 1945, as he had agreed at Yalta")."""
    tokens = sentence.tokens
    if tokens[k].norm != "had" or k + 1 >= len(tokens):
        return False
    after = tokens[k + 1]
    return not text[after.start].isupper() and (after.norm != after.lemma or after.norm == "been")


def _named_opening(sentence: Sentence, text: str, words: int, first: int = 0) -> int | None:
    """The end of an opening phrase made of names, dates and small words and closed by a comma ("At the Yalta
    Conference in February 1945,"): a phrase with other words may hold a clause of its own."""
    lang = english()
    tokens = sentence.tokens
    for k in range(first + 1, min(len(tokens) - 1, first + words + 1)):
        word = tokens[k]
        if not (text[word.start].isupper() or word.norm in lang.function_words or _date_word(word.norm)):
            return None
        gap = text[word.end : tokens[k + 1].start]
        if breaks(gap):
            return k + 1 if "," in gap and not breaks(gap.replace(",", " ", 1)) else None
    return None


def scene(sentence: Sentence, text: str, words: int) -> Scene | None:
    """The sentence's opening scene, or None: it starts (after a word of sequence, if any) with a preposition of
    time or place ("In", "At", "On", "During") followed by a date ("In December 1949 Mao ...") or by names closed
    by a comma within `words` words."""
    lang = english()
    tokens = sentence.tokens
    # a word of sequence may stand first ("Then in 1949 Mao went to Moscow and they signed the treaty")
    first = 1 if len(tokens) > 1 and tokens[0].norm in lang.sequence_words else 0
    if not tokens or tokens[first].norm not in lang.scene_prepositions:
        return None
    k = first + 1
    while k < len(tokens) and _date_word(tokens[k].norm):
        k += 1
    # "In December 1949 Mao went ...", "In 1949, Mao went ..."; else "At the Yalta Conference in 1945, ..."
    end = k if any(is_year(t.norm) for t in tokens[first + 1 : k]) else _named_opening(sentence, text, words, first)
    if end is None or end >= len(tokens):
        return None
    reach = end
    moving_on = lang.relative_time | lang.sequence_words
    while reach < len(tokens):
        word = tokens[reach].norm
        if (word in moving_on or is_year(word) or word in lang.months or _infinitive(sentence, reach, text)
                or _past_perfect(sentence, reach, text)):
            break
        if reach > end and breaks(text[tokens[reach - 1].end : tokens[reach].start]):
            break
        reach += 1
    return Scene(end, reach) if reach > end else None
