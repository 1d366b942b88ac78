"""The one-file offline copy (downloads/notes.html in every build; dist/notes.html from
`make offline`): read on a phone from file://, with no scripts, no network and no sibling files."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from helpers import (AXE, AXE_TAGS, HELP, PHONE as MOBILE, ROOT, RUN_AXE, SAFE, SHOWN_STEP, TREES, components, covering,
                     format_violations, make_fixture_site, warm_mkdocs)
from scripts.build import strict_build
from scripts.offline import copies as offline
from scripts.output.output_policy import sha256
from scripts.output.built_site import NAVIGATION, read_pages
from scripts.content.helplines import load_helplines
from scripts.offline.single_file import SingleFileError, assemble
from scripts.tree_engine import Outcome, node_pages

@pytest.fixture(scope="module")
def offline_site(offline_build) -> Path:
    return offline_build


def test_the_file_holds_every_page_and_tree_step_within_its_budget(notes, offline_site):
    html = notes.read_text(encoding="utf-8")
    assert notes.stat().st_size < offline.FILE_BUDGET
    pages = read_pages(offline_site)
    assert len(re.findall(r'<section id="[^"]+" class="page( step)?">', html)) == len(pages) >= 60
    for tree in TREES:
        assert f'<section id="decide/{tree.id}" class="page">' in html
        for node_id in tree.nodes:
            assert f'<section id="decide/{tree.id}/{node_id}" class="page step">' in html
    assert "<script" not in html and "<link" not in html and " src=" not in html


@pytest.fixture(scope="module")
def phone_tab(browser, notes):
    """The file open on a phone, with JavaScript off, where any request but the file's own fails.
    It is loaded once: the tests move around it by its own links, which load nothing."""
    context = browser.new_context(viewport=MOBILE, java_script_enabled=False)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route("**/*", lambda route: route.continue_() if route.request.url == notes.as_uri() else route.abort())
    page = context.new_page()
    page.goto(notes.as_uri())
    yield page
    context.close()
    assert requests == [notes.as_uri()]


@pytest.fixture
def phone(phone_tab, notes):
    """The file at its first screen, with no tree step on show."""
    phone_tab.goto(f"{notes.as_uri()}#top")
    return phone_tab


def test_first_screen_offers_exit_help_find_in_page_and_contents(phone):
    assert phone.title() == "Notes", "a neutral tab title, like the file's name"
    assert phone.locator(".intro .quick-exit").is_visible()
    assert phone.locator(".intro .quick-exit").get_attribute("href") == "https://www.bbc.co.uk/weather"
    assert phone.locator(f".intro .bar a[href='{HELP}']").is_visible()
    assert phone.get_by_text("Find in page").is_visible()
    assert phone.locator("section.step:visible").count() == 0
    sections = phone.locator("main > section").count()
    for link in ("a[href='#contents']", f"a[href='{HELP}']", "a.quick-exit"):
        assert phone.locator(f"main > section > .bar {link}").count() == sections


def test_help_cards_show_every_country_without_javascript(phone):
    """The file has no JavaScript, so no country is picked: every card shows, with its numbers to
    tap and the line on what a call or text leaves, and no "Choose your country" list."""
    cards = phone.locator("[data-help-cards]")
    assert cards.count() >= 4
    countries = len(load_helplines(ROOT / "docs").countries)
    for index in range(cards.count()):
        card_set = cards.nth(index)
        card_set.scroll_into_view_if_needed()
        # Each country, and the directory for any other country.
        assert card_set.locator(".help-card:visible").count() == countries + 1
        assert card_set.locator(".help-cards__picker:visible").count() == 0
        assert card_set.locator(".help-trace a").count() >= countries


def test_every_internal_link_goes_to_an_id_in_the_file(phone):
    hrefs = phone.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    ids = set(phone.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
    # Links with a scheme leave the file on purpose: the quick exit, sources, tel: and sms: numbers.
    internal = [href for href in hrefs if not urlsplit(href).scheme]
    assert len(internal) > 1000
    assert [href for href in internal if not href.startswith("#") or unquote(href[1:]) not in ids] == []
    assert len(ids) == phone.locator("[id]").count(), "ids must be unique"




def shown_step(page) -> dict:
    """The one tree step on show, checking that it is the link's target."""
    step = page.evaluate(SHOWN_STEP)
    assert len(step["shown"]) == 1, step["shown"]
    assert step["shown"][0] == step["hash"] and step["titleShows"]
    return step


@pytest.mark.parametrize("tree", TREES, ids=lambda t: t.id)
def test_every_tree_path_reaches_an_outcome_one_step_at_a_time(phone, notes, tree):
    start = f"decide/{tree.id}"
    phone.locator(f"[id='{start}'] .tree-answers").get_by_role("link", name=SAFE, exact=True).click()
    first = shown_step(phone)
    outcomes: set[str] = set()

    def walk(step: dict) -> None:
        # The first question has no Start again: its Back link goes to the start already.
        assert step["startAgain"] == ([] if step is first else [f"#{start}"])
        if step["outcome"]:
            outcomes.add(step["hash"])
            return
        assert len(step["answers"]) >= 2
        for i in range(len(step["answers"])):
            phone.goto(f"{notes.as_uri()}#{step['hash']}")
            phone.locator(f"[id='{step['hash']}'] .tree-answers a").nth(i).click()
            reached = shown_step(phone)
            assert reached["back"] == [f"#{step['hash']}"]
            walk(reached)

    walk(first)
    # An outcome that several answers share has a page for each path to it (scripts/tree_engine/paths.py).
    assert outcomes == {f"{start}/{page.name}" for page in node_pages(tree) if isinstance(page.node, Outcome)}
    phone.locator(f"[id='{shown_step(phone)['hash']}'] .tree-controls a", has_text="Start again").click()
    assert phone.locator("section.step:visible").count() == 0
    assert phone.locator(f"[id='{start}'] h1").is_visible()


def sections_with_every_kind_of_element(html: str) -> list[str]:
    """The ids of the file's sections that between them hold every kind of element in it."""
    sections = {re.match(r'<section id="([^"]+)"', part)[1]: components(part)
                for part in re.split(r'(?=<section id=")', html) if part.startswith("<section")}
    return covering(sections, set())


@pytest.fixture(scope="module")
def axe_phone(browser, notes):
    """axe needs JavaScript, so it runs in a tab of its own, where only the file itself loads; one
    tab for both colour schemes, as a new one costs more than loading the file again."""
    # The file's Content-Security-Policy allows its own stylesheet only: the style this test adds to
    # show the hidden steps to axe is let through.
    context = browser.new_context(viewport=MOBILE, bypass_csp=True)
    context.add_init_script(path=str(AXE))
    context.route("**/*", lambda route: route.continue_() if route.request.url == notes.as_uri() else route.abort())
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_top_the_contents_and_every_kind_of_section(axe_phone, notes, scheme):
    """With the hidden steps shown, axe checks the sections that hold every kind of element: the
    others are built the same way."""
    sample = sections_with_every_kind_of_element(notes.read_text(encoding="utf-8"))
    assert 0 < len(sample) <= 20, sample
    page = axe_phone
    page.emulate_media(color_scheme=scheme)
    page.goto(notes.as_uri())
    page.add_style_tag(content=".step { display: block !important; }")
    where = [["header.intro"], ["#contents"], *([f'[id="{anchor}"]'] for anchor in sample)]
    found = {(scheme, violation["id"]): {
        "help": f"{violation['impact']}: {violation['help']}",
        "summary": violation["summary"],
        "pages": {"notes.html": violation["targets"]},
    } for violation in page.evaluate(RUN_AXE, [AXE_TAGS, {"include": where}])}
    assert not found, "axe-core found WCAG 2.2 AA violations:\n" + format_violations(found)


# --- Any site: pages it gains are picked up, and what cannot go in one file fails clearly --------

PAGE = "---\ntitle: {title}\ndescription: A fixture page.\n---\n\n# {title}\n\n{body}\n"


def test_new_pages_and_a_help_page_are_picked_up_from_any_build(tmp_path):
    project = make_fixture_site(tmp_path / "project", {
        "index.md": PAGE.format(title="Home", body="Read [the new page](topics/new-page.md)."),
        "safety.md": PAGE.format(title="Safety first", body="## Who to call\n\nSomeone."),
        "help.md": PAGE.format(title="Get help now", body="Numbers."),
        "topics/new-page.md": PAGE.format(title="A new page", body="See [who to call](../safety.md#who-to-call).")
        .replace("description: A fixture page.\n", "description: A fixture page.\ntags:\n  - patience\n"),
    })
    # An offline build, as the copies are made from: its plugin writes MkDocs' navigation. Its
    # search shim comes from node_modules/.
    (project / "node_modules").symlink_to(ROOT / "node_modules")
    site = tmp_path / "site"
    build = strict_build(project, site, run=warm_mkdocs().run, OFFLINE="true")
    assert build.returncode == 0, build.stdout + build.stderr
    one_file = assemble(site, site_name="Fixture", exit_url="https://example.org/",
                        help_candidates=["help.md", "safety.md"])
    assert one_file.pages == 6  # the four pages, the editorial page and the (empty) Decide page
    assert 'href="#help">Get help now</a>' in one_file.html
    assert '<a href="#topics/new-page">A new page</a>' in one_file.html
    assert 'href="#safety--who-to-call"' in one_file.html and 'id="safety--who-to-call"' in one_file.html
    without_help = assemble(site, site_name="Fixture", exit_url="https://example.org/",
                            help_candidates=["no-such-page.md", "safety.md"])
    assert 'href="#safety">Safety first</a>' in without_help.html


def test_a_site_with_no_navigation_from_mkdocs_fails_saying_what_to_do(tmp_path):
    (tmp_path / "index.html").write_text("<article><h1>Home</h1></article>", encoding="utf-8")
    with pytest.raises(SingleFileError, match=rf"has no {NAVIGATION}: make the one-file copy from an offline build"):
        assemble(tmp_path, site_name="Fixture", exit_url="https://example.org/", help_candidates=["index.md"])


def test_a_page_that_loads_another_file_fails_naming_the_page(tmp_path):
    (tmp_path / NAVIGATION).write_text('[{"path": "index.html", "title": "Home", "section": ""}]', encoding="utf-8")
    (tmp_path / "index.html").write_text(
        '<article><h1>Home</h1><img src="picture.png" alt="A picture"></article>', encoding="utf-8")
    with pytest.raises(SingleFileError, match=r"index\.html: .*picture\.png"):
        assemble(tmp_path, site_name="Fixture", exit_url="https://example.org/", help_candidates=["index.md"])


def test_the_file_allows_no_script_and_only_its_own_stylesheet(notes):
    page = notes.read_text(encoding="utf-8")
    (policy,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.DOTALL)
    assert policy.startswith("default-src 'none';") and "script-src" not in policy
    assert policy.endswith(f"style-src {sha256(style)}")
