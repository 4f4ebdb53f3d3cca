"""Compiled report templates kept in grader's cache folder (`grader.cache`): compiling the report and overview
templates takes 13-20 ms each in every process, reading them back under a millisecond. jinja2 checks each against
its template's source (a checksum) and its own and Python's versions, and recompiles what is stale; a file is
read only when this user alone could have written it, since it is loaded as code."""
from __future__ import annotations

from pathlib import Path

import jinja2
from jinja2.bccache import Bucket

from ..cache import cache_dir, read_trusted, write_private


class TemplateCache(jinja2.BytecodeCache):
    """jinja2's bytecode cache over grader's cache files: written whole, read only when trusted."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, bucket: Bucket) -> Path:
        return self.folder / f"jinja2-{jinja2.__version__}-{bucket.key}.template"

    def load_bytecode(self, bucket: Bucket) -> None:
        data = read_trusted(self.path(bucket))
        if data is not None:
            bucket.bytecode_from_string(data)  # a stale or damaged file leaves the bucket empty: compiled afresh

    def dump_bytecode(self, bucket: Bucket) -> None:
        write_private(self.path(bucket), bucket.bytecode_to_string())


def template_cache() -> TemplateCache | None:
    """The cache of compiled templates, or None when caching is switched off."""
    folder = cache_dir()
    return TemplateCache(folder) if folder is not None else None
