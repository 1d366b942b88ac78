"""The one escaping rule for data shown in a Markdown page (decision trees, supporting sources).

Data is never markup: every value a Markdown template prints is escaped for Markdown (a backslash
before each character Python-Markdown treats as syntax) and then for HTML (`<`, `>`, `&`, quotes),
so it shows exactly as typed. The templates that use it set it as Jinja's `finalize`.
"""

from __future__ import annotations

import re
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

# Characters Python-Markdown (with tables and attr_list) lets a backslash escape; `<`, `>` and
# `&` are escaped as HTML instead.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|])")


def markdown_environment(templates: Path) -> Environment:
    """The Jinja environment for the Markdown templates (`*.md.j2`) in `templates`: every value
    printed goes through `as_text`, an undefined name is an error, and `link` makes a link target."""
    env = Environment(loader=FileSystemLoader(templates), autoescape=True, finalize=as_text,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["link"] = as_link
    return env


def as_text(value) -> Markup:
    """Show a value as literal text in a Markdown page."""
    if isinstance(value, Markup) or value is None:
        return value if value is not None else Markup("")
    return Markup(escape(_MARKDOWN_SPECIAL.sub(r"\\\1", str(value))))


def as_html_text(value) -> Markup:
    """Show a value as literal text inside an HTML element that Markdown leaves alone (one marked
    markdown="0"), where a backslash would show: escaped for HTML only. Used for a <summary>, which
    must hold no link (axe's nested-interactive), so no glossary term gets marked inside it either."""
    return Markup(escape(str(value)))


def as_link(target: str) -> Markup:
    """A link target built from ids and paths the schema already limits to safe characters."""
    if not re.fullmatch(r"[a-z0-9./][a-z0-9/.#-]*", target):
        raise ValueError(f"unsafe link target: {target!r}")
    return Markup(target)
