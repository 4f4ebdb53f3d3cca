"""The jinja2 environment: templates from reports/templates, StrictUndefined (a typo fails, never prints
blank), autoescape for HTML, and an `md` filter that escapes student text for Markdown and HTML alike."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterator

#: Characters that Markdown (CommonMark) or HTML would read as markup; each is backslash-escaped.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]<>&#|~!])")
_LIST_START = re.compile(r"^(\s*)([-+]|\d+[.)])(\s)", re.M)


def escape_markdown(text: str) -> str:
    """Text that Markdown shows literally: no emphasis, links, HTML, headings or lists from student words."""
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", str(text))
    text = _LIST_START.sub(lambda m: m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1] + m.group(3)
                           if m.group(2)[-1] in ".)" else m.group(1) + "\\" + m.group(2) + m.group(3), text)
    return " ".join(text.split("\n"))


@functools.lru_cache(maxsize=1)
def environment():
    """The shared, read-only template environment, its compiled templates kept in grader's cache."""
    from .template_cache import template_cache

    return new_environment(template_cache())


def new_environment(bytecode_cache=None):
    """A template environment: the templates compiled afresh, or kept in and read from `bytecode_cache`."""
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("grader.reports", "templates"),
        bytecode_cache=bytecode_cache,
        autoescape=jinja2.select_autoescape(["html", "html.j2"], default_for_string=False, default=False),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["md"] = escape_markdown
    return env


def render_template(name: str, context) -> str:
    """Render a template with the fields of a context dataclass."""
    return environment().get_template(name).render(**_fields(context))


def render_template_parts(name: str, context) -> Iterator[str]:
    """`render_template` piece by piece, for a page too long to hold whole (a class overview of thousands)."""
    return environment().get_template(name).generate(**_fields(context))


def _fields(context) -> dict:
    """A context dataclass's fields as the template's variables."""
    from dataclasses import fields

    return {f.name: getattr(context, f.name) for f in fields(context)}
