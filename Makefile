# Two commands for a newcomer: `make run` opens the app, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench demo clean dist install-desktop

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

# The test tools and PyInstaller (tests/test_bundle.py builds the bundle as CI does).
$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test,dist]'
	touch $(STAMP)

run: $(STAMP)
	$(VENV)/bin/dabir

test: $(STAMP)
	$(PY) -m ruff check app ui tests bench tools
	$(PY) -m tools.import_cycles
	$(PY) -m mypy
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest -q

# Every script in bench/ that measures (generate.py only builds the stores they share).
bench: $(STAMP)
	$(PY) bench/startup.py
	$(PY) bench/minutes.py
	$(PY) bench/signing.py
	$(PY) bench/tracker.py
	$(PY) bench/tracker_window.py
	$(PY) bench/integrity.py
	$(PY) bench/cli_list.py
	$(PY) bench/final_minutes.py
	$(PY) bench/cosign.py
	$(PY) bench/package.py

# The one-folder desktop build (build_installer.spec) in dist/dabir; README says how on Windows.
dist: $(STAMP)
	$(PY) -m PyInstaller --noconfirm --clean --distpath dist --workpath build build_installer.spec

# Dabir in this user's desktop menu, with its icon (PROGRAM=dist/dabir/dabir for the bundle).
install-desktop: $(STAMP)
	$(PY) -m tools.install_desktop $(if $(PROGRAM),--program $(PROGRAM))

demo: $(STAMP)
	$(VENV)/bin/dabir demo

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
