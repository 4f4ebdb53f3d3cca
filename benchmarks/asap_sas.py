"""ASAP-SAS, the Hewlett Foundation's short-answer scoring data: how grader's rubrics for its ten questions
(`benchmarks/asap-sas/setNN.yaml`) agree with the human scores. Prints, per set, quadratic weighted kappa
against Score1, the word-count baseline (a monotone fit of score on word count, trained on the calibration
rows), the answers flagged and the time per answer; then the mean kappa of the key-element sets (1, 2, 5, 6)
and the Fisher z mean over all sets (kappas clipped to +-0.999, as Kaggle averaged them). Asserts nothing.

Splits, fixed by Id so that every run and every person uses the same ones:
- `heldout`: the train rows whose Id is a multiple of 5 (a fifth). Never calibrated on: the honest figure.
- `calibration`: the other train rows. Rubrics are written and calibrated on these only.
- `test`: the test answers (no scores here); `--predictions FILE` writes Id, EssaySet and mark for them.

    python benchmarks/asap_sas.py DATA_DIR [--split heldout|calibration|test] [--sets 1 2 5 6]
                                  [--rubrics DIR] [--predictions FILE] [--errors N] [--calibrate]

`--calibrate` first fits each rubric's numbers on the calibration rows (as `grader calibrate` does) and
writes them to the calibration file the rubric names (`calibration: setNN.calibration.yaml`).

The data stay outside the project (see DATA_DIR/README.md for its terms); no test reads them.
"""
from __future__ import annotations

import argparse
import csv
import math
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import load_rubric  # noqa: E402
from grader.documents import document_from_text  # noqa: E402
from grader.evaluate import isotonic_fit, predict_monotone, quadratic_weighted_kappa  # noqa: E402
from grader.grading import grade_document  # noqa: E402
from grader.results import half_up  # noqa: E402

RUBRICS = Path(__file__).resolve().parent / "asap-sas"
KEY_ELEMENT_SETS = (1, 2, 5, 6)
HELDOUT_EVERY = 5
KAPPA_CLIP = 0.999


def read_rows(path: Path) -> list[dict[str, str]]:
    """A tab-separated file of the benchmark (one header line, no quoting)."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def split_of(row: dict[str, str]) -> str:
    """Which train split a row is in, by its Id."""
    return "heldout" if int(row["Id"]) % HELDOUT_EVERY == 0 else "calibration"


def fisher_mean(kappas: list[float]) -> float:
    """The mean of kappas through Fisher's z (each clipped to +-0.999)."""
    zs = [math.atanh(max(-KAPPA_CLIP, min(KAPPA_CLIP, k))) for k in kappas]
    return math.tanh(sum(zs) / len(zs))


def calibrate(rubric, path: Path, fit_rows: list[dict[str, str]]):
    """Fit the rubric's numbers on the calibration rows, write the file it names, and load it again."""
    from grader.calibrate import fit, marked_answers
    from grader.files import write_atomic

    if rubric.calibration is None:
        print(f"      {path.name} names no calibration file: not calibrated")
        return rubric
    plain = rubric.uncalibrated
    results = [grade_document(document_from_text(r["EssayText"], f"{r['Id']}.txt"), plain, student=r["Id"])
               for r in fit_rows]
    fitted = fit(plain, marked_answers(plain, results, [int(r["Score1"]) for r in fit_rows]))
    write_atomic(path.parent / rubric.calibration, fitted.to_yaml(plain).encode("utf-8"))
    print(f"      calibrated on {fitted.answers} rows: {fitted.before:.3f} as written, {fitted.after:.3f} after, "
          f"{fitted.cross_validated:.3f} cross-validated")
    return load_rubric(path)


def words(text: str) -> int:
    return len(text.split())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="the folder holding train.tsv and test.tsv")
    parser.add_argument("--split", choices=("heldout", "calibration", "test"), default="heldout")
    parser.add_argument("--sets", type=int, nargs="*", default=list(range(1, 11)))
    parser.add_argument("--rubrics", type=Path, default=RUBRICS)
    parser.add_argument("--predictions", type=Path, help="with --split test: write Id, EssaySet, mark here")
    parser.add_argument("--errors", type=int, default=0, help="print this many of the largest disagreements per set")
    parser.add_argument("--calibrate", action="store_true", help="fit each rubric on the calibration rows first")
    args = parser.parse_args(argv)

    train = read_rows(args.data / "train.tsv")
    rows = read_rows(args.data / "test.tsv") if args.split == "test" else [r for r in train if split_of(r) == args.split]
    kappas: dict[int, float] = {}
    predictions: list[tuple[str, int, int]] = []
    print(f"{'set':>4s}{'answers':>9s}{'QWK':>8s}{'words':>8s}{'flagged':>9s}{'ms/answer':>11s}  flags")
    for number in args.sets:
        path = args.rubrics / f"set{number:02d}.yaml"
        if not path.is_file():
            print(f"{number:>4d}  no rubric at {path}")
            continue
        rubric = load_rubric(path)
        answers = [r for r in rows if int(r["EssaySet"]) == number]
        fit_rows = [r for r in train if int(r["EssaySet"]) == number and split_of(r) == "calibration"]
        if args.calibrate:
            rubric = calibrate(rubric, path, fit_rows)
        fitted = isotonic_fit([words(r["EssayText"]) for r in fit_rows], [int(r["Score1"]) for r in fit_rows])
        scale = list(range(rubric.mark.min, rubric.mark.max + 1))
        start = time.perf_counter()
        results = [grade_document(document_from_text(r["EssayText"], f"{r['Id']}.txt"), rubric, student=r["Id"])
                   for r in answers]
        elapsed = time.perf_counter() - start
        flags = Counter(f.code for result in results for f in result.flags)
        flagged = sum(1 for result in results if result.flags)
        marks = [result.mark if result.mark is not None else scale[0] for result in results]
        predictions.extend((r["Id"], number, m) for r, m in zip(answers, marks))
        ms = 1000 * elapsed / max(1, len(answers))
        flag_text = ", ".join(f"{code} {n}" for code, n in flags.most_common())
        if args.split == "test":
            print(f"{number:>4d}{len(answers):>9d}{'':>8s}{'':>8s}{flagged:>9d}{ms:>11.2f}  {flag_text}")
            continue
        human = [int(r["Score1"]) for r in answers]
        baseline = [min(max(half_up(predict_monotone(fitted, words(r["EssayText"])), 0), scale[0]), scale[-1])
                    for r in answers]
        kappas[number] = quadratic_weighted_kappa(human, marks, scale)
        base = quadratic_weighted_kappa(human, baseline, scale)
        print(f"{number:>4d}{len(answers):>9d}{kappas[number]:>8.3f}{base:>8.3f}{flagged:>9d}{ms:>11.2f}  {flag_text}")
        worst = sorted(zip(answers, marks, human), key=lambda t: -abs(t[1] - t[2]))[: args.errors]
        for r, m, h in worst:
            print(f"      Id {r['Id']}: human {h}, grader {m}: {r['EssayText'][:160]}")
    if kappas:
        key = [kappas[s] for s in KEY_ELEMENT_SETS if s in kappas]
        if key:
            print(f"mean QWK over sets {', '.join(str(s) for s in KEY_ELEMENT_SETS if s in kappas)}: "
                  f"{sum(key) / len(key):.3f}")
        print(f"Fisher z mean QWK over {len(kappas)} sets: {fisher_mean(list(kappas.values())):.3f}")
    if args.predictions is not None:
        with args.predictions.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["Id", "EssaySet", "mark"])
            writer.writerows(predictions)
    return 0


if __name__ == "__main__":
    sys.exit(main())
