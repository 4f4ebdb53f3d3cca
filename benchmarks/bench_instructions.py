"""Grading cost in machine instructions per essay, counted by valgrind's callgrind with a fixed hash seed: unlike seconds, the
count does not change with the machine's load, so two versions of the grader can be compared exactly.
Prints a figure; asserts nothing. Needs valgrind (Debian's package); takes a minute or two.

    python benchmarks/bench_instructions.py [--essays 20]
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


def instructions(passes: int, essays: int) -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        done = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable, "-c",
                               SCRIPT, str(passes), str(ROOT / "samples"), str(essays)],
                              capture_output=True, text=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"})
        found = re.search(r"Collected : (\d+)", done.stderr)
        if not found:
            raise SystemExit(f"valgrind did not report a count:\n{done.stderr[-2000:]}")
        return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--essays", type=int, default=20)
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")
    # Compile the modules first: otherwise the first counted run pays for writing .pyc files and the figure drifts.
    subprocess.run([sys.executable, "-c", SCRIPT, "0", str(ROOT / "samples"), str(args.essays)], check=True, cwd=ROOT,
                   env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0"})
    setup = instructions(0, args.essays)
    graded = instructions(1, args.essays)
    print(f"{(graded - setup) / args.essays / 1e6:.1f} million instructions per essay "
          f"(grading only, {args.essays} sample essays, counted by callgrind)")


if __name__ == "__main__":
    main()
