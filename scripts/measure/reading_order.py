"""Advice first on a phone: how far down each topic page its first section of advice starts.

At 390×844 (an everyday phone), the first h2 of every topic page must start within 1,000 px of the
top of the page, under the title, the safety note, "In short" and the folded "Questions this page
answers". This prints the figure for every topic page:

    .venv/bin/python -m scripts.measure.reading_order    # build, serve, print; exit 1 if a page is too low

tests/test_layout.py calls first_section_tops() with the test suite's tab and served site.
"""

from __future__ import annotations

import sys
from pathlib import Path

from scripts.measure.page_weight import on_a_fresh_build

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
FIRST_SECTION_WITHIN = 1000  # px from the top of the page
_FIRST_H2_TOP = "() => Math.round(document.querySelector('article h2').getBoundingClientRect().top + scrollY)"


def topic_paths(docs_dir: Path = ROOT / "docs") -> list[str]:
    return [f"topics/{page.stem}/" for page in sorted((docs_dir / "topics").glob("*.md"))]


def first_section_tops(page, base_url: str, paths: list[str]) -> dict[str, int]:
    """Where the first h2 starts on each page, in px from the top, in a tab already set to a phone."""
    tops = {}
    for path in paths:
        page.goto(base_url + path, wait_until="load")
        tops[path] = page.evaluate(_FIRST_H2_TOP)
    return tops


def main() -> int:
    tops = on_a_fresh_build(lambda browser, base_url: first_section_tops(
        browser.new_page(viewport=PHONE, has_touch=True), base_url, topic_paths()))
    for path, top in tops.items():
        print(f"{path:40} first h2 at {top:5} px{'' if top <= FIRST_SECTION_WITHIN else '  TOO LOW'}")
    return 0 if max(tops.values()) <= FIRST_SECTION_WITHIN else 1


if __name__ == "__main__":
    sys.exit(main())
