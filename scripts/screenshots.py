"""Pictures of what a student and a teacher see, written to docs/screenshots/ to look at and keep:

- a student's HTML report on a phone (390 CSS pixels, Chromium through chromedriver) and printed to A4;
- the class overview of a batch on a phone and printed;
- the Word report and the annotated essay, through LibreOffice;
- the teacher's review page at 1280 and 390 CSS pixels.

Needs Debian's chromium, chromium-driver, libreoffice-writer and poppler-utils, and selenium.

    python scripts/screenshots.py [--essay samples/chloe.docx] [--out docs/screenshots]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from grader import grade_file, load_rubric  # noqa: E402
from grader.batch import run_batch  # noqa: E402
from grader.documents import read_document  # noqa: E402
from grader.reports import render, render_bytes  # noqa: E402
from grader.reports.docx import annotate  # noqa: E402

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"]
RESOLUTION = "60"


def phone_shot(page: Path | str, png: Path, height: int, width: int = 390) -> None:
    """A page (a file or an address) as a screen `width` CSS pixels wide shows it, `height` pixels of it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_experimental_option("mobileEmulation", {"deviceMetrics": {"width": width, "height": height, "pixelRatio": 1}})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(page.as_uri() if isinstance(page, Path) else page)
        driver.save_screenshot(str(png))
    finally:
        driver.quit()


def review_shots(out: Path, work: Path) -> None:
    """The review page of a small class, at 1280 and 390 CSS pixels."""
    import threading

    from grader.review import serve

    folder = work / "review-class"
    folder.mkdir()
    for name in ("ada.txt", "ben.txt", "cora.txt"):
        (folder / name).write_bytes((ROOT / "samples" / name).read_bytes())
    run_batch(folder, work / "review-out", workers=1)
    started: dict = {}
    ready = threading.Event()

    def on_ready(url, server):
        started.update(url=url, server=server)
        ready.set()

    threading.Thread(target=serve, args=(work / "review-out",), kwargs={"open_browser": False, "ready": on_ready},
                     daemon=True).start()
    ready.wait(10)
    try:
        phone_shot(started["url"], out / "review-desktop.png", 1000, width=1280)
        phone_shot(started["url"], out / "review-phone.png", 2000)
    finally:
        started["server"].shutdown()


def printed(page: Path, out: Path, stem: str, work: Path, pages: int = 2) -> None:
    """A page printed from Chromium to PDF, its first `pages` pages as PNG."""
    pdf = work / f"{stem}.pdf"
    subprocess.run(["chromium", *FLAGS, f"--user-data-dir={work / 'profile'}", f"--print-to-pdf={pdf}",
                    "--no-pdf-header-footer", page.as_uri()], capture_output=True, check=True)
    subprocess.run(["pdftoppm", "-png", "-r", RESOLUTION, "-f", "1", "-l", str(pages), str(pdf), str(out / stem)],
                   check=True)


def word_pages(docx: Path, out: Path, stem: str, work: Path, pages: int = 1) -> None:
    """A Word file through LibreOffice to PDF (comments printed in the margin), its first pages as PNG."""
    export = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
    subprocess.run(["soffice", f"-env:UserInstallation={(work / 'lo').as_uri()}", "--headless", "--convert-to", export,
                    "--outdir", str(work), str(docx)], capture_output=True, check=True, timeout=300)
    subprocess.run(["pdftoppm", "-png", "-r", RESOLUTION, "-f", "1", "-l", str(pages), str(work / f"{docx.stem}.pdf"),
                    str(out / stem)], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--essay", type=Path, default=ROOT / "samples" / "chloe.docx")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    missing = [p for p in ("chromium", "chromedriver", "soffice", "pdftoppm") if shutil.which(p) is None]
    if missing:
        print(f"missing: {', '.join(missing)} (Debian: chromium chromium-driver libreoffice-writer poppler-utils)")
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    rubric = load_rubric()
    result = grade_file(args.essay, rubric)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        report = work / "report.html"
        report.write_text(render(result, "html", rubric=rubric), encoding="utf-8")
        phone_shot(report, args.out / "report-phone.png", 2400)
        printed(report, args.out, "report-print", work)
        batch = work / "batch"
        run_batch(ROOT / "samples", batch, workers=2)
        phone_shot(batch / "overview.html", args.out / "overview-phone.png", 2400)
        printed(batch / "overview.html", args.out, "overview-print", work)
        (work / "report.docx").write_bytes(render_bytes(result, "docx", rubric=rubric))
        word_pages(work / "report.docx", args.out, "report-docx", work)
        (work / "marked.docx").write_bytes(annotate(args.essay, read_document(args.essay), result))
        word_pages(work / "marked.docx", args.out, "marked-docx", work, pages=2)
        review_shots(args.out, work)
    for png in sorted(args.out.glob("*.png")):
        print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
