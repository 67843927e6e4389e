# Claim annotator: setup, run, test, benchmark.
# `make run` and `make test` work on a fresh clone; everything installs into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint pytest bench clean

install: $(STAMP)

# Re-install only when the project's metadata changed; the install is editable,
# so source edits need nothing.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

run: install
	$(BIN)/annotator gui --sample

lint: install
	$(BIN)/ruff check annotator tests benchmarks resources
	$(BIN)/ruff format --check annotator tests benchmarks resources
	$(BIN)/mypy

pytest: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS)

test: lint pytest

bench: install
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
