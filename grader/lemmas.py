"""Dictionary forms of English words, fast to start: simplemma's English dictionary, kept in a cache file.

simplemma ships its dictionary lzma-compressed in its own encoding; decoding it takes about 0.2 s in every
process, the largest part of grading one essay from the command line. The decoded table is written once to
grader's cache folder (`grader.cache`), named by simplemma's version, as a `word_table` file: a table of byte
strings looked up in place (reading it runs no code, and opening it loads nothing). The lemmas are simplemma's
own, with its own strategies: only where the table comes from changes. A cache file that another user could
have written is never read, and with `GRADER_NO_CACHE` set, or where simplemma lacks the interface used here,
grader uses simplemma as it comes.
"""
from __future__ import annotations

import functools
from typing import Any, Mapping

from .cache import cache_dir, trusted, write_private
from .word_table import BadTable, open_table, table_bytes


def _english_table() -> Mapping[bytes, bytes]:
    """simplemma's English table, from the cache when there is a trusted one, else decoded and cached."""
    import simplemma
    from simplemma.strategies.dictionaries import dictionary_factory as shipped

    folder = cache_dir()
    path = folder / f"simplemma-{simplemma.__version__}-en.table" if folder else None
    if path is not None and trusted(path):
        try:
            return open_table(path)
        except (OSError, BadTable):
            pass
    table = shipped._load_dictionary_from_disk("en")
    if path is not None:
        write_private(path, table_bytes(table))
    return table


@functools.lru_cache(maxsize=1)
def _lemmatizer() -> tuple[Any, Any] | None:
    """simplemma's lemmatizer and dictionary lookup over the cached English table, or None to use simplemma as it
    comes (a version without this interface)."""
    try:
        from simplemma import Lemmatizer
        from simplemma.strategies import DefaultStrategy, DictionaryFactory, DictionaryLookupStrategy
        from simplemma.strategies.dictionaries import dictionary_factory as shipped
    except ImportError:
        return None
    if cache_dir() is None:
        return None

    class CachedEnglish(DictionaryFactory):
        """The English table from the cache; any other language as simplemma ships it."""

        @functools.lru_cache(maxsize=None)  # noqa: B019 - one instance for the process
        def get_dictionary(self, lang: str):
            if lang == "en":
                # the wrapper needs only `get`, iteration and length of the table it is given
                return shipped.MappingStrToByteString(_english_table())  # type: ignore[arg-type]
            return shipped.DEFAULT_DICTIONARY_FACTORY.get_dictionary(lang)

    factory = CachedEnglish()
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)), DictionaryLookupStrategy(factory)


def lemmatize(word: str) -> str:
    """The dictionary form of an English word, as `simplemma.lemmatize(word, lang="en")` gives it."""
    tools = _lemmatizer()
    if tools is None:
        import simplemma

        return simplemma.lemmatize(word, lang="en")
    return tools[0].lemmatize(word, "en")


def is_known(word: str) -> bool:
    """Whether simplemma's English dictionary has the word, as `simplemma.is_known(word, lang="en")` says."""
    tools = _lemmatizer()
    if tools is None:
        import simplemma

        return bool(simplemma.is_known(word, lang="en"))
    from simplemma.utils import normalize_token

    return tools[1].get_lemma(normalize_token(word), "en") is not None
