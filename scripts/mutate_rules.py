"""Mutation check of the rule settings: does the test suite notice when a default moves one step?

Every `Setting(...)` default in grader/rules/*.py is moved one step each way (whole numbers by 1, shares
between 0 and 1 by 0.05, other numbers by 1), within the setting's own range, in a copy of the working
tree; the tests run against the copy (the rule cases first, then the rest, stopping at the first
failure). A mutation the tests catch is killed; one they miss survives. Prints each outcome and the
share killed; survivors and why they survive are listed in docs/decisions.md.

    python scripts/mutate_rules.py [--rule ID ...] [--jobs N] [--quick]

`--quick` runs only tests/rules (the rule cases; with `--rule`, only those rules' cases) for each mutation. Not run in CI: a full run takes
several minutes.
"""
from __future__ import annotations

import argparse
import ast
import os
import shutil
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


def mutations(rules: set[str] | None = None) -> list[Mutation]:
    """Every one-step move of every numeric default, within its setting's range."""
    out = []
    for path in sorted((ROOT / "grader" / "rules").glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rule_id = path.stem
        if rules and rule_id not in rules:
            continue
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Setting" and len(node.args) >= 3):
                continue
            name = node.args[0].value  # type: ignore[attr-defined]
            default_node = node.args[2]
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
                out.append(Mutation(str(path.relative_to(ROOT)), rule_id, name, default_node.lineno,
                                    default_node.col_offset, default_node.end_col_offset or 0, old, new))
    return out


def _copy_tree(dest: Path) -> None:
    """The working tree as git sees it (tracked and untracked, not ignored files)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        src = ROOT / name
        if not src.is_file():
            continue
        target = dest / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(src, target)


def _run_tests(tree: Path, quick: bool, rules: list[str] | None) -> bool:
    """Whether the tests pass in `tree` (the rule cases first, then everything else; with `quick`, only the
    rule cases, and only those of `rules` when given)."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "--no-header"]
    selections = [["tests/rules"] + (["-k", " or ".join(rules)] if quick and rules else [])]
    if not quick:
        selections.append(["tests", "--ignore=tests/rules"])
    for selection in selections:
        done = subprocess.run(command + selection, cwd=tree, env=env, capture_output=True, text=True)
        if done.returncode != 0:
            return False
    return True


def _try(mutation: Mutation, tree: Path, quick: bool, rules: list[str] | None) -> bool:
    """Whether the mutation survives (the tests still pass), in its own copy `tree`."""
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
    found = mutations(set(args.rule) if args.rule else None)
    if not found:
        print("no settings to mutate")
        return 1
    with tempfile.TemporaryDirectory(prefix="mutate-") as tmp:
        trees = []
        for k in range(max(1, args.jobs)):
            tree = Path(tmp) / f"tree{k}"
            _copy_tree(tree)
            trees.append(tree)
        free = list(trees)

        def attempt(mutation: Mutation) -> bool:
            tree = free.pop()
            try:
                return _try(mutation, tree, args.quick, args.rule)
            finally:
                free.append(tree)

        with ThreadPoolExecutor(max_workers=len(trees)) as pool:
            outcomes = list(pool.map(attempt, found))
    survivors = [m for m, survived in zip(found, outcomes) if survived]
    for m, survived in zip(found, outcomes):
        print(f"{'SURVIVED' if survived else 'killed  '} {m.label}")
    killed = len(found) - len(survivors)
    print(f"\n{killed} of {len(found)} mutations killed: {100 * killed / len(found):.1f}%"
          + (" (rule cases only)" if args.quick else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
