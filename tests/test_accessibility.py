"""WCAG 2.2 AA in Chromium: axe-core in both colour schemes and on a phone, on one page of each
type and on the few pages that between them hold every kind of element the site uses (see
helpers.py; test_every_page.py checks the structure axe would on every page); and the keyboard.

Violations are fixed in overrides/assets/site.css, never by turning axe rules off.
"""

from __future__ import annotations

import pytest

from helpers import (AXE, AXE_TAGS, PAGE_TYPES, PHONE as MOBILE, RUN_AXE, SIDEBARS_SIZED, TREE, component_sample, components,
                     format_violations, page_file, page_paths)

DESKTOP = {"width": 1280, "height": 800}
# Material maps the reader's system setting to one of the two palettes in mkdocs.yml.
SCHEMES = {"light": "default", "dark": "slate"}

# Reduced motion: the accessibility CSS then shows the navigation drawer without sliding it.
MOTION = "reduce"


@pytest.fixture(scope="module")
def axe_pages(built_site) -> list[str]:
    """One page of each type, and pages that bring every other kind of element the site uses."""
    return [*PAGE_TYPES.values(), *component_sample(built_site, start=list(PAGE_TYPES.values()))]


def test_axe_sees_every_page_type_and_every_kind_of_element(built_site, axe_pages):
    assert AXE.is_file(), "run `npm ci --omit=dev` (or `make test`) to install axe-core"
    kinds = lambda paths: set().union(*(components(page_file(built_site, path).read_text(encoding="utf-8"))
                                        for path in paths))
    assert kinds(axe_pages) == kinds(page_paths(built_site))
    # The sample grows with the kinds of element, not with the number of pages.
    assert len(axe_pages) <= 30, axe_pages


# Both schemes on a desktop screen, where the sidebars show: each page is checked in the scheme it
# opens in, then the reader's toggle switches it to the other (Material keeps her choice for the
# tab, so the next page opens in that one), which saves loading every page twice. The light scheme
# on a phone, where the layout (and so target sizes and spacing) differs and there is no toggle.
SCREENS = {"desktop": (DESKTOP, 2), "mobile": (MOBILE, 1)}
SCHEME_NAMES = {value: name for name, value in SCHEMES.items()}
TOGGLE = "form[data-md-component=palette] label:visible"
# Material marks the page while it switches schemes (transitions off), and unmarks it a frame later.
SCHEME_SWITCHED = "() => !document.body.hasAttribute('data-md-color-switching')"


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_page_type_and_element_passes_axe_wcag22_aa(reader_tab, site_url, axe_pages, screen):
    """axe-core's WCAG 2.0-2.2 A and AA rules on the sample, in each scheme this screen offers."""
    viewport, schemes = SCREENS[screen]
    page = reader_tab(viewport, reduced_motion=MOTION, axe=True)
    found: dict[tuple[str, str], dict] = {}
    for path in axe_pages:
        page.goto(site_url + path, wait_until="load")
        page.wait_for_function(SIDEBARS_SIZED)
        checked = set()
        for turn in range(schemes):
            if turn:
                page.locator(TOGGLE).first.click()
                page.wait_for_function(SCHEME_SWITCHED)
            scheme = SCHEME_NAMES[page.evaluate("document.body.getAttribute('data-md-color-scheme')")]
            checked.add(scheme)
            config = f"{scheme}-{screen}"
            for violation in page.evaluate(RUN_AXE, [AXE_TAGS, None]):
                entry = found.setdefault((config, violation["id"]), {"pages": {}})
                entry["help"] = f"{violation['impact']}: {violation['help']}"
                entry["summary"] = violation["summary"]
                entry["pages"][path or "/"] = violation["targets"]
        assert checked == set(list(SCHEMES)[:schemes]), f"{path}: {screen} showed {checked}"
    assert not found, "axe-core found WCAG 2.2 AA violations:\n" + format_violations(found)


# Keyboard ------------------------------------------------------------------------------------

KEYBOARD_PAGES = {
    "home": "",
    "tree-start": f"decide/{TREE.id}/",
    "tree-step": f"decide/{TREE.id}/{TREE.start}/",
}
KEYBOARD_VIEWPORTS = {
    "desktop": DESKTOP,
    "phone": MOBILE,
    # A phone on its side: the page scrolls far enough for the sticky header to cover an answer.
    "phone-landscape": {"width": 844, "height": 390},
}
TARGETS = ".safety-line a, .tree-answers a"

MARK_TARGETS = """(selector) => {
  const targets = [...document.querySelectorAll(selector)];
  targets.forEach((el, i) => { el.dataset.kbTarget = String(i); });
  window.__kbPrevious = {};
  window.__kbLast = null;
  return targets.map((el) => ({text: el.textContent.trim(), href: el.href}));
}"""

# What the reader sees of the element that has focus, once the browser has scrolled to it.
FOCUS_STATE = """async () => {
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const el = document.activeElement;
  const target = el.dataset.kbTarget === undefined ? null : Number(el.dataset.kbTarget);
  if (target !== null && window.__kbLast && window.__kbLast !== el) {
    window.__kbPrevious[target] = window.__kbLast;
  }
  window.__kbLast = el;
  const r = el.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const style = getComputedStyle(el);
  // The middle of the first line: a link that wraps has nothing of its own at its box's centre.
  const line = el.getClientRects()[0] || r;
  const atCentre = document.elementFromPoint(line.left + line.width / 2, line.top + line.height / 2);
  return {
    target,
    name: (el.textContent || el.getAttribute("aria-label") || el.tagName).trim().slice(0, 60),
    kind: el.matches("a[href], button") ? "link or button" : el.tagName,
    inNavigation: !!el.closest(".md-sidebar--primary"),
    onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
      && r.left < innerWidth && r.top < innerHeight,
    inViewport: r.top >= 0 && r.bottom <= innerHeight,
    ring: (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== "none",
    clearOfHeader: r.top >= header.bottom - 0.5 || r.bottom <= header.top + 0.5,
    onTop: !!atCentre && (atCentre === el || el.contains(atCentre)),
    coveredBy: atCentre ? atCentre.outerHTML.slice(0, 60) : "nothing",
    top: Math.round(r.top),
    scrollY: Math.round(scrollY),
    headerBottom: Math.round(header.bottom),
  };
}"""

# Scroll so that a target sits under the sticky header, if the page is long enough, and put
# focus on the element before it in Tab order without scrolling.
HIDE_UNDER_HEADER = """(i) => {
  const el = document.querySelector(`[data-kb-target="${i}"]`);
  const before = window.__kbPrevious[i];
  if (!before) return false;
  window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 4);
  const r = el.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect();
  if (!(r.top < header.bottom && r.bottom > header.top)) return false;
  const y = scrollY;
  before.focus({preventScroll: true});
  return scrollY === y && document.activeElement === before;
}"""


def focus_problems(state: dict) -> list[str]:
    problems = []
    if not state["ring"]:
        problems.append("no visible focus outline")
    if not state["clearOfHeader"]:
        problems.append(f"under the sticky header (top {state['top']}px, header ends {state['headerBottom']}px)")
    if not state["inViewport"]:
        problems.append(f"not fully in the viewport (top {state['top']}px, scrolled {state['scrollY']}px)")
    if not state["onTop"]:
        problems.append(f"covered by another element: {state['coveredBy']}")
    return problems


@pytest.fixture(params=list(KEYBOARD_VIEWPORTS), ids=list(KEYBOARD_VIEWPORTS))
def keyboard_page(request, reader_tab):
    return reader_tab(KEYBOARD_VIEWPORTS[request.param], reduced_motion=MOTION), request.param


@pytest.mark.parametrize("kind", list(KEYBOARD_PAGES))
def test_tab_reaches_help_link_and_every_answer_with_a_visible_focus(keyboard_page, site_url, kind):
    page, viewport = keyboard_page
    page.goto(site_url + KEYBOARD_PAGES[kind], wait_until="load")
    targets = page.evaluate(MARK_TARGETS, TARGETS)
    assert targets[0]["href"] == site_url + "help/"
    if kind != "home":
        assert len(targets) >= 3, "a tree page shows its answers as .tree-answers links"

    problems, reached, stops, nav_stops = [], set(), 0, 0
    focusables = page.locator("a[href], button, input, [tabindex]").count()
    for _ in range(focusables + 5):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        stops += 1
        # Every link and button that takes focus must be where the reader can see it: on a phone
        # the navigation drawer slides in while a link in it has focus, and the faded-out
        # back-to-top button takes no focus. (Material's palette switch and search results panel
        # are not links or buttons; they show focus elsewhere.)
        if state["kind"] == "link or button" and not (state["onScreen"] and state["onTop"]):
            problems.append(f"Tab stop {stops} ({state['name']!r}) is off screen or covered: {state['coveredBy']}")
        nav_stops += state["inNavigation"] and state["onScreen"]
        if state["target"] is not None:
            reached.add(state["target"])
            name = targets[state["target"]]["text"]
            problems += [f"{name!r}: {problem}" for problem in focus_problems(state)]
        if len(reached) == len(targets) and state["target"] is None and nav_stops >= 3:
            break
    missing = [targets[i]["text"] for i in range(len(targets)) if i not in reached]
    assert not missing, f"Tab never reached {missing} in {stops} presses"
    if nav_stops < 3:
        problems.append("Tab never showed a link of the site navigation (in the drawer, on a phone)")

    # Focus not obscured (2.4.11): Tab onto each target while the sticky header covers it.
    hidden_checks = 0
    for i, target in enumerate(targets):
        if not page.evaluate(HIDE_UNDER_HEADER, i):
            continue
        hidden_checks += 1
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STATE)
        assert state["target"] == i, f"Tab from the element before {target['text']!r} went to {state['name']!r}"
        problems += [f"{target['text']!r}, tabbed to from under the header: {p}" for p in focus_problems(state)]
    if kind == "tree-step" and viewport == "phone-landscape":
        assert hidden_checks >= 1, "expected an answer the sticky header could cover"

    assert not problems, f"{kind} page, {viewport}:\n" + "\n".join(problems)


@pytest.mark.parametrize("kind", list(KEYBOARD_PAGES))
def test_enter_on_a_focused_link_follows_it(reader_tab, site_url, kind):
    """Focus goes straight to each link (the test above shows Tab reaches them all), then the
    reader presses Enter."""
    page = reader_tab(MOBILE, reduced_motion=MOTION)
    page.goto(site_url + KEYBOARD_PAGES[kind], wait_until="load")
    targets = page.evaluate(MARK_TARGETS, TARGETS)
    # The answers on tree pages; the safety link on the home page, which has no answers.
    wanted = range(1, len(targets)) if len(targets) > 1 else range(len(targets))
    for i in wanted:
        if i != wanted[0]:
            page.goto(site_url + KEYBOARD_PAGES[kind], wait_until="load")
            page.evaluate(MARK_TARGETS, TARGETS)
        page.locator(f'[data-kb-target="{i}"]').focus()
        page.keyboard.press("Enter")
        # Waits for the address, not for the next navigation event: once, on a busy machine,
        # the address read straight after that event was still the page being left.
        page.wait_for_url(targets[i]["href"], timeout=10_000)
