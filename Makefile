# Two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint format bench bench-ui screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/journal-app

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

screenshots: $(STAMP)
	JOURNAL_APP_SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/e2e

# Figures at 1, 3, 10 and 30 years, then the app beside jrnl (in its own venv,
# benchmarks/.jrnl-venv), then sync at 10 years. Results: benchmarks/results/.
# See benchmarks/README.md.
bench: $(STAMP)
	$(BIN)/python -m benchmarks.run
	$(BIN)/python -m benchmarks.vs_jrnl
	$(BIN)/python -m benchmarks.sync

# The real app in Chromium at 1, 3, 10 and 30 years: unlock, tabs, search, save, a check-in;
# then the bundle viewer: unlock to its first page at 1 and 10 years.
bench-ui: $(STAMP)
	$(BIN)/python -m benchmarks.ui
	$(BIN)/python -m benchmarks.viewer

clean:
	rm -rf $(VENV) build dist *.egg-info
