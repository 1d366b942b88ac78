"""MkDocs hook: refuse input that MkDocs would otherwise publish quietly, or stumble on, and hold
every built page to the site's promises (scripts/output/output_policy.py), in every build and the preview.

The checks live in plain modules (site_config.py, source_map.py, pages.py, page_checks.py); this
hook only runs them at the right moments of the build.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.plugins import event_priority
from scripts.plugin.hook_errors import reported
from scripts.output import output_policy
from scripts.checks import page_checks, site_config
from scripts.content import source_map
from scripts.plugin.assets_hook import SEARCH_SHIM, is_offline_build
from scripts.content.pages import front_matter, title_as_html
from scripts.content.text_reader import read_text, shown


# Before every plugin (mkdocs-macros reads extra.sources in its on_config).
@event_priority(100)
@reported
def on_config(config):
    config_file = shown(Path(config.config_file_path)) if config.config_file_path else "mkdocs.yml"
    site_config.check_address(config_file, "SITE_URL", "site_url", config.site_url)
    site_config.check_address(config_file, "EDIT_URI", "edit_uri", config.edit_uri, full=False)
    site_config.check_sources(config_file, config.extra)
    return config


@reported
def on_files(files, config):
    """Load and check the source map once (the sources page's macros read it)."""
    docs_dir = Path(config.docs_dir)
    mapped = None
    if (docs_dir / source_map.SOURCE_MAP).is_file():
        mapped = source_map.load_source_map(docs_dir)
        pages = {file.src_uri for file in files.documentation_pages()}
        source_map.check_references(docs_dir, mapped, pages, set(config.extra["sources"]))
    config.extra["source_map"] = mapped
    return files


@reported
def on_page_read_source(page, config):
    """Every page written by hand is read through the one text reader (scripts/content/text_reader.py):
    a byte-order mark, CRLF line ends and invisible characters are handled as in data files."""
    if page.file.abs_src_path:
        return read_text(Path(page.file.abs_src_path), data_file=False)
    return None


@reported
def on_page_markdown(markdown, page, config, files):
    if page.file.abs_src_path:  # a page written by hand, not one generated from data
        path = Path(page.file.abs_src_path)
        page_checks.check_front_matter(path, page.file.src_uri, front_matter(path))
        page_checks.check_body(path, page.file.src_uri, markdown)
        page_checks.check_attribution(path, page.file.src_uri, page.file.content_string, Path(config.docs_dir))
    return markdown


@reported
def on_page_content(html, page, config, files):
    # Generated pages are left out: their text is escaped, so "[^x]" there is text on purpose.
    if page.file.abs_src_path:
        page_checks.check_footnotes(Path(page.file.abs_src_path), page.file.content_string, html)
    # Every page's content is made before any template runs: each title is HTML in time for them all.
    page.meta["title"] = title_as_html(page.meta, page.title, written_by_hand=bool(page.file.abs_src_path))
    return html


# Whether this run is the live preview (`mkdocs serve`), whose pages MkDocs gives a reload script.
_run = {"previewing": False}


def on_startup(command, dirty):
    _run["previewing"] = command == "serve"


def _with_policy(built: output_policy.BuiltPage, output: str, config) -> str:
    """The page with its Content-Security-Policy. From file://, the zip's search runs in a frame
    that Material's offline search shim writes a script into: that script is allowed by its hash."""
    if _run["previewing"]:
        return built.with_policy(output, output_policy.PREVIEW_POLICY)
    written = ()
    if is_offline_build(config):
        shim = Path(config.config_file_path).parent / SEARCH_SHIM
        written = tuple(filter(None, [output_policy.iframe_worker_script(shim.read_text(encoding="utf-8"), output)]))
    return built.with_policy(output, output_policy.SITE_POLICY, written)


# After every other hook and plugin: the page is final.
@event_priority(-100)
@reported
def on_post_page(output, page, config):
    source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
    where = shown(source) if source else f"{page.file.src_uri} (a page the build makes from docs/_data/)"
    text = read_text(source, data_file=False) if source else ""
    built = output_policy.read(output, page.content or "")
    page_checks.check_output(where, text, built.problems)
    return _with_policy(built, output, config)


@event_priority(-100)
@reported
def on_post_template(output_content, template_name, config):
    """Pages made from a theme template alone (404.html), held to the same promises."""
    if not template_name.endswith(".html"):
        return output_content
    built = output_policy.read(output_content)
    page_checks.check_output(f"overrides/{template_name}", "", built.problems)
    return _with_policy(built, output_content, config)


@reported
def on_post_build(config):
    """Stylesheets load nothing from another host either."""
    site = Path(config.site_dir)
    for css in sorted(site.rglob("*.css")):
        page_checks.check_output(str(css.relative_to(site)), "", output_policy.css_problems(css.read_text(encoding="utf-8")))
