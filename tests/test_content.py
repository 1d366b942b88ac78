"""The curated content: originality, readability, page structure, tags and the source map."""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import ROOT, page_files
from scripts.content import glossary, helplines, source_map, supporting_sources
from scripts.checks import readability
from scripts.checks.attribution import FOOTNOTE_REF, OWN_VIEW, SNIPPETS as SNIPPET_FOLDER, unattributed_advice
from scripts.content.pages import front_matter
from scripts.checks.site_config import read_settings
from scripts.tree_engine import load_tree
from scripts.content.yaml_data import DataError

DOCS = ROOT / "docs"
TOPIC_PAGES = sorted((DOCS / "topics").glob("*.md"))
ORIGINALITY = ROOT.parent / "shared" / "tools" / "originality.py"
CONFIG = read_settings(ROOT / "mkdocs.yml")
SOURCES = CONFIG["extra"]["sources"]
SUPPORTING = supporting_sources.load_supporting_sources(DOCS)
DISTANCE_TAGS = set(CONFIG["extra"]["distance_tags"])
CITATION = re.compile(r"\[\^([a-z0-9-]+)\]:[^\n]*\]\((?:\.\./)?sources\.md#([a-z0-9-]+)\)")
TOPIC_LINK = re.compile(r"\]\((?:\.\./topics/)?([a-z0-9-]+)\.md(?:#[^)]*)?\)")


def allowed_tags() -> list[str]:
    plugin = next(p for p in CONFIG["plugins"] if isinstance(p, dict) and "tags" in p)
    return plugin["tags"]["tags_allowed"]


def body(page: Path) -> str:
    """The page text without front matter and footnote definitions."""
    text = page.read_text(encoding="utf-8").split("---", 2)[2]
    return re.sub(r"^\[\^[^\]]+\]:.*$", "", text, flags=re.M)


def rendered(site: Path, page: Path) -> str:
    stem = page.relative_to(DOCS).with_suffix("")
    folder = stem.parent if stem.name == "index" else stem
    return (site / folder / "index.html").read_text(encoding="utf-8")


# The subjects of the five source articles, each a topic page: the shape the site is built to.
CORE_TOPICS = {"backing-off", "no-contact", "reminiscing", "self-improvement", "do-you-want-him-back"}


def test_the_core_topics_have_pages_and_the_per_page_checks_see_every_topic_page():
    """The checks below run once per file in TOPIC_PAGES: a topic page the site publishes but
    that list misses (in a subfolder, say) would go unchecked."""
    names = {page.relative_to(DOCS / "topics").with_suffix("").as_posix() for page in TOPIC_PAGES}
    assert CORE_TOPICS <= names
    published = set(re.findall(r"\btopics/([\w/-]+)\.md", (ROOT / "mkdocs.yml").read_text(encoding="utf-8")))
    assert names == published


def test_no_sentence_is_copied_from_a_source():
    if not ORIGINALITY.is_file():
        assert not os.environ.get("CI"), f"{ORIGINALITY} is missing on CI"
        pytest.skip("../shared is not beside this checkout")
    result = subprocess.run([sys.executable, str(ORIGINALITY), str(DOCS)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "0 shared run(s)" in result.stdout


@pytest.mark.parametrize("page", TOPIC_PAGES, ids=lambda p: p.stem)
def test_topic_page_reads_easily(page):
    score = readability.score(page)
    assert score.grade <= readability.MAX_GRADE, score
    assert score.ease >= readability.MIN_EASE, score


def test_readability_scores_prose_not_markup():
    page = "---\ntitle: T\n---\n# A heading\n\nOne sentence\nwrapped.\n\n- [A link](x.md) item[^s]\n\n[^s]: Cite.\n"
    assert readability.prose(page) == "A heading.\nOne sentence wrapped.\nA link item."


@pytest.mark.parametrize("page", TOPIC_PAGES, ids=lambda p: p.stem)
def test_topic_page_structure(page, built_site):
    meta = front_matter(page)
    assert 20 <= len(meta.get("description", "")) <= 160
    assert meta.get("tags")
    html = rendered(built_site, page)
    assert 'class="admonition abstract"' in html, "summary box missing"
    linked = {name for name in TOPIC_LINK.findall(body(page)) if name != page.stem}
    assert len(linked & {p.stem for p in TOPIC_PAGES}) >= 2, f"cross-links: {linked}"
    assert CITATION.search(page.read_text(encoding="utf-8")), "no footnote citation"
    assert 'class="footnote"' in html


QUESTIONS_BOX = re.compile(
    r'<(div class="admonition |details class=")question">\s*<(p class="admonition-title"|summary)>Questions this page answers'
    r'</(p|summary)>\s*<ul>(.*?)</ul>', re.S
)


@pytest.mark.parametrize("page", [*TOPIC_PAGES, DOCS / "help.md", DOCS / "safety.md"], ids=lambda p: p.stem)
def test_page_lists_the_questions_it_answers_in_a_readers_words(page, built_site):
    """A short list of the questions a reader would type: it is also what search finds. On a topic
    page it is folded (the advice comes first on a phone), and each question links to the section
    that answers it."""
    html = rendered(built_site, page)
    box = QUESTIONS_BOX.search(html)
    assert box, "no 'Questions this page answers' box"
    items = re.findall(r"<li>(.*?)</li>", box.group(4), re.S)
    questions = [re.sub(r"<[^>]+>", "", item).strip() for item in items]
    assert 3 <= len(questions) <= 6, questions
    assert all(question.endswith("?") for question in questions), questions
    if page in TOPIC_PAGES:
        assert box.group(1) == 'details class="', "fold the box on a topic page: ??? question"
        for item in items:
            link = re.fullmatch(r'<a href="#([a-z0-9-]+)">[^<]+</a>', item.strip())
            assert link, f"link the question to the section that answers it: {item}"
            assert f'<h2 id="{link.group(1)}">' in html, f"no section #{link.group(1)} on the page"


def test_every_page_that_suggests_distance_shows_the_safety_note(built_site):
    distance_pages = [p for p in DOCS.rglob("*.md") if DISTANCE_TAGS & set(front_matter(p).get("tags", []))]
    assert len(distance_pages) >= 5
    for page in DOCS.rglob("*.md"):
        if page.parent.name == "_snippets":
            continue
        shows_note = 'class="admonition warning safety-note"' in rendered(built_site, page)
        assert shows_note == (page in distance_pages), page


def test_tag_families_cover_exactly_the_vocabulary():
    families = [tag for tags in CONFIG["extra"]["tag_families"].values() for tag in tags]
    assert sorted(families) == sorted(allowed_tags())


def test_tags_page_lists_each_family_with_its_own_tags_each_leading_to_pages(built_site):
    html = (built_site / "tags" / "index.html").read_text(encoding="utf-8")
    sections = re.split(r'<h2 id="[^"]*">', html.split("</h1>", 1)[1].split("</article>", 1)[0])[1:]
    families = CONFIG["extra"]["tag_families"]
    assert [section.split("<", 1)[0] for section in sections] == list(families)
    for section, tags in zip(sections, families.values()):
        listed = re.findall(r'<span class="md-tag">([^<]*)</span>.*?</h3>\s*<ul>\s*<li>\s*<a href=', section, re.S)
        assert sorted(listed) == sorted(tags), section[:200]


def test_every_citation_points_to_a_known_source():
    for page in DOCS.rglob("*.md"):
        for label, anchor in CITATION.findall(page.read_text(encoding="utf-8")):
            assert label == anchor, f"{page}: footnote {label} points to {anchor}"
            assert anchor in SOURCES or anchor in SUPPORTING, f"{page}: unknown source {anchor}"


SUPPORTING_FOOTNOTE = re.compile(r"^\[\^([a-z0-9-]+)\]: (.*)$", re.M)


def test_supporting_footnotes_name_the_organisation_from_the_data():
    cited = set()
    for page in DOCS.rglob("*.md"):
        for label, text in SUPPORTING_FOOTNOTE.findall(page.read_text(encoding="utf-8")):
            if label in SUPPORTING:
                cited.add(label)
                sources = os.path.relpath(DOCS / "sources.md", page.parent)
                expected = f"{SUPPORTING[label].organisation}. See [Sources]({sources}#{label})."
                assert text == expected, f"{page}: footnote {label}"
    assert cited == set(SUPPORTING), "every supporting source is cited somewhere"


def test_source_map_lists_every_source_and_only_known_ones():
    mapped = source_map.load_source_map(DOCS)
    assert set(mapped.sources) == set(SOURCES)
    assert set(mapped.supporting) == set(SUPPORTING)


def test_every_mapped_page_exists_and_cites_its_source():
    for _, source, item in source_map.load_source_map(DOCS).each_advice():
        for path in item.pages:
            page = DOCS / path
            assert page.is_file(), f"{source}: {path} does not exist"
            cited = {label for label, _ in CITATION.findall(page.read_text(encoding="utf-8"))}
            assert source in cited, f"{path} does not cite {source} for: {item.advice}"


@pytest.mark.parametrize("data", [source_map, supporting_sources], ids=lambda data: data.__name__)
def test_committed_schema_is_the_one_the_model_writes(data):
    committed = json.loads((DOCS / data.SCHEMA).read_text(encoding="utf-8"))
    assert committed == data.json_schema(), f"run: .venv/bin/python -m {data.__name__} schema"


TREE = Path("_data/trees/back-off-or-no-contact.yml")


@pytest.mark.parametrize("load, data, typo, place, allowed", [
    (lambda docs: load_tree(docs / TREE), TREE, ("      - label: Yes, more", "      - lable: Yes, more"),
     "node 'asked-for-space', answer 1, lable", "label, next"),
    (helplines.load_helplines, helplines.HELPLINES, ("first_word: START", "frist_word: START"),
     "countries/0/services/1/text/frist_word", "number, first_word"),
    (glossary.load_glossary, glossary.GLOSSARY, ("    tooltip:", "    tooltp:"), "entries/0/tooltp",
     "term, also, tooltip, meaning, see"),
    (source_map.load_source_map, source_map.SOURCE_MAP, ("    - advice:", "    - advise:"), "sources/steps-guide/0/advise",
     "advice, pages"),
    (supporting_sources.load_supporting_sources, supporting_sources.DATA, ("    title:", "    titel:"),
     "sources/nhs-insomnia/titel", "organisation, title, url, checked, country, opinion"),
], ids=["tree", "helplines", "glossary", "source-map", "supporting-sources"])
def test_a_misspelt_field_is_named_with_the_fields_allowed_there(tmp_path, load, data, typo, place, allowed):
    """Every data format says the same about a misspelt field, in one line: the file, the line, the
    place, and the fields it could have meant."""
    text = (DOCS / data).read_text(encoding="utf-8")
    assert typo[0] in text
    (tmp_path / data).parent.mkdir(parents=True)
    (tmp_path / data).write_text(text.replace(typo[0], typo[1], 1), encoding="utf-8")
    with pytest.raises(DataError) as raised:
        load(tmp_path)
    message, field = str(raised.value), place.rsplit(" ", 1)[-1].rsplit("/", 1)[-1]
    # A misspelt field that is needed is also missing: that is the other line, if any.
    assert len(message.splitlines()) <= 2, message
    assert re.search(rf"^{re.escape(str(tmp_path / data))}: line \d+, {place}: '{field}' is not a field here "
                     rf"\(a typo\?\); the fields allowed are: {allowed}\.$", message, re.M), message


def test_sources_page_names_titles_authors_and_pages(built_site):
    html = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    for source_id, source in SOURCES.items():
        assert f'id="{source_id}"' in html
        if source["title"]:
            assert source["title"] in html
        if source["author"]:
            assert source["author"] in html
    assert html.count('href="../topics/') >= 11


# -- The site's own view never borrows a source's footnote ---------------------------------------

OLD_LABELS = re.compile(r"\bour (own )?(note|thinking|suggestion)\b|\bour view\b|editorial guidance", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?])((?:\[\^[a-z0-9-]+\])*)\s+")
LABEL_WITH_COLON = re.compile(r"\bour own (view|wording)( is that)?:", re.I)
BLOCK_START = re.compile(r"^\s*(?:[-*+]|\d+\.|#+|!!!)\s")


def blocks(markdown: str) -> list[str]:
    """Paragraphs and list items (headings start with '#'), links reduced to their text."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.S)
    text = re.sub(r"^\[\^[^\]]+\]:.*$", "", text, flags=re.M)
    text = re.sub(r"(?<!\^)\[([^\]^]*)\]\([^)]*\)", r"\1", text)
    found: list[str] = []
    for line in text.splitlines():
        if not line.strip():
            found.append("")
        elif BLOCK_START.match(line) or not found or not found[-1]:
            found.append(line.strip())
        else:
            found[-1] += " " + line.strip()
    return [block for block in found if block]


def own_view_problems(markdown: str) -> list[str]:
    """Sentences labelled as the site's own view that still carry a source footnote.

    A sentence with the label is ours; so is the whole block when the label opens it, the rest
    of the block after "Our own view:", and the rest of a section after "This part is our own
    view"."""
    problems, section_is_ours = [], False
    for block in blocks(markdown):
        if block.startswith("#"):
            section_is_ours = False
            continue
        opener = re.sub(r"^(?:[-*+]|\d+\.)\s+|\*\*", "", block)
        block_is_ours = section_is_ours or bool(re.match(r"(this is )?our own (view|wording)\b", opener, re.I))
        parts = SENTENCE_END.split(block)
        sentences = [parts[i] + (parts[i + 1] if i + 1 < len(parts) else "") for i in range(0, len(parts), 2)]
        for sentence in sentences:
            if (block_is_ours or OWN_VIEW.search(sentence)) and FOOTNOTE_REF.search(sentence):
                problems.append(sentence.strip())
            block_is_ours = block_is_ours or bool(LABEL_WITH_COLON.search(sentence))
        section_is_ours = section_is_ours or bool(re.search(r"this part is our own view", block, re.I))
    return problems


@pytest.mark.parametrize("planted", [
    "Our own view: he will miss you soon.[^steps-guide]\n",
    "- **Posts.** One guide says post photos.[^ex-husband-guide] Our own view: they may hurt him.[^ex-husband-guide]\n",
    "Cane says call less.[^cane-trying] Our own view: rest. He may call back.[^cane-trying]\n",
    "- **Be kind.** We think a kind word helps.[^cane-trying]\n",
    "**Our own view.** Start slowly. A month is enough.[^steps-guide]\n",
    "## If he left\n\nThis part is our own view.\n\n- Trust takes time.\n- Go slowly.[^cane-trying]\n",
])
def test_the_own_view_check_catches_a_planted_slip(planted):
    assert own_view_problems("---\ntitle: T\n---\n" + planted)


def test_the_own_view_check_passes_sourced_advice_beside_our_view():
    page = ("---\ntitle: T\n---\n1. **Wait.** One writer says wait.[^steps-guide] Our own view: rest too.\n\n"
            "This part is our own view.\n\n- Go slowly.\n\n## Sources\n\nCane says call less.[^cane-trying]\n")
    assert own_view_problems(page) == []


@pytest.mark.parametrize("page", sorted(p for p in DOCS.rglob("*.md") if p.parent.name != "_snippets"),
                         ids=lambda p: str(p.relative_to(DOCS)))
def test_our_own_view_carries_no_source_footnote(page):
    text = page.read_text(encoding="utf-8")
    assert own_view_problems(text) == []
    assert not OLD_LABELS.search(text), "label the site's own view as 'our own view'"


# -- One spelling of counsellor -------------------------------------------------------------------

AMERICAN_COUNSEL = re.compile(r"counselor|counseling|counseled", re.I)


def our_words(text: str) -> str:
    """The text without web addresses and the quoted titles of the pages we cite: those keep
    their publishers' spelling."""
    text = re.sub(r"https?://[^\s\"'<>)]+", "", html_lib.unescape(text))
    for source in SUPPORTING.values():
        text = text.replace(source.title, "")
    return text


def test_counsellor_is_spelt_the_british_way_in_sources_and_site(built_site):
    files = [ROOT / "mkdocs.yml", ROOT / "README.md", *(ROOT / "docs").rglob("*"), *(ROOT / "overrides").rglob("*"),
             *(ROOT / "scripts").rglob("*.md.j2")]
    files += [path for path in built_site.rglob("*") if path.suffix in {".html", ".json", ".xml", ".txt"}]
    found = [
        f"{path}: {match.group(0)}"
        for path in files if path.is_file() and path.suffix not in {".png", ".svg", ".ico", ".woff2"}
        for match in AMERICAN_COUNSEL.finditer(our_words(path.read_text(encoding="utf-8", errors="replace")))
    ]
    assert not found, found
    assert "counsellor" in (built_site / "topics" / "walking-away" / "index.html").read_text(encoding="utf-8")


def test_the_spelling_check_would_catch_a_slip():
    assert AMERICAN_COUNSEL.search("Talk to a Counselor.") and not AMERICAN_COUNSEL.search("a counsellor")


# -- Words to say, and what to do when nothing changes --------------------------------------------

STRATEGY_PAGES = [
    DOCS / "topics" / f"{name}.md" for name in (
        "backing-off", "no-contact", "light-contact", "patience", "reminiscing", "self-improvement",
        "social-media", "trial-separation", "after-an-affair", "walking-away", "do-you-want-him-back",
    )
]


@pytest.mark.parametrize("page", STRATEGY_PAGES, ids=lambda p: p.stem)
def test_strategy_page_gives_words_to_say_and_a_next_step(page, built_site):
    html = rendered(built_site, page)
    say = re.search(r'<h2 id="what-you-could-say">.*?(?=<h2 )', html, re.S)
    assert say, "no 'What you could say' section"
    assert 2 <= say.group(0).count("<blockquote>") + say.group(0).count('class="admonition example"') <= 4
    assert re.search(r"our own wording|Cane suggests", say.group(0))
    later = re.search(r'<h2 id="if-nothing-has-changed-after-a-few-weeks">(.*?)(?=<h2 )', html, re.S)
    assert later, "no 'If nothing has changed after a few weeks' section"
    assert re.search(r'href="\.\./(?:\.\./)?[a-z-]+/(?:#[^"]*)?"', later.group(1)), "the section needs a link"


def test_every_tree_outcome_has_words_to_say_and_a_next_step(built_site):
    from scripts.tree_engine import load_trees

    trees = load_trees(DOCS)
    assert len(trees) >= 4
    for tree in trees:
        for outcome in tree.outcomes():
            assert 2 <= len(outcome.could_say) <= 3 and outcome.if_nothing_changes, f"{tree.id}/{outcome.id}"
            html = (built_site / "decide" / tree.id / outcome.id / "index.html").read_text(encoding="utf-8")
            assert ">What you could say<" in html and ">If nothing has changed after a few weeks<" in html


def test_sources_page_lists_every_supporting_source(built_site):
    html = (built_site / "sources" / "index.html").read_text(encoding="utf-8")
    listing = html.split('id="supporting-sources"', 1)[1]
    for source_id, source in SUPPORTING.items():
        entry = listing.split(f'id="{source_id}"', 1)[1].split("<h3", 1)[0]
        assert html_lib.escape(source.organisation, quote=False) in listing.split(f'id="{source_id}"', 1)[1][:400]
        assert f'href="{source.url}"' in entry
        assert source.checked_on in entry and source.checked_on.endswith("2026")
        assert re.search(r'<li><a href="../[a-z/-]+/">', entry), f"{source_id}: no page listed as drawing on it"


def test_the_readme_maps_every_module_and_names_real_tests():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    modules = [path.relative_to(ROOT).as_posix() for path in (ROOT / "scripts").rglob("*.py") if path.name != "__init__.py"]
    assert [module for module in modules if f"`{module}`" not in readme] == []
    internals = readme.split("## Material internals the site relies on", 1)[1].split("\n## ", 1)[0]
    named = []
    for row in internals.splitlines()[4:]:
        test_file = None
        # "`tests/test_x.py::test_a`, `::test_b`": a bare `::test_b` is in the file named before it.
        for path, test in re.findall(r"`(tests/test_\w+\.py)?(?:::(\w+))?`", row):
            test_file = path or test_file
            if test_file:
                named.append((test_file, test))
    assert len(named) >= 8
    for test_file, test in named:
        assert not test or f"def {test}(" in (ROOT / test_file).read_text(encoding="utf-8"), f"{test_file}::{test}"


# -- Footnote numbers stay with their words ------------------------------------------------------

LOOSE_FOOTNOTE = re.compile(r'\s<sup id="fnref')


def test_no_footnote_number_can_wrap_onto_a_line_of_its_own(built_site):
    """A space before a footnote number lets the browser break the line there, and a number alone
    on a line reads as a stray digit. Write "word.[^a][^b]", with no space."""
    loose = [str(path.relative_to(built_site)) for path in page_files(built_site)
             if LOOSE_FOOTNOTE.search(path.read_text(encoding="utf-8"))]
    assert loose == []
    assert LOOSE_FOOTNOTE.search('calm. <sup id="fnref:a">')


# -- Reviewed and dated --------------------------------------------------------------------------

import datetime  # noqa: E402

REVIEWED_PAGES = sorted(p for p in DOCS.rglob("*.md") if not p.relative_to(DOCS).parts[0].startswith("_"))
# The longest a page may go between reviews (six months and a few days).
LONGEST_REVIEW_CYCLE = datetime.timedelta(days=190)
# A reviewer is named by role, and never by a professional title that no such person earned here.
PROFESSIONAL_TITLE = re.compile(r"counsel|therap|psycholog|lawyer|solicitor|attorney|doctor|\bdr\b|nurse|"
                                r"clinic|professional|expert|accredited|licensed|qualified", re.I)


def review_problems(meta: dict, today: datetime.date) -> list[str]:
    last, due, role = meta.get("last_reviewed"), meta.get("next_review_due"), meta.get("reviewed_by")
    if not isinstance(last, datetime.date) or not isinstance(due, datetime.date):
        return ["needs last_reviewed and next_review_due as dates (YYYY-MM-DD) in its front matter"]
    problems = []
    if not isinstance(role, str) or not role.strip():
        problems.append("needs reviewed_by: the reviewers' role, such as 'Site editors'")
    elif PROFESSIONAL_TITLE.search(role):
        problems.append(f"reviewed_by {role!r} claims a professional review; name the role that reviewed it")
    if last > today:
        problems.append(f"last_reviewed {last} is in the future")
    if not last < due <= last + LONGEST_REVIEW_CYCLE:
        problems.append(f"next_review_due {due} must come after last_reviewed, within {LONGEST_REVIEW_CYCLE.days} days")
    if due < today:
        problems.append(f"is overdue for review: next_review_due was {due}. Review it, then move both dates on")
    return problems


@pytest.mark.parametrize("page", REVIEWED_PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_page_says_when_it_was_reviewed_and_is_not_overdue(page, built_site):
    meta = front_matter(page)
    assert review_problems(meta, datetime.date.today()) == []
    shown = re.sub(r"\s+", " ", rendered(built_site, page))
    assert f"Last reviewed: {meta['last_reviewed'].day} {meta['last_reviewed']:%B %Y}, by the site editors." in shown
    assert f"Next review due: {meta['next_review_due'].day} {meta['next_review_due']:%B %Y}" in shown


def test_every_tree_says_when_it_was_reviewed_on_every_page(built_site):
    from scripts.tree_engine import load_trees

    for tree in load_trees(DOCS):
        meta = {"last_reviewed": tree.last_reviewed, "next_review_due": tree.next_review_due,
                "reviewed_by": tree.reviewed_by}
        assert review_problems(meta, datetime.date.today()) == [], tree.id
        for path in [tree.id, f"{tree.id}/overview", *(f"{tree.id}/{node}" for node in tree.nodes)]:
            shown = re.sub(r"\s+", " ", (built_site / "decide" / path / "index.html").read_text(encoding="utf-8"))
            assert f"Last reviewed: {tree.last_reviewed.day} {tree.last_reviewed:%B %Y}, by the site editors." in shown, path
            assert f"Next review due: {tree.next_review_due.day} {tree.next_review_due:%B %Y}" in shown, path
    assert "Next review due: " in (built_site / "decide" / "index.html").read_text(encoding="utf-8")


def test_the_review_check_catches_missing_overdue_and_claimed_reviews():
    today, fine = datetime.date(2026, 12, 4), datetime.date(2026, 12, 1)
    dated = {"last_reviewed": fine, "next_review_due": datetime.date(2027, 5, 1), "reviewed_by": "Site editors"}
    assert review_problems(dated, today) == []
    assert review_problems({**dated, "next_review_due": None}, today)
    assert review_problems(dated, datetime.date(2027, 5, 2)), "overdue"
    assert review_problems({**dated, "reviewed_by": "A family lawyer"}, today)
    assert review_problems({**dated, "reviewed_by": ""}, today)
    assert review_problems({**dated, "next_review_due": datetime.date(2029, 1, 1)}, today)


# -- The editorial page, and no edit control in the article --------------------------------------

def test_every_page_footer_links_the_editorial_page_and_a_way_to_suggest_a_change(built_site):
    editorial = (built_site / "editorial" / "index.html").read_text(encoding="utf-8")
    for section in ("how-the-pages-are-made", "what-our-own-view-means", "which-sources-are-opinion",
                    "what-this-site-is-not", "who-reviews-the-pages-and-how-often", "report-a-mistake"):
        assert f'id="{section}"' in editorial, section
    assert 'href="https://github.com/after-he-leaves/after-he-leaves/issues"' in editorial
    pages = page_files(built_site)
    assert len(pages) > 80
    for path in pages:
        html = path.read_text(encoding="utf-8")
        if "md-footer" not in html:
            continue  # a redirect or a fragment, not a page
        footer = html.split('class="md-copyright"', 1)[1]
        assert re.search(r'<a href="(?:[^"]*/)?(?:editorial/|\./)">How this site is written</a>', footer), path
        assert ">Suggest a change" in footer, path
        article = html.split("<article", 1)[1].split("</article>", 1)[0]
        assert 'rel="edit"' not in article and "md-content__button" not in article, path


# -- One voice on safety -------------------------------------------------------------------------

SNIPPETS = DOCS / SNIPPET_FOLDER
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"\s*$', re.M)
# Each rule the site repeats, written once in docs/_snippets/, and the pages that include it.
SAFETY_RULES = {
    "afraid-of-him.md": {"backing-off", "do-you-want-him-back", "he-wants-to-come-back", "light-contact",
                         "no-contact", "patience", "reminiscing", "self-improvement", "trial-separation",
                         "walking-away"},
    "changing-settings.md": {"social-media", "new-partner"},
    "abuse-counselling-mediation.md": {"counselling", "he-wants-to-come-back", "money-home-law", "children"},
    "moving-out.md": {"first-days", "money-home-law", "trial-separation"},
    "counsellor-privacy.md": {"counselling", "family-and-friends"},
    "children-contact.md": {"children", "walking-away", "trial-separation"},
    "law-limits.md": {"money-home-law", "no-reply-or-divorce"},
}
# Words that once said a rule differently on one page: each rule now lives in its file alone.
RESTATED = re.compile(r"lock down your accounts|will not pass anything on|leaving is right|"
                      r"no higher than 125%|can no longer respond", re.I)


def test_each_safety_rule_is_written_once_and_included_where_it_is_needed(built_site):
    included: dict[str, set[str]] = {}
    for page in DOCS.rglob("*.md"):
        for rule in INCLUDE.findall(page.read_text(encoding="utf-8")):
            included.setdefault(rule, set()).add(page.stem)
    assert included == SAFETY_RULES
    assert {path.name for path in SNIPPETS.glob("*.md")} == set(SAFETY_RULES), "a rule file no page includes"
    for rule, pages in SAFETY_RULES.items():
        text = (SNIPPETS / rule).read_text(encoding="utf-8")
        assert FOOTNOTE_REF.search(text) or OWN_VIEW.search(text), f"{rule} is neither cited nor labelled"
        assert own_view_problems(text) == [], rule
        first_words = html_lib.escape(re.sub(r"\s+", " ", text).split(".")[0].split("[")[0], quote=False)
        for page in pages:
            shown = re.sub(r"\s+", " ", rendered(built_site, DOCS / "topics" / f"{page}.md"))
            assert first_words in shown, f"{page} does not show {rule}"
    restated = [f"{page.relative_to(DOCS)}: {match.group(0)}" for page in DOCS.rglob("*.md")
                for match in RESTATED.finditer(page.read_text(encoding="utf-8"))]
    assert restated == []


def test_the_snippet_folder_is_the_one_mkdocs_reads():
    extensions = {next(iter(e)) if isinstance(e, dict) else e: e for e in CONFIG["markdown_extensions"]}
    base_paths = extensions["pymdownx.snippets"]["pymdownx.snippets"]["base_path"]
    assert [os.fspath(path) for path in base_paths] == [str(DOCS / SNIPPET_FOLDER)]


def test_an_item_that_only_asks_is_not_advice_but_one_that_ends_with_a_question_is():
    page = "---\ntitle: T\n---\n\n- Has he changed? Am I ready?\n- **Watch him.** Words are easy. Does he keep promises?\n"
    assert [problem.line for problem in unattributed_advice(page)] == [6]


def test_a_shared_rule_counts_as_the_label_of_the_item_that_includes_it():
    page = '---\ntitle: T\n---\n\n- **If you are afraid of him.**\n  --8<-- "rule.md"\n- **Wait.** He will call.\n'
    problems = unattributed_advice(page, lambda name: "These tips could be risky. *Our own view.*")
    assert [problem.line for problem in problems] == [7]


# -- Words for every reader ----------------------------------------------------------------------

# Readers are in the US, UK, Canada, Australia, Ireland, New Zealand and elsewhere: a family or
# everyday word that only one of them uses is swapped for one that all of them do.
WORDS_TO_AVOID = {
    "mummy": "your mother, or 'your dad and I' in words to a child",
    "mum": "mother (or both spellings: mom or mum)",
    "mom": "mother (or both spellings: mom or mum)",
    "mommy": "your mother, or 'your dad and I' in words to a child",
    "nursery": "child care",
    "cross": "angry",
    "fortnight": "two weeks",
    "GP": "doctor",
    "A&E": "the emergency department",
    "holiday": "a break, or a trip",
    "queue": "line, or wait",
    "nappy": "diaper or nappy",
}
AVOIDED = re.compile(r"(?<![\w&])(" + "|".join(re.escape(word) for word in WORDS_TO_AVOID) + r")(?![\w&])", re.I)
BOTH_SPELLINGS = re.compile(r"\b(mom or mum|mum or mom|diaper or nappy|nappy or diaper)\b", re.I)


def words_to_avoid(text: str) -> list[str]:
    # Not what scripts read: the search synonyms list readers' own words, "mom" among them.
    text = re.sub(r"<script\b.*?</script>", " ", text, flags=re.S)
    text = BOTH_SPELLINGS.sub("", our_words(re.sub(r"<[^>]+>", " ", text)))
    return [match.group(0) for match in AVOIDED.finditer(text)]


def test_no_page_uses_a_word_only_some_readers_use(built_site):
    found = {str(path.relative_to(built_site)): words for path in page_files(built_site)
             if (words := words_to_avoid(path.read_text(encoding="utf-8")))}
    assert found == {}, {page: [f"{word} (say: {WORDS_TO_AVOID.get(word, WORDS_TO_AVOID.get(word.lower()))})"
                                for word in words] for page, words in found.items()}


def test_the_words_check_would_catch_a_slip():
    assert words_to_avoid("<p>Mummy loves you. Don't be cross. See your GP.</p>") == ["Mummy", "cross", "GP"]
    assert words_to_avoid("<p>Tell your mom or mum. Call A&amp;E.</p>") == ["A&E"]
    assert words_to_avoid("<p>Across the road, a crossing.</p>") == []
    assert words_to_avoid('<script type="application/json">{"mom": ["mother"]}</script><p>Mom</p>') == ["Mom"]


def test_sources_page_says_plainly_which_sources_are_opinion(built_site):
    html = html_lib.unescape((built_site / "sources" / "index.html").read_text(encoding="utf-8"))
    assert "All five articles are opinion and personal experience." in html
    opinions = {source_id: source.opinion for source_id, source in SUPPORTING.items() if source.opinion}
    assert len(opinions) >= 4
    for source_id, opinion in opinions.items():
        entry = html.split(f'id="{source_id}"', 1)[1].split("<h3", 1)[0]
        assert f"Opinion:</strong> {opinion}" in entry, source_id
