"""Build-time benchmark on a synthetic knowledge base.

Usage: python -m scripts.measure.benchmark [--pages N] [--trees M]   (defaults: 1,000 pages, 50 trees)

Generates, in a temporary folder, topic pages and decision trees in the site's real formats, then
times two strict builds of the same topic pages with the real configuration, theme overrides and
scripts:

- full:  the real configuration, with the macros plugin and the trees;
- plain: the same theme, features and site plugin, without the macros plugin, and with the
  plugin's decision trees off and no trees.

Each build runs twice, the two taking turns, and the faster run of each counts. Times are wall
clock; the CPU time (user and system) of the same run is shown beside them, as it is steadier on a
busy machine. KB are 1,000 bytes of HTML, over every .html file the build wrote, as written and
gzipped. It prints figures and compares them against targets, but it is a benchmark, not a gate:
it exits 0 whether the targets are met or not.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from scripts.content import limits
from scripts.build import strict_build
from scripts.checks.site_config import read_settings
from scripts.plugin import PLUGIN_NAME
from scripts.tree_engine import Tree, page_count
from scripts.tree_engine.paths import path_counts

ROOT = Path(__file__).resolve().parents[2]
RUNS = 2
SEED = 20240601

TARGET_MS_PER_PAGE = 12.0
# Gzipped, as GitHub Pages sends HTML and as a reader's phone downloads it.
TARGET_GZIP_KB_PER_PAGE = 12.0
TARGET_RATIO = 1.10
# A build whose wall-clock time exceeds its CPU time by this factor was kept waiting by other work.
BUSY = 1.25

# Word pools for the synthetic prose, in the site's plain voice.
THEMES = [
    "Giving him space", "Keeping contact light", "Waiting without losing yourself",
    "Talking about the children", "Sharing a happy memory", "Writing a short note",
    "Seeing him at family events", "Handling his new friends", "Staying calm on the phone",
    "Looking after your health", "Money while you live apart", "Deciding what you want",
    "Moving out for a while", "Posting less online", "Rebuilding trust",
    "Talking to a counsellor", "Holidays apart", "When he calls late at night",
    "Meeting for coffee", "Friends who take sides",
]
QUALIFIERS = [
    "in the first weeks", "when he is distant", "after a fight", "when children are involved",
    "if he has moved out", "when you feel stuck", "after a long silence",
    "when family asks questions", "if he seems unsure", "when you work together",
]
ACTIONS = [
    "reach out a little less", "keep talks short and kind", "end each call on a good note",
    "spend an evening with a friend", "write down how you feel", "take a walk before you reply",
    "let him make the next move", "plan one thing each week just for you",
    "keep money talks to the facts", "give it a few more weeks", "say what you need in plain words",
    "put your phone away for the evening",
]
FEELINGS = ["hurt", "tired", "hopeful", "restless", "calm", "unsure", "lonely", "angry"]
PEOPLE = ["a close friend", "your sister", "a counsellor", "an old colleague", "your mother", "a neighbour"]
TIMES = ["in the first weeks", "on a hard evening", "after a tense call", "at the weekend",
         "over the holidays", "when the house is quiet"]
SENTENCES = [
    "When you feel {feeling}, it can help to {action}.",
    "Many people find it easier to {action} {time}.",
    "You might ask {person} to help you {action}.",
    "Nothing here is sure to work, but trying to {action} costs you very little.",
    "Try to {action} {time}, and notice how you feel afterwards.",
    "If he seems {feeling} too, give him room and {action}.",
    "Some writers suggest that you {action} rather than push him for answers.",
    "It is normal to feel {feeling} {time}, and it does not mean you are doing it wrong.",
    "Talking it over with {person} may help you see things more clearly.",
    "A small step, such as choosing to {action}, is often easier than a big talk.",
    "Keep in mind that his pace may be slower than yours, and that is not a verdict on you.",
    "Write down one thing that went well today, however small it was.",
]

# Every tree has the same shape: four questions and six outcomes, three of which are shared (more
# than one answer leads to them), as the site's own trees share their common advice.
TREE_SHAPE = {
    "how-things-stand": ["who-reaches-out", "how-talks-go", "step-back-gently"],
    "who-reaches-out": ["keep-it-light", "wait-and-see", "step-back-gently"],
    "how-talks-go": ["what-you-want", "talk-it-through", "keep-it-light"],
    "what-you-want": ["look-after-yourself", "decide-first", "wait-and-see"],
}
OUTCOMES = ["step-back-gently", "keep-it-light", "wait-and-see", "talk-it-through",
            "look-after-yourself", "decide-first"]


@dataclass(frozen=True)
class Topic:
    path: str  # relative to docs/
    title: str
    tags: list[str]


@dataclass(frozen=True)
class Result:
    seconds: float  # wall clock
    cpu_seconds: float  # user + system time of the build process
    pages: int
    html_bytes: int
    gzip_bytes: int

    @property
    def ms_per_page(self) -> float:
        return self.seconds * 1000 / self.pages

    @property
    def cpu_ms_per_page(self) -> float:
        return self.cpu_seconds * 1000 / self.pages

    @property
    def kb_per_page(self) -> float:
        return self.html_bytes / 1000 / self.pages

    @property
    def gzip_kb_per_page(self) -> float:
        return self.gzip_bytes / 1000 / self.pages


def slugify(text: str) -> str:
    """Lowercase letters and digits joined by hyphens, as page paths and tree ids need."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def sentence(rng: random.Random) -> str:
    """One sentence of plain advice, from the word pools."""
    return rng.choice(SENTENCES).format(
        feeling=rng.choice(FEELINGS), action=rng.choice(ACTIONS),
        person=rng.choice(PEOPLE), time=rng.choice(TIMES),
    )


def prose(rng: random.Random, count: int) -> str:
    """A paragraph of `count` sentences."""
    return " ".join(sentence(rng) for _ in range(count))


def make_topics(count: int, tags: list[str], rng: random.Random) -> list[Topic]:
    """Unique titles and paths, each topic with one to three tags from the vocabulary."""
    combos = len(THEMES) * len(QUALIFIERS)
    topics = []
    for i in range(count):
        title = f"{THEMES[i % len(THEMES)]} {QUALIFIERS[i // len(THEMES) % len(QUALIFIERS)]}"
        if i >= combos:
            title += f" (part {i // combos + 1})"
        topics.append(Topic(f"topics/{slugify(title)}.md", title, rng.sample(tags, rng.randint(1, 3))))
    return topics


def topic_page(topic: Topic, topics: list[Topic], sources: dict, rng: random.Random) -> str:
    """About 600 words in the shape of a real topic page: summary, headings, footnotes, links."""
    cited = rng.sample(sorted(sources), 3)
    others = [other for other in rng.sample(topics, 4) if other is not topic][:3]
    links = [f"[{other.title.lower()}]({Path(other.path).name})" for other in others]
    steps = [f"{i}. **{sentence(rng)}** {sentence(rng)}[^{cited[i % 3]}]" for i in range(1, 7)]
    steps[1] += f" The page on {links[0]} says more."
    steps[4] += f" See also {links[1]}."
    risks = [f"- {prose(rng, 2)}[^{cited[i]}]" for i in range(3)]
    # As on the real pages: the site's one wording of this safety rule (docs/_snippets/).
    risks.append('- **If you are afraid of him.**\n  --8<-- "afraid-of-him.md"')
    notes = [f"[^{source}]: {sources[source]['name']}. See [Sources](../sources.md#{source})." for source in cited]
    front = yaml.safe_dump({"title": topic.title, "description": sentence(rng), "tags": topic.tags},
                           sort_keys=False, allow_unicode=True)
    return "\n".join([
        f"---\n{front}---\n", f"# {topic.title}\n",
        f'!!! abstract "In short"\n    {prose(rng, 3)}\n',
        "## What to do\n", *steps, "",
        "## Why it can help\n", *(f"{prose(rng, 4)}\n" for _ in range(2)),
        "## Risks, and when not to\n", *risks, "",
        "## What the sources say\n",
        f"{prose(rng, 2)}[^{cited[0]}] For the first steps, see {links[2].replace('.md)', '.md#what-to-do)')}.\n",
        *notes, "",
    ])


def make_tree(index: int, topics: list[Topic], tags: list[str], sources: list[str], rng: random.Random) -> dict:
    """One tree in the format of docs/_data/trees/*.yml, with the fixed ten-node shape."""
    title = f"Should I {rng.choice(ACTIONS)}? (set {index + 1})"
    nodes: dict[str, dict] = {}
    for node_id, targets in TREE_SHAPE.items():
        nodes[node_id] = {
            "question": f"How do you feel {rng.choice(TIMES)}?",
            "help": sentence(rng),
            "answers": [{"label": f"Mostly {rng.choice(FEELINGS)}, {rng.choice(TIMES)}", "next": target}
                        for target in targets],
        }
    for node_id in OUTCOMES:
        nodes[node_id] = {
            "outcome": f"{rng.choice(ACTIONS).capitalize()} for now",
            "summary": prose(rng, 3),
            "actions": [sentence(rng) for _ in range(4)],
            "topics": [topic.path for topic in rng.sample(topics, 3)],
            "sources": rng.sample(sources, rng.randint(1, 3)),
        }
    return {"id": slugify(title), "title": title, "intro": prose(rng, 2),
            "tags": rng.sample(tags, 3), "start": "how-things-stand", "nodes": nodes}


def support_pages(sources: dict, families: dict, macros: bool) -> dict[str, str]:
    """The home, help, safety, sources and tags pages that the topic pages link to or need."""
    sections = "\n\n".join(f"## {source['name']} {{ #{source_id} }}\n\nWhat it argues, in plain words."
                           for source_id, source in sources.items())
    tag_lists = "\n\n".join(f"## {family}\n\n<!-- material/tags {{ include: {json.dumps(tags)}, toc: false }} -->"
                            for family, tags in families.items())
    start = "Answer a few short questions:\n\n{{ tree_links() }}" if macros else "Browse the topics in the menu."
    page = "---\ntitle: {title}\ndescription: A benchmark page.\n---\n\n# {title}\n\n{body}\n"
    return {
        "index.md": page.format(title="Start here", body=f"{start}\n\nSee [Safety first](safety.md)."),
        "safety.md": page.format(title="Safety first", body="If you are in danger, call your local emergency number."),
        # The theme's "Get help now" link and every tree's start page link here.
        "help.md": page.format(title="Get help now", body="Emergency numbers and free helplines."),
        "sources.md": page.format(title="Sources", body=sections),
        # Every page's footer links here (overrides/partials/editorial-links.html).
        "editorial.md": page.format(title="How this site is written", body="## Report a mistake { #report-a-mistake }"),
        "tags.md": page.format(title="Browse by tag", body=tag_lists),
        # Without the tree hook, a stand-in for the Decide page, which the 404 page links to.
        **({} if macros else {"decide/index.md": page.format(title="Decide", body="Questions to work through.")}),
    }


def nav(topics: list[Topic], tags: list[str]) -> list:
    """Topics grouped into one section per primary tag, as a large site would group them."""
    groups = {tag: [topic.path for topic in topics if topic.tags[0] == tag] for tag in tags}
    entries = [{"Start here": "index.md"}, {"Get help now": "help.md"}, {"Safety first": "safety.md"},
               {"Topics": [{tag.capitalize(): paths} for tag, paths in groups.items() if paths]}]
    entries.append({"Decide": ["decide/index.md"]})
    return entries + [{"About this advice": ["editorial.md", "sources.md", "tags.md"]}]


def make_project(folder: Path, pages: dict[str, str], mkdocs: dict, trees: list[dict]) -> Path:
    """A project that inherits the real mkdocs.yml and links to the real overrides and scripts."""
    folder.mkdir(parents=True)
    for shared in ("overrides", "scripts"):
        (folder / shared).symlink_to(ROOT / shared)
    shutil.copyfile(ROOT / "mkdocs.yml", folder / "project.yml")
    # The site's build alone: the offline copies are a second build (scripts/plugin/plugin.py).
    config = yaml.safe_dump({"INHERIT": "project.yml", **mkdocs, "extra": {"offline_copies": False}}, sort_keys=False)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    docs = folder / "docs"
    (docs / "_data").mkdir(parents=True)
    shutil.copyfile(ROOT / "docs" / "_data" / "glossary.yml", docs / "_data" / "glossary.yml")
    (docs / "_snippets").symlink_to(ROOT / "docs" / "_snippets")  # the shared safety rules pages include
    for path, text in pages.items():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(text, encoding="utf-8")
    if trees:
        tree_dir = docs / "_data" / "trees"
        tree_dir.mkdir(parents=True)
        shutil.copyfile(ROOT / "docs" / "_data" / "trees" / "tree.schema.json", tree_dir / "tree.schema.json")
        for tree in trees:
            (tree_dir / f"{tree['id']}.yml").write_text(
                "# yaml-language-server: $schema=tree.schema.json\n" + yaml.safe_dump(tree, sort_keys=False),
                encoding="utf-8")
    return folder


def measure(projects: list[Path]) -> list[Result]:
    """Build each project RUNS times, taking turns so that a busy moment slows them alike, and keep
    each one's fastest run; then measure the HTML each one wrote."""
    runs: dict[Path, list[tuple[float, float]]] = {project: [] for project in projects}
    for _ in range(RUNS):
        for project in projects:
            runs[project].append(build(project))
    results = []
    for project in projects:
        html = list((project / "site").rglob("*.html"))
        sizes = [(path.stat().st_size, len(gzip.compress(path.read_bytes(), compresslevel=6))) for path in html]
        results.append(Result(*min(runs[project]), len(html), sum(raw for raw, _ in sizes),
                              sum(packed for _, packed in sizes)))
    return results


def build(project: Path) -> tuple[float, float]:
    """One `mkdocs build --strict` into project/site: its wall-clock and CPU seconds."""
    cpu_before = _children_cpu()
    started = time.perf_counter()
    done = strict_build(project, project / "site")
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"The build of {project.name} failed:\n{done.stdout}{done.stderr}")
    return seconds, _children_cpu() - cpu_before


def _children_cpu() -> float:
    """CPU seconds used so far by this process's finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def report(full: Result, plain: Result, topic_count: int, tree_count: int) -> None:
    """The figures, the full/plain ratio, and PASS or MISS against each target."""
    ratio = full.ms_per_page / plain.ms_per_page
    print(f"Synthetic site: {topic_count} topic pages, {tree_count} trees "
          f"({tree_count * (len(TREE_SHAPE) + len(OUTCOMES))} nodes); fastest of {RUNS} builds each")
    if any(result.seconds > BUSY * result.cpu_seconds for result in (full, plain)):
        print("Note: a build spent over a fifth of its time waiting for a CPU, so the machine was busy and "
              "the wall-clock times are inflated; CPU seconds are steadier.")
    print(f"\n{'build':<8}{'pages':>7}{'total s':>10}{'ms/page':>10}{'KB/page':>10}{'gzip KB':>9}{'CPU s':>9}"
          f"{'CPU ms/page':>13}")
    for name, result in (("full", full), ("plain", plain)):
        print(f"{name:<8}{result.pages:>7}{result.seconds:>10.2f}{result.ms_per_page:>10.2f}{result.kb_per_page:>10.1f}"
              f"{result.gzip_kb_per_page:>9.1f}{result.cpu_seconds:>9.2f}{result.cpu_ms_per_page:>13.2f}")
    print(f"\nfull/plain, ms per page: {ratio:.2f}x (CPU: {full.cpu_ms_per_page / plain.cpu_ms_per_page:.2f}x)\n")
    checks = [
        (f"full build <= {TARGET_MS_PER_PAGE:g} ms per page (target set at 1,000 topic pages)",
         full.ms_per_page <= TARGET_MS_PER_PAGE, f"{full.ms_per_page:.2f} ms"),
        (f"full build <= {TARGET_GZIP_KB_PER_PAGE:g} KB of gzipped HTML per page",
         full.gzip_kb_per_page <= TARGET_GZIP_KB_PER_PAGE, f"{full.gzip_kb_per_page:.1f} KB"),
        (f"tree machinery <= {TARGET_RATIO:.2f}x the plain build's ms per page",
         ratio <= TARGET_RATIO, f"{ratio:.2f}x"),
    ]
    for label, ok, figure in checks:
        print(f"{'PASS' if ok else 'MISS'}  {label}: {figure}")


def growth_tree(depth: int, shared_questions: bool) -> Tree:
    """A chain of `depth` questions with two answers each. Sharing only outcomes, one answer goes on
    and the other ends at one outcome shared by every question; sharing questions, both answers go
    on to the next question (each question reached by every path so far)."""
    nodes: dict[str, dict] = {}
    for level in range(depth):
        after = f"q{level + 1}" if level + 1 < depth else "end"
        second = after if shared_questions else "stop"
        nodes[f"q{level}"] = {"question": f"Question {level}?", "answers": [
            {"label": "Yes", "next": after}, {"label": "No", "next": second if level + 1 < depth else "stop"}]}
    for outcome in ("end", "stop"):
        nodes[outcome] = {"outcome": "Advice here", "summary": "A summary.", "actions": ["An action."],
                          "topics": ["topics/a.md"], "sources": ["a-source"]}
    return Tree.model_validate({"id": "growth", "title": "Page growth", "intro": "How the page count grows.",
                                "tags": ["a-tag"], "start": "q0", "nodes": nodes})


def report_page_growth(trees: list[dict]) -> None:
    """How many pages trees make: the synthetic ones, and how sharing changes the count."""
    one = Tree.model_validate(trees[0])
    shared = sum(count > 1 for count in path_counts(one.start, one.nodes).values())
    total = sum(page_count(Tree.model_validate(tree)) for tree in trees)
    print(f"Each synthetic tree: {len(one.nodes)} nodes, {shared} shared, {page_count(one)} pages "
          f"(start, overview, one per path to each node); {total} tree pages in all.")
    print(f"\nPages one tree makes (limit {limits.MAX_TREE_PAGES}), for a chain of questions with two answers each:")
    print(f"{'questions':>10}{'outcomes shared':>18}{'questions shared':>19}")
    for depth in (2, 4, 6, 8, 10):
        print(f"{depth:>10}{page_count(growth_tree(depth, False)):>18}{page_count(growth_tree(depth, True)):>19}")
    print("Sharing an outcome adds one page per extra path; sharing a question doubles the pages below it.\n")


def main() -> None:
    """Generate the synthetic site from the real mkdocs.yml, build it both ways and report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="synthetic topic pages (default 1000)")
    parser.add_argument("--trees", type=int, default=50, help="synthetic decision trees (default 50)")
    args = parser.parse_args()
    if args.pages < 4 or args.trees < 1:
        parser.error("need at least 4 pages and 1 tree")

    config = read_settings(ROOT / "mkdocs.yml")
    plugins = [{PLUGIN_NAME: {"decision_trees": False}} if plugin == PLUGIN_NAME else plugin
               for plugin in config["plugins"] if "macros" not in plugin]
    tags = next(plugin["tags"]["tags_allowed"] for plugin in plugins if "tags" in plugin)
    sources = config["extra"]["sources"]
    families = config["extra"]["tag_families"]

    rng = random.Random(SEED)
    topics = make_topics(args.pages, tags, rng)
    pages = {topic.path: topic_page(topic, topics, sources, rng) for topic in topics}
    trees = [make_tree(i, topics, tags, sorted(sources), rng) for i in range(args.trees)]
    report_page_growth(trees)

    with tempfile.TemporaryDirectory(prefix="kb-bench-") as tmp:
        full = make_project(Path(tmp) / "full", {**pages, **support_pages(sources, families, macros=True)},
                            {"nav": nav(topics, tags)}, trees)
        plain = make_project(Path(tmp) / "plain", {**pages, **support_pages(sources, families, macros=False)},
                             {"nav": nav(topics, tags), "plugins": plugins}, [])
        report(*measure([full, plain]), args.pages, args.trees)


if __name__ == "__main__":
    main()
