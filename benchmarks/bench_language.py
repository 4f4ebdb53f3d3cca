"""Language identification: how often 30-word stretches of the English sample essays would be called another
language (by the identifier alone, and with the English function-word shortcut the language rule uses first),
how sure it is on the project's foreign-language texts, and the time to load the model and classify.

    python benchmarks/bench_language.py
"""
from __future__ import annotations

import time
from pathlib import Path

import yaml

from grader.language_id import english_share, identify
from grader.rules import defaults
from grader.text import tokenize

ROOT = Path(__file__).resolve().parent.parent
WINDOW = 30


def main() -> None:
    cfg = defaults()["language"]
    start = time.perf_counter()
    identify("warm up the model")
    print(f"model load + first call: {time.perf_counter() - start:.2f} s")
    windows = []
    for path in sorted((ROOT / "samples").rglob("*.txt")):
        words = path.read_text(encoding="utf-8").split()
        windows += [" ".join(words[i : i + WINDOW]) for i in range(0, max(1, len(words) - WINDOW), WINDOW)]
    start = time.perf_counter()
    verdicts = [identify(w) for w in windows]
    per_call = (time.perf_counter() - start) / len(windows) * 1000
    wrong = sum(code != "en" for code, _ in verdicts)
    confident = sum(code != "en" and p >= cfg.min_confidence for code, p in verdicts)
    asked = [w for w in windows if english_share(list(tokenize(w))) < cfg.english_share]
    flagged = sum(1 for w in asked if (lambda v: v[0] != "en" and v[1] >= cfg.min_confidence)(identify(w)))
    print(f"English samples: {len(windows)} stretches of {WINDOW} words, {per_call:.2f} ms each")
    print(f"  identifier alone: {wrong} not English ({100 * wrong / len(windows):.1f}%), {confident} of them "
          f"confident (>= {cfg.min_confidence})")
    print(f"  with the function-word shortcut: {len(asked)} asked, {flagged} flagged")
    foreign = [(ROOT / "tests" / "data" / "essay_french.txt").read_text(encoding="utf-8")]
    spec = yaml.safe_load((ROOT / "grader" / "rules" / "cases" / "language.yaml").read_text(encoding="utf-8"))
    foreign += [case["text"] for name, case in spec["cases"].items() if name.startswith("test_fail_")]
    for text in foreign:
        code, p = identify(text)
        print(f"  foreign text of {len(text.split())} words: {code} ({p:.3f})")


if __name__ == "__main__":
    main()
