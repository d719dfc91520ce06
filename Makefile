# The two commands of the README, and the helpers around them.
#   make build    build the website into _build/html (warnings are errors)
#   make test     every test: lint, unit + property tests, doctests, the build, nbval, site
#                 checks, the browser tests (headless Chromium) and the Binder simulation
#   make execute  re-run every notebook top to bottom from a fresh kernel, storing outputs,
#                 then regenerate the reader notebooks (make notebooks)
#   make bench    time infolib against SciPy (one table), and each notebook's execution
# Each creates its own virtual environment in .venv on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
NOTEBOOKS := $(sort $(wildcard chapters/*.ipynb))
# pytest workers (pytest-xdist; --dist loadfile keeps each file, so every cell of a
# notebook, on one worker as nbval needs). A fixed number, so the same command runs
# the same way twice: 2 (make test JOBS=0 runs in one process, JOBS=4 on four).
JOBS   ?= 2

.PHONY: build test execute notebooks lint bench clean

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
	$(BIN)/ruff check infolib tests chapters benchmarks _ext
	$(BIN)/ruff format --check infolib tests benchmarks _ext

test: lint build
	$(BIN)/python tests/chromium.py
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

bench: $(STAMP)
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.notebooks

execute: $(STAMP)
	$(BIN)/jupyter nbconvert --execute --to notebook --inplace \
		--ExecutePreprocessor.record_timing=False $(NOTEBOOKS)
	$(MAKE) notebooks

# The reader notebooks (notebooks/): the chapters as plain Jupyter shows them, generated
# from chapters/ (see _ext/reader_notebooks.py); a test checks they are up to date.
notebooks: $(STAMP)
	$(BIN)/python _ext/reader_notebooks.py

clean:
	rm -rf _build
