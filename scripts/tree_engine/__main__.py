"""`python -m scripts.tree_engine check` checks every tree; `render OUT` also writes the pages;
`schema` writes the tree format's JSON Schema (docs/_data/trees/tree.schema.json) from the models.

It reads what the trees need from the site (the docs folder, the tag vocabulary, the sources and
the tags that suggest distance) out of the site's configuration file, read as plain YAML, so it
runs without MkDocs. The
pages land in OUT as they would in the docs folder (OUT/decide/...), as ordinary Markdown.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from scripts.content.data_models import write_schema
from scripts.tree_engine import Site, check_references, load_trees, render_site_pages
from scripts.tree_engine.load import SCHEMA
from scripts.tree_engine.model import json_schema
from scripts.content.yaml_data import DataError


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml with its MkDocs-only tags (`!ENV`, `!!python/name`) read as empty values."""


_ConfigLoader.add_multi_constructor("!", lambda loader, suffix, node: None)
_ConfigLoader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def _settings(config_file: Path) -> dict:
    """The configuration, with the file it inherits from (`INHERIT:`) merged under it."""
    config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}  # noqa: S506 (safe)
    parent = config.pop("INHERIT", None)
    return _merged(_settings(config_file.parent / parent), config) if parent else config


def _merged(base: dict, override: dict) -> dict:
    merged = dict(base)
    for key, value in override.items():
        both_dicts = isinstance(value, dict) and isinstance(base.get(key), dict)
        merged[key] = _merged(base[key], value) if both_dicts else value
    return merged


def _allowed_tags(config: dict) -> set[str]:
    for plugin in config.get("plugins", []):
        if isinstance(plugin, dict) and "tags" in plugin:
            return set((plugin["tags"] or {}).get("tags_allowed", []))
    return set()


def checked_pages(config_file: Path) -> dict[str, str]:
    """Every tree checked against the site in `config_file`, and its pages rendered."""
    config = _settings(config_file)
    docs_dir = config_file.parent / config.get("docs_dir", "docs")
    extra = config.get("extra", {})
    trees = load_trees(docs_dir)
    pages = {path.relative_to(docs_dir).as_posix() for path in docs_dir.rglob("*.md")}
    for tree in trees:
        check_references(tree, pages, _allowed_tags(config), set(extra.get("sources", {})))
    site = Site(docs_dir=docs_dir, sources=extra.get("sources", {}), distance_tags=frozenset(extra.get("distance_tags", [])))
    return render_site_pages(trees, site)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.tree_engine", description=__doc__.splitlines()[0])
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), help="the site's mkdocs.yml")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="check every tree; print nothing but problems")
    render = commands.add_parser("render", help="check every tree and write its pages into OUT")
    render.add_argument("out", type=Path, metavar="OUT")
    commands.add_parser("schema", help=f"write the trees' JSON Schema into docs/{SCHEMA}")
    args = parser.parse_args(argv)
    if args.command == "schema":
        write_schema(args.config.parent / "docs" / SCHEMA, json_schema())
        return 0
    try:
        pages = checked_pages(args.config)
    except DataError as error:
        print(error, file=sys.stderr)
        return 1
    if args.command == "render":
        for path, markdown in pages.items():
            target = args.out / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
        print(f"wrote {len(pages)} pages into {args.out}")
    else:
        print(f"{len(pages)} pages from the trees: no problems")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
