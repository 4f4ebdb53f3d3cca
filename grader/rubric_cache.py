"""Compiled rubrics kept in grader's cache folder, so a command starts without parsing, validating and indexing
its rubric again (about 80 ms of the 0.4 s one `grader grade` took).

An entry is the validated rubric with its compiled parts (term index, fact tables, source index), pickled. It
is used only when everything it was built from is unchanged: the rubric file's bytes, every file the rubric
names (its sources and calibration file, compared by their bytes), and grader's own code and data and the
libraries that shape the entry (compared by file size and time). One entry per rubric file, replaced whole
when any of these changes; never read when another user could have written it (`grader.cache`).
"""
from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import bulk_load, cache_dir, name_digest, read_trusted, write_private

if TYPE_CHECKING:
    from .rubric import Rubric

#: Bumped when the entry's layout changes.
FORMAT = 1
#: Libraries whose versions shape a compiled rubric: pydantic (the pickled models), simplemma (lemmas of the
#: terms), rapidfuzz, PyYAML.
SHAPING_LIBRARIES = ("pydantic", "pydantic_core", "simplemma", "rapidfuzz", "yaml")


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@functools.lru_cache(maxsize=1)
def code_stamp() -> str:
    """A fingerprint of the code and data a compiled rubric depends on: grader's package files and the shaping
    libraries' installed files, by name, size and modification time (a few hundred stat calls, under 1 ms)."""
    import importlib.util

    from . import __version__

    parts = [__version__, sys.version]
    roots = [Path(__file__).resolve().parent]
    for name in SHAPING_LIBRARIES:
        spec = importlib.util.find_spec(name)  # finds the package without importing it
        if spec is not None and spec.origin:
            roots.append(Path(spec.origin).parent)
    for root in roots:
        for folder, dirs, files in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                if not name.endswith((".pyc", ".pyo")):
                    info = os.stat(os.path.join(folder, name))
                    parts.append(f"{folder}/{name}:{info.st_size}:{info.st_mtime_ns}")
    return _digest("\n".join(parts).encode("utf-8"))


def _entry_path(folder: Path, rubric_path: Path) -> Path:
    return folder / f"rubric-{name_digest(str(rubric_path).encode('utf-8'))}.pickle"


def _named_files(rubric: Rubric, base: Path) -> list[Path]:
    """The files a rubric names, whose contents its compiled form depends on."""
    named = [base / source.file for source in rubric.sources]
    if rubric.calibration is not None:
        named.append(base / rubric.calibration)
    return named


def _file_digest(path: Path) -> str | None:
    try:
        return _digest(path.read_bytes())
    except OSError:
        return None


def cached_rubric(rubric_path: Path, data: bytes) -> Rubric | None:
    """The compiled rubric stored for this file, when the cache holds one still true to it; else None."""
    folder = cache_dir()
    if folder is None:
        return None
    raw = read_trusted(_entry_path(folder, rubric_path))
    if raw is None:
        return None
    try:
        header, payload = pickle.loads(raw)
        layout, stamp, written_for, rubric_digest, named = header
        if (layout, stamp, written_for, rubric_digest) != (FORMAT, code_stamp(), str(rubric_path), _digest(data)):
            return None
        if any(_file_digest(Path(name)) != digest for name, digest in named):
            return None
        with bulk_load():
            return pickle.loads(payload)
    except Exception:  # noqa: BLE001 - a damaged or foreign entry is only a slower start
        return None


def store_rubric(rubric_path: Path, data: bytes, rubric: Rubric) -> None:
    """Compile the rubric whole and keep it for the next start; a rubric whose parts cannot all be worked out
    (a source that cannot be read) is not kept, and reports its problem when grading needs that part."""
    folder = cache_dir()
    if folder is None:
        return
    from .errors import GraderError

    try:
        rubric.compiled.warm()
    except GraderError:
        return
    named = [(str(path), _file_digest(path)) for path in _named_files(rubric, rubric_path.parent)]
    header = (FORMAT, code_stamp(), str(rubric_path), _digest(data), named)
    payload = pickle.dumps(rubric, protocol=pickle.HIGHEST_PROTOCOL)
    write_private(_entry_path(folder, rubric_path), pickle.dumps((header, payload), protocol=pickle.HIGHEST_PROTOCOL))
