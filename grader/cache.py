"""Where grader keeps what it works out once and reads back fast (the English dictionary, compiled rubrics,
compiled report templates), and the two promises every cache file keeps: it is written whole, and it is read
only when this user alone could have written it (a cache file is loaded as code, so one planted by another user
must never be).

The folder is `GRADER_CACHE_DIR`, else `$XDG_CACHE_HOME/grader`, else `~/.cache/grader`; `GRADER_NO_CACHE`
(or the command line's `--no-cache`) switches caching off. Caches hold rubric and language data and grader's
own templates only, never an essay or a result.
"""
from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import stat
from pathlib import Path
from typing import Any, Iterator

#: Permission bits that let other users write a file or folder: a cache with them is not trusted.
OTHERS_WRITE = stat.S_IWGRP | stat.S_IWOTH
#: The cache folder's permissions when grader creates it: this user's alone.
PRIVATE_FOLDER = 0o700
#: Hex digits of a digest in a cache file's name.
NAME_DIGITS = 32


def cache_dir() -> Path | None:
    """Where grader keeps its caches, or None when caching is switched off."""
    if os.environ.get("GRADER_NO_CACHE"):
        return None
    chosen = os.environ.get("GRADER_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "grader"


def name_digest(data: bytes) -> str:
    """The part of a cache file's name that stands for what it was made from."""
    import hashlib

    return hashlib.sha256(data).hexdigest()[:NAME_DIGITS]


def trusted(path: Path) -> bool:
    """A file, and the folder it is in, owned by this user and writable by nobody else."""
    try:
        for item in (path, path.parent):
            info = item.stat()
            if (hasattr(os, "getuid") and info.st_uid != os.getuid()) or info.st_mode & OTHERS_WRITE:
                return False
    except OSError:
        return False
    return True


def read_trusted(path: Path) -> bytes | None:
    """A cache file's bytes when it exists and is trusted, else None."""
    if not trusted(path):
        return None
    try:
        return path.read_bytes()
    except OSError:
        return None


def write_private(path: Path, data: bytes) -> None:
    """Write a cache file whole, private to this user: concurrent processes each write a whole file and the
    last rename wins. A cache that cannot be written is only a slower start, never an error."""
    import tempfile

    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, path)
        except OSError:
            os.unlink(tmp)
            raise
    except OSError:
        pass


def by_fields(record: Any) -> tuple[Any, ...]:
    """A dataclass's `__reduce__`: pickled as its constructor's arguments. A compiled rubric holds thousands of
    records; restoring each through the dataclass's generic state setter took half the time of reading the rubric
    back from the cache, and a frozen class compiled to C has no state setter at all."""
    return type(record), tuple([getattr(record, f.name) for f in dataclasses.fields(record) if f.init])


@contextlib.contextmanager
def bulk_load() -> Iterator[None]:
    """Read back a large cached structure without the cycle collector: building a few hundred thousand objects
    would otherwise set off collections that scan them all again (about 30 ms of a one-essay run). What is read
    is kept for the life of the process, so it is then frozen out of later collections (which also keeps the
    pages of forked batch workers shared)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()
