"""Build .docx files from a small text markup, for the sample essays and the test fixtures.

Markup, inside a paragraph: `{+inserted+}` and `{-deleted-}` become tracked changes, `[^n]` a footnote
reference; a line `[^n]: text` at the end is footnote n. Paragraphs are separated by blank lines; a short
line without a full stop becomes a heading. Zip timestamps and document dates are fixed, so the same
markup always gives the same bytes.
"""
from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXED = dt.datetime(2024, 3, 1, 9, 0, 0)
FOOTNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
ENDNOTES_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml"
_INLINE = re.compile(r"\{\+(.*?)\+\}|\{-(.*?)-\}|\[\^(\d+)\]", re.S)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def run_xml(text: str, deleted: bool = False) -> str:
    tag = "w:delText" if deleted else "w:t"
    return f'<w:r><{tag} xml:space="preserve">{_esc(text)}</{tag}></w:r>'


def paragraph_xml(text: str, style: str | None = None, change_id: list[int] | None = None) -> str:
    """A w:p with tracked changes and footnote references from the inline markup."""
    change_id = change_id if change_id is not None else [100]
    parts = []
    pos = 0
    for m in _INLINE.finditer(text):
        if m.start() > pos:
            parts.append(run_xml(text[pos:m.start()]))
        change_id[0] += 1
        stamp = f'w:id="{change_id[0]}" w:author="Student" w:date="2024-03-01T09:00:00Z"'
        if m.group(1) is not None:
            parts.append(f"<w:ins {stamp}>{run_xml(m.group(1))}</w:ins>")
        elif m.group(2) is not None:
            parts.append(f"<w:del {stamp}>{run_xml(m.group(2), deleted=True)}</w:del>")
        else:
            parts.append(f'<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="{m.group(3)}"/></w:r>')
        pos = m.end()
    if pos < len(text):
        parts.append(run_xml(text[pos:]))
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f'<w:p xmlns:w="{W_NS}">{ppr}{"".join(parts)}</w:p>'


def notes_part_xml(kind: str, notes: dict[str, str]) -> str:
    """footnotes.xml or endnotes.xml with Word's two separator notes and the given notes."""
    tag = kind[:-1]  # footnote / endnote
    ref = "w:footnoteRef" if tag == "footnote" else "w:endnoteRef"
    body = [f'<w:{tag} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{tag}>',
            f'<w:{tag} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:{tag}>']
    for note_id, text in notes.items():
        body.append(f'<w:{tag} w:id="{note_id}"><w:p><w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><{ref}/></w:r>'
                    f'{run_xml(" " + text)}</w:p></w:{tag}>')
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:{kind} xmlns:w="{W_NS}">{"".join(body)}</w:{kind}>'


def add_notes_part(document, kind: str, notes: dict[str, str]) -> None:
    """Attach a footnotes or endnotes part to a python-docx Document."""
    partname = PackURI(f"/word/{kind}.xml")
    ct = FOOTNOTES_CT if kind == "footnotes" else ENDNOTES_CT
    part = Part(partname, ct, notes_part_xml(kind, notes).encode("utf-8"), document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES if kind == "footnotes" else RT.ENDNOTES)


def new_document():
    """An empty python-docx Document with fixed metadata dates."""
    document = docx.Document()
    props = document.core_properties
    props.created = props.modified = FIXED
    props.author = "Student"
    props.last_modified_by = "Student"
    props.revision = 1
    return document


def append_xml(document, xml: str) -> None:
    """Append a block element (paragraph, table, ...) before the section properties."""
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))


def save_fixed(document, path: Path) -> None:
    """Save with fixed zip timestamps, so rebuilding gives identical bytes."""
    buffer = io.BytesIO()
    document.save(buffer)
    fix_zip_times(buffer.getvalue(), path)


def fix_zip_times(data: bytes, path: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: (i.filename != "[Content_Types].xml", i.filename)):
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))


def from_markup(markup: str, path: Path) -> None:
    """Write the .docx for a markup text (see the module docstring)."""
    document = new_document()
    notes: dict[str, str] = {}
    paragraphs = []
    for block in re.split(r"\n\s*\n", markup.strip()):
        lines = []
        for line in block.split("\n"):
            m = re.match(r"\[\^(\d+)\]:\s*(.*)", line)
            if m:
                notes[m.group(1)] = m.group(2).strip()
            else:
                lines.append(line)
        if lines:
            paragraphs.append(" ".join(line.strip() for line in lines))
    change_id = [100]
    for text in paragraphs:
        heading = len(text.split()) <= 10 and not text.rstrip().endswith((".", "?", "!", '"', "”"))
        append_xml(document, paragraph_xml(text, "Heading2" if heading else None, change_id))
    if notes:
        add_notes_part(document, "footnotes", notes)
    save_fixed(document, path)


if __name__ == "__main__":
    import sys

    for source in sys.argv[1:]:
        src = Path(source)
        out = src.with_suffix(".docx")
        from_markup(src.read_text(encoding="utf-8"), out)
        print(out)
