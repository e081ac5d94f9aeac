# Two commands for a newcomer: `make run` opens the app, `make test` runs the suite.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint bench demo clean

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
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

demo: $(STAMP)
	$(VENV)/bin/dabir demo

clean:
	rm -rf $(VENV) build dist *.egg-info .pytest_cache .ruff_cache
