"""The site's one MkDocs plugin: the adapter between MkDocs and the plain modules that do the work.

It owns the build's state (the trees, the source map, the supporting sources, the glossary, the
search words, whether this is the offline build, the command) as attributes, and has one method
per MkDocs event, in build order, each running plain modules at the right moment. mkdocs.yml
lists it last under `plugins:`, so that at the same priority it runs after search, offline, tags
and macros. The macros module (scripts/macros.py) reads the data it holds from here.

What it does, event by event: refuse input that MkDocs would publish quietly or stumble on (bad
settings, bad data, broken front matter, uncited advice); add the decision trees' pages and menu
entries (scripts/plugin/trees.py); give the reader extension its options page by page and work out
related pages and backlinks (scripts/plugin/reader.py); hold every built page to the site's
promises and write its Content-Security-Policy (scripts/output/output_policy.py); drop unused theme
assets, trim Material's stylesheets and put each page's rules into it (scripts/plugin/assets.py); make the offline copies in a
build of their own beside this one and serve them where the footer links (scripts/offline/copies.py);
fail on a link to a file the site does not hold (scripts/plugin/links.py); and keep the live
preview serving through a failed build (scripts/plugin/preview.py).
"""

from __future__ import annotations

import fnmatch
from importlib.metadata import version
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import Files

from scripts.checks import page_checks, site_config
from scripts.content import glossary, search_words, source_map, supporting_sources
from scripts.content.pages import front_matter, title_as_html
from scripts.content.text_reader import read_text, shown
from scripts.offline.copies import CopiesInBackground, OfflineCopyError
from scripts.output import output_policy
from scripts.plugin import assets, links, navigation, reader, trees
from scripts.plugin.errors import reported
from scripts.plugin.preview import surviving
from scripts.plugin.reader_extension import ReaderExtension
from scripts.tree_engine import Tree, load_trees

# A tree's "whole tree" page (decide/<tree>/overview/) holds every question and outcome of its
# tree in one long text, so it matched almost any query and pushed the topic pages that answer a
# question below it. It keeps a place in search, but a lower one. (Pages written by hand set
# `search: boost:` in front matter.)
WHOLE_TREE_PAGES = "decide/*/overview.md"
WHOLE_TREE_BOOST = 0.3
PREVIEW_ERROR_TEMPLATE = "preview-error.html"


class SiteConfig(Config):
    # Off only for a site built from `python -m scripts.tree_engine render` output, whose tree
    # pages are ordinary Markdown files in docs/ (tests/test_trees.py builds one).
    decision_trees = config_options.Type(bool, default=True)


class SitePlugin(BasePlugin[SiteConfig]):
    def __init__(self):
        self.command: str | None = None  # "build", "gh-deploy" or "serve"
        self.offline_build = False
        self.trees: list[Tree] = []
        self.source_map: source_map.SourceMap | None = None
        self.supporting_sources: supporting_sources.Listing | None = None
        self.glossary: glossary.Glossary | None = None
        self.search_words: dict | None = None
        self.copies: CopiesInBackground | None = None
        self.nav = None  # MkDocs' navigation, for the offline build's one-file copy
        # The Markdown extension for glossary terms and reading time; its options are set page by page.
        self.reader = ReaderExtension()

    def on_startup(self, *, command, dirty):
        self.command = command

    # Before every other plugin: the settings are checked first, and the offline build's search
    # shim is named before Material's offline plugin would add it from unpkg.com.
    @event_priority(100)
    @reported
    def _check_settings(self, config):
        config_file = shown(Path(config.config_file_path)) if config.config_file_path else "mkdocs.yml"
        site_config.check_address(config_file, "SITE_URL", "site_url", config.site_url)
        site_config.check_address(config_file, "EDIT_URI", "edit_uri", config.edit_uri, full=False)
        site_config.check_sources(config_file, config.extra)
        self.offline_build = config.plugins["material/offline"].config.enabled
        if self.offline_build:
            config.extra["polyfills"] = [assets.SEARCH_SHIM_URI]
        return config

    @reported
    def _load_data(self, config):
        docs_dir = Path(config.docs_dir)
        if self.config.decision_trees:
            self.trees = load_trees(docs_dir)
            trees.add_to_nav(config, self.trees)
        # Small fixture sites in the tests have no such file; the real site always has it.
        if (docs_dir / supporting_sources.DATA).is_file():
            self.supporting_sources = supporting_sources.load_listing(docs_dir)
        self.reader.setConfig("glossary", str(docs_dir / glossary.GLOSSARY))
        config.markdown_extensions.append(self.reader)
        return config

    on_config = CombinedEvent(_check_settings, _load_data)

    # First: the offline copies' own build starts before this one reads any page.
    @event_priority(100)
    @reported
    def on_pre_build(self, *, config):
        wanted = self.command != "serve" and not self.offline_build and config.extra["offline_copies"]
        self.copies = CopiesInBackground(Path(config.config_file_path), config) if wanted else None
        self.glossary = glossary.load_glossary(Path(config.docs_dir))

    @reported
    def on_files(self, files: Files, *, config) -> Files:
        docs_dir = Path(config.docs_dir)
        self.source_map = None
        if (docs_dir / source_map.SOURCE_MAP).is_file():
            self.source_map = source_map.load_source_map(docs_dir)
            pages = {file.src_uri for file in files.documentation_pages()}
            source_map.check_references(docs_dir, self.source_map, pages, set(config.extra["sources"]))
        assets.drop_unused(files, self.offline_build)
        trees.add_pages(files, config, self.trees)
        return files

    def on_nav(self, nav, *, config, files):
        self.nav = nav
        return nav

    @reported
    def on_page_read_source(self, *, page, config):
        """Every page written by hand is read through the one text reader (scripts/content/text_reader.py):
        a byte-order mark, CRLF line ends and invisible characters are handled as in data files."""
        if page.file.abs_src_path:
            return read_text(Path(page.file.abs_src_path), data_file=False)
        return None

    @reported
    def on_page_markdown(self, markdown, *, page, config, files):
        if page.file.abs_src_path:  # a page written by hand, not one generated from data
            path = Path(page.file.abs_src_path)
            page_checks.check_front_matter(path, page.file.src_uri, front_matter(path))
            page_checks.check_body(path, page.file.src_uri, markdown)
            page_checks.check_attribution(path, page.file.src_uri, page.file.content_string, Path(config.docs_dir))
        # Just before MkDocs converts the page: where the glossary page is from here, and a fresh
        # record for the reading time.
        self.reader.setConfig("link_to", reader.glossary_link(files, page))
        self.reader.setConfig("record", {})
        if fnmatch.fnmatch(page.file.src_uri, WHOLE_TREE_PAGES):
            page.meta.setdefault("search", {}).setdefault("boost", WHOLE_TREE_BOOST)
        return markdown

    @reported
    def on_page_content(self, html, *, page, config, files):
        # Generated pages are left out: their text is escaped, so "[^x]" there is text on purpose.
        if page.file.abs_src_path:
            page_checks.check_footnotes(Path(page.file.abs_src_path), page.file.content_string, html)
        # Every page's content is made before any template runs: each title is HTML in time for them all.
        page.meta["title"] = title_as_html(page.meta, page.title, written_by_hand=bool(page.file.abs_src_path))
        if reader.is_topic(page):
            page.meta["reader_minutes"] = self.reader.getConfig("record")["reading_minutes"]
        return html

    @reported
    def on_env(self, env, *, config, files):
        """The pages are read by now; the templates are not written yet."""
        try:
            # Templates see the copies' sizes (`.file_size`, `.zip_size`), or None in a build without them.
            env.globals["offline_copies"] = self.copies.result() if self.copies else None
        except OfflineCopyError as error:
            raise PluginError(f"The offline copies cannot be made, so the footer's download links would "
                              f"lead nowhere: {error}") from None
        env.filters["page_url"] = links.page_url_filter(files)
        # Material writes its version into its own head when it is released; the copy of that block
        # in overrides/main.html names the Material installed instead.
        env.globals["material_version"] = version("mkdocs-material")
        reader.add_related_and_backlinks(config, files)
        # Small fixture sites in the tests have no such file; their search has no card or synonyms.
        if (Path(config.docs_dir) / search_words.DATA).is_file():
            self.search_words = search_words.load_search_words(Path(config.docs_dir)).for_the_browser()
            env.globals["search_words"] = self.search_words
        return env

    def on_page_context(self, context, *, page, config, nav):
        trees.point_to_canonical(page, config)
        return context

    # After every other plugin: the page is final.
    @event_priority(-100)
    @reported
    def on_post_page(self, output, *, page, config):
        source = Path(page.file.abs_src_path) if page.file.abs_src_path else None
        where = shown(source) if source else f"{page.file.src_uri} (a page the build makes from docs/_data/)"
        text = read_text(source, data_file=False) if source else ""
        built = output_policy.read(output, page.content or "")
        page_checks.check_output(where, text, built.problems)
        return self._with_policy(built, output)

    @event_priority(-100)
    @reported
    def on_post_template(self, output_content, *, template_name, config):
        """Pages made from a theme template alone (404.html), held to the same promises."""
        if not template_name.endswith(".html"):
            return output_content
        built = output_policy.read(output_content)
        page_checks.check_output(f"overrides/{template_name}", "", built.problems)
        return self._with_policy(built, output_content)

    def _with_policy(self, built: output_policy.BuiltPage, output: str) -> str:
        """The page with its Content-Security-Policy."""
        if self.command == "serve":  # MkDocs gives the preview's pages a reload script
            return built.with_policy(output, output_policy.PREVIEW_POLICY)
        return built.with_policy(output, output_policy.SITE_POLICY)

    @reported
    def _check_stylesheets(self, config):
        """Stylesheets load nothing from another host either."""
        site = Path(config.site_dir)
        for css in sorted(site.rglob("*.css")):
            page_checks.check_output(str(css.relative_to(site)), "", output_policy.css_problems(css.read_text(encoding="utf-8")))

    # After every other plugin (Material's offline plugin, also at -100, is listed before this
    # one): the pages and scripts are final.
    @event_priority(-100)
    def _finish(self, config):
        if self.offline_build:  # the one-file copy's navigation (scripts/offline/single_file.py)
            navigation.write(Path(config.site_dir), self.nav)
        assets.inline_stylesheets(config)
        # After the trim: the one-file copy is no page. Then the links, with the copies in place.
        if self.copies:
            self.copies.place(Path(config.site_dir))
        links.check_links(config)

    on_post_build = CombinedEvent(_check_stylesheets, _finish)

    def on_build_error(self, *, error):
        if self.copies:
            self.copies.discard()

    def on_serve(self, server, *, config, builder):
        """The live preview survives a failed build."""
        error_template = Path(config.theme.custom_dir) / PREVIEW_ERROR_TEMPLATE
        server.builder = surviving(server.builder, Path(config.site_dir), error_template)
        return server
