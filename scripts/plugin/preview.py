"""Keep the live preview (`make serve`) alive through a build that fails.

MkDocs' preview stops rebuilding when a plugin exits (mkdocs-macros does on any error), and after
any other failed build it holds every request until a build succeeds. Wrapped by `surviving`, a
failed build instead leaves the error, naming the file, in the terminal and on every page of the
preview; the next save that fixes it rebuilds the site and the open pages reload by themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

log = logging.getLogger("mkdocs.preview")


class _Messages(logging.Handler):
    """The warnings and errors logged during one build."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if not record.name.startswith("mkdocs.livereload"):  # requests served meanwhile
            self.messages.append(record.getMessage())


def surviving(build: Callable[[], None], site_dir: Path, error_template: Path) -> Callable[[], None]:
    # The pages of the last good build (as paths in the site): the error takes each one's place,
    # so a page open in the browser shows it, and reloads by itself once the error is fixed.
    pages = _pages(site_dir)

    def build_or_show_error() -> None:
        nonlocal pages
        collected = _Messages()
        logger = logging.getLogger("mkdocs")
        logger.addHandler(collected)
        try:
            build()
            pages = _pages(site_dir)
        except KeyboardInterrupt:
            raise
        except BaseException as error:  # noqa: BLE001 (SystemExit too: a plugin's exit must not end the preview)
            messages = collected.messages or [str(error) or type(error).__name__]
            show_error(site_dir, pages, error_template, messages)
            log.error("The preview shows the error above on every page. Fix the file it names and save: "
                      "the preview rebuilds by itself.")
        finally:
            logger.removeHandler(collected)

    return build_or_show_error


def _pages(site_dir: Path) -> set[Path]:
    return {path.relative_to(site_dir) for path in site_dir.rglob("*.html")}


def show_error(site_dir: Path, pages: set[Path], error_template: Path, messages: list[str]) -> None:
    env = Environment(loader=FileSystemLoader(error_template.parent), autoescape=True)
    page = env.get_template(error_template.name).render(messages=messages)
    for path in pages | {Path("index.html"), Path("404.html")}:
        (site_dir / path).parent.mkdir(parents=True, exist_ok=True)
        (site_dir / path).write_text(page, encoding="utf-8")
