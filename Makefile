# One entry point for people and CI. `make serve` and `make test` are all a newcomer needs.

VENV   := .venv
PYTHON := $(VENV)/bin/python
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Material prints an end-of-life banner on every build; it is not a build warning.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build chromium clean

## serve: install the site's packages and preview it with live reload on http://127.0.0.1:8000
serve: $(VENV)/.site-installed
	$(VENV)/bin/mkdocs serve --dev-addr 127.0.0.1:8000

## test: install everything (Chromium too, if missing) and run the whole test suite
test: $(VENV)/.test-installed chromium
	$(PYTHON) -m pytest

## build: a strict build of the site into site/
build: $(VENV)/.site-installed
	$(VENV)/bin/mkdocs build --strict

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

clean:
	rm -rf site dist $(VENV)
