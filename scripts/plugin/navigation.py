"""The offline build's navigation, from MkDocs itself, for the one-file copy.

The one-file copy (scripts/offline/single_file.py) puts the pages in the navigation's order,
under its first-level sections, with the titles the menu gives them. It reads them from a small
JSON file (scripts/output/built_site.py names it) that the plugin writes into the offline build's
folder, rather than from the labels of Material's footer and menu, which a theme update may change.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from scripts.output.built_site import NAVIGATION


def entries(nav) -> list[dict[str, str]]:
    """Every page of MkDocs' navigation in order: its built file, its title in the menu (text, as
    the footer's "Next" label shows it) and its first-level section ("" at the top level)."""
    found: list[dict[str, str]] = []

    def walk(items, section: str) -> None:
        for item in items:
            if item.is_page:
                found.append({"path": item.file.dest_uri, "title": html.unescape(str(item.title or "")),
                              "section": section})
            elif item.is_section:
                walk(item.children, section or html.unescape(str(item.title)))

    walk(nav.items, "")
    return found


def write(site_dir: Path, nav) -> None:
    (site_dir / NAVIGATION).write_text(json.dumps(entries(nav), ensure_ascii=False, indent=1), encoding="utf-8")
