"""Grading speed: ms per essay for .txt and .docx (grading only, rubric loaded once), and the wall time of
one `grader grade` process. Prints figures; asserts nothing.

    python benchmarks/bench_grade.py [--repeat N]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import grader  # noqa: E402
from grader.documents import read_document  # noqa: E402
from grader.grading import grade_document  # noqa: E402


def per_essay(paths: list[Path], rubric, repeat: int, read: bool) -> tuple[float, float]:
    """Median and best ms per essay over `repeat` passes (reading included when `read`)."""
    documents = {p: read_document(p) for p in paths}
    for p in paths:  # warm caches (lemmas, compiled rubric) as a long-running batch would have them
        grade_document(documents[p], rubric)
    passes = []
    for _ in range(repeat):
        start = time.perf_counter()
        for p in paths:
            grade_document(read_document(p) if read else documents[p], rubric)
        passes.append((time.perf_counter() - start) * 1000 / len(paths))
    return statistics.median(passes), min(passes)


def process_wall(path: Path, repeat: int) -> float:
    """Median wall time of a fresh `python -m grader grade` process."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "grader", "grade", str(path)], check=True, capture_output=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rubric = grader.load_rubric("sino-soviet-alliance")
    samples = ROOT / "samples"
    txt = sorted(samples.glob("*.txt"))
    docx = sorted(samples.glob("*.docx"))
    words = sum(len(read_document(p).text.split()) for p in txt) / len(txt)
    median, best = per_essay(txt, rubric, args.repeat, read=False)
    print(f".txt  grading only : {median:6.2f} ms/essay median, {best:6.2f} best  ({len(txt)} essays, {words:.0f} words avg)")
    median, best = per_essay(txt, rubric, args.repeat, read=True)
    print(f".txt  read + grade : {median:6.2f} ms/essay median, {best:6.2f} best")
    median, best = per_essay(docx, rubric, args.repeat, read=False)
    print(f".docx grading only : {median:6.2f} ms/essay median, {best:6.2f} best  ({len(docx)} essays)")
    median, best = per_essay(docx, rubric, args.repeat, read=True)
    print(f".docx read + grade : {median:6.2f} ms/essay median, {best:6.2f} best")
    print(f"one `grader grade` process (.txt) : {process_wall(txt[0], args.repeat):.3f} s wall, median of {args.repeat}")
    print(f"one `grader grade` process (.docx): {process_wall(docx[0], args.repeat):.3f} s wall, median of {args.repeat}")


if __name__ == "__main__":
    main()
