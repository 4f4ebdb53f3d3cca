"""The compiled build grades exactly as the Python source: every sample, test-set and test-data essay, with
both bundled rubrics, explained, read fresh and from a cached rubric, and a whole batch. The tests run the
source tree; the grader installed beside it (by `pip install .`) is the compiled one when a C compiler was at
hand, and is run here from outside the tree."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader import build, load_rubric
from grader.documents import read_document
from grader.grading import grade_document

from .conftest import ROOT

RUBRICS = ("sino-soviet-alliance", "photosynthesis")
FOLDERS = ("samples", "testset", "tests/data")

#: Run by the installed grader: whether each rubric reads back from the cache, then each essay's result,
#: explained, as one JSON line per rubric.
SCRIPT = """
import json, sys
from pathlib import Path
import grader
from grader.documents import read_document
from grader.grading import grade_document
from grader.rubric_cache import cached_rubric
rubrics = [grader.load_rubric(name) for name in sys.argv[1].split(",")]
# each rubric is now in the cache, and must read back from it
print(json.dumps([cached_rubric(Path(r.path).resolve(), Path(r.path).read_bytes()) is not None for r in rubrics]))
for line in sys.stdin:
    path = Path(line.strip())
    document = read_document(path)
    for rubric in rubrics:
        result = grade_document(document, rubric, explain=True)
        print(json.dumps(result.model_dump(mode="json"), sort_keys=True))
"""


def _essays() -> list[Path]:
    """Every essay the tree holds that reads as a document (the refused ones have tests of their own)."""
    found = []
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix in (".txt", ".docx"):
                try:
                    read_document(path)
                except Exception:  # noqa: BLE001 - a hostile file is refused alike by both builds
                    continue
                found.append(path)
    return found


def _environment(cache: Path) -> dict[str, str]:
    """This environment with a cache folder of its own and nothing added to Python's path: started outside the
    tree, this Python imports the installed grader."""
    return {**{key: value for key, value in os.environ.items() if key != "PYTHONPATH"}, "GRADER_CACHE_DIR": str(cache)}


@pytest.fixture(scope="module")
def compiled_build(tmp_path_factory) -> None:
    """Skips unless the grader installed for this Python is compiled (and is not this tree)."""
    work = tmp_path_factory.mktemp("outside")
    done = subprocess.run([sys.executable, "-c", "import grader; print(grader.build()); print(grader.__file__)"],
                          capture_output=True, text=True, cwd=work, env=_environment(work / "cache"))
    if done.returncode != 0:
        pytest.skip(f"grader is not installed for {sys.executable}")
    kind, where = done.stdout.splitlines()
    if kind != "compiled":
        pytest.skip("the installed grader is pure Python (no C compiler at install, or GRADER_PURE_PYTHON): "
                    "nothing compiled to compare")
    assert not Path(where).resolve().is_relative_to(ROOT)


def test_the_source_tree_is_the_python_build():
    assert build() == "pure Python"


def test_the_compiled_build_grades_every_essay_as_the_source_does(compiled_build, tmp_path):
    essays = _essays()
    rubrics = [load_rubric(name) for name in RUBRICS]
    expected = [json.dumps(grade_document(read_document(path), rubric, explain=True).model_dump(mode="json"),
                           sort_keys=True) for path in essays for rubric in rubrics]
    env = _environment(tmp_path / "cache")
    listing = "".join(f"{path}\n" for path in essays)
    for reading in ("fresh", "cached"):  # the second run reads the rubrics back from the cache the first wrote
        done = subprocess.run([sys.executable, "-c", SCRIPT, ",".join(RUBRICS)], input=listing, capture_output=True,
                              text=True, cwd=tmp_path, env=env)
        assert done.returncode == 0, done.stderr[-2000:]
        cached, *got = done.stdout.splitlines()
        assert json.loads(cached) == [True] * len(RUBRICS), reading
        assert len(got) == len(expected) > 500, reading
        differ = [i for i, (a, b) in enumerate(zip(got, expected)) if a != b]
        assert not differ, f"{reading}: {essays[differ[0] // len(RUBRICS)].name} differs"
    assert any((tmp_path / "cache").glob("rubric-*.pickle"))


def test_a_compiled_batch_matches_the_source_batch(compiled_build, tmp_path):
    outputs = {}
    for name, cwd in (("source", ROOT), ("compiled", tmp_path)):  # `-m grader` in the tree runs the tree's code
        out = tmp_path / name
        done = subprocess.run([sys.executable, "-m", "grader", "batch", str(ROOT / "samples"), "-o", str(out),
                               "--workers", "2", "--quiet"], capture_output=True, text=True, cwd=cwd,
                              env=_environment(tmp_path / f"cache-{name}"))
        assert done.returncode in (0, 1), done.stderr[-2000:]
        outputs[name] = sorted((out / "results.jsonl").read_text(encoding="utf-8").splitlines())
    assert len(outputs["source"]) > 50 and outputs["compiled"] == outputs["source"]
