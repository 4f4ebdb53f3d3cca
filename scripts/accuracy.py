"""Regenerate docs/accuracy.md: agreement with teachers on the sample set (tuned on) and on the held-out test
set (never tuned on), beside the word-count baseline, and the two test-set markers' agreement with each other
(the ceiling).

    python scripts/accuracy.py            # writes docs/accuracy.md
"""
from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import grade_file, load_rubric  # noqa: E402
from grader.evaluate import (LEVELS, Report, agreement, bootstrap_interval, evaluate,  # noqa: E402
                             quadratic_weighted_kappa, read_labels)

#: The bundled rubric's mark scale, 0-10.
TEN = list(range(11))
TESTSET = ROOT / "testset"
HARD = ROOT / "samples" / "hard"
FRESH = ROOT / "samples" / "fresh"
FRESH2 = ROOT / "samples" / "fresh2"
FRESH3 = ROOT / "samples" / "fresh3"
FRESH4 = ROOT / "samples" / "fresh4"
FRESH5 = ROOT / "samples" / "fresh5"
FRESH6 = ROOT / "samples" / "fresh6"
FRESH7 = ROOT / "samples" / "fresh7"
#: The honesty figures of each set, measured before the rules that read what a sentence claims (attribution,
#: the essay's own judgement, explained factors, wrong facts spoiling their paragraph, amounts, misconceptions):
#: (on-topic QWK, on-topic bias, teacher's zero parts left at zero, labelled errors reported, shown correct).
HONESTY_BEFORE = {
    "sample set": (0.866, 0.92, 0.72, 0.18, 12),
    "hard samples vs marker A": (0.271, 2.66, 0.27, 0.12, 9),
    "hard samples vs marker B": (0.309, 2.45, 0.30, 0.10, 7),
    "test set vs marker A": (0.892, 1.00, 0.85, 0.22, 3),
    "test set vs marker B": (0.867, 1.22, 0.86, 0.33, 3),
    # the fresh samples' first run, before any change they informed
    "fresh samples": (0.516, 0.48, 0.50, 0.21, 4),
    # the second fresh samples' first run, before any change they informed
    "second fresh samples vs marker A": (0.616, 0.67, 0.14, 0.17, 13),
    "second fresh samples vs marker B": (0.613, 0.52, 0.29, 0.16, 12),
    # the third fresh samples' first run, before any change they informed
    "third fresh samples vs marker A": (0.399, 0.04, 0.43, 0.42, 6),
    "third fresh samples vs marker B": (0.464, 0.04, 0.40, 0.34, 4),
    # the fourth fresh samples' first run
    "fourth fresh samples vs marker A": (0.475, -0.41, 0.61, 0.38, 5),
    "fourth fresh samples vs marker B": (0.510, -0.32, 0.58, 0.38, 5),
    # the fifth fresh samples' first run
    "fifth fresh samples vs marker A": (0.535, 0.73, 0.38, 0.34, 8),
    "fifth fresh samples vs marker B": (0.537, 0.73, 0.46, 0.36, 8),
    # the sixth fresh samples' first run
    "sixth fresh samples vs marker A": (0.550, -0.50, 0.77, 0.45, 3),
    "sixth fresh samples vs marker B": (0.582, -0.48, 0.82, 0.45, 3),
    # the seventh fresh samples' first run
    "seventh fresh samples vs marker A": (0.820, 0.48, 0.33, 0.26, 10),
    "seventh fresh samples vs marker B": (0.824, 0.39, 0.38, 0.27, 9),
}
#: Overall QWK of the same sets before that round.
QWK_BEFORE = {"sample set": 0.888, "hard samples vs marker A": 0.527, "hard samples vs marker B": 0.564,
              "test set vs marker A": 0.912, "test set vs marker B": 0.890, "fresh samples": 0.690,
              "second fresh samples vs marker A": 0.606, "second fresh samples vs marker B": 0.634,
              "third fresh samples vs marker A": 0.721, "third fresh samples vs marker B": 0.759,
              "fourth fresh samples vs marker A": 0.557, "fourth fresh samples vs marker B": 0.599,
              "fifth fresh samples vs marker A": 0.654, "fifth fresh samples vs marker B": 0.661,
              "sixth fresh samples vs marker A": 0.589, "sixth fresh samples vs marker B": 0.621,
              "seventh fresh samples vs marker A": 0.812, "seventh fresh samples vs marker B": 0.803}
#: Measured once, with the grader as it stood when `grader evaluate` was added, before the held-out round.
BEFORE = ("Before the judging rules of the held-out round were written (the grader as of the commit that added\n"
          "`grader evaluate`), the test set gave QWK 0.867 against marker A and 0.844 against marker B, lowest part\n"
          "kappa 0.625 and 0.646. A first round of rules from the sample set alone (56 essays then, fourteen of them\n"
          "labelled for the purpose) gave 0.849 and 0.830, lowest part (the final reason) 0.592 and 0.637. A second\n"
          "round was tuned on forty more samples, labelled by two further independent markers before any tuning:\n"
          "a thin part earns about a third of its weight, a final answer may follow a question the essay asks\n"
          "itself or be ranked as the main reason after the opening, Stalin's reasons or \"many reasons\" are no\n"
          "answer for Mao, a sentence led by the Soviet side is not the Chinese view, one clear judgement on\n"
          "\"natural\" is developed when the essay argues both sides and the tensions, and fact checks no longer\n"
          "accuse a detail near an event word that starts no full mention of the event. Developed thresholds were\n"
          "then refitted on all 116 samples, keeping only changes that helped both the first 76 and the 40 added\n"
          "first: evidence is developed at four accurate facts, the Soviet view at two sentences with five\n"
          "distinct details, the tensions at four sentences with four. Twenty further samples,\n"
          "labelled before the grader saw them, gave QWK 0.801 [0.65, 0.90] before any tuning on them. One rule\n"
          "of that round (an essay whose words are 40% or more the question's own is an echo throughout) was\n"
          "withdrawn after the test set showed it zeroing an honest essay its markers gave 6: that one decision\n"
          "was informed by the test set. The test figures in the table are after that round. Later, while the fact\n"
          "checks were reworked (an opening date governs its clause, namesake events), a count of unconfirmed\n"
          "\"incorrect\" checks that still ran over the test set showed four of its sentences; the rules were written\n"
          "and tested on constructed sentences of the same kinds, but the test set's fact figures are no longer\n"
          "wholly unseen.")


#: The later blind sets, each written after the rules above it and labelled by two markers before the grader
#: read it: (folder, section title, row name, what the section says).
LATER_SETS: tuple[tuple[Path, str, str, tuple[str, ...]], ...] = (
    (FRESH2, 'Second fresh samples', 'second fresh samples', (
        'Twenty-four essays by three more writers (an ordinary class, parts present in words but absent in',
        'substance, false facts of every kind), labelled blind by two markers and committed before the grader',
        'read them (samples/fresh2/README.md). Their first run, with every rule tuned on the sets above, is',
        'the best estimate here of essays written by others: overall QWK 0.606 and 0.634, on topic 0.616 and',
        '0.613, a third of their listed errors. Rules informed by them afterwards, all general: the order of',
        'two events, percentages, lengths after a verb of lasting, a wrong name in a list of signatories,',
        'offices of foreign minister and secretary of state, evidence with two false claims is not fully',
        'accurate, an essay dated only outside the question\'s period is off topic, "against" or',
        '"Nationalist" alone is no tension, and a generic benefit is no final reason. The figures below',
        'are after those.',
    )),
    (FRESH3, 'Third fresh samples', 'third fresh samples', (
        'Twenty-four essays by three more writers, labelled blind by two markers and committed before the',
        'grader read them, once every rule above had been written (samples/fresh3/README.md). Their first',
        'run is the figure to trust for essays by others: QWK 0.721 and 0.759, on topic 0.399 and 0.464,',
        'bias +0.04, 42% and 34% of the listed errors reported, 6 and 4 shown as correct. The rules of commit',
        '8861791 (before opening scenes, namesake events, the order of events, percentages and lengths, the',
        "question's period and the limit on false claims in the evidence) gave QWK 0.760 and 0.790, on topic",
        '0.451 and 0.503, bias +0.23, 32% and 25% of the errors: the newer rules report more errors and run',
        "less high, but essays whose wrong places and names are now found lose their paragraphs' developed",
        'parts where the markers gave 5 and 6. Changes informed by them afterwards, all general: a right',
        'place or person confirms a claim only beside its event, a place after "government" or',
        '"headquarters" is not the event\'s, "and" between two names is no list, the 1950 treaty is also',
        'named by its signers, and more offices and places as rubric data. The figures below are after those.',
    )),
    (FRESH4, 'Fourth fresh samples', 'fourth fresh samples', (
        'Twenty-four essays by three more writers (a class across the whole range, excerpts and gaming,',
        'accuracy as a real class varies), labelled blind by two markers and committed before the grader',
        'read them, after every rule above (samples/fresh4/README.md). Their first run: QWK 0.557 and',
        '0.599, on topic 0.475 and 0.510, bias -0.41 and -0.32, 38% of the listed errors reported. The',
        'rules of commit 8861791 gave QWK 0.622 and 0.666, on topic 0.553 and 0.591, bias +0.04 and +0.14,',
        '25% of the errors: on these essays the newer rules mark lower than the markers and agree less.',
        "Most of the difference is essays with one or two slips, now found, whose paragraphs' parts turn",
        "thin (a 7 marked 3.5), and three false alarms that spoiled good essays' paragraphs (a 10 marked",
        '4.6): a colon read as a list of names, "what Yalta had given him in Manchuria" read as Manchuria',
        'given, and a side after "to" read as a giver. Those three were fixed, generally, as was Khrushchev',
        'as leader in an epilogue already past 1953, and the figures below are after them. Letting only an essay with two or three false claims spoil its paragraphs',
        'helped here and on the sample set but lost as much on the hard and earlier fresh sets, so it was',
        'not kept. After that (QWK 0.664 and 0.708), two more general changes: a sentence that refers to',
        'the treaty without naming it ("the treaty was finally signed ...", "It was to last ...") is',
        'checked as the treaty the paragraph means, which raised the errors reported on every fresh set;',
        'and a list item written out as a full sentence counts toward a developed part like any sentence',
        '(an answer in full-sentence bullets that both markers gave 8 and 9 had scored 4).',
    )),
    (FRESH5, 'Fifth fresh samples', 'fifth fresh samples', (
        'Twenty-four hard cases by three more writers (well-written essays that each miss one part,',
        "padding, neighbouring alliances in the question's words, excerpts, notes, a narrative that never",
        'explains, invented and reversed facts, dates a year off, unusual correct facts), labelled blind by',
        'two markers and committed before the grader read them (samples/fresh5/README.md). Their first',
        "run: QWK 0.654 and 0.661, on topic 0.535 and 0.537, bias +0.73, teacher's zero parts left at zero",
        '38% and 46%, 34% and 36% of the listed errors reported, 8 shown as correct: far below the sets',
        "tuned on. The changes they informed, each general: a short answer to the essay's own",
        'question ("Ideologically, yes; nationally, only partly.") is no list of terms; when most of an',
        "essay digresses, a paragraph naming none of the rubric's actors digresses too (an essay on the",
        'US-Japan treaty had kept its judgement paragraph); and five claims that turn the history round,',
        'made by writers of two or more sets, became misconceptions in the rubric (who apologised to whom,',
        "who kept whom waiting, Soviet industry handed to the CCP, Taiwan inside Acheson's perimeter, no",
        'treaty with Chiang).',
    )),
    (FRESH6, 'Sixth fresh samples', 'sixth fresh samples', (
        'Twenty-four hard cases by three more writers (good essays each missing one part, a judgement on the',
        "wrong alliance, today's China-Russia partnership and the Korean War in the question's words, false",
        'facts outside the famous ones, an interview, notes in Word bullets), labelled blind by two markers',
        'and committed before the grader read them (samples/fresh6/README.md). Their first run: QWK 0.589',
        'and 0.621, on topic 0.550 and 0.582, bias -0.50 and -0.48, 45% of the listed errors reported, 3',
        "shown as correct. Most of the gap was reading, not judging: Word's bulleted paragraphs were read as",
        'headings (revision notes marked 0 that both markers gave 5), a question in a paragraph of its own',
        "was not carried into the answer after it (an interview the markers gave 9 marked 5), a long",
        'sentence listing events was taken for stuffing, and "President Chiang Kai-shek", "Gao Gang\'s',
        'administration", "reluctance to sign" and "as he had agreed at Yalta" were reported as wrong',
        'facts in essays with none. The changes they informed, each general: Word lists read as lists,',
        'a question standing alone is answered by the next paragraph, stuffing is a share of the words as',
        "well as a count, a title other offices share names an office only beside its holders, an",
        'intention or reluctance is no claim that a thing was done, a past perfect is outside the reach of',
        "an opening date, years written in words are years, each of Mao's two arrivals in Moscow has its own",
        "month, and an essay with fewer than three in ten of its dates in the question's years is about",
        'another period. Still wrong after them: a judgement on how natural the US-Nationalist alliance was',
        'is credited as the judgement asked for (cordelia, marked 10 against 6), and essays with one or two',
        "slips lose their paragraphs' developed parts where the markers keep them (bettina, 4 against 7 and 6).",
    )),
    (FRESH7, 'Seventh fresh samples', 'seventh fresh samples', (
        'Twenty-four essays by three more writers (an ordinary class across the whole range, hard cases of',
        'missing and misplaced parts, padding and swapped names, facts in unusual forms, a Word table and a',
        'numbered list), labelled blind by two markers and committed before the grader read them, once the',
        "rules informed by the sixth set were in place (samples/fresh7/README.md). Their first run: QWK 0.812",
        'and 0.803, on topic 0.820 and 0.824, bias +0.48 and +0.39, but the parts agree less (mean part',
        'kappa 0.51 and 0.49), the marks follow length here (the word-count baseline reaches 0.78 and 0.77),',
        "and only 26% and 27% of the listed errors are reported, 10 and 9 shown as correct: wrong places",
        '("the Yalta Conference in Moscow"), the two Chinese parties\' names swapped throughout, events of',
        'the later split given as causes, anachronisms and generic errors outside the fact list. Changes',
        'they informed, each general and changing no mark on any set: dates written in figures give their',
        'month where they can be read only one way, an opening date may follow a word of sequence ("Then in',
        '1949 ..."), and "arriving" and "travelling" are journeys. A place named in an event\'s own name',
        '("the Yalta Conference") still counts as the event\'s place, so "the Yalta Conference in Moscow" is',
        "not caught: reading the name as no place caught it but also read \"rights in Manchuria\" as where",
        'Yalta met, in an essay both markers gave 8, and was not kept.',
    )),
)


def _by_marker(folder: Path, rubric) -> dict[str, Report]:
    """A set's report against each of its markers' labels (labels.jsonl is A, labels_b.jsonl is B)."""
    return {marker: evaluate(folder, folder / name, rubric) for marker, name in (("A", "labels.jsonl"),
                                                                                ("B", "labels_b.jsonl"))
            if (folder / name).exists()}


def _section(title: str, prose: list[str], name: str, reports: dict[str, Report], header: str) -> list[str]:
    """A set's section: its title, what it is, and its row against each marker ("" for a set with one)."""
    rows = [_row(f"{name} vs marker {marker}" if marker else name, report) for marker, report in reports.items()]
    return ["", f"## {title}", "", *prose, "", header, *rows]


def _row(name: str, report: Report) -> str:
    lo, hi = report.qwk_interval
    blo, bhi = report.baseline_interval
    kappas = [f["qwk"] for f in report.elements.values()]
    return (f"| {name} | {report.essays} | {report.qwk:.3f} [{lo:.2f}, {hi:.2f}] | {report.baseline_qwk:.3f} "
            f"[{blo:.2f}, {bhi:.2f}] | {report.qwk - report.baseline_qwk:+.3f} | {report.exact:.0%} | "
            f"{report.within_one:.0%} | {sum(kappas) / len(kappas):.3f} | {min(kappas):.3f} |")


def _honesty_row(name: str, report: Report) -> str:
    h = report.honesty
    old = HONESTY_BEFORE.get(name)
    was = (f" (was {old[0]:.3f}, {old[1]:+.2f}, {old[2]:.0%}, {old[3]:.0%}, {old[4]})" if old else "")
    return (f"| {name} | {QWK_BEFORE.get(name, float('nan')):.3f} → {report.qwk:.3f} | {h['on_topic_qwk']:.3f} | "
            f"{h['on_topic_bias']:+.2f} | {h['zero_parts_left_at_zero']:.0%} of {h['teacher_zero_parts']} | "
            f"{h['labelled_errors_reported']:.0%} of {h['labelled_errors']} | {h['labelled_errors_shown_correct']} |{was} |")


def markers_row(a: dict, b: dict, rubric) -> tuple[str, dict[str, float]]:
    ids = sorted(set(a) & set(b))
    x, y = [a[i].overall for i in ids], [b[i].overall for i in ids]
    lo, hi = bootstrap_interval(x, y, TEN)
    exact, within = agreement(x, y)
    per = {e.id: quadratic_weighted_kappa([a[i].levels[e.id] for i in ids], [b[i].levels[e.id] for i in ids], LEVELS)
           for e in rubric.elements}
    kappa = quadratic_weighted_kappa(x, y, TEN)
    row = (f"| marker A vs marker B (the ceiling) | {len(ids)} | {kappa:.3f} [{lo:.2f}, {hi:.2f}] | – | – | "
           f"{exact:.0%} | {within:.0%} | {sum(per.values()) / len(per):.3f} | {min(per.values()):.3f} |")
    return row, per


def gaming_rows(rubric) -> list[str]:
    """Each test essay written as gaming or off-topic: its mark and flags."""
    kinds = TESTSET / "kinds.csv"
    if not kinds.exists():
        return []
    rows = []
    with kinds.open(encoding="utf-8") as fh:
        for entry in csv.DictReader(fh):
            result = grade_file(TESTSET / f"{entry['id']}.txt", rubric)
            flags = ", ".join(f.code for f in result.flags) or "none"
            verdict = "yes" if result.mark <= 2 and result.flags else "NO"
            rows.append(f"| {entry['id']} | {entry['kind']} | {result.mark} | {flags} | {verdict} |")
    return rows


def main() -> None:
    rubric = load_rubric("sino-soviet-alliance")
    header = ("| set | essays | QWK (95% interval) | word-count baseline | gain | exact | within one | "
              "mean part kappa | lowest part kappa |\n|---|---|---|---|---|---|---|---|---|")
    lines = ["# Accuracy", "",
             "Agreement between grader's mark out of 10 (percent / 10, rounded half up) and teachers' marks,",
             "measured by `grader evaluate`. The sample set is what the rubric and rules were tuned on; the test set",
             "was written and marked by two independent markers before the grader was ever run on it, and is never",
             "tuned on. The baseline predicts the mark from word count alone (leave-one-out monotone fit).",
             "Regenerate with `python scripts/accuracy.py`.", "", header]
    sample = evaluate(ROOT / "samples", ROOT / "samples" / "labels.jsonl", rubric)
    lines.append(_row("sample set (tuned on), one marker per essay", sample))
    per_test: dict[str, Report] = {}
    if (TESTSET / "labels_a.jsonl").exists():
        for marker in ("a", "b"):
            per_test[marker] = evaluate(TESTSET, TESTSET / f"labels_{marker}.jsonl", rubric)
            lines.append(_row(f"test set vs marker {marker.upper()}", per_test[marker]))
        a = read_labels(TESTSET / "labels_a.jsonl", rubric)
        b = read_labels(TESTSET / "labels_b.jsonl", rubric)
        row, markers = markers_row(a, b, rubric)
        lines.append(row)
        lines += ["", BEFORE, "", "## Per part of the question (quadratic kappa on levels 0-2)", "",
                  "| part | sample set | test vs A | test vs B | A vs B | baseline (test vs A) |", "|---|---|---|---|---|---|"]
        for e in rubric.elements:
            lines.append(f"| {e.id} | {sample.elements[e.id]['qwk']:.3f} | {per_test['a'].elements[e.id]['qwk']:.3f} | "
                         f"{per_test['b'].elements[e.id]['qwk']:.3f} | {markers[e.id]:.3f} | "
                         f"{per_test['a'].elements[e.id]['baseline_qwk']:.3f} |")
    hard = _by_marker(HARD, rubric)
    if hard:
        lines += _section("Hard samples", [
                  "Fifty essays written as hard cases by design (parts left out, false facts outside the fact bank,",
                  "correct facts that are easy to misread, excerpts, neighbouring alliances in the question's words,",
                  "refusals and reported opinions, narratives that never explain), labelled by two independent markers",
                  "before any rule was changed on them (samples/hard/README.md). Tuned on, like the rest of the",
                  "samples. The before figures below are for the first forty-four."], "hard samples", hard, header)
    fresh = evaluate(FRESH, FRESH / "labels.jsonl", rubric) if (FRESH / "labels.jsonl").exists() else None
    if fresh:
        lines += ["", "## Fresh samples", "",
                  "Twenty-four hard cases by new writers, labelled blind and committed before the grader read them, once",
                  "the rules had been tuned on the sets above (samples/fresh/README.md). Their first run measured how",
                  "far the tuning carried: overall QWK 0.690, on topic 0.516. Three changes were informed by them",
                  "afterwards, all general: an essay with a substantial answer is never off topic for its epilogue, a",
                  "negation denies only its own clause, and a denied event is not confirmed. The figures below are",
                  "after those and the rest of the round.", "", header,
                  _row("fresh samples", fresh)]
    later = {name: _by_marker(folder, rubric) for folder, _, name, _ in LATER_SETS}
    for _, title, name, prose in LATER_SETS:
        if later[name]:
            lines += _section(title, list(prose), name, later[name], header)
    lines += ["", "## Marks running high, absent parts, facts", "",
              "QWK hides a grader that is consistently generous. On topic: QWK and mean bias (grader minus teacher) on",
              "the essays the teacher marked on topic; zero parts: of the parts the teacher scored 0, the share the",
              "grader left at 0; errors: the teacher's listed factual errors reported as incorrect, and how many were",
              "shown as correct. In brackets, each figure before the rules that read what a sentence claims (for the",
              "fresh samples: their first run).", "",
              "| set | QWK before → now | on-topic QWK | bias | zero parts at 0 | errors reported | shown correct | "
              "before (on-topic, bias, zero, errors, shown) |", "|---|---|---|---|---|---|---|---|",
              _honesty_row("sample set", sample)]
    for marker, report in hard.items():
        lines.append(_honesty_row(f"hard samples vs marker {marker}", report))
    if fresh:
        lines.append(_honesty_row("fresh samples", fresh))
    for name, reports in later.items():
        for marker, report in reports.items():
            lines.append(_honesty_row(f"{name} vs marker {marker}", report))
    for marker, report in per_test.items():
        lines.append(_honesty_row(f"test set vs marker {marker.upper()}", report))
    gaming = gaming_rows(rubric)
    if gaming:
        lines += ["", "## Gaming and off-topic essays of the test set", "",
                  "Each must score at most 2/10 and carry a flag.", "",
                  "| essay | written as | grader's mark | flags | at most 2 and flagged |", "|---|---|---|---|---|", *gaming]
    lines += ["", "## Largest disagreements on the test set (marker A)", ""]
    if per_test:
        for d in per_test["a"].disagreements:
            lines.append(f"- {d['id']}: teacher {d['teacher']}, grader {d['grader']}: {d['reason']}")
    out = ROOT / "docs" / "accuracy.md"
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {out}")
    print(json.dumps({"sample_qwk": round(sample.qwk, 3), **{f"test_{k}_qwk": round(v.qwk, 3) for k, v in per_test.items()}}))


if __name__ == "__main__":
    main()
