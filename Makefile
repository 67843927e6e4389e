# Claim annotator: setup, run, test, benchmark.
# `make run` and `make test` work on a fresh clone; everything installs into .venv.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PACKAGE_STAMP := $(VENV)/.installed-package
# `make pytest` leaves out the tests of the built app (marked package; `make test-package`).
PYTEST_MARKS ?= not package

.PHONY: install run test lint pytest bench clean package test-package install-desktop

install: $(STAMP)

# Re-install only when the project's metadata changed; the install is editable,
# so source edits need nothing.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

# PyInstaller, only for `make package`; re-installed after the main install changed.
$(PACKAGE_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test,package]'
	touch $(PACKAGE_STAMP)

run: install
	$(BIN)/annotator gui --sample

lint: install
	$(BIN)/ruff check annotator tests benchmarks resources packaging docs
	$(BIN)/ruff format --check annotator tests benchmarks resources packaging docs
	$(BIN)/mypy

pytest: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m "$(PYTEST_MARKS)" $(PYTEST_ARGS)

test: lint pytest

# Translations: collect every tr() string of the UI into the template translators start from
# (committed), and build a .qm file from each claim-annotator_<lang>.ts beside it. The app
# loads the one for the system's language at startup (annotator/ui/i18n.py).
TRANSLATIONS := resources/translations
# The titles of user operations (annotator/operations.py) are translated by the UI too.
UI_SOURCES = $(shell find annotator/ui -name "*.py" | sort) annotator/operations.py
.PHONY: translations
translations: install
	$(BIN)/pyside6-lupdate -source-language en -no-obsolete $(UI_SOURCES) \
		-ts $(TRANSLATIONS)/claim-annotator.ts
	for ts in $(TRANSLATIONS)/claim-annotator_*.ts; do \
		[ -e "$$ts" ] || continue; \
		$(BIN)/pyside6-lupdate -no-obsolete $(UI_SOURCES) -ts "$$ts" && \
		$(BIN)/pyside6-lrelease "$$ts" -qm "$${ts%.ts}.qm" || exit 1; \
	done

# The one-folder desktop app: dist/claim-annotator/claim-annotator (see packaging/README.md).
package: $(PACKAGE_STAMP)
	$(BIN)/pyinstaller --noconfirm --distpath dist --workpath build \
		packaging/claim-annotator.spec

# The tests of the built app, among them its --self-test (tests/test_package.py).
test-package: package
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -m package $(PYTEST_ARGS)

# Menu entry, icons and file type for the built app, for this user (~/.local).
install-desktop:
	packaging/install-linux.sh

bench: install
	$(BIN)/python benchmarks/run.py

# The screenshots of the docs (docs/*.png): the sample project in a temporary folder, the
# app's windows opened on it off screen (docs/screenshots.py). Commit the PNGs that changed.
.PHONY: screenshots
screenshots: install
	QT_QPA_PLATFORM=offscreen $(BIN)/python docs/screenshots.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

# Debian/Ubuntu libraries Qt needs on a bare machine (run as root).
QT_DEBIAN_PACKAGES := libegl1 libgl1 libfontconfig1 libfreetype6 libxkbcommon0 libdbus-1-3 \
	libglib2.0-0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 \
	libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libxcb-xkb1

.PHONY: system-deps
system-deps:
	apt-get update && apt-get install -y --no-install-recommends $(QT_DEBIAN_PACKAGES)

# The freedesktop validators the desktop-integration tests run (tests/test_desktop.py);
# CI installs them and sets ANNOTATOR_REQUIRE_TOOLS=1 so those tests cannot skip.
.PHONY: validators
validators:
	command -v desktop-file-validate >/dev/null && command -v appstreamcli >/dev/null || \
		(apt-get update && apt-get install -y --no-install-recommends desktop-file-utils appstream)
