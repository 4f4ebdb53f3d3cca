"""Rebuild the generated fixtures in tests/data: `python tests/data/make_fixtures.py`.

Every fixture is written for the project; the essays' sentences are the project's own. Output is
deterministic (fixed zip timestamps), so a rebuild leaves git clean.
"""
from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent / "scripts"))

from docx_builder import (FIXED, W_NS, add_notes_part, append_xml, fix_zip_times, new_document,  # noqa: E402
                          paragraph_xml, save_fixed)

ESSAY = [
    "The alliance of 1950 grew out of need as much as belief.",
    "Mao needed Soviet loans and engineers to rebuild an economy wrecked by years of war.",
    "Stalin hoped a loyal China would guard the Soviet Far East against the Americans.",
]
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
V = "urn:schemas-microsoft-com:vml"


def footnotes() -> None:
    doc = new_document()
    append_xml(doc, paragraph_xml("Mao needed Soviet loans[^1] to rebuild an economy wrecked by war."))
    append_xml(doc, paragraph_xml("The treaty was signed in Moscow on 14 February 1950.[^2]"))
    append_xml(doc, f'<w:p xmlns:w="{W_NS}"><w:r><w:t>Stalin feared an Asian Tito.</w:t></w:r>'
                    f'<w:r><w:endnoteReference w:id="1"/></w:r></w:p>')
    add_notes_part(doc, "footnotes", {"1": "The loan was worth $300 million.", "2": "A fixture note."})
    add_notes_part(doc, "endnotes", {"1": "An endnote about Tito."})
    save_fixed(doc, HERE / "docx_with_footnotes.docx")


def tracked_changes() -> None:
    doc = new_document()
    append_xml(doc, paragraph_xml("Stalin {-never-}{+did not+} trust Mao, {-and-}whom he suspected of nationalism."))
    append_xml(doc, paragraph_xml("{-This whole sentence was deleted.-}"))
    append_xml(doc, paragraph_xml("The treaty was signed in {+Moscow in +}1950."))
    save_fixed(doc, HERE / "docx_tracked_changes.docx")


def structures() -> None:
    """A table, a content control, a text box (DrawingML choice + VML fallback), a tab and a line break."""
    doc = new_document()
    append_xml(doc, paragraph_xml(ESSAY[0]))
    cell = lambda text: f"<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"  # noqa: E731
    append_xml(doc, f'<w:tbl xmlns:w="{W_NS}"><w:tr>{cell("Row one, cell A.")}{cell("Row one, cell B.")}</w:tr>'
                    f'<w:tr>{cell("Row two, cell A.")}{cell("Row two, cell B.")}</w:tr></w:tbl>')
    append_xml(doc, f'<w:sdt xmlns:w="{W_NS}"><w:sdtPr><w:alias w:val="Answer"/></w:sdtPr><w:sdtContent>'
                    f'<w:p><w:r><w:t>{ESSAY[1]}</w:t></w:r></w:p></w:sdtContent></w:sdt>')
    box = (f'<w:p xmlns:w="{W_NS}" xmlns:mc="{MC}" xmlns:wps="{WPS}" xmlns:wp="{WP}" xmlns:a="{A}" xmlns:v="{V}">'
           '<w:r><w:t xml:space="preserve">Anchor paragraph. </w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
           '<w:drawing><wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:txbx><w:txbxContent>'
           '<w:p><w:r><w:t>Text box sentence.</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></a:graphicData>'
           '</a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>'
           '<w:p><w:r><w:t>Text box sentence.</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict>'
           '</mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>After the box.</w:t></w:r></w:p>')
    append_xml(doc, box)
    append_xml(doc, f'<w:p xmlns:w="{W_NS}"><w:r><w:t>Before tab</w:t><w:tab/><w:t>after tab</w:t><w:br/>'
                    f'<w:t>next line.</w:t><w:instrText> PAGE </w:instrText></w:r></w:p>')
    append_xml(doc, f'<w:p xmlns:w="{W_NS}"><w:hyperlink><w:r><w:t>{ESSAY[2]}</w:t></w:r></w:hyperlink></w:p>')
    save_fixed(doc, HERE / "docx_structures.docx")


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def images_only() -> None:
    """A Word file holding a picture and no text."""
    import base64

    doc = new_document()
    png = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==")
    doc.add_picture(io.BytesIO(png))
    save_fixed(doc, HERE / "docx_images_only.docx")


def billion_laughs() -> None:
    """Nested entity expansion in document.xml: refused for its DOCTYPE before anything expands."""
    plain = HERE / "plain.docx"
    laughs = ('<!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')
    rewrite_part(plain, HERE / "docx_billion_laughs.docx", "word/document.xml",
                 lambda x: x.replace(b"?>", b"?>\n" + laughs.encode(), 1).replace(b"<w:t>", b"<w:t>&d;", 1))


def large_files(folder: Path) -> dict[str, Path]:
    """The large hostile inputs, written into `folder` when the tests need them (not kept in git)."""
    sentence = "Mao needed Soviet loans and engineers to rebuild an economy wrecked by years of war, and "
    one_line = folder / "one_200kb_line.txt"
    one_line.write_text((sentence * (200_000 // len(sentence) + 1))[:200_000] + ".", encoding="utf-8")
    five_mb = folder / "five_mb.txt"
    paragraph = (sentence.removesuffix(", and ") + ". ") * 40 + "\n\n"
    five_mb.write_text(paragraph * (5 * 1024 * 1024 // len(paragraph) + 1), encoding="utf-8")
    huge_rubric = folder / "huge_rubric.yaml"
    huge_rubric.write_text((HERE / "valid_small_rubric.yaml").read_text() + "# " + "x" * 1_500_000 + "\n")
    return {"one_line": one_line, "five_mb": five_mb, "huge_rubric": huge_rubric}


def rich() -> None:
    """An essay with a custom style, an image, tracked changes and footnotes, for annotation to preserve."""
    import struct
    import zlib

    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Pt

    doc = new_document()
    style = doc.styles.add_style("Essay Body", WD_STYLE_TYPE.PARAGRAPH)
    style.font.name = "Georgia"
    style.font.size = Pt(13)
    texts = [
        "Mao needed Soviet loans[^1] and engineers to rebuild an economy wrecked by years of civil war.",
        "Stalin feared that Mao might become an Asian Tito, {-so-}{+and so+} he kept his rights in Manchuria.",
        "The Sino-Soviet treaty was signed in Beijing in 1945.",
        "In the end, Mao entered the alliance because China needed Soviet money and protection from America.",
    ]
    for text in texts:
        append_xml(doc, paragraph_xml(text, "EssayBody"))
    row = b"\x00" + b"\x80\x40\x20" * 4
    raw = zlib.compress(row * 4)
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))  # noqa: E731
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")
    doc.add_picture(io.BytesIO(png))
    add_notes_part(doc, "footnotes", {"1": "The loan was worth $300 million."})
    save_fixed(doc, HERE / "docx_rich.docx")


def rewrite_part(source: Path, target: Path, part: str, transform) -> None:
    with zipfile.ZipFile(source) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files[part] = transform(files[part])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            z.writestr(_info(name), data)
    fix_zip_times(buffer.getvalue(), target)


def hostile() -> None:
    plain = HERE / "plain.docx"
    doc = new_document()
    for sentence in ESSAY:
        append_xml(doc, paragraph_xml(sentence))
    save_fixed(doc, plain)
    rewrite_part(plain, HERE / "docx_with_doctype.docx", "word/document.xml",
                 lambda x: x.replace(b"?>", b'?>\n<!DOCTYPE w:document [<!ENTITY x SYSTEM "file:///etc/passwd">]>', 1))
    data = plain.read_bytes()
    (HERE / "truncated.docx").write_bytes(data[: len(data) // 2])
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
        with zipfile.ZipFile(plain) as src:
            for name in src.namelist():
                if name != "word/document.xml":
                    z.writestr(_info(name), src.read(name))
        z.writestr(_info("word/document.xml"), b" " * (60 * 1024 * 1024))
    (HERE / "zip_bomb.docx").write_bytes(buffer.getvalue())


def text_files() -> None:
    essay = "\n\n".join(ESSAY) + "\n"
    (HERE / "utf16_with_bom.txt").write_bytes(essay.replace("loans", "“loans”").encode("utf-16"))
    (HERE / "utf16_be_with_bom.txt").write_bytes(b"\xfe\xff" + essay.encode("utf-16-be"))
    (HERE / "cr_only_lines.txt").write_bytes(essay.replace("\n", "\r").encode())
    (HERE / "nul_bytes.txt").write_bytes(essay.encode()[:60] + b"\x00\x00" + essay.encode()[60:])
    (HERE / "utf8_with_bom.txt").write_bytes(b"\xef\xbb\xbf" + essay.replace("Soviet", "Soviet—").encode("utf-8"))
    (HERE / "cp1252_curly_quotes.txt").write_bytes(essay.replace("loans", "“loans”").replace("war.", "war – ruinous.").encode("cp1252"))
    (HERE / "latin1_accents.txt").write_bytes("Lüshun and Dalian were Soviet bases.\n".encode("latin-1"))
    (HERE / "crlf_lines.txt").write_bytes(essay.replace("\n", "\r\n").encode())
    (HERE / "empty.txt").write_bytes(b"")
    (HERE / "whitespace_only.txt").write_bytes(b"  \n\t\n   \r\n")
    (HERE / "binary_named.txt").write_bytes(bytes(range(256)) * 8)
    (HERE / "text_named.docx").write_bytes(essay.encode())
    (HERE / "legacy.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    (HERE / "essay.pdf").write_bytes(b"%PDF-1.4\n%fixture\n")
    (HERE / "essay.rtf").write_bytes(b"{\\rtf1\\ansi An essay.}")
    (HERE / "essay.odt").write_bytes(b"PK\x03\x04fixture")


if __name__ == "__main__":
    footnotes()
    tracked_changes()
    structures()
    rich()
    hostile()
    images_only()
    billion_laughs()
    text_files()
    print("fixtures written to", HERE)
