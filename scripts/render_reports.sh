#!/usr/bin/env bash
# Render what a student and a teacher see, as pictures to look at:
#   the annotated .docx and the .docx report -> PDF (LibreOffice) -> PNG (pdftoppm);
#   the HTML report -> PNG at phone and desktop widths (headless Chromium).
# Needs Debian's chromium, libreoffice-writer and poppler-utils. Not part of CI.
#   scripts/render_reports.sh [ESSAY] [OUTDIR]
set -euo pipefail
essay="${1:-samples/chloe.docx}"
out="${2:-out/render}"
mkdir -p "$out"
name="$(basename "${essay%.*}")"
grader annotate "$essay" -o "$out/$name-marked.docx"
grader grade "$essay" --format docx -o "$out/$name-report.docx"
grader grade "$essay" --format html -o "$out/$name-report.html"
grader grade "$essay" --format md -o "$out/$name-report.md"
profile="$(mktemp -d)"
# Comments are printed in the margin; note that LibreOffice 7.4 drops footnote text from the PDF of any
# .docx that has both comments and footnotes (its own files too): the .docx itself is intact.
pdf='pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
for doc in "$out/$name-marked.docx" "$out/$name-report.docx"; do
  soffice -env:UserInstallation="file://$profile" --headless --convert-to "$pdf" --outdir "$out" "$doc" > /dev/null
  pdftoppm -png -r 70 "${doc%.docx}.pdf" "${doc%.docx}"
done
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --hide-scrollbars --user-data-dir="$(mktemp -d)")
chromium "${flags[@]}" --window-size=390,2400 --screenshot="$out/$name-report-phone.png" "file://$(realpath "$out/$name-report.html")" 2> /dev/null
chromium "${flags[@]}" --window-size=1280,2000 --screenshot="$out/$name-report-desktop.png" "file://$(realpath "$out/$name-report.html")" 2> /dev/null
ls -1 "$out"
