"""Normalising a written word before it is matched: what a reader sees, not the bytes a trick put there.

The essay's text is never rewritten (quotes and offsets point into what the student wrote); each word's
matching form is. Invisible characters inside a word (zero-width spaces and joiners, soft hyphens, the
byte-order mark) are dropped, a word broken across two lines by a hyphen is joined, compatibility forms
(ligatures, full-width and mathematical letters) become plain letters with accents stripped, and a word
that mixes Latin letters with Cyrillic or Greek look-alikes ("Stаlin" with a Cyrillic а) is folded to
Latin. A word written wholly in another script with letters of its own (a Russian word, "µm") is left as
it is; one made only of look-alikes ("Мао" in Cyrillic capitals) is folded too, as an English reader
would read it.
"""
from __future__ import annotations

import re
import unicodedata

#: Characters with no width that a word may hide inside it: they never separate words.
INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u2060\u2061\u2062\u2063\u2064\ufeff"
_INVISIBLE = re.compile(f"[{INVISIBLE}]")
#: A hyphen at the end of a line inside a word ("commu-" / "nists").
LINE_BREAK_HYPHEN = re.compile(r"-[ \t]*\r?\n[ \t]*")

#: Cyrillic and Greek letters drawn like a Latin letter, and that letter. The Greek mu is left out: "µm" is
#: a unit, not a trick.
LOOK_ALIKES = str.maketrans({
    # Cyrillic
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p", "с": "c", "т": "t",
    "у": "y", "х": "x", "і": "i", "ї": "i", "ј": "j", "ѕ": "s", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ѵ": "v", "һ": "h",
    "А": "A", "В": "B", "Е": "E", "Ё": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P", "С": "C", "Т": "T",
    "У": "Y", "Х": "X", "І": "I", "Ї": "I", "Ј": "J", "Ѕ": "S", "Ԁ": "D", "Ԛ": "Q", "Ԝ": "W", "Ѵ": "V", "Һ": "H",
    # Greek
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "ι": "i", "κ": "k", "τ": "t", "υ": "u", "χ": "x", "ε": "e",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N", "Ο": "O", "Ρ": "P",
    "Τ": "T", "Υ": "Y", "Χ": "X",
})
_LOOK_ALIKE_CHARS = frozenset(chr(c) for c in LOOK_ALIKES)


def plain_word(raw: str) -> str:
    """The word a reader sees: invisible characters and line-break hyphens gone, compatibility forms and
    accents plain, look-alike letters folded where the word is not wholly in another script."""
    if "\n" in raw:
        raw = LINE_BREAK_HYPHEN.sub("", raw)
    if raw.isascii():
        return raw
    word = _INVISIBLE.sub("", raw)
    word = unicodedata.normalize("NFKD", word)
    word = "".join(c for c in word if not unicodedata.combining(c))
    foreign = [c for c in word if c.isalpha() and not c.isascii()]
    if foreign and all(c in _LOOK_ALIKE_CHARS for c in foreign):
        word = word.translate(LOOK_ALIKES)
    return word
