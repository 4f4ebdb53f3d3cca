"""Files on disk, shared by the commands: which files in a folder are essays, and writing outputs whole.

`batch` and `evaluate` find essays the same way, so both agree on what counts. Every output goes to a
temporary name beside its target and is renamed when complete: a reader, or an interrupted run, never
sees half a file.
"""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .documents import READABLE, UNSUPPORTED
from .errors import DocumentError


def find_essays(folder: str | Path, recursive: bool = False) -> tuple[list[tuple[Path, str]], list[str]]:
    """(essay path, relative name) sorted by relative path, and the relative names of skipped files.

    Word lock files (~$...), hidden files and folders, and other extensions are skipped; .doc, .pdf, .rtf
    and .odt are kept so that they get an error row. Links to folders are not followed (no loops).
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise DocumentError(str(folder), "not a folder")
    found: list[tuple[Path, str]] = []
    skipped: list[str] = []
    for root, dirs, files in os.walk(folder, followlinks=False):
        rel_root = Path(root).relative_to(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".")) if recursive else []
        for name in sorted(files):
            rel = (rel_root / name).as_posix()
            path = Path(root) / name
            suffix = Path(name).suffix.lower()
            if name.startswith(("~$", ".")) or suffix not in READABLE | UNSUPPORTED or not path.is_file():
                skipped.append(rel)
            else:
                found.append((path, rel))
        if not recursive:
            break
    found.sort(key=lambda item: item[1])
    return found, sorted(skipped)


def _cannot_write(path: Path, error: OSError) -> DocumentError:
    return DocumentError(str(path), f"cannot write the output ({error.strerror or error})")


def _remove(tmp: str | None) -> None:
    if tmp is not None and os.path.exists(tmp):
        os.unlink(tmp)


def _temporary(path: Path) -> tuple[int, str]:
    """A temporary file beside `path`, readable as any new file of the user's is (mkstemp makes it private)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, NEW_FILE_MODE & ~_umask())
    except (AttributeError, OSError):  # no fchmod on Windows, where the mode means little
        pass
    return fd, name


#: What a new file's mode is before the user's umask takes permissions away (as `open` creates files).
NEW_FILE_MODE = 0o666


def _umask() -> int:
    """The process umask (read by setting it and putting it back: there is no other portable way)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write `data` to `path` whole (temporary file, then rename), creating its folder; DocumentError if it cannot."""
    write_atomic_parts(path, (data,))


def write_atomic_parts(path: str | Path, parts: Iterable[bytes]) -> None:
    """`write_atomic` for a file made as it is written (a long page rendered piece by piece): the whole never
    needs to be in memory, and the file appears only once every part is written."""
    path = Path(path)
    tmp = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = _temporary(path)
        with os.fdopen(fd, "wb") as fh:
            for part in parts:
                fh.write(part)
        os.replace(tmp, path)
    except OSError as error:
        _remove(tmp)
        raise _cannot_write(path, error) from None
    except BaseException:
        _remove(tmp)
        raise


class AtomicText:
    """A text file written line by line to a temporary name and renamed into place on `commit`."""

    def __init__(self, path: Path, bom: bool = False):
        self.path = path
        try:
            fd, self.tmp = _temporary(path)
        except OSError as error:
            raise _cannot_write(path, error) from None
        self.handle = os.fdopen(fd, "w", encoding="utf-8-sig" if bom else "utf-8", newline="")

    def commit(self) -> None:
        """Close the file and rename it into place."""
        try:
            self.handle.close()
            os.replace(self.tmp, self.path)
        except OSError as error:
            _remove(self.tmp)
            raise _cannot_write(self.path, error) from None

    def discard(self) -> None:
        """Close the file and delete it: nothing is left behind."""
        self.handle.close()
        _remove(self.tmp)
