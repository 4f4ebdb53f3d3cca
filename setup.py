"""The build: grader's grading pipeline compiled to C with mypyc where a C compiler is at hand, a plain Python
install everywhere else. Both give the same results; the compiled one spends about a third less CPU on an
essay, since a batch is bound by Python's per-call and per-attribute costs spread over a few hundred small
functions rather than by any one of them. Metadata is in pyproject.toml; `GRADER_PURE_PYTHON=1` skips the
compiler (see docs/decisions.md).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

#: The modules every essay runs through. Left as Python: what runs once a command (the command line, rubric
#: loading and validation, reports, batch orchestration) and the models pydantic builds.
COMPILED = [
    "grader/amounts.py",
    "grader/direction.py",
    "grader/discourse.py",
    "grader/durations.py",
    "grader/facts.py",
    "grader/feedback.py",
    "grader/flags.py",
    "grader/grading.py",
    "grader/language_id.py",
    "grader/matching.py",
    "grader/names.py",
    "grader/normalise.py",
    "grader/offices.py",
    "grader/overlap.py",
    "grader/pronouns.py",
    "grader/reference.py",
    "grader/scene.py",
    "grader/scoring.py",
    "grader/sequence.py",
    "grader/sources.py",
    "grader/terms.py",
    "grader/text.py",
    "grader/years.py",
    *sorted(str(p.as_posix()) for p in Path("grader/rules").glob("*.py") if p.name != "__init__.py"),
]
#: The type check the compiler runs on its own: third-party libraries are read as untyped, so the compiled code
#: is the same whichever versions are installed and takes what they return as it comes.
CHECK_OPTIONS = ["--config-file=", "--no-site-packages", "--ignore-missing-imports", "--python-version=3.10"]


def _say(message: str) -> None:
    print(f"grader build: {message}", file=sys.stderr)


def compiled_extensions() -> list:
    """The mypyc extensions, or none (pure Python) when asked to, or when mypyc is missing or refuses."""
    if os.environ.get("GRADER_PURE_PYTHON"):
        _say("GRADER_PURE_PYTHON is set: installing pure Python")
        return []
    try:
        from mypyc.build import mypycify
    except ImportError:
        _say("mypyc is not installed: installing pure Python")
        return []
    try:
        return mypycify([*CHECK_OPTIONS, "grader"], only_compile_paths=COMPILED, opt_level="3")
    except (Exception, SystemExit) as err:  # noqa: BLE001 - a failed compile falls back to the same code in Python
        _say(f"mypyc could not compile the modules ({err!r}): installing pure Python")
        return []


class OptionalBuildExt(build_ext):
    """Builds the compiled modules, or, when the C compiler fails, none of them: a module compiled without the
    shared library it calls into would not import, so whatever was built is removed and Python is used."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as err:  # noqa: BLE001 - compiler errors come as several unrelated types
            for ext in self.extensions:
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)
            self.extensions = []
            _say(f"the C compiler failed ({err}): installing pure Python")


setup(ext_modules=compiled_extensions(), cmdclass={"build_ext": OptionalBuildExt})
