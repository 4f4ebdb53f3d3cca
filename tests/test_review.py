"""`grader review`: the teacher's page, in a real browser. A level set with one click reaches overrides.csv
and the essay's report; the page answers only requests carrying its token. Needs Debian's chromium and
chromium-driver with selenium; skipped, with the reason, where they are missing."""
from __future__ import annotations

import shutil
import threading
import urllib.error
import urllib.request

import pytest
from click.testing import CliRunner

from grader.cli import main
from grader.review import serve

from .conftest import ROOT


@pytest.fixture
def batch(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    for name in ("ada.txt", "ben.txt", "cora.txt"):
        (folder / name).write_bytes((ROOT / "samples" / name).read_bytes())
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["batch", str(folder), "-o", str(out), "--quiet", "--workers", "1"]).exit_code == 0
    return out


@pytest.fixture
def server(batch):
    started: dict = {}
    ready = threading.Event()

    def on_ready(url, srv):
        started.update(url=url, server=srv)
        ready.set()

    thread = threading.Thread(target=serve, args=(batch,), kwargs={"open_browser": False, "ready": on_ready}, daemon=True)
    thread.start()
    assert ready.wait(10)
    yield started["url"]
    started["server"].shutdown()


def test_the_page_answers_only_with_its_token_and_only_on_this_machine(server):
    base = server.split("/essay/")[0]
    assert base.startswith("http://127.0.0.1:")
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(f"{base}/essay/0")
    assert refused.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as wrong:
        urllib.request.urlopen(f"{base}/essay/0?token=guess")
    assert wrong.value.code == 403
    page = urllib.request.urlopen(server).read().decode("utf-8")
    assert "<mark" in page and "Level of" in page


def test_review_needs_a_marked_batch(tmp_path):
    result = CliRunner().invoke(main, ["review", str(tmp_path), "--no-browser"])
    assert result.exit_code == 1 and "no batch.json here: mark the class with grader batch first" in result.output


def test_a_click_sets_a_level_in_overrides_and_the_report(batch, server):
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    for program in ("chromium", "chromedriver"):
        if shutil.which(program) is None:
            pytest.skip(f"{program} is not installed (Debian: chromium, chromium-driver)")
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium")
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        driver.get(server)
        pressed = driver.find_elements(By.CSS_SELECTOR, 'button[aria-pressed="true"]')[0]
        part, level = pressed.get_attribute("data-part"), int(pressed.get_attribute("value"))
        new_level = 0 if level else 2
        report_before = (batch / "reports" / "ada.html").read_text(encoding="utf-8")
        from selenium.webdriver.support import expected_conditions
        from selenium.webdriver.support.ui import WebDriverWait

        wait = WebDriverWait(driver, 20)
        button = driver.find_element(By.CSS_SELECTOR, f'button[data-part="{part}"][value="{new_level}"]')
        button.click()
        wait.until(expected_conditions.staleness_of(button))  # the page was posted and loaded again
        chosen = wait.until(expected_conditions.presence_of_element_located(
            (By.CSS_SELECTOR, f'button[data-part="{part}"][value="{new_level}"]')))
        assert chosen.get_attribute("aria-pressed") == "true"
        overrides = (batch / "overrides.csv").read_text(encoding="utf-8")
        assert f"ada,{part},{new_level}," in overrides
        report = (batch / "reports" / "ada.html").read_text(encoding="utf-8")
        assert report != report_before and "set by your teacher" in report
        driver.find_element(By.TAG_NAME, "body").send_keys("\ue014")  # the right arrow: the next essay
        wait.until(lambda d: "2 of 3" in d.title)
    finally:
        driver.quit()


def test_a_comment_is_written_safe_for_a_spreadsheet_and_read_back_as_typed(batch):
    from grader.overrides import read_overrides
    from grader.review import Review

    review = Review(batch)
    result = review.results()[0]
    part = result.elements[0].id
    review.decide(result.student, part, None, "=HYPERLINK(\"x\") - see me", review.text_of(result))
    written = (batch / "overrides.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in written  # a spreadsheet shows it as text, never runs it
    decision = read_overrides(batch / "overrides.csv")[0]
    assert decision.comment == "=HYPERLINK(\"x\") - see me" and decision.part == part
    report = (batch / "reports" / f"{result.student}.html").read_text(encoding="utf-8")
    assert "HYPERLINK" in report  # the comment reached the student's report, escaped


def test_a_decision_keeps_the_teachers_other_rows_however_the_file_was_saved(batch):
    from grader.overrides import read_overrides
    from grader.review import Review

    (batch / "overrides.csv").write_bytes("student;part;level;mark;comment;note;essay_hash\r\nben;;;7;Très bien;;\r\n"
                                          .encode("cp1252"))
    review = Review(batch)
    result = review.results()[0]
    review.decide(result.student, result.elements[0].id, 2, "", review.text_of(result))
    decisions = read_overrides(batch / "overrides.csv")
    assert [(d.student, d.mark, d.comment) for d in decisions][0] == ("ben", 7, "Très bien")
    assert (decisions[1].student, decisions[1].level) == (result.student, 2)
