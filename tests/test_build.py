"""Strict builds: the real site builds clean; bad input fails naming the file."""

from __future__ import annotations

import shutil

from helpers import ROOT, make_fixture_site, mkdocs_build, page_files

PAGE = "---\ntitle: {title}\ndescription: A fixture page.\n{extra}---\n\n# {title}\n\n{body}\n"


def page(title: str, body: str = "Some text.", extra: str = "") -> str:
    return PAGE.format(title=title, body=body, extra=extra)


def test_real_site_builds_strictly_with_no_warnings(real_site):
    assert real_site.ok, real_site.log
    assert "WARNING" not in real_site.log
    assert (real_site.site / "index.html").is_file()


def test_fixture_site_with_good_pages_builds(tmp_path):
    site = make_fixture_site(tmp_path / "good", {
        "index.md": page("Home", "See [the other page](other.md)."),
        "other.md": page("Other", extra="tags:\n  - patience\n"),
    })
    build = mkdocs_build(site, tmp_path / "out")
    assert build.ok, build.log
    other = (tmp_path / "out" / "other" / "index.html").read_text(encoding="utf-8")
    assert "Other" in other
    # A build without the offline copies does not offer them.
    assert 'class="footer-help"' in other and "offline-download" not in other
    assert not (tmp_path / "out" / "downloads").exists()


def test_dead_link_fails_the_build_naming_the_file(tmp_path):
    site = make_fixture_site(tmp_path / "dead-link", {
        "index.md": page("Home"),
        "guide.md": page("Guide", "Read [this](missing-page.md) next."),
    })
    build = mkdocs_build(site, tmp_path / "out")
    assert not build.ok
    assert "guide.md" in build.log and "missing-page.md" in build.log


def test_dead_anchor_fails_the_build_naming_the_file(tmp_path):
    site = make_fixture_site(tmp_path / "dead-anchor", {
        "index.md": page("Home", "See [the source](other.md#no-such-heading)."),
        "other.md": page("Other"),
    })
    build = mkdocs_build(site, tmp_path / "out")
    assert not build.ok
    assert "index.md" in build.log and "no-such-heading" in build.log


def test_tag_outside_the_vocabulary_fails_the_build_naming_the_file(tmp_path):
    site = make_fixture_site(tmp_path / "bad-tag", {
        "index.md": page("Home"),
        "tagged.md": page("Tagged", extra="tags:\n  - patience\n  - revenge plots\n"),
    })
    build = mkdocs_build(site, tmp_path / "out")
    assert not build.ok
    assert "tagged.md" in build.log and "revenge plots" in build.log


def test_theme_link_to_a_missing_page_fails_the_build_naming_it(tmp_path):
    """The banner and footer link to help.md through page_url (scripts/plugin/links.py), which
    answers when a page is written, not when its template is compiled (compiled templates are
    shared between these builds): a site without the page still fails."""
    site = make_fixture_site(tmp_path / "no-help", {"index.md": page("Home")})
    (site / "docs" / "help.md").unlink()
    build = mkdocs_build(site, tmp_path / "out")
    assert not build.ok
    assert "A theme template links to 'help.md', which is not a page in docs/." in build.log
    assert "Traceback" not in build.log, build.log


def test_theme_link_to_a_missing_file_fails_the_build_naming_the_page(tmp_path):
    """MkDocs checks links in Markdown only: scripts/plugin/links.py checks every built page."""
    site = make_fixture_site(tmp_path / "dead-template-link", {"index.md": page("Home"), "other.md": page("Other")})
    (site / "overrides").unlink()
    shutil.copytree(ROOT / "overrides", site / "overrides")
    footer = site / "overrides" / "partials" / "copyright.html"
    footer.write_text(footer.read_text(encoding="utf-8") + '<a href="{{ \'guide.pdf\' | url }}">Guide</a>\n',
                      encoding="utf-8")
    build = mkdocs_build(site, tmp_path / "out")
    assert not build.ok
    assert "lead to nothing in the site" in build.log, build.log
    assert "/other/index.html: <a> ../guide.pdf (no file)" in build.log
    assert "/index.html: <a> guide.pdf (no file)" in build.log
    assert "Traceback" not in build.log, build.log


def test_a_build_that_cannot_make_the_offline_copies_fails_saying_why(tmp_path):
    """A link to a folder works on the site but not in the zip, whose pages are files
    (`other.html`): its offline build fails, and so does the site's, naming the link. A fixture
    site has no node_modules/ beside it: the offline build still gets as far as its last check,
    since the zip's search needs no npm package (overrides/assets/iframe-worker.js)."""
    site = make_fixture_site(tmp_path / "folder-link", {"index.md": page("Home", '<a href="other/">Other</a>'),
                                                       "other.md": page("Other")}, offline_copies=True)
    build = mkdocs_build(site, tmp_path / "out")
    assert not build.ok
    assert "The offline copies cannot be made, so the footer's download links would lead nowhere" in build.log
    assert "/index.html: <a> other/ (no file)" in build.log, build.log
    assert "Traceback" not in build.log, build.log


def test_site_url_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("SITE_URL", "https://reader.example.org/fork/")
    site = make_fixture_site(tmp_path / "fork", {"index.md": page("Home")})
    build = mkdocs_build(site, tmp_path / "out")
    assert build.ok, build.log
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://reader.example.org/fork/">' in html


def test_every_page_has_the_safety_line_and_disclaimer(built_site):
    for html_file in page_files(built_site):
        html = html_file.read_text(encoding="utf-8")
        assert 'class="safety-line"' in html, html_file
        assert "not professional advice" in html, html_file
