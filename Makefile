# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
MAIL_PORT ?= 8025

.PHONY: run test test-slow test-all bench screenshots clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

# The API and the web app, the worker, and a local SMTP catcher that keeps every email under
# instance/mail/.
run: $(VENV)/.installed
	$(BIN)/feedback-desk db upgrade
	@export MAIL_SERVER=127.0.0.1 MAIL_PORT=$(MAIL_PORT); \
	$(BIN)/feedback-desk mail-catcher --port $(MAIL_PORT) --directory instance/mail & catcher=$$!; \
	$(BIN)/feedback-desk worker & worker=$$!; \
	trap 'kill $$worker $$catcher 2>/dev/null; wait' EXIT INT TERM; \
	$(BIN)/feedback-desk run --host $(HOST) --port $(PORT)

# The fast loop: lint, format, and every test but the slow ones.
test: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -m "not slow" $(PYTEST_ARGS)

# Only the slow tests (fuzzing, chaos). Exit code 5, "no tests collected", is not a failure:
# a PYTEST_ARGS selection may hold no slow test.
test-slow: $(VENV)/.installed-test
	$(BIN)/pytest -m slow $(PYTEST_ARGS) || [ $$? -eq 5 ]

# Everything: lint, format, every test.
test-all: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest $(PYTEST_ARGS)

bench: $(VENV)/.installed-test
	$(BIN)/python bench/api_throughput.py
	$(BIN)/python bench/request_cpu.py
	$(BIN)/python bench/outbox_throughput.py
	$(BIN)/python bench/sweep_scale.py
	$(BIN)/python bench/list_filters.py
	$(BIN)/python bench/triage_eval.py
	$(BIN)/python bench/import_throughput.py
	$(BIN)/python bench/web_pages.py

# PNGs of the web app's main pages, laptop and phone, into docs/screenshots/ (needs Chromium).
screenshots: $(VENV)/.installed-test
	$(BIN)/pytest -q tests/browser/screenshots.py

clean:
	rm -rf $(VENV) instance
