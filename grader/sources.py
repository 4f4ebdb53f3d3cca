"""Sources: texts students may have read or been given, indexed so that copied passages can be found.

The rubric's own `sources` (files beside the rubric), a teacher's folder of handouts and textbook
extracts (`--sources DIR`, `with_sources`), and the rubric's own words (its parts' examples and feedback:
an essay assembled from them is a copy too). Each is indexed as runs of a few consecutive words, as the
tokenizer normalises them, so that a copy with a word changed here and there, or with look-alike letters,
still shares most of its runs. Built once per rubric and kept by its compiled form.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .cache import by_fields
from .errors import DocumentError, RubricError
from .rubric import Rubric, Source
from .text import tokenize

#: The files a teacher's source folder may hold.
SOURCE_SUFFIXES = (".txt", ".docx")
#: How the rubric's own words are named to the student.
RUBRIC_TEXT_TITLE = "the marking scheme's own examples and feedback"


@dataclass(frozen=True)
class SourceIndex:
    """Every run of `run` consecutive words of some texts, and which text (by number) it first came from."""

    grams: dict[tuple[str, ...], int]
    run: int
    titles: tuple[str, ...]
    #: the (first, last) words of each run: most of an essay's positions fail this cheap test before a run is cut
    ends: frozenset[tuple[str, str]] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "ends", frozenset((gram[0], gram[-1]) for gram in self.grams))

    def __reduce__(self) -> tuple[Any, ...]:
        return by_fields(self)

    def covered(self, words: tuple[str, ...]) -> dict[int, int]:
        """Positions of `words` that lie in a run shared with a text, and that text's number."""
        out: dict[int, int] = {}
        grams, run = self.grams, self.run
        # where a run can start and end: most positions fail, so the test runs as one C-level scan
        possible = itertools.compress(itertools.count(), map(self.ends.__contains__, zip(words, words[run - 1 :])))
        for i in possible:
            source = grams.get(words[i : i + run])
            if source is not None:
                for k in range(i, i + run):
                    out.setdefault(k, source)
        return out


def _index(texts: Iterable[tuple[str, str]], run: int, excluded: frozenset[tuple[str, ...]] = frozenset()) -> SourceIndex:
    """Index (title, text) pairs in runs of `run` words, leaving out the `excluded` runs."""
    grams: dict[tuple[str, ...], int] = {}
    titles: list[str] = []
    for number, (title, text) in enumerate(texts):
        titles.append(title)
        words = tuple(t.norm for t in tokenize(text))
        for i in range(len(words) - run + 1):
            gram = words[i : i + run]
            if gram not in excluded:
                grams.setdefault(gram, number)
    return SourceIndex(grams, run, tuple(titles))


def source_index(rubric: Rubric, run: int) -> SourceIndex | None:
    """The index of the rubric's sources (and any a teacher added) in runs of `run` words; None without any."""
    if not rubric.sources:
        return None
    from .documents import read_document

    base = rubric.path.parent if rubric.path else Path.cwd()
    texts = []
    for source in rubric.sources:
        path = base / source.file
        try:
            texts.append((source.title, read_document(path, str(path)).text))
        except DocumentError as exc:
            raise RubricError(str(rubric.path or rubric.id), f"source '{source.id}' cannot be read: {exc.reason}",
                              field="sources") from None
    return _index(texts, run)


def rubric_text_index(rubric: Rubric, run: int) -> SourceIndex:
    """The rubric's own words a student could paste in (its parts' examples and feedback) in runs of `run`
    words, without the runs of the question, which the prompt_echo rule judges."""
    prompt = tuple(t.norm for t in tokenize(rubric.prompt))
    excluded = frozenset(prompt[i : i + run] for i in range(len(prompt) - run + 1))
    texts = []
    for element in rubric.elements:
        for example in (*element.examples.count, *element.examples.do_not_count):
            texts.append(example.replace("[[", "").replace("]]", ""))
        texts += element.feedback.texts()
    return _index([(RUBRIC_TEXT_TITLE, "\n".join(texts))], run, excluded)


def with_sources(rubric: Rubric, folder: str | Path) -> Rubric:
    """The rubric with every .txt and .docx file in `folder` added to its sources (named by file name). A
    folder that cannot be read, or a file in it that is not a readable essay format, is a `RubricError`."""
    from .documents import read_document

    folder = Path(folder)
    try:
        files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith((".", "~$")))
    except OSError as exc:
        raise RubricError(str(folder), f"the sources folder cannot be read ({exc.strerror or exc})") from None
    if not files:
        raise RubricError(str(folder), "the sources folder holds no .txt or .docx file")
    added = list(rubric.sources)
    taken = {s.id for s in added}
    for path in files:
        if path.suffix.lower() not in SOURCE_SUFFIXES:
            raise RubricError(str(path), f"a source must be .txt or .docx, not '{path.suffix or '(none)'}'")
        try:
            read_document(path, str(path))
        except DocumentError as exc:
            raise RubricError(str(path), f"the source cannot be read: {exc.reason}") from None
        source_id = _free_id(path.stem, taken)
        added.append(Source(id=source_id, title=f'"{path.name}"', file=str(path.resolve())))
    return rubric.model_copy(update={"sources": added})


def _free_id(stem: str, taken: set[str]) -> str:
    """A source id from a file name, unique among `taken` (which it joins)."""
    base = "".join(c if c.isalnum() else "_" for c in stem.lower()).strip("_") or "source"
    if not base[0].isalpha():
        base = "s_" + base
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}_{n}", n + 1
    taken.add(candidate)
    return candidate
