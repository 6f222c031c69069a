# kam: two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DEMO := demo

.PHONY: demo test install dev lint typecheck pytest bench catalogs i18n-check mutation clean lock screenshots

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

DEMO_DB := sqlite:///$(DEMO)/kam-workspace.db

demo: install
	$(BIN)/kam demo-data --out $(DEMO)/data
	$(BIN)/kam workspace init --db $(DEMO_DB)
	$(BIN)/kam accounts import $(DEMO)/data/customers.csv --db $(DEMO_DB)
	$(BIN)/kam calls analyze $(DEMO)/data/calls/K002-2026-09-10-discovery.vtt --sales 陳偉 --products 冷軋板 \
		--store --account K002 --at 2026-09-10T10:00 --kind visit --db $(DEMO_DB) --lang zh-Hant
	$(BIN)/kam calls analyze $(DEMO)/data/calls/K001-2026-09-12-first-visit.vtt --sales 王强 --products 镀锌板 \
		--products 热轧卷 --store --account K001 --at 2026-09-12T14:30 --kind visit --db $(DEMO_DB) --lang zh-Hans
	$(BIN)/kam analyze $(DEMO)/data/transactions.csv --customers $(DEMO)/data/customers.csv --out $(DEMO)/out
	@echo ""
	@echo "Open $(DEMO)/out/report.html in a browser; accounts.csv and summary.json are beside it."
	@echo "The workspace $(DEMO)/kam-workspace.db holds the accounts and two coached calls:"
	@echo "  $(BIN)/kam interactions list --db $(DEMO_DB)"

lint: dev
	$(BIN)/ruff check src tests benchmarks tools
	$(BIN)/ruff format --check src tests benchmarks tools

typecheck: dev
	$(BIN)/mypy

pytest: dev
	$(BIN)/pytest -q

test: lint typecheck pytest

bench: dev
	$(BIN)/python benchmarks/analyze_speed.py

# docs/screenshots/report-*.png: the report of the demo company in English and Traditional Chinese, as the
# browser test renders and checks it (tests/render/test_report_browser.py)
screenshots: dev
	KAM_SCREENSHOTS=$(CURDIR)/docs/screenshots $(BIN)/pytest -q tests/render/test_report_browser.py -k screenshot

# Mutation testing of the rule modules (docs/testing.md); slow, so not part of `make test`. A fresh run
# each time: mutmut keeps the verdict of an unchanged function even after a test was added for it.
mutation: dev
	rm -rf mutants
	$(BIN)/mutmut run
	$(BIN)/python tools/mutation_score.py

# The message catalogs (docs/translating.md): the template and the translations follow the English
# catalog, and every catalog is compiled to the kam.mo that kam reads. i18n-check only checks them.
catalogs: dev
	$(BIN)/python -m kam.i18n.catalogs

i18n-check: dev
	$(BIN)/python -m kam.i18n.catalogs --check

lock:
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^-e' > requirements.lock

clean:
	rm -rf $(VENV) $(DEMO) .pytest_cache .mypy_cache .ruff_cache mutants
