"""MkDocs hook: a `page_url` filter, so theme templates link to a page by its Markdown file.

A written-out address such as 'help/' is right on the public site but wrong in the offline copy,
where the same page is help.html. `{{ 'help.md' | page_url | url }}` asks MkDocs for the page's
address in the build at hand, and a template that names a missing page stops the build.
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError


def on_env(env, config, files):
    def page_url(src_uri: str) -> str:
        file = files.get_file_from_path(src_uri)
        if file is None or not file.is_documentation_page():
            raise PluginError(f"A theme template links to '{src_uri}', which is not a page in docs/.")
        return file.url

    env.filters["page_url"] = page_url
    return env
