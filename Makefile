# kam: two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := demo

.PHONY: demo test install dev lint typecheck pytest bench clean lock

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(VENV)/.kam-installed: $(BIN)/python pyproject.toml requirements.lock
	$(BIN)/python -m pip install -q -c requirements.lock -e .
	touch $@

$(VENV)/.kam-dev-installed: $(VENV)/.kam-installed
	$(BIN)/python -m pip install -q -c requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.kam-installed
dev: $(VENV)/.kam-dev-installed

demo: install
	$(BIN)/kam demo-data --out $(DEMO)/data
	$(BIN)/kam analyze $(DEMO)/data/transactions.csv --customers $(DEMO)/data/customers.csv --out $(DEMO)/out
	@echo ""
	@echo "Open $(DEMO)/out/report.html in a browser; accounts.csv and summary.json are beside it."

lint: dev
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: dev
	$(BIN)/mypy

pytest: dev
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: dev
	$(BIN)/python benchmarks/analyze_speed.py

lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache
