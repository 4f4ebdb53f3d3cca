"""Batch speed and memory: classes of 100, 1,000 and 10,000 generated essays (the samples' sentences shuffled
into new essays, seeded) and 200 .docx, each marked with 1 and 2 workers, everything included (reading,
grading, results, gradebook, HTML reports, overview, overlaps). Prints essays per second, time to the first
result, and peak memory (the largest resident set of the batch process and its workers). Asserts nothing.

    python benchmarks/bench_batch.py [--sizes 100 1000 10000] [--docx 200] [--workdir DIR]
"""
from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

RUNNER = r"""
import json, resource, sys, time
start = time.perf_counter()
first = []
from grader.batch import run_batch
def progress(done, total):
    if not first:
        first.append(time.perf_counter() - start)
summary = run_batch(sys.argv[1], sys.argv[2], workers=int(sys.argv[3]), progress=progress, on_error=lambda m: None)
elapsed = time.perf_counter() - start
own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"graded": summary.graded, "failed": summary.failed, "seconds": elapsed, "first": first[0],
                  "peak_mb": max(own, workers) / 1024}))
"""


def sentence_pool() -> list[str]:
    """Every body sentence of the sample essays that carries at least six words."""
    from grader.documents import read_document
    from grader.text import analyse

    pool = []
    for path in sorted((ROOT / "samples").iterdir()):
        if path.suffix in (".txt", ".docx"):
            doc = read_document(path)
            for s in analyse(doc).items:
                if s.role == "sentence" and len(s.tokens) >= 6:
                    pool.append(" ".join(doc.text[s.start : s.end].split()))
    return pool


def make_class(folder: Path, count: int, pool: list[str], seed: int, docx_files: bool = False) -> None:
    """`count` essays of 4-6 paragraphs of 3-6 shuffled sentences."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(count):
        paragraphs = [" ".join(rng.sample(pool, rng.randint(3, 6))) for _ in range(rng.randint(4, 6))]
        if docx_files:
            import docx

            document = docx.Document()
            for p in paragraphs:
                document.add_paragraph(p)
            document.save(folder / f"student{i:05d}.docx")
        else:
            (folder / f"student{i:05d}.txt").write_text("\n\n".join(paragraphs) + "\n", encoding="utf-8")


def run(folder: Path, out: Path, workers: int) -> dict:
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run([sys.executable, "-c", RUNNER, str(folder), str(out), str(workers)], check=True,
                          capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--docx", type=int, default=200)
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="grader-bench-"))
    pool = sentence_pool()
    print(f"sentence pool: {len(pool)} sentences from the samples; work folder {work}")
    cases = [(f"{n} .txt", work / f"txt{n}", n, False) for n in args.sizes]
    if args.docx:
        cases.append((f"{args.docx} .docx", work / f"docx{args.docx}", args.docx, True))
    print(f"{'class':>12} {'workers':>7} {'essays/s':>9} {'seconds':>8} {'first result':>13} {'peak MB':>8}")
    for label, folder, count, as_docx in cases:
        make_class(folder, count, pool, seed=count, docx_files=as_docx)
        for workers in (1, 2):
            figures = run(folder, work / "out", workers)
            print(f"{label:>12} {workers:>7} {figures['graded'] / figures['seconds']:>9.1f} {figures['seconds']:>8.2f} "
                  f"{figures['first']:>12.2f}s {figures['peak_mb']:>8.1f}")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
