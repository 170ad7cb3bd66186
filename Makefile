# Two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint lock format bench bench-ui screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exact versions, each checked against its sha256, from the lock (`make lock` writes it);
# then the app itself, with no dependency resolution and no build download (setuptools
# and wheel come from the lock too).
$(STAMP): requirements-dev.lock pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/journal-app

test: $(STAMP)
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Re-resolve pyproject.toml's dependencies into the locks (pip-compile, hashes from PyPI),
# keeping every pin that still fits; `make lock UPGRADE=1` moves each to its newest.
# Then install the new lock here and write the phone build's pins (tests/helpers/phone_pins.py).
PIP_COMPILE := $(BIN)/pip-compile --quiet --generate-hashes --strip-extras --allow-unsafe \
	--no-emit-index-url --no-emit-find-links --no-emit-trusted-host $(if $(UPGRADE),--upgrade)
lock: $(STAMP)
	$(PIP_COMPILE) -o requirements.lock pyproject.toml
	$(PIP_COMPILE) --extra test -c requirements.lock -o requirements-dev.lock pyproject.toml
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	$(BIN)/python -m tests.helpers.phone_pins
	touch $(STAMP)

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
