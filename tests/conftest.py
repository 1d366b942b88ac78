"""Shared fixtures: strict builds of the real site and of small fixture sites, and Chromium."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from scripts.build import strict_build
from scripts.chromium import CHROMIUM, CHROMIUM_ARGS
from scripts.search_quality import type_query

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Build:
    returncode: int
    log: str
    site: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def mkdocs_build(project: Path, site: Path) -> Build:
    """Run `mkdocs build --strict` in a project folder, as the Makefile does."""
    result = strict_build(project, site)
    return Build(result.returncode, result.stdout + result.stderr, site)


# Every page's banner and footer link to these, so every site has them.
ALWAYS_THERE = {
    "help.md": "---\ntitle: Get help now\ndescription: Numbers to call.\n---\n\n# Get help now\n\nNumbers.\n",
    "safety.md": "---\ntitle: Safety first\ndescription: Safety help.\n---\n\n# Safety first\n\nHelp.\n",
}


def make_fixture_site(folder: Path, pages: dict[str, str]) -> Path:
    """A small site that uses the real configuration, theme overrides and scripts, with only the
    given pages (paths relative to docs/, plus a plain help and safety page unless given) and
    no fixed navigation."""
    pages = {**ALWAYS_THERE, **pages}
    folder.mkdir(parents=True, exist_ok=True)
    for shared in ("overrides", "scripts"):
        (folder / shared).symlink_to(ROOT / shared)
    (folder / "project.yml").write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "mkdocs.yml").write_text("INHERIT: project.yml\nnav: null\n", encoding="utf-8")
    docs = folder / "docs"
    shutil.copytree(ROOT / "docs" / "_data", docs / "_data", ignore=shutil.ignore_patterns("*.yml"))
    shutil.copyfile(ROOT / "docs" / "_data" / "glossary.yml", docs / "_data" / "glossary.yml")
    # The theme links every page to the help and safety pages, so a site without them does not build.
    theme_targets = {"help.md": "Get help now", "safety.md": "Safety first"}
    pages = {path: f"---\ntitle: {title}\n---\n\n# {title}\n" for path, title in theme_targets.items()} | pages
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def real_site(tmp_path_factory) -> Build:
    """One strict build of the real site, shared by every test that reads it."""
    return mkdocs_build(ROOT, tmp_path_factory.mktemp("real") / "site")


@pytest.fixture(scope="session")
def built_site(real_site) -> Path:
    assert real_site.ok, real_site.log
    return real_site.site


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site):
    """The built site served on 127.0.0.1 for the browser tests."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def guard_requests(context, allowed_prefix: str, blocked: list[str]) -> None:
    """Let requests under `allowed_prefix` through; abort and record every other one."""

    def route(route_handle):
        url = route_handle.request.url
        if url.startswith(allowed_prefix) or url.startswith("data:") or url.startswith("blob:"):
            route_handle.continue_()
        else:
            blocked.append(url)
            route_handle.abort()

    context.route("**/*", route)


def follow(link) -> None:
    """Click a link and wait for the page it leads to. A click returns as soon as the
    navigation starts, so reading the page straight after it may still read the old one."""
    with link.page.expect_navigation(wait_until="load"):
        link.click()


def search_results(page, query: str) -> int:
    """Type a query into the search box and return how many results (pages) show for it."""
    type_query(page, query)
    return page.locator(".md-search-result__item").count()
