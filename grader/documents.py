"""Reading essays: a `.txt` or `.docx` file becomes a `Document`, the plain text every later span points into.

The plain text is the paragraphs joined by one newline, body first and notes after. For `.docx` the
Document also keeps a map from text offsets to the Word elements that produced them, so a comment can
later be anchored on the exact characters of a sentence.
"""
from __future__ import annotations

import io
import os
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Literal

from .errors import DocumentError

#: Formats we recognise but cannot read, with the advice a student needs.
UNSUPPORTED = {".doc", ".pdf", ".rtf", ".odt", ".pages", ".wps"}
READABLE = {".txt", ".docx"}

MAX_TEXT_FILE_BYTES = 2 * 1024 * 1024
MAX_DOCX_FILE_BYTES = 25 * 1024 * 1024
MAX_PART_BYTES = 20 * 1024 * 1024  # one decompressed XML part
MAX_TOTAL_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # for entries larger than 1 MiB
MAX_ZIP_ENTRIES = 5000
MAX_TEXT_CHARS = 1_000_000
#: What a Word list item's text starts with, as a list line in plain text does (the text layer reads it as one).
LIST_BULLET = "• "

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BLANK_LINE = re.compile(r"\n[ \t\f\v\u00a0]*\n")


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of the plain text: `text[start:end]`, from the body or from footnotes/endnotes."""

    start: int
    end: int
    kind: Literal["body", "note"] = "body"


@dataclass(frozen=True, slots=True)
class RunSpan:
    """Characters `text[start:end]` came from the Word element at `path` (child indices) in `part`."""

    start: int
    end: int
    part: str
    path: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """An essay as read: plain text, its paragraphs, and (for `.docx`) where each character came from."""

    name: str
    text: str
    paragraphs: tuple[Paragraph, ...]
    runs: tuple[RunSpan, ...] = ()
    kind: Literal["txt", "docx", "text"] = "text"

    def paragraph_text(self, index: int) -> str:
        """The text of paragraph `index` (0-based)."""
        p = self.paragraphs[index]
        return self.text[p.start : p.end]


def read_document(path: str | os.PathLike[str], name: str | None = None) -> Document:
    """Read an essay file; raise `DocumentError` naming the file and the reason when it cannot be read."""
    path = Path(path)
    shown = name if name is not None else str(path)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        raise DocumentError(shown, f"{suffix} files cannot be read: save it as .docx or .txt")
    if suffix not in READABLE:
        raise DocumentError(shown, f"unsupported file type '{path.suffix or '(none)'}': save it as .docx or .txt")
    try:
        if path.is_dir():
            raise DocumentError(shown, "is a folder, not an essay file")
        size = path.stat().st_size
        limit = MAX_TEXT_FILE_BYTES if suffix == ".txt" else MAX_DOCX_FILE_BYTES
        if size > limit:
            raise DocumentError(shown, f"file is too large ({size / 1048576:.1f} MB; the limit is {limit // 1048576} MB)")
        data = path.read_bytes()
    except FileNotFoundError:
        raise DocumentError(shown, "file not found") from None
    except PermissionError:
        raise DocumentError(shown, "permission denied: the file cannot be read") from None
    except OSError as exc:
        raise DocumentError(shown, f"cannot be read ({exc.strerror or exc})") from None
    if suffix == ".txt":
        return document_from_text(decode_text(data, shown), shown, kind="txt")
    return read_docx_bytes(data, shown)


# --------------------------------------------------------------------------------------------- text


def decode_text(data: bytes, name: str) -> str:
    """Decode a `.txt` by the fixed chain BOM → UTF-8 → cp1252 → Latin-1, refusing binary data."""
    if not data.strip():
        raise DocumentError(name, "the file is empty" if not data else "the file holds only white space")
    text: str | None = None
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
                       (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                text = data.decode(codec)
            except UnicodeDecodeError:
                raise DocumentError(name, f"the file starts with a {codec} marker but is not valid {codec}") from None
            break
    if text is None:
        if b"\x00" in data:
            raise DocumentError(name, "binary data, not text (it holds NUL bytes): save the essay as .docx or .txt")
        for codec in ("utf-8", "cp1252", "latin-1"):
            try:
                text = data.decode(codec)
                break
            except UnicodeDecodeError:
                continue
    assert text is not None  # Latin-1 decodes every byte
    if "\x00" in text:
        raise DocumentError(name, "binary data, not text (it holds NUL characters)")
    controls = len(_CONTROL.findall(text))
    if controls > 0.01 * len(text):
        raise DocumentError(name, "binary data, not text (too many control characters)")
    return text


def document_from_text(text: str, name: str = "<text>", kind: Literal["txt", "text"] = "text") -> Document:
    """Split text into paragraphs: blocks between blank lines if there are any, else one per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _CONTROL.sub(" ", text)
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(name, f"the essay is too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    if _BLANK_LINE.search(text):
        blocks = _BLANK_LINE.split(text)
    else:
        blocks = text.split("\n")
    pieces = [b.strip() for b in blocks]
    pieces = ["\n".join(line.rstrip() for line in p.split("\n")) for p in pieces if p]
    if not pieces:
        raise DocumentError(name, "the file holds only white space")
    paragraphs = []
    offset = 0
    for p in pieces:
        paragraphs.append(Paragraph(offset, offset + len(p)))
        offset += len(p) + 1
    return Document(name=name, text="\n".join(pieces), paragraphs=tuple(paragraphs), kind=kind)


# --------------------------------------------------------------------------------------------- docx

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
_w = lambda tag: f"{{{W}}}{tag}"  # noqa: E731

_TRANSPARENT_INLINE = {_w(t) for t in ("ins", "moveTo", "hyperlink", "smartTag", "customXml", "fldSimple", "dir", "bdo")}
_DROPPED = {_w(t) for t in ("del", "moveFrom", "instrText", "delText", "delInstrText", "rPr", "pPr", "sectPr")}


def read_docx_bytes(data: bytes, name: str) -> Document:
    """Read a Word package: body in document order, then footnotes, then endnotes (DESIGN section 2)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise DocumentError(name, "not a valid Word file (it is not a .docx package): save it again as .docx") from None
    except Exception:  # noqa: BLE001 - zipfile raises many kinds on hostile input
        raise DocumentError(name, "not a valid Word file (the package is damaged)") from None
    with archive:
        _check_zip_sizes(archive, name)
        main_part = _main_part_name(archive, name)
        body = _parse_part(archive, main_part, name)
        if body is None:
            raise DocumentError(name, "not a valid Word file (no document part): save it again as .docx")
        rels = _part_relationships(archive, main_part, name)
        builder = _DocxTextBuilder(lambda: _numbered_styles(archive, rels.get("styles"), name))
        body_elem = body.find(_w("body"))
        if body_elem is None:
            raise DocumentError(name, "not a valid Word file (the document has no body)")
        builder.part = main_part
        builder.block(body_elem, _path_of(body, body_elem))
        for kind, marker in (("footnotes", "footnote"), ("endnotes", "endnote")):
            target = rels.get(kind)
            if not target:
                continue
            tree = _parse_part(archive, target, name)
            if tree is not None:
                builder.part = target
                builder.notes(tree, marker)
    paragraphs, text, runs = builder.finish()
    if not text.strip():
        raise DocumentError(name, "the document holds no text")
    if len(text) > MAX_TEXT_CHARS:
        raise DocumentError(name, f"the essay is too long ({len(text):,} characters; the limit is {MAX_TEXT_CHARS:,})")
    return Document(name=name, text=text, paragraphs=paragraphs, runs=runs, kind="docx")


def _check_zip_sizes(archive: zipfile.ZipFile, name: str) -> None:
    """Refuse a zip bomb from its declared sizes, before anything is decompressed."""
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_ENTRIES:
        raise DocumentError(name, f"refused: the package has too many parts ({len(infos)})")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > 1024 * 1024 and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
            raise DocumentError(name, f"refused: '{info.filename}' expands {info.file_size // max(info.compress_size, 1)}"
                                      " times (a zip bomb?)")
    if total > MAX_TOTAL_UNZIPPED_BYTES:
        raise DocumentError(name, f"refused: the package would expand to {total / 1048576:.0f} MB")


def _read_part(archive: zipfile.ZipFile, part: str, name: str) -> bytes | None:
    try:
        info = archive.getinfo(part)
    except KeyError:
        return None
    if info.file_size > MAX_PART_BYTES:
        raise DocumentError(name, f"refused: '{part}' is too large ({info.file_size / 1048576:.0f} MB)")
    try:
        with archive.open(info) as fh:
            data = fh.read(MAX_PART_BYTES + 1)
    except Exception:  # noqa: BLE001 - bad CRC, truncated data, unsupported compression
        raise DocumentError(name, f"not a valid Word file ('{part}' is damaged)") from None
    if len(data) > MAX_PART_BYTES:
        raise DocumentError(name, f"refused: '{part}' is larger than it declares")
    return data


def _parse_part(archive: zipfile.ZipFile, part: str, name: str):
    """Parse one XML part safely: a DOCTYPE or entity declaration is refused, nothing is fetched."""
    from lxml import etree

    data = _read_part(archive, part, name)
    if data is None:
        return None
    head = data.lstrip()[:65536]
    if b"<!DOCTYPE" in head or b"<!ENTITY" in head or b"<\x00!\x00D\x00O\x00C" in head:
        raise DocumentError(name, f"refused: '{part}' declares a DOCTYPE (not allowed in a Word file)")
    # Comments and processing instructions stay in the tree, so element paths match python-docx's parse
    # of the same part (annotation anchors comments through them); the walk skips them.
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError:
        raise DocumentError(name, f"not a valid Word file ('{part}' is not well-formed XML)") from None


def _main_part_name(archive: zipfile.ZipFile, name: str) -> str:
    rels = _parse_part(archive, "_rels/.rels", name)
    if rels is not None:
        for rel in rels.iter(f"{{{REL}}}Relationship"):
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/") or "word/document.xml"
    if "word/document.xml" in archive.namelist():
        return "word/document.xml"
    raise DocumentError(name, "not a valid Word file (no document part): save it again as .docx")


def _part_relationships(archive: zipfile.ZipFile, main_part: str, name: str) -> dict[str, str]:
    """The footnotes, endnotes and styles parts the main part points to, as archive names."""
    folder, _, base = main_part.rpartition("/")
    rels = _parse_part(archive, f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels", name)
    found = {}
    if rels is not None:
        for rel in rels.iter(f"{{{REL}}}Relationship"):
            kind = rel.get("Type", "").rsplit("/", 1)[-1]
            if kind in ("footnotes", "endnotes", "styles") and rel.get("TargetMode") != "External":
                target = rel.get("Target", "")
                found[kind] = target.lstrip("/") if target.startswith("/") else (f"{folder}/{target}" if folder else target)
    return found


def _numbers(ppr) -> bool | None:
    """Whether paragraph properties (a paragraph's or a style's) number or bullet it: True, False (numbering
    turned off, `numId` 0), or None when they name no list."""
    if ppr is None:
        return None
    num = ppr.find(_w("numPr"))
    if num is None:
        return None
    num_id = num.find(_w("numId"))
    return None if num_id is None else num_id.get(_w("val")) != "0"  # a level alone takes the list from the style


def _numbered_styles(archive: zipfile.ZipFile, part: str | None, name: str) -> frozenset[str]:
    """The ids of the paragraph styles that make a list item ("List Bullet", "List Number" and a teacher's own),
    by their numbering or the numbering of a style they are based on. A styles part is large (a third of a
    megabyte from Word's own template) and only these few facts are wanted, so it is scanned rather than parsed
    where it is written as Word writes it; the styles only say which paragraphs are list items, so an essay whose
    styles cannot be read reads without them."""
    if not part:
        return frozenset()
    try:
        data = _read_part(archive, part, name)
        if data is None:
            return frozenset()
        styles = _scanned_styles(data) if b"<w:style " in data else _parsed_styles(archive, part, name)
    except DocumentError:
        return frozenset()
    numbered = set()
    for sid in styles:
        seen: set[str] = set()
        current: str | None = sid
        while current in styles and styles[current][0] is None and current not in seen:
            seen.add(current)
            current = styles[current][1]  # the style it is based on, if any
        if current is not None and current in styles and styles[current][0]:
            numbered.add(sid)
    return frozenset(numbered)


_STYLE_ATTRIBUTE = re.compile(rb"""\bw:(type|styleId)\s*=\s*["']([^"']*)["']""")
_BASED_ON = re.compile(rb"""<w:basedOn\b[^>]*\bw:val\s*=\s*["']([^"']*)["']""")
_NUM_ID = re.compile(rb"""<w:numId\b[^>]*\bw:val\s*=\s*["']([^"']*)["']""")


def _scanned_styles(data: bytes) -> dict[str, tuple[bool | None, str | None]]:
    """Each paragraph style's own numbering (as `_numbers` reads it) and the style it is based on, read off the
    part's text: each `<w:style>` element up to its end tag."""
    out: dict[str, tuple[bool | None, str | None]] = {}
    at = data.find(b"<w:style ")
    while at >= 0:
        close = data.find(b">", at)
        if close < 0:
            break
        tag = data[at:close]
        at = data.find(b"<w:style ", close)
        if b"paragraph" not in tag:  # character, table and numbering styles: most of them
            continue
        attributes = {key: value for key, value in _STYLE_ATTRIBUTE.findall(tag)}
        if attributes.get(b"type") != b"paragraph" or not attributes.get(b"styleId"):
            continue
        self_closing = tag.endswith(b"/")
        end = close + 1 if self_closing else data.find(b"</w:style>", close)
        body = data[close + 1 : end if end >= 0 else len(data)]
        numbering: bool | None = None
        if b"<w:outlineLvl" in body:
            numbering = False  # a numbered heading style ("1. Introduction") is a heading, not a list item
        elif b"<w:numPr" in body:
            num_id = _NUM_ID.search(body)
            numbering = None if num_id is None else num_id.group(1) != b"0"
        based = _BASED_ON.search(body)
        out[attributes[b"styleId"].decode("utf-8", "replace")] = (
            numbering, based.group(1).decode("utf-8", "replace") if based else None)
    return out


def _parsed_styles(archive: zipfile.ZipFile, part: str, name: str) -> dict[str, tuple[bool | None, str | None]]:
    """`_scanned_styles` for a part written with another namespace prefix: parsed whole."""
    tree = _parse_part(archive, part, name)
    out: dict[str, tuple[bool | None, str | None]] = {}
    if tree is None:
        return out
    for style in tree.iter(_w("style")):
        sid = style.get(_w("styleId"))
        if style.get(_w("type")) != "paragraph" or not sid:
            continue
        ppr = style.find(_w("pPr"))
        numbering = False if ppr is not None and ppr.find(_w("outlineLvl")) is not None else _numbers(ppr)
        parent = style.find(_w("basedOn"))
        out[sid] = (numbering, parent.get(_w("val")) if parent is not None else None)
    return out


def _path_of(root, elem) -> tuple[int, ...]:
    path = []
    while elem is not root:
        parent = elem.getparent()
        path.append(parent.index(elem))
        elem = parent
    return tuple(reversed(path))


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                           (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= value:
            out += letters
            n -= value
    return out


class _DocxTextBuilder:
    """Walks WordprocessingML and collects paragraphs of text with the element each piece came from."""

    def __init__(self, numbered_styles: Callable[[], frozenset[str]] = frozenset) -> None:
        self.part = ""
        self._read_styles = numbered_styles  # read when a paragraph first names a style: most name none
        self._numbered_styles: frozenset[str] | None = None
        self.paragraphs: list[tuple[list[tuple[str, str, tuple[int, ...]]], str]] = []
        self.note_numbers: dict[tuple[str, str], str] = {}
        self.counts = {"footnote": 0, "endnote": 0}
        self._pending_boxes: list[tuple[object, tuple[int, ...]]] = []

    # -- body
    def block(self, elem, path: tuple[int, ...], kind: str = "body") -> None:
        for i, child in enumerate(elem):
            tag = child.tag
            if not isinstance(tag, str):
                continue
            cpath = path + (i,)
            if tag == _w("p"):
                self.paragraph(child, cpath, kind)
            elif tag == _w("tr"):
                self.row(child, cpath, kind)
            elif tag in (_w("tbl"), _w("tc"), _w("customXml"), _w("ins"), _w("moveTo")):
                self.block(child, cpath, kind)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self.block(content, cpath + (child.index(content),), kind)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self.block(choice, cpath + (child.index(choice),), kind)

    def row(self, tr, path: tuple[int, ...], kind: str) -> None:
        """A table row as one paragraph, its cells between bars ("| CCP view | Mao needed ... |"), as a table
        written in plain text reads: the text layer takes it for a list item, row by row."""
        start = len(self.paragraphs)
        cells: list[list[tuple[str, str, tuple[int, ...]]]] = []
        for i, cell in enumerate(tr):
            if cell.tag != _w("tc"):
                continue
            first = len(self.paragraphs)
            self.block(cell, path + (i,), kind)
            joined: list[tuple[str, str, tuple[int, ...]]] = []
            for pieces, _ in self.paragraphs[first:]:
                if joined:
                    joined.append((" ", self.part, ()))
                joined.extend(pieces)
            cells.append(joined)
        del self.paragraphs[start:]
        row: list[tuple[str, str, tuple[int, ...]]] = [("| ", self.part, ())]
        for k, cell in enumerate(cells):
            row.extend(cell)
            row.append((" | " if k < len(cells) - 1 else " |", self.part, ()))
        self.paragraphs.append((row, kind))

    def paragraph(self, p, path: tuple[int, ...], kind: str) -> None:
        pieces: list[tuple[str, str, tuple[int, ...]]] = []
        boxes: list[tuple[object, tuple[int, ...]]] = []
        self._inline(p, path, pieces, boxes)
        if self._list_item(p) and any(text.strip() for text, _, _ in pieces):
            # a bulleted or numbered paragraph reads as a list line does in plain text; the bullet comes from no run
            pieces.insert(0, (LIST_BULLET, self.part, ()))
        self.paragraphs.append((pieces, kind))
        for box, bpath in boxes:  # each text box once, right after the paragraph that anchors it
            self.block(box, bpath, kind)

    def _list_item(self, p) -> bool:
        """Whether Word shows the paragraph as an item of a bulleted or numbered list: its own numbering, else its
        style's."""
        ppr = p.find(_w("pPr"))
        own = _numbers(ppr)
        if own is not None:
            return own
        style = ppr.find(_w("pStyle")) if ppr is not None else None
        if style is None:
            return False
        if self._numbered_styles is None:
            self._numbered_styles = self._read_styles()
        return style.get(_w("val")) in self._numbered_styles

    def _inline(self, elem, path, pieces, boxes) -> None:
        for i, child in enumerate(elem):
            tag = child.tag
            if not isinstance(tag, str) or tag in _DROPPED:
                continue
            cpath = path + (i,)
            if tag == _w("r"):
                self._run(child, cpath, pieces, boxes)
            elif tag in _TRANSPARENT_INLINE:
                self._inline(child, cpath, pieces, boxes)
            elif tag == _w("sdt"):
                content = child.find(_w("sdtContent"))
                if content is not None:
                    self._inline(content, cpath + (child.index(content),), pieces, boxes)
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self._inline(choice, cpath + (child.index(choice),), pieces, boxes)

    def _run(self, r, path, pieces, boxes) -> None:
        for i, child in enumerate(r):
            tag = child.tag
            if not isinstance(tag, str):
                continue
            cpath = path + (i,)
            if tag == _w("t"):
                if child.text:
                    pieces.append((child.text, self.part, cpath))
            elif tag == _w("tab"):
                pieces.append(("\t", self.part, cpath))
            elif tag in (_w("br"), _w("cr")):
                # a page or column break inside a paragraph moves the text on, it does not end a line of it: the
                # sentence it falls in ("... after the civil" / "war ...") reads, and is quoted, whole
                flow = child.get(_w("type")) in ("page", "column")
                pieces.append((" " if flow else "\n", self.part, cpath))
            elif tag == _w("noBreakHyphen"):
                pieces.append(("-", self.part, cpath))
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                marker = "footnote" if tag == _w("footnoteReference") else "endnote"
                pieces.append((f"[{self._note_number(marker, child.get(_w('id'), ''))}]", self.part, cpath))
            elif tag in (_w("footnoteRef"), _w("endnoteRef")):
                pass  # the note's own number is written when the note is read
            else:
                self._find_text_boxes(child, cpath, boxes)

    def _find_text_boxes(self, elem, path, boxes) -> None:
        """Text boxes inside drawings; of `mc:AlternateContent` only the Choice, so each box is read once."""
        for i, child in enumerate(elem):
            tag = child.tag
            if not isinstance(tag, str):
                continue
            cpath = path + (i,)
            if tag == _w("txbxContent"):
                boxes.append((child, cpath))
            elif tag == f"{{{MC}}}AlternateContent":
                choice = child.find(f"{{{MC}}}Choice")
                if choice is not None:
                    self._find_text_boxes(choice, cpath + (child.index(choice),), boxes)
            elif tag != f"{{{MC}}}Fallback":
                self._find_text_boxes(child, cpath, boxes)

    def _note_number(self, marker: str, note_id: str) -> str:
        key = (marker, note_id)
        if key not in self.note_numbers:
            self.counts[marker] += 1
            n = self.counts[marker]
            self.note_numbers[key] = str(n) if marker == "footnote" else _roman(n)
        return self.note_numbers[key]

    # -- notes
    def notes(self, tree, marker: str) -> None:
        found: list[tuple[bool, int, tuple[str, str], Any, tuple[int, ...]]] = []
        for i, note in enumerate(tree):
            if note.tag != _w(marker) or note.get(_w("type")) in ("separator", "continuationSeparator",
                                                                   "continuationNotice"):
                continue
            key = (marker, note.get(_w("id"), ""))
            found.append((key in self.note_numbers, len(found), key, note, (i,)))
        order = {key: i for i, key in enumerate(self.note_numbers)}
        ordered = sorted((f for f in found if f[0]), key=lambda f: order[f[2]]) + [f for f in found if not f[0]]
        for _, _, key, note, path in ordered:
            start = len(self.paragraphs)
            self.block(note, path, "note")
            if len(self.paragraphs) > start and key in self.note_numbers:
                pieces, kind = self.paragraphs[start]
                gap = "" if pieces and pieces[0][0][:1].isspace() else " "
                pieces.insert(0, (f"[{self.note_numbers[key]}]{gap}", self.part, path))

    def finish(self) -> tuple[tuple[Paragraph, ...], str, tuple[RunSpan, ...]]:
        """Join non-empty paragraphs with one newline, trimming outer white space from each."""
        out: list[str] = []
        paragraphs: list[Paragraph] = []
        runs: list[RunSpan] = []
        offset = 0
        for pieces, kind in self.paragraphs:
            raw = "".join(p[0] for p in pieces)
            raw = _CONTROL.sub(" ", raw)
            lead = len(raw) - len(raw.lstrip())
            stripped = raw.strip()
            if not stripped:
                continue
            if paragraphs:
                out.append("\n")
                offset += 1
            start = offset
            pos = 0
            for text, part, path in pieces:
                a, b = max(pos, lead), min(pos + len(text), lead + len(stripped))
                if a < b and path:  # a table's bars come from no run
                    runs.append(RunSpan(start + a - lead, start + b - lead, part, path))
                pos += len(text)
            out.append(stripped)
            offset += len(stripped)
            paragraphs.append(Paragraph(start, offset, kind))  # type: ignore[arg-type]
        return tuple(paragraphs), "".join(out), tuple(runs)
