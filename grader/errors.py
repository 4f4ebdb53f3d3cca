"""The project's errors: each carries the file it concerns and a reason a teacher can act on.

Stages raise these; only the command line turns them into one line on stderr and an exit status.
"""
from __future__ import annotations

import enum


class ExitStatus(enum.IntEnum):
    """Exit statuses of the command line (DESIGN section 6)."""

    OK = 0
    INPUT_FAILED = 1
    USAGE = 2
    INTERRUPTED = 130


class GraderError(Exception):
    """Something grader cannot do with a given file; `str()` is the one-line message."""

    def __init__(self, file: str, reason: str, line: int | None = None, field: str | None = None):
        self.file = file
        self.reason = reason
        self.line = line
        self.field = field
        super().__init__(self.message)

    @property
    def message(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        what = f"{self.field}: {self.reason}" if self.field else self.reason
        return f"{where}: {what}"

    def __reduce__(self):  # keep the fields when a batch worker sends the error back
        return (type(self), (self.file, self.reason, self.line, self.field))


class DocumentError(GraderError):
    """An essay file that cannot be read: missing, empty, binary, broken or of an unsupported kind."""


class RubricError(GraderError):
    """A rubric file that is not valid: YAML, unknown or mistyped field, failed cross-check."""
