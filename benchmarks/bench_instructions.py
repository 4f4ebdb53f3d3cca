"""Grading cost in machine instructions per essay, counted by valgrind's callgrind with a fixed hash seed: unlike seconds, the
count does not change with the machine's load, so two versions of the grader can be compared exactly.
Prints a figure; asserts nothing. Needs valgrind (Debian's package); takes a minute or two.

    python benchmarks/bench_instructions.py [--essays 20]
    python benchmarks/bench_instructions.py --worker CLASS_FOLDER [--essays 40]
    python benchmarks/bench_instructions.py --python VENV/bin/python ...   (that Python's installed grader)

`--worker` counts what one essay costs a batch worker instead of grading alone: reading the file, grading it,
writing its HTML report and taking its fingerprints for shared passages, over the class's .txt essays (from
`benchmarks/make_class.py`) after its first WARM_ESSAYS have filled the caches.
"""
from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPT = """
import sys
from pathlib import Path
import grader
from grader.documents import read_document
from grader.grading import grade_document
rubric = grader.load_rubric("sino-soviet-alliance")
docs = [read_document(p) for p in sorted(Path(sys.argv[2]).glob("*.txt"))][: int(sys.argv[3])]
grade_document(docs[0], rubric)  # lazy loads and caches, as in a long batch
for _ in range(int(sys.argv[1])):
    for d in docs:
        grade_document(d, rubric)
"""

#: Essays a worker grades before counting starts: its caches fill as in a long batch.
WARM_ESSAYS = 10

WORKER_SCRIPT = f"""
import sys
from pathlib import Path
from grader import batch
paths = sorted(Path(sys.argv[2]).glob("*.txt"))[: {WARM_ESSAYS} + int(sys.argv[3])]
essays = batch.folder_essays([(p, p.name) for p in paths], ".html")
batch._prepare(batch.load_rubric("sino-soviet-alliance"), Path(sys.argv[4]), "html", "a4", None)
for essay in essays[:{WARM_ESSAYS}]:
    batch._grade_one(essay)
for _ in range(int(sys.argv[1])):
    for essay in essays[{WARM_ESSAYS}:]:
        batch._grade_one(essay)
"""


def environment(python: str | None) -> tuple[str, dict[str, str]]:
    """The interpreter and environment to count: this checkout's code with this Python, or the grader installed
    for another Python (started in a temporary folder, so that no checkout shadows it)."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"}
    if python is None:
        return sys.executable, {**env, "PYTHONPATH": str(ROOT)}
    return python, env


def instructions(passes: int, essays: int, script: str = SCRIPT, folder: Path = ROOT / "samples",
                 python: str | None = None) -> int:
    executable, env = environment(python)
    with tempfile.TemporaryDirectory() as work:
        out = Path(work) / "callgrind.out"
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", executable, "-c",
                               script, str(passes), str(folder), str(essays), work],
                              capture_output=True, text=True, cwd=ROOT if python is None else work, env=env)
        found = re.search(r"Collected : (\d+)", done.stderr)
        if not found:
            raise SystemExit(f"valgrind did not report a count:\n{done.stderr[-2000:]}")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=None, help="Essays counted (20, or 40 with --worker).")
    parser.add_argument("--worker", type=Path, default=None, metavar="CLASS_FOLDER")
    parser.add_argument("--python", default=None, metavar="PYTHON",
                        help="Count the grader installed for this Python (the compiled build) instead of this checkout.")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    script, folder = (WORKER_SCRIPT, args.worker.resolve()) if args.worker else (SCRIPT, ROOT / "samples")
    essays = args.essays or (40 if args.worker else 20)
    # Compile the modules first: otherwise the first counted run pays for writing .pyc files and the figure drifts.
    executable, env = environment(args.python)
    with tempfile.TemporaryDirectory() as work:
        subprocess.run([executable, "-c", script, "0", str(folder), str(essays), work], check=True,
                       cwd=ROOT if args.python is None else work, env=env)
    setup = instructions(0, essays, script, folder, args.python)
    graded = instructions(1, essays, script, folder, args.python)
    what = f"a batch worker's read, grade, report and fingerprints, {essays} essays of {folder.name}" if args.worker \
        else f"grading only, {essays} sample essays"
    print(f"{(graded - setup) / essays / 1e6:.1f} million instructions per essay ({what}, counted by callgrind); "
          f"start-up and preparation {setup / 1e9:.2f} billion")


if __name__ == "__main__":
    main()
