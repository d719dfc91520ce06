# The two commands of the README, and the helpers around them.
#   make build    build the website into _build/html (warnings are errors)
#   make test     every test: lint, unit + property tests, doctests, the build, nbval, site
#                 checks, the browser tests (headless Chromium) and the Binder simulation
#   make execute  re-run every notebook top to bottom from a fresh kernel, storing outputs
# Both create their own virtual environment in .venv on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard chapters/*.ipynb))
# The browser tests drive Debian's Chromium (never a Playwright browser download).
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: build test execute lint clean

$(STAMP): requirements.txt requirements-test.txt constraints.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-test.txt -c constraints.txt
	touch $@

build: $(STAMP)
	$(BIN)/jupyter-book clean . > /dev/null
	$(BIN)/jupyter-book build . -W -n --keep-going
	@echo "Site built: open _build/html/index.html"

lint: $(STAMP)
	$(BIN)/ruff check infolib tests chapters _ext
	$(BIN)/ruff format --check infolib tests _ext

$(CHROMIUM):
	@echo "Installing Debian's chromium for the browser tests (about 30 s)"
	$(SUDO) apt-get update -qq
	$(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium

test: lint build $(CHROMIUM)
	$(BIN)/python -m pytest

execute: $(STAMP)
	$(BIN)/jupyter nbconvert --execute --to notebook --inplace \
		--ExecutePreprocessor.record_timing=False $(NOTEBOOKS)

clean:
	rm -rf _build
