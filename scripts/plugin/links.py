"""A `page_url` filter, so theme templates link to a page by its Markdown file;
and, after every build, a check that every local link on every page leads to a file it holds.

A written-out address such as 'help/' is right on the public site but wrong in the offline copy,
where the same page is help.html. `{{ 'help.md' | page_url | url }}` asks MkDocs for the page's
address in the build at hand, and a template that names a missing page stops the build. A link
to any other file a template or a page's HTML names (the footer's downloads) is checked in the
built site (scripts/output/site_links.py).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from jinja2 import pass_context
from mkdocs.exceptions import PluginError

from scripts.output.site_links import dead_links

# Shown of a build's dead links; the rest are counted.
SHOWN = 10


def page_url_filter(files):
    """The `page_url` filter for this build's pages."""
    # pass_context, though unused, keeps Jinja from working out `'help.md' | page_url` once, as it
    # compiles a template: a compiled template reused by another build (the tests share them, see
    # tests/build_server.py) would keep this build's address, say help.html from an offline build.
    @pass_context
    def page_url(context, src_uri: str) -> str:
        file = files.get_file_from_path(src_uri)
        if file is None or not file.is_documentation_page():
            raise PluginError(f"A theme template links to '{src_uri}', which is not a page in docs/.")
        return file.url

    return page_url


def check_links(config) -> None:
    """Fail the build if a built page links to a file the site does not hold."""
    # The one-file offline copy is no page: its links are checked as it is made (scripts/offline/single_file.py).
    # Files only: a template may link to an id that a page of this site has and a small test site
    # lacks (search tips to the home page's list of situations); tests/test_every_page.py checks
    # the ids on every page of the real site.
    dead = dead_links(Path(config.site_dir), prefix=urlsplit(config.site_url or "/").path or "/",
                      not_pages={config.extra["offline_file"]}, anchors=False)
    if dead:
        more = f"\n  ...and {len(dead) - SHOWN} more" if len(dead) > SHOWN else ""
        raise PluginError(f"{len(dead)} links on the built pages lead to nothing in the site: a theme template "
                          "or a page's HTML names a file the build does not make:\n  "
                          + "\n  ".join(dead[:SHOWN]) + more)
