"""A read-only table of byte strings kept in a file and looked up in place, without loading it.

A dictionary of 180,000 words takes 30-40 ms and about 29 MB to load into a Python dict in every process,
while one essay looks up a few hundred words. Here the file is mapped into memory and each lookup reads the
two or three places it needs: opening costs nothing, and the pages are the operating system's, shared by every
process that reads the file.

The layout (little-endian): a header (magic, format, slot count, entries, size of the records), then one
4-byte slot per bucket holding the offset of its record or 0, then the records, each a key and a value with
2-byte lengths. A key's bucket is its CRC-32 modulo the slot count (a power of two), probing onward when taken;
the slots are never more than half full.
"""
from __future__ import annotations

import mmap
import os
import struct
import zlib
from pathlib import Path
from typing import Iterator, Mapping

MAGIC = b"GWT1"
_HEADER = struct.Struct("<4sIII")  # magic, slots, entries, bytes of records
_SLOT = struct.Struct("<I")
_LENGTH = struct.Struct("<H")
#: The longest key or value a record holds (its length is a 2-byte number).
LONGEST = 0xFFFF


class BadTable(ValueError):
    """A file that is not a whole word table (another format, or cut short)."""


def table_bytes(entries: Mapping[bytes, bytes]) -> bytes:
    """The file for a mapping of byte strings (keys and values at most LONGEST bytes)."""
    slots = 1
    while slots < 2 * max(len(entries), 1):
        slots *= 2
    records = bytearray()
    offsets = [0] * slots
    start = _HEADER.size + _SLOT.size * slots
    for key, value in entries.items():
        if len(key) > LONGEST or len(value) > LONGEST:
            raise ValueError(f"an entry longer than {LONGEST} bytes: {key[:40]!r}")
        at = zlib.crc32(key) & (slots - 1)
        while offsets[at]:
            at = (at + 1) & (slots - 1)
        offsets[at] = start + len(records)
        records += _LENGTH.pack(len(key)) + key + _LENGTH.pack(len(value)) + value
    header = _HEADER.pack(MAGIC, slots, len(entries), len(records))
    return header + struct.pack(f"<{slots}I", *offsets) + bytes(records)


class WordTable(Mapping[bytes, bytes]):
    """A table file's entries, looked up in place (a `bytes` or a memory map of the file)."""

    def __init__(self, data: bytes | mmap.mmap):
        if len(data) < _HEADER.size:
            raise BadTable("shorter than its header")
        magic, slots, entries, size = _HEADER.unpack_from(data, 0)
        if magic != MAGIC or slots & (slots - 1) or entries * 2 > slots:
            raise BadTable("not a word table")
        if len(data) != _HEADER.size + _SLOT.size * slots + size:
            raise BadTable("cut short or overlong")
        self._data = data
        self._slots = slots
        self._entries = entries

    def get(self, key: bytes, default: bytes | None = None) -> bytes | None:  # type: ignore[override]
        data, mask = self._data, self._slots - 1
        at = zlib.crc32(key) & mask
        for _ in range(self._slots):
            (record,) = _SLOT.unpack_from(data, _HEADER.size + _SLOT.size * at)
            if not record:
                return default
            (size,) = _LENGTH.unpack_from(data, record)
            if data[record + 2 : record + 2 + size] == key:
                (value_size,) = _LENGTH.unpack_from(data, record + 2 + size)
                value_at = record + 4 + size
                return data[value_at : value_at + value_size]
            at = (at + 1) & mask
        return default

    def __getitem__(self, key: bytes) -> bytes:
        value = self.get(key)
        if value is None:
            raise KeyError(key)
        return value

    def __iter__(self) -> Iterator[bytes]:
        data = self._data
        at = _HEADER.size + _SLOT.size * self._slots
        for _ in range(self._entries):
            (size,) = _LENGTH.unpack_from(data, at)
            yield data[at + 2 : at + 2 + size]
            (value_size,) = _LENGTH.unpack_from(data, at + 2 + size)
            at += 4 + size + value_size

    def __len__(self) -> int:
        return self._entries


def open_table(path: Path) -> WordTable:
    """Map a table file read-only; it stays mapped for the life of the process (BadTable when it is not one,
    OSError when it cannot be read)."""
    with open(path, "rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        if size < _HEADER.size:
            raise BadTable("shorter than its header")
        return WordTable(mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ))
