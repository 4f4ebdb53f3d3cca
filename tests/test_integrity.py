"""Integrity: repeating material, reworded or not, buys nothing and is named."""
from __future__ import annotations

import pytest

from grader import grade_text
from grader.rubric import Limits

from .conftest import DATA

REWORDED = (DATA / "essay_reworded_paragraph.txt").read_text(encoding="utf-8")
FIRST_PARAGRAPH = REWORDED.split("\n\n")[0]


def _flag(result, code):
    return next((f.message for f in result.flags if f.code == code), None)


def test_a_paragraph_reworded_and_pasted_again_counts_once(rubric):
    once, padded = grade_text(FIRST_PARAGRAPH, rubric), grade_text(REWORDED, rubric)
    assert padded.percent == once.percent  # the synonym version and the reordered one add nothing
    assert "repeat earlier ones" in _flag(padded, "repetition")
    assert _flag(once, "repetition") is None
    assert padded.word_count > 2 * once.word_count  # the result still counts every word written


def test_repeats_count_once_toward_the_length_limit(rubric):
    strict = rubric.model_copy(update={"limits": Limits(min_words=200)})
    message = _flag(grade_text(REWORDED, strict), "too_short")
    assert message is not None and "once repeats are counted once" in message


def test_the_repetition_flag_needs_twenty_repeated_words(rubric):
    twenty = "Stalin wanted Port Arthur and the Manchurian railway because they gave the Soviet Union a warm-water port in Asia"
    nineteen = "Stalin wanted Port Arthur and the Manchurian railway because they gave the Soviet Union a warm-water port there"
    base = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    assert _flag(grade_text(f"{base}\n\n{twenty}. So it was. {twenty}.", rubric), "repetition") is not None
    assert _flag(grade_text(f"{base}\n\n{nineteen}. So it was. {nineteen}.", rubric), "repetition") is None


HANDOUT = ("In the winter of 1949 Mao Zedong travelled to Moscow for his first meeting with Stalin. The Soviet leader "
           "kept his guest waiting for weeks before agreeing to negotiate a new treaty. The agreement that was finally "
           "signed in February 1950 promised mutual defence against Japan and any state allied with it, and gave "
           "China a modest loan.\n")
COPIED = ("In the winter of 1949 Mao Zedong went to Moscow for his first meeting with Stalin. The Soviet leader kept "
          "his guest waiting for weeks before agreeing to negotiate a brand new treaty.")


def _cli(*args):
    from click.testing import CliRunner

    from grader.cli import main

    return CliRunner().invoke(main, [str(a) for a in args])


def test_sources_folder_makes_a_copied_handout_earn_nothing(tmp_path):
    import json

    handouts, essays = tmp_path / "handouts", tmp_path / "essays"
    handouts.mkdir()
    essays.mkdir()
    (handouts / "textbook.txt").write_text(HANDOUT, encoding="utf-8")
    essay = essays / "copier.txt"
    essay.write_text(f"{(DATA / 'essay_developed.txt').read_text(encoding='utf-8')}\n\n{COPIED}\n", encoding="utf-8")
    plain = json.loads(_cli("grade", essay, "--format", "json").output)
    checked = json.loads(_cli("grade", essay, "--format", "json", "--sources", handouts).output)
    flag = next(f["message"] for f in checked["flags"] if f["code"] == "source_overlap")
    assert "2 sentences copy passages from \"textbook.txt\"" in flag and "% of the essay's words" in flag
    assert not any(f["code"] == "source_overlap" for f in plain["flags"])
    assert checked["score"] <= plain["score"]
    batch = _cli("batch", essays, "-o", tmp_path / "out", "--sources", handouts, "--quiet")
    assert batch.exit_code == 0
    assert "source_overlap" in (tmp_path / "out" / "gradebook.csv").read_text(encoding="utf-8-sig")


def test_a_quoted_or_attributed_handout_passage_is_no_copy(tmp_path, rubric):
    from grader.sources import with_sources

    (tmp_path / "textbook.txt").write_text(HANDOUT, encoding="utf-8")
    checked = with_sources(rubric, tmp_path)
    base = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    for honest in (f'The textbook says that "{COPIED}"', f"According to the textbook, {COPIED[0].lower()}{COPIED[1:]}"):
        result = grade_text(f"{base}\n\n{honest}\n", checked)
        assert _flag(result, "source_overlap") is None


@pytest.mark.parametrize("name, content, reason", [
    ("notes.pdf", b"%PDF-1.4", "a source must be .txt or .docx, not '.pdf'"),
    ("broken.docx", b"not a zip", "the source cannot be read"),
    ("empty.txt", b"", "the source cannot be read: the file is empty"),
])
def test_an_unreadable_source_is_a_one_line_error_and_exit_2(tmp_path, name, content, reason):
    (tmp_path / name).write_bytes(content)
    result = _cli("grade", DATA / "essay_developed.txt", "--sources", tmp_path)
    assert result.exit_code == 2
    line = result.output.strip()
    assert line.count("\n") == 0 and str(tmp_path / name) in line and reason in line and "Traceback" not in line


def test_a_missing_sources_folder_is_a_one_line_error(tmp_path):
    result = _cli("batch", DATA.parent / "data", "-o", tmp_path / "out", "--sources", tmp_path / "nowhere")
    assert result.exit_code == 2 and "the sources folder cannot be read" in result.output
    assert not (tmp_path / "out" / "gradebook.csv").exists()


def test_two_essays_sharing_long_passages_both_carry_shared_passage(tmp_path, rubric):
    import csv
    import json

    from grader import grade_file
    from grader.batch import run_batch

    from .conftest import SAMPLES

    essays = tmp_path / "class"
    essays.mkdir()
    developed = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    (essays / "first.txt").write_text(developed, encoding="utf-8")
    borrowed = "\n\n".join(developed.split("\n\n")[1:3])
    (essays / "second.txt").write_text((SAMPLES / "bea.txt").read_text(encoding="utf-8") + "\n\n" + borrowed,
                                       encoding="utf-8")
    (essays / "third.txt").write_text((SAMPLES / "ada.txt").read_text(encoding="utf-8"), encoding="utf-8")
    run_batch(essays, tmp_path / "out", workers=1)
    results = {r["student"]: r for r in map(json.loads, (tmp_path / "out" / "results.jsonl").read_text().splitlines())}
    for student, other in (("first", "second.txt"), ("second", "first.txt")):
        flag = next(f for f in results[student]["flags"] if f["code"] == "shared_passage")
        assert other in flag["message"] and "changes no mark" in flag["message"]
        alone = grade_file(essays / f"{student}.txt", rubric)
        assert results[student]["score"] == alone.score  # the flag changes no level
        assert "Shares long passages" in (tmp_path / "out" / "reports" / f"{student}.html").read_text(encoding="utf-8")
    assert not any(f["code"] == "shared_passage" for f in results["third"]["flags"])
    with open(tmp_path / "out" / "gradebook.csv", encoding="utf-8-sig", newline="") as handle:
        flags = {row["student"]: row["flags"] for row in csv.DictReader(handle)}
    assert "shared_passage" in flags["first"] and "shared_passage" in flags["second"]
    assert "shared_passage" not in flags["third"]
    overview = (tmp_path / "out" / "overview.md").read_text(encoding="utf-8")
    attention = overview.split("teacher's eye", 1)[1]
    assert "first: shares long passages with a classmate" in attention


def test_an_answer_only_in_a_table_is_read_row_by_row_and_earns_at_most_thin(rubric):
    from grader.documents import document_from_text
    from grader.grading import analyse_document

    text = (DATA / "essay_table_answer.txt").read_text(encoding="utf-8")
    result = grade_text(text, rubric)
    assert all(e.level <= 1 for e in result.elements) and sum(e.level for e in result.elements) >= 6
    analysis = analyse_document(document_from_text(text), rubric)
    rows = [s for s in analysis.sentences.items if s.list_item]
    assert len(rows) >= 9 and all(analysis.sentences.text_of(s).count("\n") == 0 for s in rows)


def test_a_table_beside_prose_leaves_the_prose_its_credit(rubric):
    base = (DATA / "essay_developed.txt").read_text(encoding="utf-8")
    table = "| Year | Event |\n|---|---|\n| 1949 | People's Republic proclaimed |\n| 1950 | Treaty signed in Moscow |"
    assert [e.level for e in grade_text(f"{base}\n\n{table}\n", rubric).elements] == \
           [e.level for e in grade_text(base, rubric).elements]


def test_an_essay_in_another_language_is_not_marked_and_says_so(rubric, validate):
    from grader import grade_file

    result = grade_file(DATA / "essay_french.txt", rubric)
    data = validate(result)
    assert (data["score"], data["percent"], data["band"]) == (None, None, "Not marked")
    assert result.mark is None and all(e.level == 0 for e in result.elements)
    assert [f.code for f in result.flags] == ["language"]  # never off topic or a list of terms
    assert result.flags[0].message.startswith("Written in French; this rubric marks English essays")
    report = _cli("grade", DATA / "essay_french.txt")
    assert report.exit_code == 0 and "Mark: none (Not marked)" in report.output and "Next step" not in report.output


def test_a_class_with_an_essay_in_another_language(tmp_path):
    import csv
    import shutil

    from grader.batch import run_batch
    from grader.evaluate import evaluate

    from .conftest import SAMPLES

    essays = tmp_path / "class"
    essays.mkdir()
    shutil.copy(DATA / "essay_french.txt", essays / "amelie.txt")
    shutil.copy(SAMPLES / "ada.txt", essays / "ada.txt")
    run_batch(essays, tmp_path / "out", workers=1)
    with open(tmp_path / "out" / "gradebook.csv", encoding="utf-8-sig", newline="") as handle:
        rows = {row["student"]: row for row in csv.DictReader(handle)}
    assert (rows["amelie"]["score"], rows["amelie"]["percent"], rows["amelie"]["band"]) == ("", "", "Not marked")
    assert rows["amelie"]["flags"] == "language" and rows["ada"]["score"]
    overview = (tmp_path / "out" / "overview.md").read_text(encoding="utf-8")
    assert "amelie: written in another language: not marked" in overview
    labels = tmp_path / "labels.jsonl"
    labels.write_text('{"id": "amelie", "overall": 6}\n{"id": "ada", "overall": 9}\n', encoding="utf-8")
    report = evaluate(essays, labels, _bundled())
    assert report.essays == 1 and report.not_marked and report.not_marked[0].startswith("amelie (Written in French")


def _bundled():
    from grader.rubric import load_rubric

    return load_rubric("sino-soviet-alliance")


def test_a_word_table_is_read_row_by_row_too(tmp_path, rubric):
    import docx

    from grader import grade_file

    rows = [line.strip("| ").split(" | ") for line in
            (DATA / "essay_table_answer.txt").read_text(encoding="utf-8").splitlines()
            if line.startswith("| ") and "---" not in line]
    document = docx.Document()
    document.add_paragraph("The Sino-Soviet Alliance")
    table = document.add_table(rows=len(rows), cols=2)
    for r, (part, answer) in enumerate(rows):
        table.cell(r, 0).text, table.cell(r, 1).text = part, answer.rstrip(" |")
    path = tmp_path / "table.docx"
    document.save(path)
    result = grade_file(path, rubric)
    assert all(e.level <= 1 for e in result.elements) and sum(e.level for e in result.elements) >= 6
    assert any(q.text.startswith("The CCP's view | ") for e in result.elements for q in e.evidence)


def test_one_paragraph_pasted_four_times_with_hidden_characters_earns_what_it_earns_once(rubric):
    import re

    once = FIRST_PARAGRAPH
    hidden = re.sub(r"([a-z])([a-z])", "\\1\u200b\\2", once, count=60)
    pasted = grade_text("\n\n".join([once, hidden, hidden, hidden, once.upper()]), rubric)
    alone = grade_text(once, rubric)
    assert pasted.percent == alone.percent and [e.level for e in pasted.elements] == [e.level for e in alone.elements]
    assert _flag(pasted, "repetition") is not None and _flag(pasted, "off_topic") is None


def test_reports_of_an_essay_that_was_not_marked_show_no_parts(rubric, tmp_path):
    import io

    import docx

    from grader import grade_file
    from grader.reports import render_bytes

    result = grade_file(DATA / "essay_french.txt", rubric)
    markdown = render_bytes(result, "md").decode("utf-8")
    html = render_bytes(result, "html").decode("utf-8")
    assert "Mark: none — Not marked" in markdown and "Each part of the question" not in markdown
    assert "Written in French" in html and "Each part of the question" not in html
    word = docx.Document(io.BytesIO(render_bytes(result, "docx")))
    assert any(p.text == "Mark: none — Not marked" for p in word.paragraphs) and not word.tables
