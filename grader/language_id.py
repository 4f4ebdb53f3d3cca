"""Which language an essay is written in, offline: an essay in another language is not marked at all.

The identifier is py3langid, whose model ships inside its wheel (nothing is downloaded) and which is loaded
only for an essay that does not already read as English: one in which the English function words are as
common as in any English prose is English without asking the model, so most essays never load it.
"""
from __future__ import annotations

import functools
from typing import Any

from .language import english
from .text import Token

#: English names of the languages a class's essays are likeliest to be written in, by ISO 639-1 code.
NAMES = {
    "en": "English", "fr": "French", "es": "Spanish", "de": "German", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese",
    "ko": "Korean", "ar": "Arabic", "tr": "Turkish", "vi": "Vietnamese", "id": "Indonesian", "sv": "Swedish",
    "da": "Danish", "no": "Norwegian", "fi": "Finnish", "ro": "Romanian", "hu": "Hungarian", "cs": "Czech",
    "el": "Greek", "hi": "Hindi", "fa": "Persian", "he": "Hebrew", "ca": "Catalan", "la": "Latin",
}


def name_of(code: str) -> str:
    """A language's English name, or its code when it is not a common one."""
    return NAMES.get(code, code)


def english_share(tokens: list[Token]) -> float:
    """The share of words that are English function words: about a third or more in any English prose."""
    if not tokens:
        return 0.0
    words = english().function_words
    return sum(t.norm in words for t in tokens) / len(tokens)


def identify(text: str) -> tuple[str, float]:
    """The language of `text` (ISO 639-1 code) and the identifier's confidence, 0 to 1."""
    code, confidence = _identifier().classify(text)
    return str(code), float(confidence)


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    """The identifier with its bundled model, loaded once, on first need."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier  # type: ignore[import-untyped]

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
