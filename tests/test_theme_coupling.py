"""The theme coupling, checked. Every template in overrides/ that stands in for one of Material's,
and every block of Material's copied into one of ours, differs from the installed Material's
only as tests/theme_copies/ says (a unified diff per copy, Material's text first, comments left
out). An upgrade of Material that changes what was copied fails here and prints what changed, so
that the copy is brought up to date by hand; a change to a copy fails too until its diff is
rewritten: `.venv/bin/python tests/test_theme_coupling.py --write` (then read the diffs before
committing).
"""

from __future__ import annotations

import difflib
import re
import sys
import textwrap
from importlib.metadata import version
from pathlib import Path

import material
import pytest

from helpers import ROOT

MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"
EXPECTED = Path(__file__).parent / "theme_copies"

# Every template in overrides/ at the path of one of Material's, and what it is. A copy: Material's
# text with our changes (diffed below). Extends: a template of our own that only fills blocks (its
# blocks are checked below), as Material's 404.html and main.html do.
SHADOWS = {
    "partials/content.html": "copy",
    "partials/copyright.html": "copy",
    "partials/javascripts/base.html": "copy",
    "partials/search.html": "copy",
    "404.html": "extends",
    "main.html": "extends",
}
# Blocks of Material's base.html that a template of ours fills with a changed copy of Material's
# own (diffed below), keyed by our template.
COPIED_BLOCKS = {"main.html": ["site_meta"]}
# Blocks ours fill without {{ super() }} and without copying: Material's is empty (announce), or
# its page is replaced whole (the 404 page's content, "404 - Not found").
REPLACED_BLOCKS = {"main.html": ["announce"], "404.html": ["content"]}

BLOCK_TAG = re.compile(r"\{%-?\s*(?:block\s+(\w+)|endblock(?:\s+\w+)?)\s*-?%\}")


def blocks(template: str) -> dict[str, str]:
    """Each block of a template (nested ones too) by name: the text between its tags."""
    found, open_blocks = {}, []
    for tag in BLOCK_TAG.finditer(template):
        if tag.group(1):
            open_blocks.append((tag.group(1), tag.end()))
        else:
            name, start = open_blocks.pop()
            found[name] = template[start:tag.start()]
    assert not open_blocks, f"unclosed blocks: {open_blocks}"
    return found


def without_comments(template: str) -> str:
    """A template's code: Jinja comments are no part of what it renders, and ours say why we
    changed something, so rewording one is no change to the copy."""
    return re.sub(r"\{#.*?#\}", "", re.sub(r"^[ \t]*\{#.*?#\}[ \t]*\n", "", template, flags=re.M | re.S), flags=re.S)


def copies() -> dict[str, tuple[str, str, str, str]]:
    """Each copy, by the name of its expected diff: (where Material's is, Material's text, where
    ours is, ours)."""
    pairs = {}
    for path, kind in SHADOWS.items():
        if kind == "copy":
            pairs[f"{path}.diff"] = (f"material/templates/{path}", without_comments((MATERIAL / path).read_text(encoding="utf-8")),
                                     f"overrides/{path}", without_comments((OVERRIDES / path).read_text(encoding="utf-8")))
    upstream = blocks(without_comments((MATERIAL / "base.html").read_text(encoding="utf-8")))
    for path, names in COPIED_BLOCKS.items():
        ours = blocks(without_comments((OVERRIDES / path).read_text(encoding="utf-8")))
        for name in names:
            # Indented as each template nests it; compared from the left margin.
            pairs[f"{path}.{name}.diff"] = (
                f"material/templates/base.html, block {name}", textwrap.dedent(upstream[name]).strip("\n") + "\n",
                f"overrides/{path}, block {name}", textwrap.dedent(ours[name]).strip("\n") + "\n")
    return pairs


def diff(materials_place: str, materials: str, our_place: str, ours: str) -> str:
    return "".join(difflib.unified_diff(materials.splitlines(keepends=True), ours.splitlines(keepends=True),
                                        materials_place, our_place, n=1))


def test_every_template_that_stands_in_for_materials_is_known():
    """A new copy of one of Material's templates needs its entry above, and so its check."""
    shadowing = {path.relative_to(OVERRIDES).as_posix() for path in OVERRIDES.rglob("*.html")
                 if (MATERIAL / path.relative_to(OVERRIDES)).is_file()}
    assert shadowing == set(SHADOWS)


@pytest.mark.parametrize("name", sorted(copies()))
def test_each_copy_differs_from_the_installed_material_only_as_intended(name):
    copy = copies()[name]
    found, expected = diff(*copy), (EXPECTED / name).read_text(encoding="utf-8")
    assert found == expected, (
        f"{copy[2]} now differs from the installed Material "
        f"{version('mkdocs-material')}'s text otherwise than tests/theme_copies/{name} says. If Material changed, "
        "bring the copy up to date; then rewrite the diffs (see this file's docstring). How the differences "
        "changed (- expected, + now):\n"
        + "".join(difflib.unified_diff(expected.splitlines(keepends=True), found.splitlines(keepends=True), n=2)))


@pytest.mark.parametrize("path", [path for path, kind in SHADOWS.items() if kind == "extends"])
def test_a_template_that_extends_keeps_materials_blocks_or_says_why_not(path):
    """Each block ours fills either keeps Material's ({{ super() }}), is a checked copy of it, or
    replaces one that holds nothing to keep."""
    text = (OVERRIDES / path).read_text(encoding="utf-8")
    assert re.match(r"(\{#.*?#\}\s*)*\{% extends ", text, re.S), f"{path} should only extend a template"
    filled = blocks(text)
    dropped = {name for name, body in filled.items() if "super()" not in body}
    assert dropped == set(COPIED_BLOCKS.get(path, []) + REPLACED_BLOCKS.get(path, [])), (
        f"{path}: blocks that drop Material's: {sorted(dropped)}")
    assert set(filled) <= set(blocks((MATERIAL / "base.html").read_text(encoding="utf-8"))), f"{path}: a block Material has not"


def test_the_head_names_the_material_installed(built_site):
    """Not a version written into the copy of the head (main.html), which would go stale."""
    html = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'mkdocs-material-{version("mkdocs-material")}">' in html


def test_the_words_the_site_changes_are_materials_keys():
    """partials/languages/custom.html changes a few of Material's English words by key: a key
    Material renamed would silently show its words again."""
    ours = set(re.findall(r'^\s*"([\w.]+)":', (OVERRIDES / "partials/languages/custom.html").read_text(encoding="utf-8"), re.M))
    materials = set(re.findall(r'"([\w.]+)": "', (MATERIAL / "partials/languages/en.html").read_text(encoding="utf-8")))
    assert ours and ours <= materials, sorted(ours - materials)


if __name__ == "__main__" and sys.argv[1:] == ["--write"]:
    EXPECTED.mkdir(exist_ok=True)
    for name, copy in copies().items():
        (EXPECTED / name).parent.mkdir(parents=True, exist_ok=True)
        (EXPECTED / name).write_text(diff(*copy), encoding="utf-8")
        print(f"wrote tests/theme_copies/{name}")
