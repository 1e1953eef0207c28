# Every target creates the virtualenv it needs; nothing depends on what was installed by hand.
SHELL := /bin/bash
PYTHON ?= python3
# One virtualenv per interpreter: `make test PYTHON=python3.13` leaves .venv (python3) alone.
VENV ?= $(if $(filter python3,$(PYTHON)),.venv,.venv-$(notdir $(PYTHON)))
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench package deb test-deb test-sdist system-deps clean check-snippets

$(STAMP): pyproject.toml
	@bash scripts/bootstrap-venv.sh "$(PYTHON)" "$(VENV)"
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $@

# Qt's own system libraries (xcb, EGL, fontconfig...): installed with apt-get where possible.
system-deps: $(STAMP)
	@bash scripts/install-system-deps.sh $(BIN)/python

run: system-deps
	$(BIN)/python -m http_status_browser

lint: $(STAMP)
	$(BIN)/ruff check app tests tests_snippets benchmarks packaging
	$(BIN)/ruff format --check app tests tests_snippets benchmarks packaging
	$(BIN)/mypy --strict app

test: lint system-deps
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Every snippet for every code, run in its real framework or client (tests_snippets/run.py);
# installs the frameworks (pip extra, apt-get, npm) on first use.
check-snippets: $(STAMP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[snippets]'
	bash scripts/install-snippet-toolchains.sh
	$(BIN)/python -m tests_snippets.run

bench: system-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[package,bench]'
	bash scripts/install-goaccess.sh
	$(BIN)/python -m benchmarks.run

# PyInstaller bundle for this platform in dist/, smoke-tested (see packaging/build.sh).
package: system-deps
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[package]'
	bash packaging/build.sh $(BIN)/python

# The Debian package (dist/*.deb) around the bundle, checked by lintian; as root on Debian or
# Ubuntu, installing its tools (dpkg-dev, lintian, desktop-file-utils, appstream) itself.
deb: package
	bash scripts/install-deb-tools.sh
	bash packaging/deb/build-deb.sh $(BIN)/python

# Installs the .deb with dpkg, runs it, purges it and checks nothing is left (as root).
test-deb: deb
	QT_QPA_PLATFORM=offscreen HSB_DEB="$$(ls dist/http-status-browser_*.deb)" \
		$(BIN)/python -m pytest -m deb tests/test_deb_install.py

# The sdist, unpacked into build/sdist/, passes its own `make test` (with its own .venv).
test-sdist: $(STAMP)
	bash packaging/test-sdist.sh $(BIN)/python "$(PYTHON)"

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache .cache
