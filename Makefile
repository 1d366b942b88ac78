# One entry point for people and CI. `make serve` and `make test` are all a newcomer needs.

VENV   := .venv
PYTHON := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Material prints an end-of-life banner on every build; it is not a build warning.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build offline publish lighthouse bench chromium webkit clean

## serve: install the site's packages and preview it with live reload on http://127.0.0.1:8000
serve: $(VENV)/.site-installed
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000 --watch-theme

## test: install everything (Chromium and WebKit too, if missing) and run the whole test suite
# One test process per core (pytest-xdist): most of the time goes to the browsers rendering pages.
# Each process takes half the tests, in order, and one that runs out takes half of what the other
# has left (worksteal): with `--dist load`, which deals out fixed batches, one process could sit
# idle for a tenth of the run at its end (simulated on the tests' own durations).
test: $(VENV)/.test-installed node_modules/.installed chromium webkit
	$(PYTHON) -m pytest -n auto --dist worksteal

## build: a strict build of the site into site/, with both offline copies where its footer links
## (a failed build leaves no site/ at all)
build: $(VENV)/.site-installed
	$(PYTHON) -m scripts.build site

## publish: what GitHub Pages serves: the same site as `make build` (every build is whole)
publish: build

## offline: only the offline copies, as dist/notes.html (one file, for a phone) and dist/notes.zip
offline: $(VENV)/.site-installed
	$(PYTHON) -m scripts.offline.copies

## lighthouse: Lighthouse CI (lighthouserc.json) on every page type, then its medians (slower; not in `make test`)
# Five runs a page, judged on the medians: one run's Total Blocking Time varies by 100 ms or more here.
lighthouse: $(VENV)/.test-installed node_modules/.lighthouse-installed chromium
	$(PYTHON) -m scripts.build .lighthouseci/site
	node_modules/.bin/lhci autorun; status=$$?; $(PYTHON) -m scripts.measure.lighthouse; exit $$status

## bench: build-time benchmark on a synthetic 1,000-page site (prints figures)
bench: $(VENV)/.site-installed
	$(PYTHON) -m scripts.measure.benchmark

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

# Safari's engine for tests/test_webkit.py: WebKitGTK with its WebDriver, a screen in memory for it
# (it has no headless mode), and openssl, which makes the test proxy's certificate (scripts/browsers/webkit.py).
webkit:
	@command -v WebKitWebDriver >/dev/null && command -v Xvfb >/dev/null && command -v openssl >/dev/null || \
		{ $(SUDO) apt-get update && $(SUDO) apt-get install -y webkit2gtk-driver xvfb openssl; }

# requirements.txt installs the project too (pyproject.toml), so `scripts` imports from any folder.
$(VENV)/.site-installed: requirements.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.site-installed

# axe-core (accessibility tests), pinned in package-lock.json. The site's build needs no npm package.
node_modules/.installed: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund
	touch $@

# Everything in package-lock.json, Lighthouse included; that covers what make test needs too.
node_modules/.lighthouse-installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@ node_modules/.installed

clean:
	rm -rf site dist node_modules $(VENV)
