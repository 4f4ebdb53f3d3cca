"""Batch speed and memory as a teacher meets them: whole `grader batch` processes over generated classes
(benchmarks/make_class.py: distinct essays of 600-1,200 words, or copies, 4 of each of a quarter as many
texts) with HTML reports, with 1 and 2 workers. Prints essays per second, seconds, time to the first result and
the peak memory of the batch's processes together (RSS, which counts the pages forked workers share in each
of them, and PSS, which counts them once); then one `grader grade` next to `python -c pass`, and the
ten functions a worker spends most time in. Asserts nothing.

    python benchmarks/bench_batch.py [--cases txt:400 mixed:400 ...] [--workers 1 2] [--workdir DIR]
    python benchmarks/bench_batch.py --against OTHER_CHECKOUT [--repeat 3] [--cases ...] [--workers 2]

A grader to run (--checkout, --against) is a checkout, whose own code runs with this Python, or a Python
interpreter, whose installed grader runs (outside any checkout): the way to measure the compiled build.

A case is KIND:COUNT, KIND one of txt, docx, mixed, copies. The default cases are the figures kept in
docs/performance.md.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from make_class import make_class  # noqa: E402

DEFAULT_CASES = ["txt:100", "txt:400", "docx:100", "mixed:400", "copies:300", "txt:1000", "mixed:1000",
                 "txt:10000"]
#: How often the memory of the batch and its workers is sampled. (ru_maxrss cannot be used: a forked child
#: keeps the parent's peak from before exec, so it would report the benchmark's own memory.)
SAMPLE_SECONDS = 0.05
#: How many functions the profile lists.
PROFILE_TOP = 10
#: Runs of the single-essay timings, whose median is shown.
REPEATS = 5


def _memory_kb(pid: int) -> tuple[int, int]:
    """A process's resident memory (RSS) and its proportional share of it (PSS: a page shared by the forked
    workers counts once among them, where RSS counts it in each)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            fields = {line.split(":")[0]: int(line.split()[1]) for line in fh if line.split(":")[0] in ("Rss", "Pss")}
        return fields.get("Rss", 0), fields.get("Pss", 0)
    except (OSError, ValueError, IndexError):
        return 0, 0


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


def runner(target: Path, neutral: Path) -> tuple[str, Path]:
    """How to start a grader: (Python, folder to start in). A checkout's own code runs with this Python from the
    checkout; an interpreter's installed grader runs from `neutral`, where no checkout shadows it."""
    if target.is_dir():
        return sys.executable, target.resolve()
    return str(target.absolute()), neutral  # not resolved: a virtual environment's python is a symlink


def run_batch(folder: Path, out: Path, workers: int, grader: tuple[str, Path] = (sys.executable, ROOT)) -> dict:
    """One `grader batch` process (of the `runner`'s grader), timed from start to exit, its process tree's
    memory sampled throughout."""
    shutil.rmtree(out, ignore_errors=True)
    python, cwd = grader
    command = [python, "-m", "grader", "batch", str(folder), "-o", str(out), "--workers", str(workers), "--quiet"]
    start = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=cwd)
    total = shared = 0
    first = None
    results = out / "results.jsonl"
    while proc.poll() is None:
        sizes = [_memory_kb(pid) for pid in _tree(proc.pid)]
        total = max(total, sum(rss for rss, _ in sizes))
        shared = max(shared, sum(pss for _, pss in sizes))
        if first is None and any(out.glob("reports/*")):
            first = time.perf_counter() - start
        time.sleep(SAMPLE_SECONDS)
    seconds = time.perf_counter() - start
    stderr = proc.communicate()[1]
    if proc.returncode not in (0, 1):
        raise SystemExit(f"batch failed: {stderr}")
    graded = sum(1 for _ in results.open(encoding="utf-8")) if results.is_file() else 0
    return {"graded": graded, "seconds": seconds, "first": first or seconds, "total_mb": total / 1024,
            "pss_mb": shared / 1024}


def single_grade(essay: Path, grader: tuple[str, Path]) -> tuple[float, float]:
    """Median wall time of `python -c pass` and of one warm `grader grade` of the essay."""
    python, cwd = grader

    def wall(command: list[str]) -> float:
        times = []
        for _ in range(REPEATS):
            start = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True, cwd=cwd)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    subprocess.run([python, "-m", "grader", "grade", str(essay)], check=True, capture_output=True, cwd=cwd)
    return wall([python, "-c", "pass"]), wall([python, "-m", "grader", "grade", str(essay)])


def profile(folder: Path, out: Path) -> str:
    """The functions a worker spends most time in (own time), grading the class's essays with HTML reports."""
    import cProfile
    import io
    import pstats

    from grader import batch

    paths = sorted(folder.glob("*.txt"))
    essays = batch.folder_essays([(p, p.name) for p in paths], ".html")
    out.mkdir(parents=True, exist_ok=True)
    batch._prepare(batch.load_rubric("sino-soviet-alliance"), out, "html", "a4", None)
    profiler = cProfile.Profile()
    profiler.enable()
    for essay in essays:
        batch._grade_one(essay)
    profiler.disable()
    text = io.StringIO()
    pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(PROFILE_TOP)
    return "\n".join(line.replace(str(ROOT) + "/", "") for line in text.getvalue().splitlines()
                     if line.strip() and not line.startswith(("   Ordered", "   List")))


def compare(folder: Path, out: Path, workers: int, graders: dict[str, tuple[str, Path]],
            repeat: int) -> dict[str, list[float]]:
    """Essays a second of each grader on one class, the graders taking turns `repeat` times, so that the host's
    drift in speed touches each alike."""
    speeds: dict[str, list[float]] = {name: [] for name in graders}
    for _ in range(repeat):
        for name, grader in graders.items():
            figures = run_batch(folder, out, workers, grader)
            speeds[name].append(figures["graded"] / figures["seconds"])
    return speeds


def class_folder(work: Path, case: str) -> Path:
    """The folder of a case's class (KIND:COUNT) in the work folder, made the first time it is asked for."""
    kind, count = case.split(":")
    folder = work / f"{kind}{count}"
    if not folder.is_dir():
        make_class(folder, int(count), kind)
    return folder


def _median_and_range(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ({min(values):.1f}-{max(values):.1f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", nargs="+", default=DEFAULT_CASES, metavar="KIND:COUNT")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--no-profile", action="store_true")
    parser.add_argument("--checkout", type=Path, default=ROOT, metavar="CHECKOUT_OR_PYTHON",
                        help="Run the batches with another grader: a checkout's, or a Python's installed one.")
    parser.add_argument("--against", type=Path, default=None, metavar="CHECKOUT_OR_PYTHON",
                        help="Compare with another grader: each case is run by both in turn, --repeat times, and "
                             "the medians (and ranges) of essays a second are printed.")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="grader-bench-"))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"{os.cpu_count()} cores, load average {load:.2f} at start; work folder {work}")
    if args.against is not None:
        graders = {"other": runner(args.against, work), "this": runner(args.checkout, work)}
        print(f"{'class':>12} {'workers':>7} {'other grader':>20} {'this grader':>20} {'ratio':>6}")
        for case in args.cases:
            folder = class_folder(work, case)
            for workers in args.workers:
                speeds = compare(folder, work / "out", workers, graders, args.repeat)
                ratio = statistics.median(speeds["this"]) / statistics.median(speeds["other"])
                print(f"{case:>12} {workers:>7} {_median_and_range(speeds['other']):>20} "
                      f"{_median_and_range(speeds['this']):>20} {ratio:>6.2f}", flush=True)
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"load average {load:.2f} at the end")
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)
        return
    print(f"{'class':>12} {'workers':>7} {'essays/s':>9} {'seconds':>8} {'first report':>13} {'RSS MB':>7} {'PSS MB':>7}")
    for case in args.cases:
        folder = class_folder(work, case)
        for workers in args.workers:
            figures = run_batch(folder, work / "out", workers, runner(args.checkout, work))
            print(f"{case:>12} {workers:>7} {figures['graded'] / figures['seconds']:>9.1f} {figures['seconds']:>8.2f} "
                  f"{figures['first']:>12.2f}s {figures['total_mb']:>7.1f} {figures['pss_mb']:>7.1f}", flush=True)
    essay = sorted((work / "txt100").glob("*.txt"))[0] if (work / "txt100").is_dir() else ROOT / "samples" / "nikhil.txt"
    words = len(essay.read_text(encoding="utf-8").split())
    bare, grade = single_grade(essay, runner(args.checkout, work))
    print(f"one `grader grade` of a {words}-word .txt: {grade:.3f} s wall (median of {REPEATS}); python -c pass {bare:.3f} s")
    if not args.no_profile:
        folder = work / "txt100"
        if not folder.is_dir():
            make_class(folder, 100, "txt")
        print(profile(folder, work / "profile"))
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
