"""Checks on mkdocs.yml settings that MkDocs accepts but the site cannot use."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import get_yaml_loader, yaml_load

from scripts.content.yaml_data import DataError, echo

# What a web address may not hold as written: spaces, control characters, quotes and angle brackets
# (they would end up raw in the sitemap and in every page's links).
_UNSAFE_IN_URL = re.compile(r"[\s\x00-\x1f\x7f\"'<>\\`]")


def read_settings(config_file: Path) -> dict[str, Any]:
    """mkdocs.yml as MkDocs reads it (`!ENV`, `!relative $config_dir`, `INHERIT`), for the scripts and
    tests that need a setting without running a build."""
    loader = get_yaml_loader(config=MkDocsConfig(config_file_path=str(config_file)))
    with config_file.open(encoding="utf-8") as file:
        return yaml_load(file, loader=loader)


def check_address(config_file: str, name: str, setting: str, url: str | None, *, full: bool = True) -> None:
    """An address the site writes into pages: the site's own, or (not `full`, as it may be relative
    to repo_url) its edit links."""
    if not url:
        return
    parts = urlsplit(url)
    bad = _UNSAFE_IN_URL.search(url)
    if bad:
        what = "a space" if bad.group().isspace() else f"the character {bad.group()!r}"
        problem = f"has {what}, which a web address cannot hold as written"
    elif full and (parts.scheme not in ("http", "https") or not parts.netloc):
        problem = "is not a full web address starting with https:// (or http://)"
    else:
        return
    raise DataError(
        f"{config_file}: {name} ({setting}) {echo(url)} {problem}. "
        f"Set {name} to the address where the site is published, like https://example.org/after-he-leaves/ "
        "(write a space as %20)."
    )


def check_sources(config_file: str, extra: dict) -> None:
    """extra.sources: the source articles that pages and trees cite, each with its name, title and author."""
    sources = extra.get("sources")
    if not isinstance(sources, dict) or not sources:
        raise DataError(
            f"{config_file}: extra.sources is missing or empty. It lists the source articles that pages "
            "and trees cite: put it back under extra:, one entry per source with its name, title and author."
        )
    for source_id, source in sources.items():
        missing = [key for key in ("name", "title", "author") if not isinstance(source, dict) or key not in source]
        if missing:
            raise DataError(
                f"{config_file}: extra.sources > {source_id}: the field '{missing[0]}' is missing; "
                "give each source a name, a title and an author (null when there is none)."
            )
