"""How fast hostile files are refused: the zip bomb (from its declared sizes, before decompressing), a 5 MB
text file (from its size), a DOCTYPE, binary data; and how long a 200 KB single-line essay takes to grade.
Prints figures; asserts nothing.

    python benchmarks/bench_refusals.py
"""
from __future__ import annotations

import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "data"))

from make_fixtures import large_files  # noqa: E402

from grader import grade_file, load_rubric  # noqa: E402
from grader.errors import GraderError  # noqa: E402

DATA = ROOT / "tests" / "data"


def timed(path: Path, rubric, repeat: int = 5) -> tuple[float, str]:
    times, outcome = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        try:
            grade_file(path, rubric)
            outcome = "graded"
        except GraderError as error:
            outcome = "refused: " + error.reason
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, outcome


def main() -> None:
    rubric = load_rubric("sino-soviet-alliance")
    with tempfile.TemporaryDirectory() as folder:
        large = large_files(Path(folder))
        cases = [("zip bomb (.docx, 60 MB inside)", DATA / "zip_bomb.docx"),
                 ("5 MB .txt", large["five_mb"]),
                 ("DOCTYPE with nested entities", DATA / "docx_billion_laughs.docx"),
                 ("binary data named .txt", DATA / "binary_named.txt"),
                 ("200 KB single line", large["one_line"])]
        for label, path in cases:
            ms, outcome = timed(path, rubric, repeat=3 if "200 KB" in label else 5)
            print(f"{label:34s} {ms:9.1f} ms   {outcome[:70]}")
    print(f"peak memory of this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
