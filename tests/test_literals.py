"""No judging number hides in the code: every numeric literal in grader/ other than 0, 1 and 2 is a rule
setting's default (in grader/rules/), or a named non-judging limit on the allowlist below with its reason.
A threshold written inline would escape the rubric's `rules:` key, the docs and the mutation check."""
from __future__ import annotations

import ast
from pathlib import Path

from .conftest import ROOT

#: Modules that judge nothing: a number there sizes a file, a layout or a statistic, never a mark.
ALLOWED_MODULES = {
    "grader/documents.py": "reading limits: file and zip sizes, ratios and counts that refuse hostile files",
    "grader/batch.py": "file naming and gradebook layout",
    "grader/sheets.py": "reading limits and the columns of a spreadsheet of answers",
    "grader/lms.py": "matching essays to an LMS roster by name; it changes no mark",
    "grader/review.py": "the review page's HTTP statuses and its token's length",
    "grader/proposals.py": "terms proposed to the teacher as a diff; nothing is judged until the teacher applies one",
    "grader/calibrate.py": "the fitting procedure (folds, weight multiples tried, passes, rounding); the numbers it "
                           "fits come from a teacher's marks and are written to a file the rubric names",
    "grader/cli.py": "the progress bar's width",
    "grader/errors.py": "exit statuses",
    "grader/evaluate.py": "statistics: bootstrap samples, seed, interval bounds, table widths",
    "grader/overlap.py": "shared passages between essays of a batch, reported to the teacher; they change no mark",
    "grader/reports/": "layout of reports: widths, sizes, counts of quotes shown",
    "grader/rules_docs.py": "the listing's line width",
    "grader/word_table.py": "a file layout: the sizes of its fields and the longest entry they can hold",
}

#: Named constants in judging modules that are not judging thresholds.
ALLOWED_CONSTANTS = {
    ("grader/rubric.py", "MAX_RUBRIC_BYTES"): "reading limit: a rubric file's size",
    ("grader/rubric.py", "MAX_YAML_DEPTH"): "reading limit: nesting of a rubric",
    ("grader/rubric.py", "MAX_YAML_NODES"): "reading limit: values in a rubric",
    ("grader/rubric.py", "MAX_PHRASE_WORDS"): "rubric format: longest phrase a term may be",
    ("grader/rubric.py", "MIN_WILDCARD_STEM"): "rubric format: letters before a wildcard",
    ("grader/rubric.py", "MAX_WITHIN"): "rubric format: the widest window a pattern may ask for",
    ("grader/rubric.py", "WEIGHT_TOLERANCE"): "floating-point tolerance when weights are added up",
    ("grader/rubric.py", "KB"): "bytes in a kilobyte, for messages",
    ("grader/results.py", "DEFAULT_MARK_MAX"): "the mark out of ten of DESIGN section 4, when a rubric sets no scale",
    ("grader/results.py", "PERCENT"): "a percentage is out of 100",
    ("grader/scoring.py", "QUOTE_CHARS"): "display: longest quotation in a strength",
    ("grader/scoring.py", "MAX_STRENGTHS"): "display: strengths listed",
    ("grader/scoring.py", "MAX_IMPROVEMENTS"): "display: improvements listed",
    ("grader/terms.py", "CACHE_LIMIT"): "memory bound of the word-form caches",
    ("grader/cache.py", "PRIVATE_FOLDER"): "file permissions of the cache folder",
    ("grader/cache.py", "NAME_DIGITS"): "length of a cache file's name",
    ("grader/overrides.py", "HASH_CHARS"): "length of an essay's fingerprint in overrides.csv",
    ("grader/feedback.py", "MAX_NAMED"): "display: details named back to the student for one part",
    ("grader/feedback.py", "MAX_SUGGESTED"): "display: details suggested for one part",
    ("grader/names.py", "MAX_NAME_WORDS"): "display: the longest name a name line may give",
    ("grader/files.py", "NEW_FILE_MODE"): "file permissions before the umask, as open() creates files",
    ("grader/rules/__init__.py", "KIND_PRESETS"): "a rubric kind's rule settings, data listed in docs/rules.md",
    ("grader/terms.py", "INFLECTED_MIN_LETTERS"): "rubric format: words too short to take -s and -es forms",
    ("grader/amounts.py", "CURRENCY_REACH"): "reading an amount: where its currency word may stand",
    ("grader/amounts.py", "SIGN_REACH"): "reading an amount: where its currency sign may stand",
    ("grader/amounts.py", "DIGIT_GROUP"): "reading a number written with commas",
    ("grader/amounts.py", "MAX_DIGITS"): "reading a number: longer ones are beyond any figure (and any float)",
    ("grader/amounts.py", "TOO_LARGE"): "reading a number: what one beyond any figure reads as",
    ("grader/facts.py", "PERCENT_TOLERANCE"): "floating-point tolerance when percentages are compared",
    ("grader/durations.py", "LASTING_REACH"): "reading a length of time: where its verb of lasting may stand",
    ("grader/text.py", "WORD_CACHE"): "memory bound of the word-form caches",
    ("grader/text.py", "_RUN_ON_LOOKBACK"): "what the sentence-end pattern's look-behinds read; it selects a quicker, equal pattern",
    ("grader/text.py", "ABBREVIATION_LOOKBACK"): "reading: how far back a full stop looks for an abbreviation",
    ("grader/text.py", "WRAPPED_LINE_CHARS"): "reading: a hard-wrapped line's length, to join it to the next",
    ("grader/years.py", "YEAR_DIGITS"): "what a year is written as",
    ("grader/sequence.py", "JANUARY"): "the calendar: a year's first month",
    ("grader/sequence.py", "DECEMBER"): "the calendar: a year's last month",
    ("grader/years.py", "FIRST_YEAR"): "what a year is written as",
    ("grader/years.py", "LAST_YEAR"): "what a year is written as",
    ("grader/facts.py", "MONTHS"): "the calendar: months in a year",
    ("grader/facts.py", "MONTH_DAYS"): "the calendar: most days in a month",
    ("grader/years.py", "WRITTEN_CENTURIES"): "what a year written in words is: the values of number words",
    ("grader/years.py", "_TENS"): "what a year written in words is: the values of number words",
    ("grader/years.py", "_TEENS"): "what a year written in words is: the values of number words",
    ("grader/years.py", "_UNITS"): "what a year written in words is: the values of number words",
}

SMALL = (0, 1, 2)


def _allowed_module(relative: str) -> bool:
    return any(relative == m or (m.endswith("/") and relative.startswith(m)) for m in ALLOWED_MODULES)


def _literals(path: Path, relative: str) -> list[tuple[int, object]]:
    """Numeric literals of a module that are neither small, a setting's default, nor an allowed constant."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    excused: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Setting" and relative.startswith("grader/rules/"):
            excused.update(id(n) for n in ast.walk(node))
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        for target in targets:
            names = [target] if isinstance(target, ast.Name) else list(target.elts) if isinstance(target, ast.Tuple) else []
            if any(isinstance(n, ast.Name) and (relative, n.id) in ALLOWED_CONSTANTS for n in names):
                excused.update(id(n) for n in ast.walk(node))
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and type(node.value) in (int, float) and node.value not in SMALL
            and id(node) not in excused]


def test_no_judging_literal_outside_the_registry():
    found = []
    for path in sorted((ROOT / "grader").rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if _allowed_module(relative):
            continue
        found += [f"{relative}:{line}: {value!r}" for line, value in _literals(path, relative)]
    assert not found, "numbers outside the rule registry (make them a rule setting, or allowlist a non-judging limit):\n" + "\n".join(found)


def test_the_allowlist_names_only_what_exists():
    for relative, name in ALLOWED_CONSTANTS:
        source = (ROOT / relative).read_text(encoding="utf-8")
        assert f"\n{name} = " in source or f"\n{name}: " in source or f", {name} = " in source \
            or f"\n{name}, " in source, f"{relative}: {name} is allowlisted but not defined"
    for module in ALLOWED_MODULES:
        assert (ROOT / module).exists(), module
