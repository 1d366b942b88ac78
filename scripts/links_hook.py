"""MkDocs hook: a `page_url` filter, so theme templates link to a page by its Markdown file.

A written-out address such as 'help/' is right on the public site but wrong in the offline copy,
where the same page is help.html. `{{ 'help.md' | page_url | url }}` asks MkDocs for the page's
address in the build at hand, and a template that names a missing page stops the build.
"""

from __future__ import annotations

from jinja2 import pass_context
from mkdocs.exceptions import PluginError


def on_env(env, config, files):
    # pass_context, though unused, keeps Jinja from working out `'help.md' | page_url` once, as it
    # compiles a template: a compiled template reused by another build (the tests share them, see
    # tests/build_server.py) would keep this build's address, say help.html from an offline build.
    @pass_context
    def page_url(context, src_uri: str) -> str:
        file = files.get_file_from_path(src_uri)
        if file is None or not file.is_documentation_page():
            raise PluginError(f"A theme template links to '{src_uri}', which is not a page in docs/.")
        return file.url

    env.filters["page_url"] = page_url
    return env
