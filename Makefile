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

# Debian/Ubuntu libraries Qt needs on a bare machine (run as root).
QT_DEBIAN_PACKAGES := libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 \
	libglib2.0-0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1

.PHONY: system-deps
system-deps:
	apt-get update && apt-get install -y --no-install-recommends $(QT_DEBIAN_PACKAGES)
