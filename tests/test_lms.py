"""LMS export: a Canvas gradebook export or a Moodle grading worksheet comes back filled, every other byte kept."""
from __future__ import annotations

import csv
import io

import pytest

from grader.lms import FUZZY_THRESHOLD, LmsError, Marked, export_canvas, export_csv, export_moodle

CANVAS_HEADER = ("Student,ID,SIS User ID,SIS Login ID,Section,Essay 1 (4401),Quiz 3 (4402),Current Score,"
                 "Unposted Current Score,Final Score,Final Grade\r\n")
POINTS_ROW = "    Points Possible,,,,,20.00,10.00,(read only),(read only),(read only),(read only)\r\n"
MOODLE_HEADER = ("Identifier,Full name,Email address,Status,Grade,Maximum Grade,Grade can be changed,"
                 "Last modified (submission),Last modified (grade),Feedback comments\n")


def marked(student, name=None, mark=7, feedback="Clear argument.\nAdd a date for the treaty."):
    return Marked(student=student, name=name or student, mark=mark, band="Secure", feedback=feedback)


def _rows(path, encoding="utf-8"):
    return list(csv.reader(io.StringIO(path.read_text(encoding=encoding), newline="")))


def _lines(path):
    return path.read_bytes().split(b"\n")


@pytest.fixture
def canvas_two(tmp_path):
    """A Canvas export with a Points Possible row, two assignments, computed totals and CRLF line ends."""
    roster = tmp_path / "canvas.csv"
    roster.write_bytes((CANVAS_HEADER + POINTS_ROW
                        + '"Okafor, Chidi",9101,s9101,chidi.okafor,"Year 12, History",,8.00,40,40,40,C\r\n'
                        + '"Ramírez, José",9102,s9102,jose.ramirez,Year 12 History,,,,,,\r\n'
                        + '"Tanaka, Ren",9103,s9103,ren.tanaka,"Year 12, History",15,9,"80.5",80,80,B\r\n'
                        ).encode("utf-8"))
    return roster


@pytest.mark.parametrize("assignment", ["Essay 1 (4401)", "essay 1 (4401)", "Essay 1", "ESSAY 1"],
                         ids=["exact", "case", "prefix", "prefix-case"])
def test_canvas_fills_the_named_assignment_and_keeps_every_other_byte(canvas_two, tmp_path, assignment):
    out = tmp_path / "filled.csv"
    report = export_canvas(canvas_two, [marked("chidi_okafor", "Chidi Okafor", 17), marked("jose_ramirez", mark=12)],
                           out, assignment=assignment)
    assert report.written == out
    assert (report.fuzzy, report.unmatched_essays, report.unmatched_students) == ([], [], ["Tanaka, Ren"])
    before, after = _lines(canvas_two), _lines(out)
    assert after[0] == before[0] and after[1] == before[1] and after[4] == before[4]  # header, points, Tanaka
    assert after[2].endswith(b"\r") and after[3].endswith(b"\r")  # rewritten rows keep the file's line ends
    rows = _rows(out)
    assert rows[2] == ["Okafor, Chidi", "9101", "s9101", "chidi.okafor", "Year 12, History", "17", "8.00", "40", "40",
                       "40", "C"]
    assert rows[3][0] == "Ramírez, José" and rows[3][5:7] == ["12", ""]
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")


def test_canvas_with_one_assignment_needs_no_name(tmp_path):
    roster = tmp_path / "canvas.csv"
    # an assignment's title may hold a computed column's words: its Canvas id "(77)" says it is an assignment
    roster.write_text("Student,ID,SIS User ID,SIS Login ID,Section,Final Grade Reflection (77),Current Score,Final Grade\n"
                      "Brennan Zoe,501,,,7B,,0,F\n"
                      "Walsh Ida,502,,,7B,6,60,D\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    report = export_canvas(roster, [marked("zoe_brennan", "Zoë Brennan", 9)], out)
    # "Brennan Zoe" is the same words reordered: a match, but not an exact one, so it is reported
    assert report.fuzzy == [("zoe_brennan", "Brennan Zoe", 100.0)]
    assert _rows(out)[1] == ["Brennan Zoe", "501", "", "", "7B", "9", "0", "F"]
    assert _lines(out)[2] == b"Walsh Ida,502,,,7B,6,60,D"
    assert report.unmatched_students == ["Walsh Ida"]


def test_canvas_with_two_assignments_and_none_named_lists_them(canvas_two, tmp_path):
    with pytest.raises(LmsError) as caught:
        export_canvas(canvas_two, [marked("chidi_okafor")], tmp_path / "out.csv")
    message = str(caught.value)
    assert message == (f'{canvas_two}: several assignment columns, name one with --assignment: '
                       '"Essay 1 (4401)", "Quiz 3 (4402)"')
    assert not (tmp_path / "out.csv").exists()


def test_canvas_assignment_not_found_lists_the_columns(canvas_two, tmp_path):
    with pytest.raises(LmsError, match=r'no assignment column "Essay 2"; the assignment columns are: '
                                       r'"Essay 1 \(4401\)", "Quiz 3 \(4402\)"$'):
        export_canvas(canvas_two, [], tmp_path / "out.csv", assignment="Essay 2")


def test_canvas_unmarked_essay_never_blanks_a_mark(canvas_two, tmp_path):
    out = tmp_path / "out.csv"
    report = export_canvas(canvas_two, [marked("ren_tanaka", "Ren Tanaka", None)], out, assignment="Essay 1")
    assert _rows(out)[4][5] == "15"
    assert "Tanaka, Ren" not in report.unmatched_students


def test_moodle_worksheet_gets_grade_and_feedback(tmp_path):
    roster = tmp_path / "worksheet.csv"
    roster.write_bytes(b"\xef\xbb\xbf" + (MOODLE_HEADER
                       + "Participant 3301,Ines Duarte,ines@school.example,Submitted for grading,,20.00,Yes,"
                         '"Monday, 3 March 2025, 9:14 AM",-,\n'
                       + "Participant 3302,Kofi Mensah,kofi@school.example,No submission,,20.00,Yes,-,-,\n"
                       ).encode("utf-8"))
    out = tmp_path / "filled.csv"
    report = export_moodle(roster, [marked("ines_duarte", "Ines Duarte", 14, "=Strong opening.\nName the treaty.")],
                           out)
    assert out.read_bytes().startswith(b"\xef\xbb\xbf" + MOODLE_HEADER.encode())
    rows = list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert rows[1] == ["Participant 3301", "Ines Duarte", "ines@school.example", "Submitted for grading", "14", "20.00",
                       "Yes", "Monday, 3 March 2025, 9:14 AM", "-", "=Strong opening.\nName the treaty."]
    assert _lines(out)[-2] == _lines(roster)[-2]  # Kofi's row, untouched
    assert (report.fuzzy, report.unmatched_essays, report.unmatched_students) == ([], [], ["Kofi Mensah"])


def test_misspelt_name_is_matched_and_reported_with_its_score(tmp_path):
    roster = tmp_path / "worksheet.csv"
    roster.write_text(MOODLE_HEADER
                      + "Participant 1,Katarina Novak,kn@school.example,Submitted,,20,Yes,-,-,\n"
                      + "Participant 2,Dmitri Volkov,dv@school.example,Submitted,,20,Yes,-,-,\n"
                      + "Participant 3,Amara Osei,ao@school.example,No submission,,20,Yes,-,-,\n", encoding="utf-8")
    essays = [marked("hugo_brandt", "Hugo Brandt", 11), marked("katrina_novak", "Katrina Novak", 13),
              marked("dmitri-volkov", mark=16)]
    report = export_moodle(roster, essays, tmp_path / "out.csv")
    assert report.fuzzy == [("katrina_novak", "Katarina Novak", 96.3)]
    assert report.fuzzy[0][2] >= FUZZY_THRESHOLD
    assert report.unmatched_essays == ["hugo_brandt"]
    assert report.unmatched_students == ["Amara Osei"]
    assert [(row[1], row[4]) for row in _rows(tmp_path / "out.csv")[1:]] == [
        ("Katarina Novak", "13"), ("Dmitri Volkov", "16"), ("Amara Osei", "")]


def test_unclear_matches_are_left_undone(tmp_path):
    roster = tmp_path / "worksheet.csv"
    roster.write_text(MOODLE_HEADER
                      + "P1,Lena Fischer,,,,20,Yes,-,-,\n"
                      + "P2,Lina Fischer,,,,20,Yes,-,-,\n"
                      + "P3,Omar Haddad,,,,20,Yes,-,-,\n"
                      + "P4,Sami Kallio,,,,20,Yes,-,-,\n"
                      + "P5,Sam Lee,,,,20,Yes,-,-,\n"
                      + "P6,Sam Lee,,,,20,Yes,-,-,\n", encoding="utf-8")
    # two essays for Omar; "Lana" is as close to Lena as to Lina; two students are called Sam Lee
    essays = [marked("omar_haddad", "Omar Haddad"), marked("o_haddad", "Omar Haddad"), marked("lana_fischer"),
              marked("sami_kallio"), marked("sam_lee")]
    report = export_moodle(roster, essays, tmp_path / "out.csv")
    assert report.unmatched_essays == ["omar_haddad", "o_haddad", "lana_fischer", "sam_lee"]
    assert report.fuzzy == []
    assert report.unmatched_students == ["Lena Fischer", "Lina Fischer", "Omar Haddad", "Sam Lee", "Sam Lee"]
    assert [row[4] for row in _rows(tmp_path / "out.csv")[1:]] == ["", "", "", "7", "", ""]


@pytest.mark.parametrize("export", [export_moodle, lambda roster, essays, out: export_canvas(roster, essays, out)],
                         ids=["moodle", "canvas"])
def test_roster_without_its_name_column_is_refused_in_one_line(tmp_path, export):
    roster = tmp_path / "roster.csv"
    roster.write_text("Identifier,Name,Grade,Feedback comments,Section,Essay (1)\nP1,Ana Lopes,,,,\n", encoding="utf-8")
    with pytest.raises(LmsError) as caught:
        export(roster, [marked("ana_lopes")], tmp_path / "out.csv")
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{roster}: not a ")
    assert ('no "Full name" column' if export is export_moodle else 'no "Student" column') in message
    assert not (tmp_path / "out.csv").exists()


def test_missing_roster_is_refused(tmp_path):
    with pytest.raises(LmsError, match=r"absent\.csv: file not found$"):
        export_moodle(tmp_path / "absent.csv", [], tmp_path / "out.csv")


def test_cp1252_roster_is_read_and_written_as_utf8(tmp_path):
    roster = tmp_path / "worksheet.csv"
    roster.write_bytes((MOODLE_HEADER + "P1,Zoë Ångström,,,,20,Yes,-,-,Résumé needed\n"
                        + "P2,Björn Lecki,,,,20,Yes,-,-,\n").encode("cp1252"))
    out = tmp_path / "out.csv"
    report = export_moodle(roster, [marked("zoe_angstrom", mark=18, feedback="Good.")], out)
    assert report.fuzzy == [] and report.unmatched_students == ["Björn Lecki"]
    assert not out.read_bytes().startswith(b"\xef\xbb\xbf")
    rows = _rows(out)
    assert rows[1][1] == "Zoë Ångström" and rows[1][4] == "18" and rows[1][9] == "Good."
    assert rows[2][1] == "Björn Lecki"


def test_export_csv_guards_formulas(tmp_path):
    out = tmp_path / "marks.csv"
    essays = [marked("=HYPERLINK(1)", "+Ada", 5, "-not a formula\nsecond line"),
              Marked("tab", "\tTab", None, "@band", "fine"), marked("plain_name", "Plain Name", 3, "Fine work.")]
    report = export_csv(essays, out)
    assert (report.written, report.fuzzy, report.unmatched_essays, report.unmatched_students) == (out, [], [], [])
    assert out.read_bytes().startswith(b"\xef\xbb\xbfstudent,name,mark,band,feedback\n")
    assert list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline=""))) == [
        ["student", "name", "mark", "band", "feedback"],
        ["'=HYPERLINK(1)", "'+Ada", "5", "Secure", "'-not a formula\nsecond line"],
        ["tab", "'\tTab", "", "'@band", "fine"],
        ["plain_name", "Plain Name", "3", "Secure", "Fine work."],
    ]


def test_batch_fills_in_a_canvas_gradebook_and_lists_what_did_not_match(tmp_path):
    from click.testing import CliRunner

    from grader.cli import main

    from .conftest import DATA

    essays = tmp_path / "class"
    essays.mkdir()
    body = (DATA / "essay_developed.txt").read_text(encoding="utf-8").split("\n\n", 1)[1]
    (essays / "essay1.txt").write_text(f"Name: Katarina Novak\n\n{body}", encoding="utf-8")
    (essays / "essay2.txt").write_text(f"Name: Omar Haddad\n\n{body}", encoding="utf-8")
    roster = tmp_path / "canvas.csv"
    header = "Student,ID,SIS User ID,SIS Login ID,Section,Origins essay (5521)\n"
    roster.write_text(header + '    Points Possible,,,,,10\n"Novak, Katrina",101,s101,kn,History 12,\n'
                               '"Lund, Erik",102,s102,el,History 12,\n', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", str(essays), "-o", str(out), "--quiet", "--export", "canvas",
                                       "--roster", str(roster)])
    assert result.exit_code == 0, result.output
    filled = (out / "canvas.csv").read_text(encoding="utf-8")
    assert filled.startswith(header + "    Points Possible,,,,,10\n")
    assert "matched essay1 to 'Novak, Katrina' by a similar name" in result.output
    assert "essays with no student in the roster: essay2" in result.output
    assert "students in the roster with no essay: Lund, Erik" in result.output
    no_roster = CliRunner().invoke(main, ["batch", str(essays), "-o", str(out), "--export", "moodle"])
    assert no_roster.exit_code == 2 and "--export moodle needs --roster" in no_roster.output
