"""HTML fragments that macros put into page bodies, from the templates in overrides/macros/.

Autoescaping is on, so text from data files is always shown as text, never read as markup. The
fragments are HTML blocks inside Markdown pages: Markdown leaves them as they are.
"""

from __future__ import annotations

import functools
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).resolve().parents[2] / "overrides" / "macros"


@functools.cache
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_part(template: str, **context) -> str:
    return _environment().get_template(template).render(**context)
