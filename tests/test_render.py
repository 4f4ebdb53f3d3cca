"""What a person sees, in a real browser and a real word processor: the HTML report printed from Chromium to
A4 in at most three pages at 10 pt or more, on Letter when asked, the class overview within a phone's width,
and the Word report laid out on the paper asked for. Needs Debian's chromium, libreoffice-writer and
poppler-utils; a machine without them skips these tests and says which program is missing."""
from __future__ import annotations

import re
import shutil
import statistics
import subprocess

import pytest
from click.testing import CliRunner

from grader import grade_file
from grader.cli import main
from grader.reports import render, render_bytes

from .conftest import ROOT

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
A4, LETTER = (595, 842), (612, 792)
LONGEST = max((ROOT / "samples").glob("*.txt"), key=lambda p: len(p.read_text(encoding="utf-8").split()))


def _need(program: str) -> str:
    path = shutil.which(program)
    if path is None:
        pytest.skip(f"{program} is not installed (Debian: chromium, libreoffice-writer, poppler-utils)")
    return path


def _chromium(tmp_path, *args: str) -> subprocess.CompletedProcess:
    command = [_need("chromium"), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def _pdf_pages(pdf) -> tuple[int, tuple[int, int]]:
    info = subprocess.run([_need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    width, height = re.search(r"Page size:\s+([\d.]+) x ([\d.]+)", info).groups()
    return pages, (round(float(width)), round(float(height)))


def _print_html(tmp_path, html: str, name: str = "report"):
    page = tmp_path / f"{name}.html"
    page.write_text(html, encoding="utf-8")
    pdf = tmp_path / f"{name}.pdf"
    _chromium(tmp_path, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri())
    assert pdf.is_file(), "Chromium printed nothing"
    return pdf


def test_the_longest_sample_report_prints_on_three_a4_pages_at_ten_points(tmp_path, rubric):
    _need("pdftotext")
    pdf = _print_html(tmp_path, render(grade_file(LONGEST, rubric), "html", rubric=rubric))
    pages, size = _pdf_pages(pdf)
    assert pages <= 3 and size == A4
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    heights = [float(b) - float(a) for a, b in re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', boxes)]
    assert statistics.median(heights) >= 10 * 1.1  # a word's box is about 1.15 times its font size


def test_letter_paper_when_asked(tmp_path, rubric):
    result = grade_file(LONGEST, rubric)
    assert _pdf_pages(_print_html(tmp_path, render(result, "html", paper="letter")))[1] == LETTER


@pytest.fixture(scope="module")
def phone():
    """Chromium through chromedriver, emulating a phone 390 CSS pixels wide (a plain headless window cannot be
    narrower than 500)."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = _need("chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 2}})
    driver = webdriver.Chrome(service=Service(_need("chromedriver")), options=options)
    yield driver
    driver.quit()


def _widths(driver, page) -> tuple[int, int, list[str]]:
    """The viewport's width, the page's, and the tables wider than the viewport."""
    driver.get(page.as_uri())
    view, page_width = driver.execute_script("return [document.documentElement.clientWidth, "
                                             "document.documentElement.scrollWidth]")
    wide = driver.execute_script("return Array.from(document.querySelectorAll('table')).filter(t => "
                                 "t.getBoundingClientRect().width > document.documentElement.clientWidth)"
                                 ".map(t => t.parentElement.className)")
    return view, page_width, wide


def _marked_class(tmp_path, size: int):
    """The first `size` samples marked as a class; the output folder."""
    essays = tmp_path / "class"
    essays.mkdir()
    for sample in sorted((ROOT / "samples").glob("*.txt"))[:size]:
        (essays / sample.name).write_bytes(sample.read_bytes())
    out = tmp_path / "out"
    assert CliRunner().invoke(main, ["batch", str(essays), "-o", str(out), "--quiet"]).exit_code == 0
    return out


def test_the_overview_fits_a_phone_and_its_tables_scroll_in_their_box(tmp_path, phone):
    out = _marked_class(tmp_path, 12)
    view, width, wide = _widths(phone, out / "overview.html")
    assert view == 390 and width <= view, f"the page is {width}px wide on a {view}px phone"
    assert all(box == "scroll" for box in wide)  # a wide table scrolls inside its own box


def test_the_report_fits_a_phone(tmp_path, phone, rubric):
    page = tmp_path / "report.html"
    page.write_text(render(grade_file(LONGEST, rubric), "html"), encoding="utf-8")
    view, width, _ = _widths(phone, page)
    assert width <= view == 390


@pytest.mark.parametrize("paper, size", [("a4", A4), ("letter", LETTER)])
def test_the_word_report_is_laid_out_on_the_paper_asked_for(tmp_path, rubric, paper, size):
    soffice = _need("soffice")
    report = tmp_path / "report.docx"
    report.write_bytes(render_bytes(grade_file(LONGEST, rubric), "docx", paper))
    subprocess.run([soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--convert-to",
                    "pdf", "--outdir", str(tmp_path), str(report)], capture_output=True, timeout=180, check=True)
    assert _pdf_pages(tmp_path / "report.pdf")[1] == size


def test_the_overview_prints_every_column(tmp_path):
    out = _marked_class(tmp_path, 6)
    pdf = _print_html(tmp_path, (out / "overview.html").read_text(encoding="utf-8"), "overview")
    text = subprocess.run([_need("pdftotext"), "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    parts_header = next(line for line in text.splitlines() if line.strip().startswith("Part "))
    assert "missing" in parts_header and "developed" in parts_header.replace("needs developing", "")
    students_header = next(line for line in text.splitlines() if line.strip().startswith("Student "))
    assert all(column in students_header for column in ("File", "Score", "Mark", "Band", "Flags"))
