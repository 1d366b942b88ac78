"""Entry point of the mkdocs-macros plugin: the functions pages may call.

Only hand-written pages that say `render_macros: true` use macros. Data (the trees, the source
map, the supporting sources) is loaded and checked by the site's plugin (scripts/plugin/plugin.py),
which holds it for the macros here, never inside a macro, so a bad data file stops the
build with a clear message instead of mkdocs-macros' exit.
"""

from __future__ import annotations

import collections
import functools
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url
from mkdocs_macros.errors import format_error
from scripts.content import glossary, source_map, supporting_sources
from scripts.content.helplines import KINDS, load_helplines
from scripts.content.page_parts import render_part
from scripts.content.pages import PageLink, page_link
from scripts.plugin import PLUGIN_NAME
from scripts.tree_engine import Site, TreePages, load_trees
from scripts.content.yaml_data import DataError, echo, shown


@format_error.register
def _without_traceback(error: Exception, markdown: str, page) -> str:
    """A failed macro in one line naming the page (mkdocs-macros would print a traceback)."""
    problem = str(error) if isinstance(error, DataError) else (
        f"a macro on this page failed ({type(error).__name__}: {echo(str(error))}). "
        "Check the {{ ... }} calls on this page.")
    return f"{shown(Path(page.file.abs_src_path))}: {problem}"


def define_env(env) -> None:
    """Register the site's macros with mkdocs-macros."""
    docs_dir = Path(env.conf["docs_dir"])
    # Read when a macro runs: the plugin has checked the settings and loaded the data by then.
    extra = env.conf["extra"]
    site = env.conf["plugins"][PLUGIN_NAME]

    @env.macro
    def source_name(source_id: str) -> str:
        """How a page names a source article: its exact title, or a note that it has none."""
        if source_id not in extra["sources"]:
            raise DataError(f"unknown source id {echo(source_id)}; use one of: {', '.join(extra['sources'])}")
        source = extra["sources"][source_id]
        title = f"“{source['title']}”" if source["title"] else "An untitled article"
        author = source["author"] or "no author given"
        return f"{title} ({author})"

    # Loaded once a build, by the first page that asks.
    helplines = functools.cache(lambda: load_helplines(docs_dir))

    def link_from_this_page(src_uri: str, anchor: str = "") -> str:
        """The address of a page (by its file in docs/) from the page being rendered, in this build:
        HTML from a macro is not Markdown, so MkDocs does not rewrite its links."""
        file = env.variables["files"].get_file_from_path(src_uri)
        if file is None:
            raise DataError(f"a macro on this page links to '{src_uri}', which is not a page in docs/.")
        return get_relative_url(file.url, env.page.url) + (f"#{anchor}" if anchor else "")

    def tracks(step: str = "cover-your-tracks") -> str:
        """Where the steps are that clear a call log, a messages thread and the browser's history
        (or one step of them)."""
        return link_from_this_page("safety.md", step)

    @env.macro
    def emergency_numbers() -> str:
        """The "In danger right now?" box: every emergency number, one tap to call."""
        return render_part("emergency-numbers.html", emergencies=helplines().emergency_numbers(), tracks=tracks())

    @env.macro
    def helpline_list() -> str:
        """Every country's helplines, each cited to the page it comes from."""
        return render_part("helplines.html", helplines=helplines(), tracks=tracks(), picker_id="help-country")

    # A page may show help cards more than once; each set's country control needs its own id.
    cards_on_page: collections.Counter[str] = collections.Counter()

    def next_picker_id() -> str:
        cards_on_page[env.page.file.src_uri] += 1
        count = cards_on_page[env.page.file.src_uri]
        return "help-cards" if count == 1 else f"help-cards-{count}"

    @env.macro
    def help_cards(title: str, *kinds: str) -> str:
        """Each country's emergency number and its lines of these kinds ("domestic abuse", "suicide
        and crisis", "victims of crime"), one tap to call or text, her own country first."""
        if unknown := [kind for kind in kinds if kind not in KINDS]:
            raise DataError(f"help_cards() was asked for {echo(', '.join(unknown))}; use some of: {', '.join(KINDS[1:])}")
        return render_part("help-cards.html", helplines=helplines(), kinds=kinds, title=title, tracks=tracks(),
                           picker_id=next_picker_id(), help_page=link_from_this_page("help.md"))

    @env.macro
    def private_window_line() -> str:
        """One line for a first screen: a private window leaves less behind, and what Exit does."""
        return render_part("private-line.html", private_window=tracks("open-a-private-window"))

    @env.macro
    def issues_url() -> str:
        """Where readers report a mistake: the issues of the repository that `edit_uri` edits
        (a fork's own, since EDIT_URI comes from the environment)."""
        edit_uri = env.conf["edit_uri"] or ""
        if "/edit/" not in edit_uri:
            raise DataError(f"edit_uri {echo(edit_uri)} is not a GitHub edit address (…/owner/repo/edit/branch/docs/)")
        return edit_uri.split("/edit/", 1)[0] + "/issues"

    @env.macro
    def pages_drawing_on(source_id: str) -> list[PageLink]:
        """The pages that the source map says cover this source's advice."""
        mapped = site.source_map
        if mapped is None:
            raise DataError(f"{docs_dir / source_map.SOURCE_MAP} is missing; pages_drawing_on() needs it.")
        return [page_link(docs_dir, path) for path in source_map.pages_drawing_on(mapped, source_id)]

    @env.macro
    def supporting_sources_list() -> str:
        """The Sources page's list of public guidance pages, from docs/_data/supporting-sources.yml."""
        # Loaded and checked by the plugin before any page is rendered.
        return supporting_sources.render(site.supporting_sources)

    @env.macro
    def glossary_entries() -> str:
        """The Glossary page's entries, from docs/_data/glossary.yml."""
        return glossary.render_page(docs_dir)

    @functools.cache
    def tree_pages() -> TreePages:
        # Loaded once, by the plugin; a site built from `python -m scripts.tree_engine render` output
        # turns the plugin's decision trees off, so its trees are loaded here instead.
        trees = {tree.id: tree for tree in (site.trees if site.config.decision_trees else load_trees(docs_dir))}
        return TreePages(trees, Site(docs_dir=docs_dir, sources=extra["sources"]))

    @env.macro
    def tree_links(prefix: str = "decide/") -> str:
        """A list of links to every decision tree."""
        return tree_pages().links(prefix)


def on_pre_page_macros(env) -> None:
    """mkdocs-macros renders a macro page's title as a template too; refuse one that holds
    template syntax rather than run it."""
    title = env.page.title or ""
    if env.page.meta.get("render_macros") and env.has_j2(title):
        # Raised from inside mkdocs-macros' page event, so as MkDocs' own error: a message, no traceback.
        raise PluginError(
            f"{shown(Path(env.page.file.abs_src_path))}: the title {echo(title)} holds template syntax ({{{{, {{% or {{#), "
            "which this page's macros would run. Page titles are plain text: remove it."
        )
