# One entry point for people and CI. `make serve` and `make test` are all a newcomer needs.

VENV   := .venv
PYTHON := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Material prints an end-of-life banner on every build; it is not a build warning.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build offline publish lighthouse bench chromium clean

## serve: install the site's packages and preview it with live reload on http://127.0.0.1:8000
# `python -m` puts the project folder on the import path: mkdocs.yml loads scripts.reader_extension.
serve: $(VENV)/.site-installed
	$(PYTHON) -m mkdocs serve --dev-addr 127.0.0.1:8000 --watch-theme

## test: install everything (Chromium too, if missing) and run the whole test suite
test: $(VENV)/.test-installed node_modules/.installed chromium
	$(PYTHON) -m pytest

## build: a strict build of the site into site/ (a failed build leaves no site/ at all)
build: $(VENV)/.site-installed
	$(PYTHON) scripts/build.py site

## offline: build the offline copies as dist/notes.html (one file, for a phone) and dist/notes.zip
offline: $(VENV)/.site-installed node_modules/.installed
	$(PYTHON) scripts/offline.py

## publish: what GitHub Pages serves: the site in site/, with both offline copies where its footer links
# The offline copies are built first, so that the site's strict build can print their sizes.
publish: $(VENV)/.site-installed node_modules/.installed
	$(PYTHON) scripts/offline.py --publish site

## lighthouse: Lighthouse scores for every page type (slower; not part of `make test`)
# Five runs a page, reporting the median: one run's Total Blocking Time varies by 100 ms or more here.
lighthouse: $(VENV)/.test-installed node_modules/.lighthouse-installed chromium
	$(PYTHON) scripts/lighthouse.py --runs 5

## bench: build-time benchmark on a synthetic 1,000-page site (prints figures)
bench: $(VENV)/.site-installed
	$(PYTHON) scripts/benchmark.py

chromium:
	@command -v chromium >/dev/null || { $(SUDO) apt-get update && $(SUDO) apt-get install -y chromium; }

$(VENV)/.site-installed: requirements.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.test-installed: requirements.txt requirements-test.txt
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet -r requirements-test.txt
	touch $@ $(VENV)/.site-installed

# axe-core (accessibility tests) and iframe-worker (offline search), pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --omit=dev --no-audit --no-fund
	touch $@

# Everything in package-lock.json, Lighthouse included; that covers what make test needs too.
node_modules/.lighthouse-installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@ node_modules/.installed

clean:
	rm -rf site dist node_modules $(VENV)
