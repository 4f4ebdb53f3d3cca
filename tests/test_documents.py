"""Reading essays: encodings, paragraphs, Word structures, and every kind of file that must be refused."""
from __future__ import annotations

import pytest

from grader.documents import document_from_text, read_document
from grader.errors import DocumentError

from .conftest import DATA

ESSAY_SENTENCES = [
    "The alliance of 1950 grew out of need as much as belief.",
    "Mao needed Soviet loans and engineers to rebuild an economy wrecked by years of war.",
    "Stalin hoped a loyal China would guard the Soviet Far East against the Americans.",
]


def paragraphs(doc):
    return [doc.text[p.start : p.end] for p in doc.paragraphs]


@pytest.mark.parametrize("name, expected_first", [
    ("utf16_with_bom.txt", "The alliance of 1950 grew out of need as much as belief."),
    ("utf8_with_bom.txt", "The alliance of 1950 grew out of need as much as belief."),
    ("cp1252_curly_quotes.txt", "The alliance of 1950 grew out of need as much as belief."),
    ("crlf_lines.txt", "The alliance of 1950 grew out of need as much as belief."),
    ("latin1_accents.txt", "Lüshun and Dalian were Soviet bases."),
], ids=lambda v: v if isinstance(v, str) and v.endswith(".txt") else "")
def test_text_encodings_decode_to_the_same_paragraphs(name, expected_first):
    doc = read_document(DATA / name)
    assert paragraphs(doc)[0] == expected_first
    assert "\r" not in doc.text and "\ufeff" not in doc.text


def test_cp1252_curly_quotes_and_dashes_survive():
    doc = read_document(DATA / "cp1252_curly_quotes.txt")
    assert "“loans”" in doc.text and "war – ruinous." in doc.text


def test_utf16_curly_quotes_survive():
    assert "“loans”" in read_document(DATA / "utf16_with_bom.txt").text


def test_blank_lines_make_paragraphs_and_single_newlines_stay_inside():
    doc = document_from_text("First line\nsame paragraph.\n\n\nSecond paragraph.\n")
    assert paragraphs(doc) == ["First line\nsame paragraph.", "Second paragraph."]
    assert doc.text == "First line\nsame paragraph.\nSecond paragraph."


def test_without_blank_lines_each_line_is_a_paragraph():
    doc = document_from_text("One.\nTwo.\r\nThree.")
    assert paragraphs(doc) == ["One.", "Two.", "Three."]


def test_docx_footnotes_and_endnotes_come_after_the_body_with_markers():
    doc = read_document(DATA / "docx_with_footnotes.docx")
    assert paragraphs(doc) == [
        "Mao needed Soviet loans[1] to rebuild an economy wrecked by war.",
        "The treaty was signed in Moscow on 14 February 1950.[2]",
        "Stalin feared an Asian Tito.[i]",
        "[1] The loan was worth $300 million.",
        "[2] A fixture note.",
        "[i] An endnote about Tito.",
    ]
    assert [p.kind for p in doc.paragraphs] == ["body"] * 3 + ["note"] * 3


def test_docx_tracked_insertions_kept_and_deletions_dropped():
    doc = read_document(DATA / "docx_tracked_changes.docx")
    assert paragraphs(doc) == ["Stalin did not trust Mao, whom he suspected of nationalism.",
                               "The treaty was signed in Moscow in 1950."]


def test_docx_tables_content_controls_text_boxes_tabs_and_breaks():
    doc = read_document(DATA / "docx_structures.docx")
    assert paragraphs(doc) == [
        ESSAY_SENTENCES[0],
        "| Row one, cell A. | Row one, cell B. |", "| Row two, cell A. | Row two, cell B. |",  # a row reads as one line
        ESSAY_SENTENCES[1],
        "Anchor paragraph. After the box.",
        "Text box sentence.",  # once, from mc:Choice, not again from the VML fallback
        "Before tab\tafter tab\nnext line.",  # the field instruction " PAGE " is not text
        ESSAY_SENTENCES[2],
    ]


def test_docx_run_map_covers_every_character_of_the_body():
    doc = read_document(DATA / "docx_tracked_changes.docx")
    covered = set()
    for run in doc.runs:
        assert run.part == "word/document.xml" and run.start < run.end
        covered.update(range(run.start, run.end))
    expected = {i for p in doc.paragraphs for i in range(p.start, p.end)}
    assert covered == expected


def test_docx_run_map_points_at_the_element_holding_the_text():
    import zipfile

    from lxml import etree

    path = DATA / "docx_tracked_changes.docx"
    doc = read_document(path)
    root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    for run in doc.runs:
        elem = root
        for i in run.path:
            elem = elem[i]
        assert elem.text == doc.text[run.start : run.end]


def test_docx_made_by_python_docx_reads():
    assert paragraphs(read_document(DATA / "plain.docx")) == ESSAY_SENTENCES


@pytest.mark.parametrize("name, reason", [
    ("missing.txt", "file not found"),
    ("empty.txt", "the file is empty"),
    ("whitespace_only.txt", "the file holds only white space"),
    ("binary_named.txt", "binary data, not text"),
    ("text_named.docx", "not a valid Word file"),
    ("truncated.docx", "not a valid Word file"),
    ("docx_with_doctype.docx", "declares a DOCTYPE"),
    ("zip_bomb.docx", "a zip bomb?"),
    ("legacy.doc", ".doc files cannot be read: save it as .docx or .txt"),
    ("essay.pdf", ".pdf files cannot be read: save it as .docx or .txt"),
    ("essay.rtf", ".rtf files cannot be read: save it as .docx or .txt"),
    ("essay.odt", ".odt files cannot be read: save it as .docx or .txt"),
])
def test_bad_input_is_refused_with_file_and_reason(name, reason):
    with pytest.raises(DocumentError) as caught:
        read_document(DATA / name)
    message = caught.value.message
    assert message.startswith(str(DATA / name) + ": ")
    assert reason in message
    assert "\n" not in message


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "essay.txt"
    folder.mkdir()
    with pytest.raises(DocumentError, match="is a folder"):
        read_document(folder)


def test_unknown_extension_is_refused(tmp_path):
    path = tmp_path / "essay.md"
    path.write_text("An essay.")
    with pytest.raises(DocumentError, match="unsupported file type '.md'"):
        read_document(path)


def test_upper_case_extension_reads(tmp_path):
    path = tmp_path / "ESSAY.TXT"
    path.write_text("Mao needed Soviet aid.")
    assert read_document(path).text == "Mao needed Soviet aid."


def test_docx_doctype_never_reads_a_local_file():
    with pytest.raises(DocumentError) as caught:
        read_document(DATA / "docx_with_doctype.docx")
    assert "root:" not in caught.value.message


def _numbering(paragraph_or_style_ppr, num_id: str) -> None:
    """Give paragraph (or style) properties Word's numbering reference."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    num = OxmlElement("w:numPr")
    ilvl, nid = OxmlElement("w:ilvl"), OxmlElement("w:numId")
    ilvl.set(qn("w:val"), "0")
    nid.set(qn("w:val"), num_id)
    num.append(ilvl)
    num.append(nid)
    paragraph_or_style_ppr.append(num)


def _notes_docx(path):
    """A Word document of revision notes: a heading, then a bulleted list, a paragraph whose bullet was turned off,
    a paragraph numbered directly, and a numbered heading."""
    import docx

    document = docx.Document()
    document.add_paragraph("These notes set out how each side saw the alliance before the treaty was signed.")
    document.add_heading("Soviet view", level=2)
    for item in ("Stalin cautious about the CCP", "wanted the Manchurian railway", "feared a Chinese Tito"):
        document.add_paragraph(item, style="List Bullet")
    _numbering(document.add_paragraph("Bullet turned off here", style="List Bullet")._p.get_or_add_pPr(), "0")
    _numbering(document.add_paragraph("Numbered by hand")._p.get_or_add_pPr(), "1")
    heading = document.styles["Heading 1"]
    _numbering(heading.element.get_or_add_pPr(), "1")  # a numbered heading style: "1. Conclusion"
    document.add_heading("Conclusion", level=1)
    document.save(path)
    return path


def test_docx_list_paragraphs_read_as_list_lines(tmp_path):
    doc = read_document(_notes_docx(tmp_path / "notes.docx"))
    assert paragraphs(doc)[1:] == ["Soviet view", "• Stalin cautious about the CCP", "• wanted the Manchurian railway",
                               "• feared a Chinese Tito", "Bullet turned off here", "• Numbered by hand", "Conclusion"]
    assert all(doc.text[r.start : r.end] != "•" for r in doc.runs)  # the bullet comes from no run


def test_docx_bulleted_items_are_list_items_not_headings(tmp_path):
    from grader.text import analyse

    doc = read_document(_notes_docx(tmp_path / "notes.docx"))
    roles = {doc.text[s.start : s.end]: (s.role, s.list_item) for s in analyse(doc).items}
    assert roles["Stalin cautious about the CCP"] == ("sentence", True)
    assert roles["feared a Chinese Tito"] == ("sentence", True)
    assert roles["Conclusion"] == ("heading", False)


def test_docx_with_a_damaged_styles_part_still_reads(tmp_path):
    import zipfile

    source = _notes_docx(tmp_path / "notes.docx")
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(damaged, "w") as zout:
        for item in zin.infolist():
            zout.writestr(item, b"<w:styles" if item.filename == "word/styles.xml" else zin.read(item.filename))
    doc = read_document(damaged)
    assert "Stalin cautious about the CCP" in paragraphs(doc)  # no style tells it is a list item; it still reads
    assert "• Numbered by hand" in paragraphs(doc)


def test_docx_styles_scanned_as_text_read_as_parsing_them_does(tmp_path):
    """The styles part is scanned for speed; parsed (as for a part written with another prefix) it gives the same."""
    import zipfile

    from grader.documents import _parsed_styles, _scanned_styles

    with zipfile.ZipFile(_notes_docx(tmp_path / "notes.docx")) as archive:
        scanned = _scanned_styles(archive.read("word/styles.xml"))
        assert scanned == _parsed_styles(archive, "word/styles.xml", "notes.docx")
    assert scanned["ListBullet"][0] is True and scanned["Heading1"][0] is False  # numbered, but a heading
