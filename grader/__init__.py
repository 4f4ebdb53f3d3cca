"""grader: offline, explainable essay grading against a rubric of required elements.

The public API is `grade_file`, `grade_text` and `load_rubric`; the command line is a thin layer over it.
"""
from .errors import DocumentError, ExitStatus, GraderError, RubricError
from .grading import grade_document, grade_file, grade_text
from .results import GradeResult
from .rubric import Rubric, load_rubric

__all__ = ["grade_file", "grade_text", "grade_document", "load_rubric", "GradeResult", "Rubric",
           "GraderError", "DocumentError", "RubricError", "ExitStatus", "build"]
__version__ = "0.1.0"


def build() -> str:
    """How this copy was installed: "compiled" (its grading modules built to C by mypyc, see setup.py) or
    "pure Python"; both give the same results."""
    from . import text

    return "pure Python" if text.__file__ is None or text.__file__.endswith(".py") else "compiled"
