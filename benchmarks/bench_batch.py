"""Batch speed and memory: classes of 100, 1,000 and 10,000 generated essays (the samples' sentences shuffled
into new essays, seeded) and 200 .docx, each marked with 1 and 2 workers, everything included (reading,
grading, results, gradebook, HTML reports, overview, overlaps). Prints essays per second, time to the first
result, and peak memory (the largest single process, and all processes of the batch together). Asserts nothing.

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
import json, sys, time
start = time.perf_counter()
first = []
from grader.batch import run_batch
def progress(done, total):
    if not first:
        first.append(time.perf_counter() - start)
summary = run_batch(sys.argv[1], sys.argv[2], workers=int(sys.argv[3]), progress=progress, on_error=lambda m: None)
elapsed = time.perf_counter() - start
print(json.dumps({"graded": summary.graded, "failed": summary.failed, "seconds": elapsed, "first": first[0]}))
"""
#: How often the memory of the batch and its workers is sampled. (ru_maxrss cannot be used: a forked child
#: keeps the parent's peak from before exec, so it would report the benchmark's own memory.)
SAMPLE_SECONDS = 0.05


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            return next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
    except OSError:
        return 0


def _tree(root: int) -> list[int]:
    """The process and its descendants, from /proc."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            parents.setdefault(ppid, []).append(int(entry.name))
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(parents.get(pid, []))
    return out


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
    """Run one batch in a fresh process, sampling the largest process and the whole tree's memory."""
    import time

    shutil.rmtree(out, ignore_errors=True)
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, str(folder), str(out), str(workers)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    largest = total = 0
    while proc.poll() is None:
        sizes = [_rss_kb(pid) for pid in _tree(proc.pid)]
        largest, total = max(largest, max(sizes, default=0)), max(total, sum(sizes))
        time.sleep(SAMPLE_SECONDS)
    stdout, stderr = proc.communicate()
    if proc.returncode:
        raise SystemExit(f"batch failed: {stderr}")
    figures = json.loads(stdout.strip().splitlines()[-1])
    figures.update(peak_mb=largest / 1024, total_mb=total / 1024)
    return figures


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
    print(f"{'class':>12} {'workers':>7} {'essays/s':>9} {'seconds':>8} {'first result':>13} {'peak MB':>8} {'all MB':>7}")
    for label, folder, count, as_docx in cases:
        make_class(folder, count, pool, seed=count, docx_files=as_docx)
        for workers in (1, 2):
            figures = run(folder, work / "out", workers)
            print(f"{label:>12} {workers:>7} {figures['graded'] / figures['seconds']:>9.1f} {figures['seconds']:>8.2f} "
                  f"{figures['first']:>12.2f}s {figures['peak_mb']:>8.1f} {figures['total_mb']:>7.1f}")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
