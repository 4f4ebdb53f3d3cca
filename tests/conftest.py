"""Shared fixtures: the test data folder, the bundled rubric, and validation against the result schema."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest

# The tests keep their caches in a folder of their own, never the user's.
os.environ["GRADER_CACHE_DIR"] = tempfile.mkdtemp(prefix="grader-test-cache-")

import grader  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SAMPLES = ROOT / "samples"


@pytest.fixture(scope="session")
def rubric():
    """The bundled Sino-Soviet rubric, loaded once."""
    return grader.load_rubric("sino-soviet-alliance")


@pytest.fixture(scope="session")
def result_schema():
    return json.loads((ROOT / "docs" / "result.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validate(result_schema):
    """Validate a GradeResult's JSON against docs/result.schema.json."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(result_schema)

    def check(result) -> dict:
        data = json.loads(result.to_json())
        validator.validate(data)
        return data

    return check


def essay_files() -> list[Path]:
    """Every sample essay, sorted."""
    return sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".docx"))


@pytest.fixture(scope="session")
def rubric_words_not_a_source(rubric):
    """The bundled rubric for fixtures written from its own example sentences: they test other behaviours, and
    an essay made of those sentences is otherwise a copy of the marking scheme."""
    return rubric.model_copy(update={"rules": {**rubric.rules, "source_overlap": {"rubric_words": 0}}})
