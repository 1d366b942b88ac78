"""The MkDocs adapter: the site's one plugin (plugin.py) and the MkDocs-side helpers it runs."""

# The name mkdocs.yml lists the plugin under, from the package's entry point (pyproject.toml).
PLUGIN_NAME = "after-he-leaves"
