"""MkDocs hook: drop the templates' indentation from every page.

About half of each page's HTML is leading whitespace from Jinja templates. Removing it at line
starts keeps a line break between elements (so no words run together) and leaves <pre> and
<textarea> blocks exactly as they are.
"""

from __future__ import annotations

import re

_KEEP = re.compile(r"(<(pre|textarea)\b.*?</\2>)", re.S | re.I)
# A line break and any indentation and blank lines after it.
_BREAK_AND_INDENT = re.compile(r"\n[ \t\n]+")


def _squeeze(html: str) -> str:
    return _BREAK_AND_INDENT.sub("\n", html)


def on_post_page(output: str, page, config) -> str:
    parts = _KEEP.split(output)
    # re.split with two groups yields: text, whole kept block, tag name, text, ...
    return "".join(
        part if index % 3 == 1 else _squeeze(part) if index % 3 == 0 else ""
        for index, part in enumerate(parts)
    )
