"""Mutation check of the rule settings: does the test suite notice when a default moves one step?

Every `Setting(...)` default in grader/rules/*.py is moved one step each way (whole numbers by 1, shares
between 0 and 1 by 0.05, other numbers by 1), within the setting's own range, in a copy of the last
commit (uncommitted work is left out, so the figure is the committed code's); the tests run against the
copy (the rule cases first, then the rest, stopping at the first failure). The copy must pass them all
unchanged first. A mutation the tests catch is killed, and the first test that failed is named; one they
miss survives. Prints each outcome and the share killed; survivors and why they survive are listed in
docs/decisions.md.

    python scripts/mutate_rules.py [--rule ID ...] [--jobs N] [--quick]

`--quick` runs only tests/rules (the rule cases; with `--rule`, only those rules' cases) for each mutation. Not run in CI: a full run takes
several minutes.
"""
from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARE_STEP = 0.05


@dataclass(frozen=True)
class Mutation:
    """One default moved one step: where it is written and what it becomes."""

    module: str  # path relative to the root
    rule: str
    setting: str
    line: int
    col: int
    end_col: int
    old: float
    new: float

    @property
    def label(self) -> str:
        return f"{self.rule}.{self.setting}: {self.old:g} -> {self.new:g}"


def _number(node: ast.expr) -> float | None:
    if isinstance(node, ast.Constant) and type(node.value) in (int, float):
        return node.value
    return None


def _keyword(call: ast.Call, name: str) -> float | None:
    for kw in call.keywords:
        if kw.arg == name:
            return _number(kw.value)
    return None


def mutations(root: Path, rules: set[str] | None = None) -> list[Mutation]:
    """Every one-step move of every numeric default in the tree at `root`, within its setting's range."""
    out = []
    for path in sorted((root / "grader" / "rules").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rule_id = path.stem
        if rules and rule_id not in rules:
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Setting" and len(node.args) >= 3):
                continue
            name_node, default_node = node.args[0], node.args[2]
            if not isinstance(name_node, ast.Constant):
                continue  # the `enabled` switch every rule has, declared once in base.py
            name = name_node.value
            old = _number(default_node)
            if old is None or isinstance(old, bool):
                continue
            low, high = _keyword(node, "minimum"), _keyword(node, "maximum")
            share = isinstance(old, float) and high == 1
            step = SHARE_STEP if share else 1
            for new in (old - step, old + step):
                new = round(new, 10)
                if (low is not None and new < low) or (high is not None and new > high):
                    continue
                if isinstance(old, int):
                    new = int(new)
                out.append(Mutation(str(path.relative_to(root)), rule_id, name, default_node.lineno,
                                    default_node.col_offset, default_node.end_col_offset or 0, old, new))
    return out


def _copy_tree(dest: Path) -> None:
    """The last commit's files."""
    dest.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", "HEAD"], cwd=ROOT, capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(dest)], input=archive, check=True)


def _run_tests(tree: Path, quick: bool, rules: list[str] | None) -> str | None:
    """The first test that fails in `tree`, or None when all pass (the rule cases first, then everything else;
    with `quick`, only the rule cases, and only those of `rules` when given)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    # Tests that read the declared defaults back (docs/rules.md, `grader rules`) would catch every move
    # without judging anything: they are left out.
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header", "-m", "not listing"]
    selections = [["tests/rules"] + (["-k", " or ".join(rules)] if quick and rules else [])]
    if not quick:
        selections.append(["tests", "--ignore=tests/rules"])
    for selection in selections:
        done = subprocess.run(command + selection, cwd=tree, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            failed = [line.split(" ", 1)[1].split(" - ")[0] for line in done.stdout.splitlines()
                      if line.startswith(("FAILED ", "ERROR "))]
            return failed[0] if failed else f"pytest exit status {done.returncode}"
    return None


def _try(mutation: Mutation, tree: Path, quick: bool, rules: list[str] | None) -> str | None:
    """The first test that catches the mutation, or None when it survives, in its own copy `tree`."""
    path = tree / mutation.module
    original = path.read_text(encoding="utf-8")
    lines = original.splitlines(keepends=True)
    line = lines[mutation.line - 1]
    lines[mutation.line - 1] = line[: mutation.col] + repr(mutation.new) + line[mutation.end_col :]
    path.write_text("".join(lines), encoding="utf-8")
    try:
        return _run_tests(tree, quick, rules)
    finally:
        path.write_text(original, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rule", action="append", help="Only this rule's settings (repeatable).")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="Mutations tried at once.")
    parser.add_argument("--quick", action="store_true", help="Run only the rule cases for each mutation.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
        trees = []
        for k in range(max(1, args.jobs)):
            tree = Path(tmp) / f"tree{k}"
            _copy_tree(tree)
            trees.append(tree)
        found = mutations(trees[0], set(args.rule) if args.rule else None)
        if not found:
            print("no settings to mutate")
            return 1
        free = list(trees)

        def attempt(mutation: Mutation) -> str | None:
            tree = free.pop()
            try:
                return _try(mutation, tree, args.quick, args.rule)
            finally:
                free.append(tree)

        broken = _run_tests(trees[0], args.quick, args.rule)
        if broken is not None:
            print(f"the unchanged code fails its tests ({broken}): fix that first")
            return 1
        with ThreadPoolExecutor(max_workers=len(trees)) as pool:
            outcomes = list(pool.map(attempt, found))
    survivors = [m for m, caught in zip(found, outcomes) if caught is None]
    for m, caught in zip(found, outcomes):
        print(f"SURVIVED {m.label}" if caught is None else f"killed   {m.label}  (by {caught})")
    killed = len(found) - len(survivors)
    print(f"\n{killed} of {len(found)} mutations killed: {100 * killed / len(found):.1f}%"
          + (" (rule cases only)" if args.quick else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
